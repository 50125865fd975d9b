using Newtonsoft.Json.Linq;

namespace Reactivation.Cli.Tests;

/// <summary>`simulate --holdout`: held-out customers get Holdout attempts, and the summary compares them with the treated ones.</summary>
[TestClass]
public sealed class SimulateUpliftTests
{
    [TestMethod]
    public void A_holdout_run_reports_the_holdout_share_of_its_attempts_and_uplift_per_stage_and_offer()
    {
        var summary = Run("--holdout", "20");

        var outcomes = (JObject)summary["attemptsByOutcome"]!;
        var holdouts = (int)outcomes["Holdout"]!;
        Assert.IsGreaterThan(0, holdouts, "some customers are held out");
        // One customer stage stint is one observation (a stint's second attempt is the same customer): the share is of the
        // stints, near the 20 % the hash of contact and stage entry holds out.
        var share = (double)summary["holdoutShare"]!;
        Assert.IsTrue(share > 0.1 && share < 0.3, $"held-out stints: {share:P1}");
        var rows = ((JArray)summary["uplift"]!).Cast<JObject>().ToList();
        var total = rows[^1];
        Assert.AreEqual("All", (string)total["stage"]!);
        Assert.AreEqual("All", (string)total["offer"]!);
        Assert.IsGreaterThan(0, (int)total["holdout"]!);
        Assert.IsLessThanOrEqualTo(holdouts, (int)total["holdout"]!, "attempts whose 30 days run past the last day are not compared");
        foreach (var stage in rows.Where(r => (string)r["offer"]! == "All" && (string)r["stage"]! != "All"))
        {
            var offers = rows.Where(r => (string)r["stage"]! == (string)stage["stage"]! && (string)r["offer"]! != "All").ToList();
            Assert.AreEqual((int)stage["treated"]!, offers.Sum(r => (int)r["treated"]!), "a stage's offers add up to the stage");
            Assert.AreEqual((int)stage["holdout"]!, offers.Sum(r => (int)r["holdout"]!));
        }

        Assert.AreEqual((int)total["treated"]!, rows.Where(r => (string)r["offer"]! == "All" && (string)r["stage"]! != "All").Sum(r => (int)r["treated"]!), "the stages add up to the whole");
        foreach (var row in rows)
        {
            var enough = (bool)row["enoughData"]!;
            Assert.AreEqual(enough, (int)row["treated"]! >= 30 && (int)row["holdout"]! >= 30, "the stated minimum: 30 customers in each group");
            if (!enough) Assert.AreEqual(JTokenType.Null, row["difference"]!.Type, "no difference claimed below the minimum");
            else Assert.IsTrue((double)row["ciLow"]! <= (double)row["difference"]! && (double)row["difference"]! <= (double)row["ciHigh"]!);
        }
    }

    [TestMethod]
    public void Without_a_holdout_nobody_is_held_out()
    {
        var summary = Run();

        Assert.IsNull(((JObject)summary["attemptsByOutcome"]!)["Holdout"]);
        Assert.AreEqual(0.0, (double)summary["holdoutShare"]!);
        Assert.IsTrue(((JArray)summary["uplift"]!).All(r => (int)r["holdout"]! == 0));
    }

    [TestMethod]
    public void A_holdout_above_half_is_refused_naming_the_option()
    {
        var (code, _, errors) = SimulationRun.Run("simulate", "--members", "20", "--to", "2025-01-31", "--holdout", "60", "--report", SimulationRun.TempPath(".html"));

        Assert.AreEqual(1, code);
        StringAssert.Contains(errors, "--holdout '60' is not a percent from 0 to 50.");
    }

    private static JObject Run(params string[] extra)
    {
        var json = SimulationRun.TempPath(".json");
        var (code, _, errors) = SimulationRun.Run(["simulate", "--members", "150", "--to", "2025-06-30", .. extra, "--summary-json", json, "--report", SimulationRun.TempPath(".html")]);
        Assert.AreEqual(0, code, errors);
        return JObject.Parse(File.ReadAllText(json));
    }
}
