using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;

namespace Reactivation.Cli.Tests;

/// <summary>
/// `reactivation initialise` as an admin rehearses go-live: a purchase log's customers created before the solution is
/// imported, rx_InitialiseContacts called page by page, what it prints, a second run that writes nothing, the first morning.
/// </summary>
[TestClass]
public sealed class InitialiseCommandTests
{
    private static readonly DateOnly GoLive = new(2026, 3, 10);
    private static readonly LifecycleStage[] Dormant = [LifecycleStage.Silent, LifecycleStage.Sleeping, LifecycleStage.Lost];

    [TestMethod]
    public void Sixty_existing_customers_are_initialised_in_pages_to_the_stages_Core_computes_and_the_dormant_ones_get_their_attempts_on_the_first_morning()
    {
        var purchases = Log(customers: 60, new Random(3));
        var log = SimulationRun.TempFile(".csv", Csv(purchases));

        var (code, output, errors) = SimulationRun.Run("initialise", "--transactions", log, "--as-of", "2026-03-10", "--page-size", "25", "--first-morning");

        Assert.AreEqual(0, code, errors);
        StringAssert.Contains(output, $"Seeded 60 contacts and {purchases.Count:N0} orders from {Path.GetFileName(log)} before the solution was imported");
        StringAssert.Contains(output, "Go-live 2026-03-10 09:00 (UTC offset 0 minutes): rx_InitialiseContacts with PageSize 25, until MoreRecords is false.");
        var calls = Regex.Matches(output, @"^  call (\d+): initialised (\d+), skipped 0, orders recorded (\d+), due for outreach (\d+); (\d+) requests", RegexOptions.Multiline);
        CollectionAssert.AreEqual(new[] { "25", "25", "10" }, calls.Select(c => c.Groups[2].Value).ToArray(), "60 contacts, 25 a call");
        Assert.AreEqual(purchases.Count, calls.Sum(c => int.Parse(c.Groups[3].Value, CultureInfo.InvariantCulture)), "every order recorded once");
        StringAssert.Contains(output, $"Initialised 60 contacts in 3 calls");
        StringAssert.Contains(output, "Report: no problems.");
        StringAssert.Contains(output, "Second run: 1 call, initialised 0, 0 writes.");

        var expected = ExpectedStages(purchases, GoLive.ToDateTime(new TimeOnly(9, 5), DateTimeKind.Utc));
        var stageLines = Regex.Matches(output, @"^Stages: (.*)$", RegexOptions.Multiline);
        Assert.HasCount(2, stageLines, "after the initialisation and after the first morning");
        Assert.AreEqual(Describe(expected), stageLines[0].Groups[1].Value.TrimEnd('\r'), "stages after the initialisation, as Core computes them from the log");

        var dormant = Dormant.Sum(s => expected.GetValueOrDefault(s));
        Assert.IsGreaterThan(5, dormant, "the log has dormant customers to win back");
        Assert.AreEqual(dormant, calls.Sum(c => int.Parse(c.Groups[4].Value, CultureInfo.InvariantCulture)), "every dormant customer is due for outreach");
        var morning = Regex.Match(output, @"^First morning \(2026-03-11 02:30\): rx_EvaluateDueContacts in 1 call evaluated (\d+) contacts .*; attempts (\d+),", RegexOptions.Multiline);
        Assert.IsTrue(morning.Success, output);
        Assert.AreEqual(dormant.ToString(CultureInfo.InvariantCulture), morning.Groups[2].Value, "one attempt per dormant customer, started by the daily evaluation");
    }

    [TestMethod]
    public void A_log_with_purchases_on_the_go_live_day_is_refused_naming_the_file_and_the_count()
    {
        var log = SimulationRun.TempFile(".csv", "customer,date,amount\nA,2026-03-01,10.00\nB,2026-03-10,20.00\nC,2026-03-12,5.00\n");

        var (code, output, errors) = SimulationRun.Run("initialise", "--transactions", log, "--as-of", "2026-03-10");

        Assert.AreEqual(1, code, output);
        Assert.AreEqual($"reactivation initialise: {log}: 2 purchases are on or after the go-live day 2026-03-10; choose a later --as-of.", errors.Trim());
    }

    [TestMethod]
    public void Usage_errors_name_the_missing_log_the_bad_page_size_and_the_unknown_option()
    {
        var log = SimulationRun.TempFile(".csv", "customer,date,amount\nA,2026-03-01,10.00\n");

        var missing = SimulationRun.Run("initialise");
        var pageSize = SimulationRun.Run("initialise", "--transactions", log, "--page-size", "5000");
        var unknown = SimulationRun.Run("initialise", "--transactions", log, "--pages", "3");

        Assert.AreEqual((2, "reactivation initialise: --transactions FILE is needed: the purchase log whose customers the organisation already has."), (missing.Code, missing.Err.Trim()));
        Assert.AreEqual((1, "reactivation initialise: --page-size '5000' is not a whole number from 1 to 1000."), (pageSize.Code, pageSize.Err.Trim()));
        Assert.AreEqual((2, "reactivation initialise: unknown option '--pages'."), (unknown.Code, unknown.Err.Trim()));
    }

    private static List<(string Customer, DateOnly Date, decimal Amount)> Log(int customers, Random random)
    {
        var purchases = new List<(string, DateOnly, decimal)>();
        for (var c = 1; c <= customers; c++)
        {
            var count = 1 + random.Next(5);
            for (var p = 0; p < count; p++) purchases.Add(("K" + c, GoLive.AddDays(-1 - random.Next(700)), 20m + random.Next(400)));
        }

        return purchases;
    }

    private static string Csv(List<(string Customer, DateOnly Date, decimal Amount)> purchases)
    {
        var text = new StringBuilder("customer,date,amount\n");
        foreach (var (customer, date, amount) in purchases) text.Append(CultureInfo.InvariantCulture, $"{customer},{date:yyyy-MM-dd},{amount:0.00}\n");
        return text.ToString();
    }

    /// <summary>Each customer's stage at go-live from the shipped lifecycle ruleset, through Core alone: orders fulfilled at noon of their day.</summary>
    private static Dictionary<LifecycleStage, int> ExpectedStages(List<(string Customer, DateOnly Date, decimal Amount)> purchases, DateTime utcNow)
    {
        var lifecycle = RulesetLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "default", "lifecycle.json")), "lifecycle.json").GetRulesetOrThrow();
        var counts = new Dictionary<LifecycleStage, int>();
        foreach (var customer in purchases.GroupBy(p => p.Customer))
        {
            var input = new CustomerFactsInput { UtcNow = utcNow, OrganisationTimeZone = TimeZoneInfo.Utc };
            foreach (var p in customer) input.Purchases.Add(new Purchase(p.Date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), p.Amount));
            var stage = LifecycleEvaluator.Evaluate(lifecycle, CustomerFactsBuilder.Build(input)).Stage!.Value;
            counts[stage] = counts.GetValueOrDefault(stage) + 1;
        }

        return counts;
    }

    private static string Describe(Dictionary<LifecycleStage, int> counts) =>
        string.Join(", ", Enum.GetValues<LifecycleStage>().Where(counts.ContainsKey).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s} {counts[s]:N0}")));
}
