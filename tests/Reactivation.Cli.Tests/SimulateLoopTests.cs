using Newtonsoft.Json.Linq;

namespace Reactivation.Cli.Tests;

/// <summary>
/// The attempt loop per preset, from the summary JSON: every preset's half year (150 members, each preset's own store:
/// a dental practice with its patients' past, a lending app's funnel, the salon for the others) has attempts that
/// reach the wake step and convert after it, and none left open past its deadline. A suppressed attempt gets a retry
/// date when its block lifts (a cap window, a gap, the next campaign for Lost customers, which the simulated store plans
/// for the first week of every month); only consent never lifts by itself, and a customer who opted out of the
/// channels a message may use but not of calls gets the rep's call instead, so in no preset is one left without a retry.
/// </summary>
[TestClass]
public sealed class SimulateLoopTests
{
    public static IEnumerable<object[]> Presets => new[] { "beauty-salon", "consumer-finance", "dental", "med-aesthetics", "restaurant" }.Select(p => new object[] { p });

    [TestMethod]
    [DynamicData(nameof(Presets))]
    public void Every_preset_leaves_no_attempt_open_past_its_deadline_and_retries_what_it_suppressed(string preset)
    {
        var summary = Simulate(preset);

        Assert.AreEqual(0, (int)summary["openPastDeadline"]!, Counts(preset, summary));
        Assert.AreEqual(0, (int)summary["suppressedWithoutRetry"]!, Counts(preset, summary));
        var byPurpose = (JObject)summary["attemptsByPurpose"]!;
        Assert.AreEqual((int)summary["attempts"]!, byPurpose.Properties().Sum(p => (int)p.Value), "every attempt has a purpose");
        // Only the dental preset (its six-month recall reminder, for patients still Active) and the salon (its care call to a
        // regular showing signs of leaving) have care rules.
        Assert.AreEqual(preset is "dental" or "beauty-salon", ((int?)byPurpose["Care"] ?? 0) > 0, preset + ": " + byPurpose.ToString(Newtonsoft.Json.Formatting.None));
    }

    [TestMethod]
    [DynamicData(nameof(Presets))]
    public void Every_preset_reaches_the_wake_step_and_converts_after_it(string preset)
    {
        var summary = Simulate(preset);

        Assert.IsGreaterThan(0, (int)summary["attemptsReachingWake"]!, Counts(preset, summary));
        Assert.IsGreaterThan(0, (int)summary["attemptsConvertedAfterWake"]!, Counts(preset, summary));
        Assert.IsLessThanOrEqualTo((int)summary["funnel"]!["converted"]!, (int)summary["attemptsConvertedAfterWake"]!, Counts(preset, summary));
        Assert.AreEqual(0, (int)summary["openPastDeadline"]!, Counts(preset, summary));
    }

    [TestMethod]
    public void The_salons_messages_are_counted_along_the_funnel_by_channel_each_point_a_share_of_the_one_before()
    {
        var funnels = (JObject)Simulate("beauty-salon")["funnelByChannel"]!;

        CollectionAssert.AreEqual(new[] { "Sms", "WeChat" }, funnels.Properties().Select(p => p.Name).ToArray(), "the salon's message channels");
        foreach (var (channel, funnel) in funnels)
        {
            var points = new[] { "sent", "delivered", "clickedOrReplied", "converted" }.Select(p => (int)funnel![p]!).ToArray();
            Assert.IsGreaterThan(0, points[^1], channel + ": some messages end in a win-back");
            for (var i = 1; i < points.Length; i++) Assert.IsLessThanOrEqualTo(points[i - 1], points[i], channel + ": " + funnel);
            Assert.AreEqual(Math.Round((double)points[1] / points[0], 4), (double)funnel!["deliveredRate"]!, channel);
            Assert.AreEqual(Math.Round((double)points[2] / points[1], 4), (double)funnel["clickedOrRepliedRate"]!, channel);
            Assert.AreEqual(Math.Round((double)points[3] / points[2], 4), (double)funnel["convertedRate"]!, channel);
            // Visits and applications branch from the clicks: the store's site writes them back after a click, never after a reply.
            var (visited, applied) = ((int)funnel["visitedOrLoggedIn"]!, (int)funnel["applied"]!);
            Assert.IsTrue(0 < applied && applied <= visited && visited <= points[2], channel + ": " + funnel);
            Assert.AreEqual(Math.Round((double)visited / points[2], 4), (double)funnel["visitedOrLoggedInRate"]!, channel);
            Assert.AreEqual(Math.Round((double)applied / visited, 4), (double)funnel["appliedRate"]!, channel);
        }
    }

    private static JObject Simulate(string preset)
    {
        var json = SimulationRun.TempPath(".json");
        var (code, _, errors) = SimulationRun.Run("simulate", "--preset", preset, "--members", "150", "--to", "2025-06-30", "--summary-json", json, "--report", SimulationRun.TempPath(".html"));
        Assert.AreEqual(0, code, errors);
        return JObject.Parse(File.ReadAllText(json));
    }

    private static string Counts(string preset, JObject summary) =>
        $"{preset}: wake {summary["attemptsReachingWake"]}, converted after wake {summary["attemptsConvertedAfterWake"]}, suppressed without retry {summary["suppressedWithoutRetry"]}, open past deadline {summary["openPastDeadline"]}";
}
