using Reactivation.Core.Measurement;

namespace Reactivation.Core.Tests.Measurement;

/// <summary>Reps against the targets a manager sets: a team's for everyone in it, a rep's own instead where there is one.</summary>
[TestClass]
public sealed class RepKpisTests
{
    // Monday 5 January 2026 and the two Mondays after it.
    private static readonly DateTime Week1 = new(2026, 1, 5);
    private static readonly DateTime Week2 = new(2026, 1, 12);
    private static readonly DateTime Week3 = new(2026, 1, 19);

    private static readonly List<KeyValuePair<string, IList<string>>> Reps =
    [
        new("ana", ["care-team"]),
        new("bo", ["care-team"]),
    ];

    private static readonly List<RepTarget> Targets =
    [
        new("care-team", RepKpi.CallsMade, KpiPeriod.Week, 10, Week1),
        // Raised from Wednesday 14 January: the week that already started keeps 10, the next one has 20.
        new("care-team", RepKpi.CallsMade, KpiPeriod.Week, 20, new DateTime(2026, 1, 14)),
        new("bo", RepKpi.CallsMade, KpiPeriod.Week, 4, Week1),
        new("care-team", RepKpi.Reached, KpiPeriod.Day, 2, new DateTime(2026, 1, 1)),
    ];

    private static List<RepWorkItem> Work()
    {
        var work = new List<RepWorkItem>();
        void Add(string rep, DateTime day, RepKpi kpi, int times, decimal amount = 1)
        {
            for (var i = 0; i < times; i++) work.Add(new RepWorkItem(rep, day.AddHours(15), kpi, amount));
        }

        Add("ana", Week1, RepKpi.CallsMade, 3);
        Add("ana", Week1.AddDays(4), RepKpi.CallsMade, 3);
        Add("bo", Week1.AddDays(2), RepKpi.CallsMade, 5);
        Add("ana", Week2.AddDays(6), RepKpi.CallsMade, 8);
        Add("ana", Week3, RepKpi.CallsMade, 5);
        Add("ana", Week1, RepKpi.Reached, 1);
        Add("bo", Week1.AddDays(1), RepKpi.Revenue, 1, 180m);
        Add("bo", Week1.AddDays(3), RepKpi.Revenue, 1, 95.5m);
        return work;
    }

    [TestMethod]
    public void A_week_counts_Monday_to_Sunday_against_the_team_target_or_the_reps_own()
    {
        var rows = RepKpis.Of(Work(), Targets, Reps, KpiPeriod.Week, Week1.AddDays(3), Week3.AddDays(2));
        RepKpiRow Calls(string rep, DateTime week) => rows.Single(r => r.Rep == rep && r.Start == week && r.Kpi == RepKpi.CallsMade);

        Assert.HasCount(2 * 3 * RepKpis.Kpis.Count, rows, "two reps, three weeks (the first whole, from its Monday), every KPI");
        Assert.AreEqual((6m, 10m, true, 0.6), Figures(Calls("ana", Week1)), "ana: 3 on Monday + 3 on Friday against the team's 10");
        Assert.AreEqual((5m, 4m, false, 1.25), Figures(Calls("bo", Week1)), "bo's own 4 wins over the team's 10");
        Assert.AreEqual((8m, 10m, true, 0.8), Figures(Calls("ana", Week2)), "Sunday's calls are the week's; the raise from Wednesday waits for the next week");
        Assert.AreEqual((5m, 20m, true, 0.25), Figures(Calls("ana", Week3)), "the raised team target");
        Assert.AreEqual((0m, 4m, false, 0.0), Figures(Calls("bo", Week3)), "a week without calls is 0 % of the target, not missing");
        var revenue = rows.Single(r => r.Rep == "bo" && r.Start == Week1 && r.Kpi == RepKpi.Revenue);
        Assert.AreEqual(275.5m, revenue.Actual, "180 + 95.50");
        Assert.IsNull(revenue.Target);
        Assert.IsNull(revenue.Completion, "no target, no completion rate");
        Assert.IsNull(rows.Single(r => r.Rep == "ana" && r.Start == Week1 && r.Kpi == RepKpi.Reached).Target, "a day target is not a week target");
    }

    [TestMethod]
    public void A_day_counts_its_own_work_against_the_day_target()
    {
        var rows = RepKpis.Of(Work(), Targets, Reps, KpiPeriod.Day, Week1, Week1.AddDays(1));
        var reached = rows.Where(r => r.Rep == "ana" && r.Kpi == RepKpi.Reached).ToList();

        Assert.AreEqual((1m, 2m, true, 0.5), Figures(reached[0]), "Monday: 1 of the team's 2");
        Assert.AreEqual((0m, 2m, true, 0.0), Figures(reached[1]), "Tuesday: none");
        Assert.AreEqual(3m, rows.Single(r => r.Rep == "ana" && r.Start == Week1 && r.Kpi == RepKpi.CallsMade).Actual, "Monday's 3 calls; Friday's are another day");
    }

    [TestMethod]
    public void The_week_starts_on_Monday_whatever_the_day()
    {
        Assert.AreEqual(Week1, RepKpis.WeekStart(new DateTime(2026, 1, 8, 17, 30, 0)), "Thursday");
        Assert.AreEqual(Week1, RepKpis.WeekStart(new DateTime(2026, 1, 11)), "Sunday");
        Assert.AreEqual(Week2, RepKpis.WeekStart(Week2), "Monday itself");
    }

    private static (decimal Actual, decimal? Target, bool Team, double? Completion) Figures(RepKpiRow row) =>
        (row.Actual, row.Target, row.TeamTarget, row.Completion is { } c ? Math.Round(c, 4) : null);
}
