using System.Text.Json;
using Reactivation.Core.Facts;

namespace Reactivation.Rules.ReferenceTests;

/// <summary>Facts as one line of JSON: what a failure message shows so the case can be replayed.</summary>
internal static class FactsJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Serialize(CustomerFacts facts) => JsonSerializer.Serialize(facts, Options);
}
