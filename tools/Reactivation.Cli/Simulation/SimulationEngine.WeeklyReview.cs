using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Measurement;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.Simulation;

/// <summary>What the weekly review of a run reads: Core's history, the reps it lists, the offers' labels.</summary>
public sealed record WeeklyReviewInput(ReviewHistory History, IReadOnlyList<ReviewRep> Reps, IReadOnlyDictionary<string, string[]> OfferLabels);

/// <summary>
/// The run's weekly review: the targets the store manager set before the first day, the stage moves seen each night,
/// and after the last day the organisation's rows read as an organisation's would be (<see cref="WeeklyReviewReader"/>).
/// </summary>
public sealed partial class SimulationEngine
{
    /// <summary>The team whose week targets the store's reps share; every rep belongs to it for targets.</summary>
    private const string TargetTeam = "CustomerCare";

    /// <summary>The first rep, whom the manager asks for more calls than the team.</summary>
    private const decimal FirstRepWeekCalls = 15m;

    /// <summary>The salon's reps call and message; tasks go to the teams and it sends no WeCom messages, so no target asks for those.</summary>
    private static readonly (RepKpi Kpi, KpiPeriod Period, decimal Value)[] TeamTargets =
    [
        (RepKpi.CallsMade, KpiPeriod.Week, 10m),
        (RepKpi.Reached, KpiPeriod.Week, 6m),
        (RepKpi.Conversions, KpiPeriod.Week, 2m),
        (RepKpi.Revenue, KpiPeriod.Week, 300m),
        (RepKpi.CallsMade, KpiPeriod.Day, 2m),
    ];

    private readonly List<StageMove> _stageMoves = [];
    private readonly Dictionary<Guid, string> _stageOf = [];

    /// <summary>The model line that states the targets (the rows exist only for a run that writes the weekly review).</summary>
    private IEnumerable<string> RepTargetNotes(IReadOnlyList<string> teams) =>
        _settings.WeeklyReview && teams.Contains(TargetTeam) && _settings.Scenario.Reps.Count > 0
            ? ["the store manager set targets before the first day (rx_reptarget rows): for the " + TargetTeam + " team, whose members all reps are, per week "
                + string.Join(", ", TeamTargets.Where(t => t.Period == KpiPeriod.Week).Select(t => t.Kpi + " " + t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                + " and per day CallsMade 2; for " + _settings.Scenario.Reps[0] + " her own CallsMade " + FirstRepWeekCalls.ToString(System.Globalization.CultureInfo.InvariantCulture) + " per week"]
            : [];

    private void SeedRepTargets(Dictionary<string, Guid> teams)
    {
        if (!_settings.WeeklyReview || !teams.TryGetValue(TargetTeam, out var team) || _reps.Length == 0) return;
        var from = _settings.Scenario.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        foreach (var (kpi, period, value) in TeamTargets) CreateTarget(new EntityReference(TeamColumns.Table, team), TargetTeam + ": " + kpi + " per " + period, kpi, period, value, from);
        CreateTarget(new EntityReference("systemuser", _reps[0]), _settings.Scenario.Reps[0] + ": CallsMade per Week", RepKpi.CallsMade, KpiPeriod.Week, FirstRepWeekCalls, from);
    }

    private void CreateTarget(EntityReference owner, string name, RepKpi kpi, KpiPeriod period, decimal value, DateTime from) =>
        _service.Create(new Entity(RepTargetColumns.Table)
        {
            [RepTargetColumns.Name] = name,
            [RepTargetColumns.Owner] = owner,
            [RepTargetColumns.Kpi] = RepTargetColumns.Kpis.Option(kpi),
            [RepTargetColumns.Period] = RepTargetColumns.Periods.Option(period),
            [RepTargetColumns.Value] = value,
            [RepTargetColumns.ValidFrom] = from,
        });

    /// <summary>
    /// Tonight's stage moves: the contacts whose rx_stagechangedon is today (the morning's evaluation or a purchase
    /// stamped it), against the stage each had last night — what the audit history of rx_lifecyclestage holds.
    /// </summary>
    private void RecordStageMoves(DateTime midnight)
    {
        if (!_settings.WeeklyReview) return;
        var query = new QueryExpression(ContactColumns.Table) { ColumnSet = new ColumnSet(ContactColumns.LifecycleStage) };
        query.Criteria.AddCondition(ContactColumns.StageChangedOn, ConditionOperator.GreaterEqual, midnight);
        foreach (var row in RetrieveAll(query))
        {
            if (!ContactColumns.Stages.TryName(row.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage), out var stage)) continue;
            var now = stage.ToString();
            var before = _stageOf.TryGetValue(row.Id, out var known) ? known : null;
            if (before == now) continue;
            _stageOf[row.Id] = now;
            _stageMoves.Add(new StageMove(midnight, before, now));
        }
    }

    private void CollectWeeklyReview()
    {
        var reps = _reps.Select(id => new ReviewRep(id, _repNames[id], [NameBasedId("team:" + TargetTeam)])).ToList();
        _result.WeeklyReview = new WeeklyReviewInput(WeeklyReviewReader.Read(_service, reps, _stageMoves, _settings.Scenario.To), reps, WeeklyReviewText.OfferLabels(_service));
    }
}
