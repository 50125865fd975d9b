using Newtonsoft.Json;
using Reactivation.Core.Facts;

namespace Reactivation.Cli.Simulation;

/// <summary>The octants of each month end: a table in the summary, <c>octants</c> and <c>octantSplits</c> in the JSON.</summary>
public static partial class SimulationSummary
{
    private static readonly string[] OctantColumns = [.. OctantNames.All, SimulationEngine.NoOctant];

    private static void WriteOctants(TextWriter w, SimulationResult result)
    {
        w.WriteLine();
        w.WriteLine("Customers per octant at each month end (split points: the medians of that night's buying customers; None: not bought yet):");
        w.WriteLine("  " + "month end".PadRight(12) + "split points".PadRight(34) + string.Concat(OctantColumns.Select(o => Short(o).PadLeft(9))));
        foreach (var snapshot in result.Snapshots)
        {
            var splits = snapshot.OctantSplits is { } s
                ? string.Create(Invariant, $"spend>{s.SpendAbove:0.##} orders>{s.PurchasesAbove} days<={s.RecentWithinDays}")
                : "(nobody bought yet)";
            w.WriteLine("  " + snapshot.Date.ToString("yyyy-MM-dd", Invariant).PadRight(12) + splits.PadRight(34)
                + string.Concat(OctantColumns.Select(o => snapshot.Octants.GetValueOrDefault(o).ToString(Invariant).PadLeft(9))));
        }
    }

    /// <summary>ImportantValue → ImpValue, GeneralWinBack → GenWinBack: the table's column heads.</summary>
    private static string Short(string octant) => octant.Replace("Important", "Imp", StringComparison.Ordinal).Replace("General", "Gen", StringComparison.Ordinal).Replace("Development", "Dev", StringComparison.Ordinal).Replace("Retention", "Keep", StringComparison.Ordinal);

    private static void OctantsJson(JsonTextWriter w, StageSnapshot snapshot)
    {
        w.WritePropertyName("octants");
        w.WriteStartObject();
        foreach (var octant in OctantColumns) Property(w, octant, snapshot.Octants.GetValueOrDefault(octant));
        w.WriteEndObject();
        w.WritePropertyName("octantSplits");
        if (snapshot.OctantSplits is not { } splits)
        {
            w.WriteNull();
            return;
        }

        w.WriteStartObject();
        Property(w, "spendAbove", splits.SpendAbove);
        Property(w, "purchasesAbove", splits.PurchasesAbove);
        Property(w, "recentWithinDays", splits.RecentWithinDays);
        w.WriteEndObject();
    }
}
