using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Measurement;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.Simulation;

/// <summary>The run's attempts and orders as Core's measurement reads them (treated against held-out).</summary>
public sealed partial class SimulationEngine
{
    private readonly Dictionary<Guid, List<(int Day, decimal Amount)>> _revenue = [];

    private void RecordRevenue(Guid contact, decimal amount)
    {
        if (!_revenue.TryGetValue(contact, out var orders)) _revenue.Add(contact, orders = []);
        orders.Add((DateOnly.FromDateTime(_now).DayNumber, amount));
    }

    /// <summary>
    /// One attempt row with the customer's orders in its window (the days after its start up to the default
    /// attribution window); a window that runs past the last simulated day is still running.
    /// </summary>
    private MeasuredAttempt Measured(Entity attempt)
    {
        var contact = attempt.GetAttributeValue<EntityReference>(AttemptColumns.Contact).Id;
        var start = DateOnly.FromDateTime(attempt.GetAttributeValue<DateTime>(AttemptColumns.StartedOn)).DayNumber;
        var end = start + AttributionRules.DefaultWindowDays;
        var stage = ContactColumns.Stages.TryName(attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.StageAtStart), out var known) ? known.ToString() : "Unknown";
        var heldOut = attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome)?.Value == AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Holdout);
        var inWindow = _revenue.TryGetValue(contact, out var orders) ? orders.Where(o => o.Day > start && o.Day <= end).ToList() : [];
        bool? converted = end > _settings.Scenario.To.DayNumber ? null : inWindow.Count > 0;
        return new MeasuredAttempt(stage, attempt.GetAttributeValue<string>(AttemptColumns.Offer) ?? "(none)", heldOut, converted, inWindow.Sum(o => o.Amount));
    }
}
