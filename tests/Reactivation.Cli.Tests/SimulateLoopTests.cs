using Newtonsoft.Json.Linq;

namespace Reactivation.Cli.Tests;

/// <summary>
/// The attempt loop per preset, from the summary JSON. What holds today is asserted; the counts that show the loop is
/// still broken (suppressions without a retry; no wake step in consumer-finance and dental) are issue 12 step 2's work.
/// </summary>
[TestClass]
public sealed class SimulateLoopTests
{
    public static IEnumerable<object[]> Presets => new[] { "beauty-salon", "consumer-finance", "dental", "med-aesthetics", "restaurant" }.Select(p => new object[] { p });

    [TestMethod]
    [DynamicData(nameof(Presets))]
    public void Every_preset_leaves_no_attempt_open_past_its_deadline(string preset)
    {
        var summary = Simulate(preset);

        Assert.AreEqual(0, (int)summary["openPastDeadline"]!, Counts(preset, summary));
        Assert.IsLessThanOrEqualTo((int?)summary["attemptsByOutcome"]!["Suppressed"] ?? 0, (int)summary["suppressedWithoutRetry"]!, Counts(preset, summary));
    }

    [TestMethod]
    public void The_salon_reaches_the_wake_step_and_converts_after_it()
    {
        var summary = Simulate("beauty-salon");

        Assert.IsGreaterThan(0, (int)summary["attemptsReachingWake"]!, Counts("beauty-salon", summary));
        Assert.IsGreaterThan(0, (int)summary["attemptsConvertedAfterWake"]!, Counts("beauty-salon", summary));
        Assert.IsLessThanOrEqualTo((int)summary["funnel"]!["converted"]!, (int)summary["attemptsConvertedAfterWake"]!, Counts("beauty-salon", summary));
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
