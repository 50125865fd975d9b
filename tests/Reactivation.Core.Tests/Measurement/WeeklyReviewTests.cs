using Reactivation.Core.Measurement;

namespace Reactivation.Core.Tests.Measurement;

/// <summary>The weekly review over a constructed history whose figures are worked out by hand.</summary>
[TestClass]
public sealed class WeeklyReviewTests
{
    private static readonly DateTime Week1 = new(2026, 1, 5);
    private static readonly DateTime Week2 = new(2026, 1, 12);

    private static ReviewHistory History()
    {
        var history = new ReviewHistory();
        foreach (var stage in new[] { "Active", "Silent", "Sleeping" }) history.Stages.Add(stage);
        history.StageMoves.Add(new StageMove(Week1.AddDays(1), "Active", "Silent"));
        history.StageMoves.Add(new StageMove(Week1.AddDays(2), "Silent", "Sleeping"));
        history.StageMoves.Add(new StageMove(Week1.AddDays(4), null, "Active"));
        history.StageMoves.Add(new StageMove(Week2, "Silent", "Active"));
        for (var reached = 1; reached <= 4; reached++) history.Messages.Add(new MessageReach(Week1.AddDays(reached), "Sms", reached));
        history.Messages.Add(new MessageReach(Week1.AddDays(6), "WeCom", 2));
        history.Messages.Add(new MessageReach(Week2, "Sms", 1));

        // Week 1, offer A: 12 of 40 treated and 3 of 30 held out bought; offer B: 5 of 10 treated, 0 of 5 held out.
        Attempts(history, Week1, "A", heldOut: false, 40, 12);
        Attempts(history, Week1.AddDays(3), "A", heldOut: true, 30, 3);
        Attempts(history, Week1, "B", heldOut: false, 10, 5);
        Attempts(history, Week1, "B", heldOut: true, 5, 0);
        // Week 2: offer B, 1 of 5 treated; and one whose window is still running.
        Attempts(history, Week2, "B", heldOut: false, 5, 1);
        history.Attempts.Add(new ReviewAttempt(Week2, new MeasuredAttempt("Sleeping", "B", heldOut: true, converted: null, 0m)));

        history.Reps.Add(new KeyValuePair<string, IList<string>>("ana", ["care-team"]));
        history.Targets.Add(new RepTarget("care-team", RepKpi.TasksDone, KpiPeriod.Week, 8, Week1));
        for (var i = 0; i < 6; i++) history.Work.Add(new RepWorkItem("ana", Week1.AddDays(i), RepKpi.TasksDone));
        return history;
    }

    private static void Attempts(ReviewHistory history, DateTime on, string offer, bool heldOut, int customers, int converted)
    {
        for (var i = 0; i < customers; i++) history.Attempts.Add(new ReviewAttempt(on, new MeasuredAttempt("Sleeping", offer, heldOut, i < converted, i < converted ? 100m : 0m)));
    }

    [TestMethod]
    public void Each_week_has_its_stage_flow_and_its_funnel_per_channel_with_the_rate_at_each_point()
    {
        var weeks = WeeklyReview.Of(History(), Week1.AddDays(2), Week2.AddDays(1));

        Assert.HasCount(2, weeks);
        Assert.AreEqual(Week1, weeks[0].Start);
        CollectionAssert.AreEqual(new[] { "Active 1/1", "Silent 1/1", "Sleeping 1/0" }, weeks[0].StageFlow.Select(s => $"{s.Stage} {s.Entered}/{s.Left}").ToArray(), "entered/left");
        CollectionAssert.AreEqual(new[] { "Active 1/0", "Silent 0/1", "Sleeping 0/0" }, weeks[1].StageFlow.Select(s => $"{s.Stage} {s.Entered}/{s.Left}").ToArray());

        CollectionAssert.AreEqual(new[] { "Sms", "WeCom" }, weeks[0].Funnel.Select(f => f.Channel).ToArray());
        // 4 sent; 3 delivered (3/4); 2 clicked or replied (2/3); 1 converted (1/2).
        CollectionAssert.AreEqual(
            new[] { "Sent 4 1", "Delivered 3 0.75", "ClickedOrReplied 2 0.6667", "Converted 1 0.5" },
            weeks[0].Funnel[0].Points.Select(p => $"{p.Point} {p.Count} {Math.Round(p.Rate!.Value, 4)}").ToArray());
        CollectionAssert.AreEqual(new[] { "Sent 1 1", "Delivered 1 1", "ClickedOrReplied 0 0", "Converted 0 " }, weeks[0].Funnel[1].Points.Select(p => $"{p.Point} {p.Count} {(p.Rate is { } r ? Math.Round(r, 4) : "")}").ToArray(), "nothing clicked: no rate after it");
        Assert.AreEqual(1, weeks[1].Funnel.Single().Points[0].Count);
    }

    [TestMethod]
    public void Uplift_compares_treated_with_held_out_with_Newcombes_interval_and_says_when_there_is_not_enough_data()
    {
        var weeks = WeeklyReview.Of(History(), Week1, Week2);

        // Week 1: 17 of 50 treated (0.34) against 3 of 35 held out (0.0857): +0.2543, Newcombe 95 % [0.0742, 0.4037]
        // (Wilson 17/50 = [0.2244, 0.4785], 3/35 = [0.0296, 0.2238]: 0.2543 - sqrt(0.1156² + 0.1381²), 0.2543 + sqrt(0.1385² + 0.0561²)).
        var week1 = weeks[0].Uplift;
        Assert.AreEqual((50L, 17L, 35L, 3L), (week1.TreatedCustomers, week1.TreatedConverted, week1.HoldoutCustomers, week1.HoldoutConverted));
        Assert.IsTrue(week1.EnoughData);
        Assert.AreEqual(0.2543, Math.Round(week1.Difference!.Value, 4));
        Assert.AreEqual((0.0742, 0.4037), (Math.Round(week1.DifferenceInterval!.Low, 4), Math.Round(week1.DifferenceInterval.High, 4)));

        var week2 = weeks[1].Uplift;
        Assert.AreEqual((5L, 0L), (week2.TreatedCustomers, week2.HoldoutCustomers), "the running window is not counted");
        Assert.IsFalse(week2.EnoughData, "5 treated, none held out: not enough data");
        Assert.IsNull(week2.DifferenceInterval);

        // To date after week 2: 18 of 55 against 3 of 35: +0.2416 [0.0656, 0.3847].
        var toDate = weeks[1].UpliftToDate;
        Assert.AreEqual(0.2416, Math.Round(toDate.Difference!.Value, 4));
        Assert.AreEqual((0.0656, 0.3847), (Math.Round(toDate.DifferenceInterval!.Low, 4), Math.Round(toDate.DifferenceInterval.High, 4)));
    }

    [TestMethod]
    public void Offers_with_enough_data_are_ranked_by_uplift_before_those_without()
    {
        var week = WeeklyReview.Of(History(), Week1, Week1)[0];

        CollectionAssert.AreEqual(new[] { "A", "B" }, week.Offers.Select(o => o.Offer).ToArray(), "B's +0.5 on 10 and 5 customers is not a claim; A's +0.2 on 40 and 30 is");
        // A: 12/40 = 0.30 against 3/30 = 0.10: +0.20 [0.0035, 0.3676].
        var a = week.Offers[0].Estimate;
        Assert.AreEqual((0.2, 0.0035, 0.3676), (Math.Round(a.Difference!.Value, 4), Math.Round(a.DifferenceInterval!.Low, 4), Math.Round(a.DifferenceInterval.High, 4)));
        Assert.IsFalse(week.Offers[1].Estimate.EnoughData);
    }

    [TestMethod]
    public void The_rep_table_holds_the_weeks_figures_against_the_week_targets()
    {
        var week = WeeklyReview.Of(History(), Week1, Week1)[0];
        var tasks = week.Reps.Single(r => r.Kpi == RepKpi.TasksDone);

        Assert.AreEqual(("ana", 6m, 8m, 0.75), (tasks.Rep, tasks.Actual, tasks.Target, tasks.Completion), "6 tasks against the team's 8");
        Assert.HasCount(RepKpis.Kpis.Count, week.Reps);
    }
}
