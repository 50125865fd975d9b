using System.Globalization;
using Newtonsoft.Json.Linq;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;

namespace Reactivation.Cli.Tests;

/// <summary>
/// On the real CDNOW log the month-end stage counts the organisation holds after the simulated run must follow exactly
/// from the default lifecycle ruleset: computed here independently, through Core alone, customer by customer.
/// </summary>
[TestClass]
public sealed class SimulateCdnowTests
{
    /// <summary>The first 600 customers (about 1,800 purchases) over all 18 months: the full log is the report's run.</summary>
    private const int Customers = 600;

    [TestMethod]
    public void Month_end_stage_counts_on_a_CDNOW_subset_are_what_the_default_lifecycle_ruleset_gives()
    {
        var log = SimulationRun.CdnowLog();
        if (log is null)
        {
            Assert.Inconclusive("../shared/datasets/cdnow/CDNOW_master.txt is absent (the shared data beside the repository); this check needs the real CDNOW log.");
        }

        var lines = File.ReadLines(log).Take(1).Concat(File.ReadLines(log).Skip(1).Where(l => int.Parse(l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) <= Customers)).ToList();
        var subset = SimulationRun.TempFile(".txt", string.Join("\n", lines));
        var json = SimulationRun.TempPath(".json");

        var (code, output, errors) = SimulationRun.Run("simulate", "--transactions", subset, "--format", "cdnow", "--from", "1997-01-01", "--to", "1998-06-30", "--summary-json", json, "--report", SimulationRun.TempPath(".html"));

        Assert.AreEqual(0, code, errors);
        var snapshots = (JArray)JObject.Parse(File.ReadAllText(json))["snapshots"]!;
        var expected = ExpectedMonthEnds(lines.Skip(1));
        Assert.HasCount(18, snapshots);
        foreach (var snapshot in snapshots)
        {
            var date = DateOnly.ParseExact((string)snapshot["date"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var actual = ((JObject)snapshot["stages"]!).Properties().Where(p => (int)p.Value != 0).ToDictionary(p => p.Name, p => (int)p.Value);
            CollectionAssert.AreEquivalent(expected[date].ToList(), actual.ToList(), $"stage counts on {date:yyyy-MM-dd}");
        }

        StringAssert.Contains(output, "Customers " + Customers.ToString(CultureInfo.InvariantCulture) + ",");
    }

    /// <summary>Each customer's purchases up to each month end, their facts built by Core, the shipped lifecycle ruleset applied.</summary>
    private static Dictionary<DateOnly, Dictionary<string, int>> ExpectedMonthEnds(IEnumerable<string> lines)
    {
        var lifecycle = RulesetLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "default", "lifecycle.json")), "lifecycle.json").GetRulesetOrThrow();
        var purchases = lines
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (Customer: f[0], Date: DateOnly.ParseExact(f[1], "yyyyMMdd", CultureInfo.InvariantCulture), Amount: decimal.Parse(f[3], CultureInfo.InvariantCulture)))
            .GroupBy(p => p.Customer)
            .ToList();
        var result = new Dictionary<DateOnly, Dictionary<string, int>>();
        for (var monthEnd = new DateOnly(1997, 1, 31); monthEnd <= new DateOnly(1998, 6, 30); monthEnd = monthEnd.AddDays(1).AddMonths(1).AddDays(-1))
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var customer in purchases)
            {
                var input = new CustomerFactsInput { UtcNow = monthEnd.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc) };
                foreach (var p in customer.Where(p => p.Date <= monthEnd)) input.Purchases.Add(new Purchase(p.Date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), p.Amount));
                if (input.Purchases.Count == 0) continue; // not a customer yet: created on their first purchase
                var stage = LifecycleEvaluator.Evaluate(lifecycle, CustomerFactsBuilder.Build(input)).Stage!.Value.ToString();
                counts[stage] = counts.GetValueOrDefault(stage) + 1;
            }

            result.Add(monthEnd, counts);
        }

        return result;
    }
}
