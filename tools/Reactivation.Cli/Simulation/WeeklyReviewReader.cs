using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Measurement;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.Simulation;

/// <summary>A rep as the review lists them: their systemuser id, the name a manager knows them by, and the teams whose targets apply to them.</summary>
public sealed record ReviewRep(Guid Id, string Name, IReadOnlyList<Guid> Teams);

/// <summary>
/// The organisation's rows as Core's <see cref="ReviewHistory"/> reads them — the same reading for a simulated
/// organisation and for one loaded from an export:
/// <list type="bullet">
/// <item>work: a completed phone call is a call made on its actual end (its last change without one), and a customer
/// reached unless its outcome is a wrong number or missing; a completed task is a task done; a WeCom add is a WeCom
/// message the customer replied to without opting out, on its last change; a converted attempt is a conversion and
/// its revenue, on the day its converting order was paid; each credited to the record's owner;</item>
/// <item>the funnel: every message that went out (not Pending or Cancelled) on the day it was sent (actual end, else
/// its send-after), by the furthest point its status says, converted when its attempt was won back after a click or
/// reply;</item>
/// <item>uplift: every attempt with the orders of its customer paid in the 30 days after its start day (still running
/// when that passes the review's last day), held out when its outcome is Holdout;</item>
/// <item>targets: the active rx_reptarget rows.</item>
/// </list>
/// Stage moves are not rows of the organisation (Dataverse keeps them in the audit history of rx_lifecyclestage):
/// the caller passes them.
/// </summary>
public static class WeeklyReviewReader
{
    public static ReviewHistory Read(IOrganizationService service, IReadOnlyList<ReviewRep> reps, IEnumerable<StageMove> stageMoves, DateOnly lastDay)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(reps);
        ArgumentNullException.ThrowIfNull(stageMoves);
        var history = new ReviewHistory();
        foreach (var stage in Enum.GetNames<LifecycleStage>()) history.Stages.Add(stage);
        foreach (var move in stageMoves) history.StageMoves.Add(move);
        foreach (var rep in reps) history.Reps.Add(new KeyValuePair<string, IList<string>>(Key(rep.Id), rep.Teams.Select(Key).ToList()));

        var paid = Orders(service);
        var attempts = Rows(service, AttemptColumns.Table, AttemptColumns.Contact, AttemptColumns.StartedOn, AttemptColumns.StageAtStart, AttemptColumns.Outcome, AttemptColumns.Offer, AttemptColumns.Revenue, AttemptColumns.ConvertingOrder, AttemptColumns.Owner).ToList();
        var converted = new HashSet<Guid>();
        foreach (var attempt in attempts)
        {
            var started = attempt.GetAttributeValue<DateTime>(AttemptColumns.StartedOn);
            var outcome = AttemptColumns.Outcomes.TryName(attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome), out var known) ? known : AttemptOutcome.Open;
            history.Attempts.Add(new ReviewAttempt(started, Measured(attempt, started, outcome, paid, lastDay)));
            if (outcome != AttemptOutcome.Converted) continue;
            converted.Add(attempt.Id);
            var owner = Key(attempt.GetAttributeValue<EntityReference>(AttemptColumns.Owner));
            var order = attempt.GetAttributeValue<EntityReference>(AttemptColumns.ConvertingOrder);
            var on = order is not null && paid.ById.TryGetValue(order.Id, out var day) ? day : started;
            history.Work.Add(new RepWorkItem(owner, on, RepKpi.Conversions));
            history.Work.Add(new RepWorkItem(owner, on, RepKpi.Revenue, attempt.GetAttributeValue<Money>(AttemptColumns.Revenue)?.Value ?? 0m));
        }

        foreach (var call in Completed(service, ActivityColumns.PhoneCallTable))
        {
            var owner = Key(call.GetAttributeValue<EntityReference>(ActivityColumns.Owner));
            var on = Ended(call);
            history.Work.Add(new RepWorkItem(owner, on, RepKpi.CallsMade));
            if (ActivityColumns.ResponseOutcomes.TryName(call.GetAttributeValue<OptionSetValue>(ActivityColumns.ResponseOutcome), out var outcome) && outcome != ResponseOutcome.WrongNumber)
            {
                history.Work.Add(new RepWorkItem(owner, on, RepKpi.Reached));
            }
        }

        foreach (var task in Completed(service, ActivityColumns.TaskTable))
        {
            history.Work.Add(new RepWorkItem(Key(task.GetAttributeValue<EntityReference>(ActivityColumns.Owner)), Ended(task), RepKpi.TasksDone));
        }

        Messages(service, history, converted);
        foreach (var target in Rows(service, RepTargetColumns.Table, RepTargetColumns.Kpi, RepTargetColumns.Period, RepTargetColumns.Value, RepTargetColumns.ValidFrom, RepTargetColumns.Owner, "statecode"))
        {
            if (target.GetAttributeValue<OptionSetValue>("statecode")?.Value is > 0) continue;
            if (!RepTargetColumns.Kpis.TryName(target.GetAttributeValue<OptionSetValue>(RepTargetColumns.Kpi), out var kpi)) continue;
            if (!RepTargetColumns.Periods.TryName(target.GetAttributeValue<OptionSetValue>(RepTargetColumns.Period), out var period)) continue;
            history.Targets.Add(new RepTarget(Key(target.GetAttributeValue<EntityReference>(RepTargetColumns.Owner)), kpi, period, target.GetAttributeValue<decimal>(RepTargetColumns.Value), target.GetAttributeValue<DateTime>(RepTargetColumns.ValidFrom)));
        }

        return history;
    }

    /// <summary>The key Core's figures carry for a rep or a team: its id.</summary>
    public static string Key(Guid id) => id.ToString("D");

    private static string Key(EntityReference? owner) => owner is null ? "" : Key(owner.Id);

    private static MeasuredAttempt Measured(Entity attempt, DateTime started, AttemptOutcome outcome, PaidOrders paid, DateOnly lastDay)
    {
        var start = DateOnly.FromDateTime(started).DayNumber;
        var end = start + AttributionRules.DefaultWindowDays;
        var contact = attempt.GetAttributeValue<EntityReference>(AttemptColumns.Contact)?.Id ?? Guid.Empty;
        var inWindow = paid.ByContact.TryGetValue(contact, out var orders) ? orders.Where(o => o.Day > start && o.Day <= end).ToList() : [];
        bool? converted = end > lastDay.DayNumber ? null : inWindow.Count > 0;
        var stage = ContactColumns.Stages.TryName(attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.StageAtStart), out var known) ? known.ToString() : "Unknown";
        return new MeasuredAttempt(stage, attempt.GetAttributeValue<string>(AttemptColumns.Offer) ?? "", outcome == AttemptOutcome.Holdout, converted, inWindow.Sum(o => o.Amount));
    }

    private sealed record PaidOrders(Dictionary<Guid, List<(int Day, decimal Amount)>> ByContact, Dictionary<Guid, DateTime> ById);

    /// <summary>Orders by the day they were paid (rx_paidon, else fulfilled); cancelled ones do not count.</summary>
    private static PaidOrders Orders(IOrganizationService service)
    {
        var byContact = new Dictionary<Guid, List<(int Day, decimal Amount)>>();
        var byId = new Dictionary<Guid, DateTime>();
        foreach (var order in Rows(service, SalesOrderColumns.Table, SalesOrderColumns.Customer, SalesOrderColumns.PaidOn, SalesOrderColumns.DateFulfilled, SalesOrderColumns.TotalAmount, SalesOrderColumns.State))
        {
            if (order.GetAttributeValue<OptionSetValue>(SalesOrderColumns.State)?.Value == SalesOrderColumns.States.ValueOf(Core.Ledgers.OrderState.Canceled)) continue;
            if ((order.GetAttributeValue<DateTime?>(SalesOrderColumns.PaidOn) ?? order.GetAttributeValue<DateTime?>(SalesOrderColumns.DateFulfilled)) is not { } on) continue;
            byId[order.Id] = on;
            if (order.GetAttributeValue<EntityReference>(SalesOrderColumns.Customer) is not { } customer) continue;
            if (!byContact.TryGetValue(customer.Id, out var list)) byContact.Add(customer.Id, list = []);
            list.Add((DateOnly.FromDateTime(on).DayNumber, order.GetAttributeValue<Money>(SalesOrderColumns.TotalAmount)?.Value ?? 0m));
        }

        return new PaidOrders(byContact, byId);
    }

    private static void Messages(IOrganizationService service, ReviewHistory history, HashSet<Guid> converted)
    {
        foreach (var message in Rows(service, MessageColumns.Table, MessageColumns.Channel, MessageColumns.Status, MessageColumns.SendAfter, MessageColumns.Attempt, MessageColumns.Owner, MessageColumns.ResponseOutcome, "actualend", "createdon", "modifiedon"))
        {
            if (!MessageColumns.Channels.TryName(message.GetAttributeValue<OptionSetValue>(MessageColumns.Channel), out var channel)) continue;
            if (!MessageColumns.Statuses.TryName(message.GetAttributeValue<OptionSetValue>(MessageColumns.Status), out var status)) continue;
            if (status is MessageStatus.Pending or MessageStatus.Cancelled) continue;
            var reached = status switch
            {
                MessageStatus.Sent or MessageStatus.Failed => 1,
                MessageStatus.Delivered => 2,
                _ => message.GetAttributeValue<EntityReference>(MessageColumns.Attempt) is { } attempt && converted.Contains(attempt.Id) ? 4 : 3,
            };
            var sentOn = message.GetAttributeValue<DateTime?>("actualend") ?? message.GetAttributeValue<DateTime?>(MessageColumns.SendAfter) ?? message.GetAttributeValue<DateTime>("createdon");
            history.Messages.Add(new MessageReach(sentOn, channel, reached));
            var optedOut = ActivityColumns.ResponseOutcomes.TryName(message.GetAttributeValue<OptionSetValue>(MessageColumns.ResponseOutcome), out var said) && said == ResponseOutcome.OptedOut;
            if (channel == ContactChannels.WeCom && status == MessageStatus.Replied && !optedOut)
            {
                history.Work.Add(new RepWorkItem(Key(message.GetAttributeValue<EntityReference>(MessageColumns.Owner)), message.GetAttributeValue<DateTime>("modifiedon"), RepKpi.WeComAdds));
            }
        }
    }

    private static IEnumerable<Entity> Completed(IOrganizationService service, string table) =>
        Rows(service, table, ActivityColumns.Owner, ActivityColumns.State, ActivityColumns.ResponseOutcome, "actualend", "modifiedon")
            .Where(a => a.GetAttributeValue<OptionSetValue>(ActivityColumns.State)?.Value == ActivityColumns.Completed);

    private static DateTime Ended(Entity activity) => activity.GetAttributeValue<DateTime?>("actualend") ?? activity.GetAttributeValue<DateTime>("modifiedon");

    private static IEnumerable<Entity> Rows(IOrganizationService service, string table, params string[] columns)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns), PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 } };
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            foreach (var row in page.Entities) yield return row;
            if (!page.MoreRecords) yield break;
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }
}
