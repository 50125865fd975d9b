using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.TestPlugins;

/// <summary>A step's unsecure configuration as "key=value;key=value" (keys case-insensitive).</summary>
public sealed class StepConfiguration
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public StepConfiguration(string? text)
    {
        foreach (var part in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidPluginExecutionException($"Step configuration part '{part}' is not key=value.");
            }

            _values[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
    }

    public string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    public string Require(string key) =>
        Get(key) ?? throw new InvalidPluginExecutionException($"Step configuration lacks '{key}'.");

    public string Label => Get("label") ?? "unlabelled";

    /// <summary>"int:5", "bool:true", "option:3" or plain text.</summary>
    public static object ParseValue(string text)
    {
        if (text.StartsWith("int:", StringComparison.Ordinal))
        {
            return int.Parse(text[4..], CultureInfo.InvariantCulture);
        }

        if (text.StartsWith("bool:", StringComparison.Ordinal))
        {
            return bool.Parse(text[5..]);
        }

        if (text.StartsWith("option:", StringComparison.Ordinal))
        {
            return new OptionSetValue(int.Parse(text[7..], CultureInfo.InvariantCulture));
        }

        return text;
    }
}
