using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Measurement;
using Reactivation.Core.Outreach;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.Simulation;

/// <summary>How far a run has come, for the progress bar.</summary>
public readonly record struct SimulationProgress(DateOnly Day, int DaysDone, int DaysTotal, int Customers);

/// <summary>What to run: the store, the rules, the model, and where the product's solution is.</summary>
public sealed class SimulationSettings
{
    public required Scenario Scenario { get; init; }
    public required string SolutionFolder { get; init; }

    /// <summary>A rules folder to put live as rx_ruleset rows at the start; null = the shipped defaults.</summary>
    public string? RulesFolder { get; init; }

    public ResponseModel Model { get; init; } = ResponseModel.Default;
    public int Seed { get; init; } = 1;

    /// <summary>The outreach step's holdoutPercent (0–50; 0 = no holdout group), as an admin sets it from rx_HoldoutPercent.</summary>
    public decimal HoldoutPercent { get; init; }

    /// <summary>Seed the store manager's rep targets, note the nightly stage moves and read the weekly review after the last day.</summary>
    public bool WeeklyReview { get; init; }
    public IProgress<SimulationProgress>? Progress { get; init; }
}

/// <summary>
/// Runs a store day by day through the product as an admin imports it: the solution/ loaded into the local
/// organisation (steps, Custom APIs, tables), a simulated clock, contacts created on their first purchase, every
/// purchase a salesorder (so the order and lifecycle steps fire), rx_EvaluateDueContacts called every morning page
/// by page until MoreRecords is false, and simulated reps and customers answering through ordinary Updates.
/// Nothing here decides a stage, an offer or a policy: the plugins do; the engine only acts and then counts.
/// </summary>
public sealed partial class SimulationEngine
{
    private const string EvaluateApi = "rx_EvaluateDueContacts";
    private const int EvaluationPageSize = 5000;
    private static readonly int Sleeping = ContactColumns.Stages.ValueOf(LifecycleStage.Sleeping);
    private static readonly int Lost = ContactColumns.Stages.ValueOf(LifecycleStage.Lost);
    private static readonly int MessageSent = MessageColumns.Statuses.ValueOf(MessageStatus.Sent);
    private static readonly int MessageDelivered = MessageColumns.Statuses.ValueOf(MessageStatus.Delivered);
    private static readonly int MessageClicked = MessageColumns.Statuses.ValueOf(MessageStatus.Clicked);
    private static readonly int MessageVisited = MessageColumns.Statuses.ValueOf(MessageStatus.Visited);
    private static readonly int MessageApplied = MessageColumns.Statuses.ValueOf(MessageStatus.Applied);
    private static readonly int MessageFailed = MessageColumns.Statuses.ValueOf(MessageStatus.Failed);
    private static readonly int Reached = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.Reached);
    private static readonly int Interested = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.Interested);
    private static readonly int NotInterested = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.NotInterested);
    private static readonly int WrongNumber = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.WrongNumber);
    private static readonly int OptedOut = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.OptedOut);
    private static readonly int[] CalibrationWindows = [30, 90, 180];
    private static readonly string[] CreatedTables = [ActivityColumns.PhoneCallTable, ActivityColumns.TaskTable, MessageColumns.Table, IncentiveColumns.Table];

    private readonly SimulationSettings _settings;
    private readonly ResponseModel _model;
    private readonly LocalOrganization _org;
    private readonly IOrganizationService _service;
    private readonly SimulationResult _result;
    private readonly Dictionary<string, Guid> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _keys = [];
    private readonly Dictionary<Guid, List<int>> _purchaseDays = [];
    private readonly Dictionary<Guid, int> _remainingSessions = [];
    private readonly Dictionary<Guid, string> _reasonRecorded = [];
    private readonly HashSet<Guid> _holdingIncentives = [];
    private readonly List<DateTime> _triggers = [];
    private readonly List<(Guid Contact, int Stage, int Day, decimal? Factor)> _dormantEntries = [];
    private readonly SortedDictionary<DateTime, List<Action>> _agenda = [];
    private readonly Dictionary<Guid, string> _repNames = [];
    private readonly Guid[] _reps;
    private DateTime _now;
    private int _orderNumber;

    private SimulationEngine(SimulationSettings settings)
    {
        _settings = settings;
        _model = settings.Model;
        var scenario = settings.Scenario;
        _now = scenario.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        _org = new LocalOrganization(new LocalOrganizationOptions
        {
            Clock = () => _now,
            PluginAssemblies = [typeof(PluginBase).Assembly],
        });
        var teams = scenario.Teams.ToDictionary(name => name, name => NameBasedId("team:" + name), StringComparer.Ordinal);
        SolutionImport.Import(_org, settings.SolutionFolder, teams, settings.HoldoutPercent);
        _service = _org.CreateOrganizationService(null);
        _repNames[LocalOrganizationOptions.DefaultSystemUserId] = "SYSTEM";
        _reps = scenario.Reps.Select(name =>
        {
            // Ids fixed by the name, as the teams': a rep's working minute derives from the owner's id.
            var id = _service.Create(new Entity("systemuser", NameBasedId("rep:" + name)) { ["fullname"] = name });
            _repNames[id] = name;
            return id;
        }).ToArray();
        foreach (var (name, id) in teams)
        {
            _service.Create(new Entity("team", id) { ["name"] = name });
            _repNames[id] = name + " team";
        }

        var rulesets = settings.RulesFolder is null ? "shipped defaults (rules/default, embedded in the plugins)" : "active rx_ruleset rows " + string.Join(", ", RulesetInstaller.Install(_service, settings.RulesFolder));
        Guid? reactivation = teams.TryGetValue("Reactivation", out var reactivationTeam) ? reactivationTeam : null;
        var campaigns = PlanCampaigns(scenario, reactivation);
        _result = new SimulationResult
        {
            Scenario = scenario.Name,
            From = scenario.From,
            To = scenario.To,
            Rulesets = rulesets,
            Model = [.. _model.Describe(), .. scenario.ModelNotes, "the store manager plans a win-back campaign for Lost customers in the first week of every month (" + campaigns + " rx_campaign rows, planned at the start" + (reactivation is null ? "" : ", owned by the Reactivation team") + ")", .. RepTargetNotes(scenario.Teams)],
        };
        SeedRepTargets(teams);
    }

    /// <summary>
    /// The campaigns for Lost customers the store runs: days 1–7 of every month from the first simulated month to as far
    /// past the last day as a retry is looked for (<see cref="BlockLift.HorizonDays"/>), so a customer held back near the
    /// end, by the policy's campaign rule and a cap on her earlier touches, still has the campaign ahead that lets her
    /// out; created before the first day. The store's Reactivation team, when it has one, owns them (works the attempts
    /// started in them).
    /// </summary>
    private int PlanCampaigns(Scenario scenario, Guid? ownerTeam)
    {
        var count = 0;
        var last = scenario.To.AddDays(BlockLift.HorizonDays);
        for (var month = new DateOnly(scenario.From.Year, scenario.From.Month, 1); month <= last; month = month.AddMonths(1))
        {
            _service.Create(new Entity(CampaignColumns.Table, NameBasedId("campaign:" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture)))
            {
                [CampaignColumns.Name] = "Win-back week " + month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                [CampaignColumns.StartsOn] = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                [CampaignColumns.EndsOn] = month.AddDays(6).ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc),
                [CampaignColumns.Stages] = "Lost",
                [CampaignColumns.OwnerTeam] = ownerTeam is { } team ? new EntityReference("team", team) : null,
            });
            count++;
        }

        return count;
    }

    /// <summary>Runs the scenario from its first to its last day and returns what the organisation holds and what happened.</summary>
    public static SimulationResult Run(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var engine = new SimulationEngine(settings);
        engine.RunDays();
        engine.Collect();
        if (settings.WeeklyReview) engine.CollectWeeklyReview();
        engine._result.ElapsedSeconds = started.Elapsed.TotalSeconds;
        using (var process = System.Diagnostics.Process.GetCurrentProcess())
        {
            engine._result.PeakWorkingSetBytes = process.PeakWorkingSet64;
        }

        return engine._result;
    }

    private void RunDays()
    {
        var scenario = _settings.Scenario;
        var byDay = scenario.Purchases.Where(p => p.Date >= scenario.From && p.Date <= scenario.To).GroupBy(p => p.Date).ToDictionary(g => g.Key, g => g.ToList());
        var funnelByDay = scenario.FunnelChanges.Where(c => c.Date >= scenario.From && c.Date <= scenario.To).GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.ToList());
        var total = scenario.To.DayNumber - scenario.From.DayNumber + 1;
        for (var i = 0; i < total; i++)
        {
            var day = scenario.From.AddDays(i);
            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

            if (i == 0 && scenario.EntersHistory) EnterHistory(midnight);

            // 02:00 the scheduled daily evaluation; then the day's new work is handed out.
            _now = midnight.AddHours(2);
            EvaluateDueContacts();
            Discover(_now, midnight);
            RecordDormantEntries(_now, day);

            // The day: the back office's funnel steps from 09:00, purchases at the till from 10:00, the agenda (reps'
            // calls, messages going out, replies) in time order.
            if (funnelByDay.TryGetValue(day, out var changes))
            {
                for (var c = 0; c < changes.Count; c++)
                {
                    var change = changes[c];
                    At(midnight.AddHours(9).AddSeconds(c % 3600), () => SetFunnelStep(change.Customer, change.Step, change.CreditLimit, change.InterestRatePercent));
                }
            }

            if (byDay.TryGetValue(day, out var purchases))
            {
                for (var p = 0; p < purchases.Count; p++)
                {
                    var purchase = purchases[p];
                    At(midnight.AddHours(10).AddSeconds(p % 36000), () => Purchase(purchase.Customer, purchase.Amount, fromModel: false));
                }
            }

            RunAgendaUntil(midnight.AddDays(1));
            _now = midnight.AddHours(23).AddMinutes(50);
            foreach (var instant in _triggers) Discover(instant, midnight.AddDays(1));
            _triggers.Clear();
            if (day.AddDays(1).Day == 1 || day == scenario.To) Snapshot(day);
            RecordStageMoves(midnight);
            _org.ClearLogs();
            _result.Days++;
            _settings.Progress?.Report(new SimulationProgress(day, i + 1, total, _contacts.Count));
        }
    }

    private void At(DateTime when, Action action)
    {
        if (!_agenda.TryGetValue(when, out var list)) _agenda.Add(when, list = []);
        list.Add(action);
    }

    private void RunAgendaUntil(DateTime end)
    {
        while (_agenda.Count > 0)
        {
            var first = _agenda.First();
            if (first.Key >= end) return;
            _agenda.Remove(first.Key);
            _now = first.Key;
            foreach (var action in first.Value) action();
        }
    }

    /// <summary>What the admin's daily job does: call the Custom API until MoreRecords is false.</summary>
    private void EvaluateDueContacts()
    {
        string? cookie = null;
        while (true)
        {
            var request = new OrganizationRequest(EvaluateApi) { ["PageSize"] = EvaluationPageSize };
            if (cookie is not null) request["PagingCookie"] = cookie;
            var response = _service.Execute(request).Results;
            _result.EvaluationCalls++;
            _result.Evaluated += (int)response["Evaluated"]!;
            _result.StageChanges += (int)response["StageChanges"]!;
            cookie = (string?)response["PagingCookie"];
            if (!(bool)response["MoreRecords"]!) return;
        }
    }

    private Guid ContactFor(string key)
    {
        if (_contacts.TryGetValue(key, out var id)) return id;
        var profile = _settings.Scenario.Profiles.GetValueOrDefault(key);
        id = NameBasedId("contact:" + key);
        var contact = new Entity("contact", id)
        {
            ["lastname"] = "Customer " + key,
            [ContactColumns.Owner] = new EntityReference("systemuser", _reps[_contacts.Count % _reps.Length]),
        };
        if (profile is not null)
        {
            contact[ContactColumns.DoNotPhone] = profile.DoNotPhone;
            contact[ContactColumns.DoNotSms] = profile.DoNotSms;
            contact[ContactColumns.DoNotEmail] = profile.DoNotEmail;
            contact[ContactColumns.DoNotWeChat] = profile.DoNotWeChat;
            contact[ContactColumns.Tier] = profile.Tier;
            contact[ContactColumns.PreferredLanguage] = ContactColumns.Languages.Option(profile.PrefersChinese ? "zh-CN" : "en");
        }

        _service.Create(contact);
        _contacts.Add(key, id);
        _keys.Add(id, key);
        _purchaseDays.Add(id, []);
        return id;
    }

    /// <summary>
    /// The store's past (<see cref="Scenario.EntersHistory"/>): every purchase before the first day as a paid salesorder
    /// with its own payment date, at 00:30 of the first day, each customer's latest first (so entering the earlier
    /// ones changes only counts, not how long ago the last visit was), then the outreach those stages started is handed out.
    /// </summary>
    private void EnterHistory(DateTime midnight)
    {
        var scenario = _settings.Scenario;
        _now = midnight.AddMinutes(30);
        foreach (var purchase in scenario.Purchases.Where(p => p.Date < scenario.From).OrderBy(p => p.Customer, StringComparer.Ordinal).ThenByDescending(p => p.Date))
        {
            var contact = ContactFor(purchase.Customer);
            var paidOn = purchase.Date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            _service.Create(new Entity(SalesOrderColumns.Table, NameBasedId("order:" + (++_orderNumber).ToString(CultureInfo.InvariantCulture)))
            {
                ["name"] = "Visit of " + purchase.Customer,
                [SalesOrderColumns.Customer] = new EntityReference(ContactColumns.Table, contact),
                [SalesOrderColumns.TotalAmount] = new Money(purchase.Amount),
                [SalesOrderColumns.PaidOn] = paidOn,
            });
            _result.HistoryOrders++;
            _purchaseDays[contact].Add(purchase.Date.DayNumber);
        }

        Discover(_now, midnight);
    }

    /// <summary>The lending app's back office sets the user's funnel step (and the limit and rate it approved), stamped now.</summary>
    private void SetFunnelStep(string key, string step, decimal? creditLimit, decimal? interestRate)
    {
        var contact = ContactFor(key);
        var update = new Entity(ContactColumns.Table, contact)
        {
            [ContactColumns.FunnelStep] = step,
            [ContactColumns.FunnelStepOn] = _now,
        };
        if (creditLimit is { } limit) update[ContactColumns.CreditLimit] = new Money(limit);
        if (interestRate is { } rate) update[ContactColumns.InterestRate] = rate;
        UpdateContact(update);
    }

    /// <summary>A purchase at the till: a paid salesorder (counted by the order step), with the customer's incentive code when they use it.</summary>
    private void Purchase(string key, decimal amount, bool fromModel)
    {
        var contact = ContactFor(key);
        var order = new Entity(SalesOrderColumns.Table, NameBasedId("order:" + (++_orderNumber).ToString(CultureInfo.InvariantCulture)))
        {
            ["name"] = "Visit of " + key,
            [SalesOrderColumns.Customer] = new EntityReference(ContactColumns.Table, contact),
            [SalesOrderColumns.TotalAmount] = new Money(amount),
            [SalesOrderColumns.PaidOn] = _now,
        };
        if (_holdingIncentives.Contains(contact) && IncentiveToUse(contact) is { } code) order[SalesOrderColumns.IncentiveCode] = code;
        _service.Create(order);
        _result.Orders++;
        _result.OrderRevenue += amount;
        if (fromModel) _result.ModelOrders++;
        _purchaseDays[contact].Add(DateOnly.FromDateTime(_now).DayNumber);
        UpdateProfileColumns(contact, key, amount);
        if (_settings.Scenario.Profiles.GetValueOrDefault(key) is { LoanDays: > 0 } borrower)
        {
            // A drawdown: the loan is out now and repaid at its term; the order came first, so it converts the open attempt.
            SetFunnelStep(key, "Borrowed", null, null);
            At(_now.Date.AddDays(borrower.LoanDays).AddHours(9), () => SetFunnelStep(key, "Repaid", null, null));
        }
    }

    private string? IncentiveToUse(Guid contact)
    {
        var query = new QueryExpression(IncentiveColumns.Table) { ColumnSet = new ColumnSet(IncentiveColumns.Code, IncentiveColumns.ValidUntil) };
        query.Criteria.AddCondition(AttemptColumns.Contact, ConditionOperator.Equal, contact);
        query.Criteria.AddCondition(IncentiveColumns.Status, ConditionOperator.Equal, IncentiveColumns.Statuses.ValueOf(IncentiveStatus.Issued));
        query.AddOrder(IncentiveColumns.ValidUntil, OrderType.Descending);
        var valid = _service.RetrieveMultiple(query).Entities.FirstOrDefault(i => i.GetAttributeValue<DateTime?>(IncentiveColumns.ValidUntil) is not { } until || until >= _now);
        var code = valid?.GetAttributeValue<string>(IncentiveColumns.Code);
        return code is null || Draw("incentive:" + (_keys.TryGetValue(contact, out var customer) ? customer : contact.ToString("N")) + ":" + _now.Ticks.ToString(CultureInfo.InvariantCulture)) >= _model.UsesIncentive ? null : code;
    }

    /// <summary>A generated member's package sessions and visit ratings, written to the contact as the salon's front desk would.</summary>
    private void UpdateProfileColumns(Guid contact, string key, decimal amount)
    {
        if (_settings.Scenario.Profiles.GetValueOrDefault(key) is not { } profile) return;
        var update = new Entity(ContactColumns.Table, contact);
        if (profile.PackageSessions > 0)
        {
            var left = _remainingSessions.TryGetValue(contact, out var sessions) ? (amount == 0 ? Math.Max(0, sessions - 1) : sessions) : profile.PackageSessions;
            if (!_remainingSessions.TryGetValue(contact, out var before) || before != left)
            {
                update[ContactColumns.RemainingSessions] = left;
                update[ContactColumns.PrepaidBalance] = new Money(profile.PackagePrice / profile.PackageSessions * left);
            }

            _remainingSessions[contact] = left;
        }

        if (profile.Ratings.Count > 0 && Draw("rated:" + key + ":" + _now.Ticks.ToString(CultureInfo.InvariantCulture)) < 0.4)
        {
            update[ContactColumns.Satisfaction] = profile.Ratings.Dequeue();
        }

        if (update.Attributes.Count > 0) UpdateContact(update);
    }

    /// <summary>
    /// Finds the calls, tasks and messages the plugins created at one instant, and plans what people do with them.
    /// The clock stands still during a request, so everything a request made carries its instant as createdon: the
    /// morning's evaluation, or a rep's update of the contact later in the day.
    /// </summary>
    private void Discover(DateTime createdOn, DateTime earliestWork)
    {
        foreach (var table in CreatedTables)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
            query.Criteria.AddCondition("createdon", ConditionOperator.Equal, createdOn);
            // In an order the run fixes (customer, then the row's key), not the organisation's id order: messages and
            // incentives get their ids on creation, and the day's plans must not depend on them.
            var rows = RetrieveAll(query)
                .OrderBy(r => (r.GetAttributeValue<EntityReference>(ActivityColumns.Regarding) ?? r.GetAttributeValue<EntityReference>(AttemptColumns.Contact))?.Id ?? Guid.Empty)
                .ThenBy(r => r.GetAttributeValue<string>(MessageColumns.Key) ?? r.GetAttributeValue<string>(IncentiveColumns.Code) ?? r.Id.ToString("N"), StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (table == IncentiveColumns.Table)
                {
                    _result.IncentivesIssued++;
                    if (row.GetAttributeValue<EntityReference>(AttemptColumns.Contact) is { } holder) _holdingIncentives.Add(holder.Id);
                    continue;
                }

                var contact = row.GetAttributeValue<EntityReference>(ActivityColumns.Regarding)?.Id ?? Guid.Empty;
                if (table == MessageColumns.Table)
                {
                    _result.Messages++;
                    PlanMessage(row, contact, earliestWork);
                }
                else
                {
                    if (table == ActivityColumns.TaskTable) _result.Tasks++;
                    else _result.PhoneCalls++;
                    PlanActivity(row, table, contact, earliestWork);
                }
            }
        }
    }

    /// <summary>Contact updates that can start outreach (a reason learnt, an opt-out, a rating): their instants, for the evening's look.</summary>
    private void UpdateContact(Entity update)
    {
        _service.Update(update);
        NoteTrigger();
    }

    private void NoteTrigger()
    {
        if (_triggers.Count == 0 || _triggers[^1] != _now) _triggers.Add(_now);
    }

    private void PlanActivity(Entity activity, string table, Guid contact, DateTime earliestWork)
    {
        var owner = activity.GetAttributeValue<EntityReference>(ContactColumns.Owner)?.Id ?? LocalOrganizationOptions.DefaultSystemUserId;
        var rep = Rep(owner);
        var isCall = table == ActivityColumns.PhoneCallTable;
        if (isCall) rep.CallsAssigned++;
        else rep.TasksAssigned++;
        // Keyed by what the run fixes (the customer, the table, the simulated instant), not by record ids: an
        // attempt's id is the organisation's to choose, and the ids of its later steps' activities derive from it.
        var key = "work:" + EventKey(contact, table, activity);
        var works = Draw(key);
        if (works >= _model.RepCompletesActivity)
        {
            rep.LeftOpen++;
            return;
        }

        var due = activity.GetAttributeValue<DateTime?>("scheduledend") ?? earliestWork;
        var spanDays = Math.Max(0, (due.Date - earliestWork.Date).Days);
        var dayDraw = Draw(key + ":day");
        var when = earliestWork.Date.AddDays((int)(dayDraw * (spanDays + 1))).AddHours(15).AddMinutes(owner.GetHashCode() & 63);
        if (when < _now) when = _now.AddMinutes(1);
        At(when, () => Complete(activity.ToEntityReference(), isCall, contact, rep, key));
    }

    /// <summary>A rep works a call or task: completes it with what the customer said, records a reason learnt, and may pass on an interested customer.</summary>
    private void Complete(EntityReference activity, bool isCall, Guid contact, RepWork rep, string key)
    {
        var r = Draw(key + ":outcome");
        var m = _model;
        var outcome = r < m.CallReached ? Reached
            : r < m.CallReached + m.CallInterested ? Interested
            : r < m.CallReached + m.CallInterested + m.CallNotInterested ? NotInterested
            : r < m.CallReached + m.CallInterested + m.CallNotInterested + m.CallWrongNumber ? WrongNumber
            : OptedOut;
        var update = new Entity(activity.LogicalName, activity.Id)
        {
            ["statecode"] = new OptionSetValue(1),
            ["statuscode"] = new OptionSetValue(isCall ? 2 : 5),
        };
        update[ActivityColumns.ResponseOutcome] = new OptionSetValue(outcome);
        _service.Update(update);
        if (isCall) rep.CallsMade++;
        else rep.TasksDone++;
        if (contact == Guid.Empty) return;
        if (outcome == Reached || outcome == Interested || outcome == NotInterested) RecordReasonLearnt(contact);

        if (outcome == OptedOut) UpdateContact(new Entity(ContactColumns.Table, contact) { [ContactColumns.DoNotPhone] = true });
        if (outcome == Interested) MaybeBuys(contact, key);
    }

    /// <summary>The call's first job is to ask why: the rep writes the reason on the contact, which re-runs the outreach step with a reason-based offer.</summary>
    private void RecordReasonLearnt(Guid contact)
    {
        if (_reasonRecorded.ContainsKey(contact)) return;
        if (_settings.Scenario.Profiles.GetValueOrDefault(_keys[contact])?.TrueDormancyReason is not { } reason) return;
        _reasonRecorded.Add(contact, reason);
        UpdateContact(new Entity(ContactColumns.Table, contact) { [ContactColumns.DormancyReason] = ContactColumns.Reasons.Option(reason) });
    }

    private void MaybeBuys(Guid contact, string key)
    {
        if (!_settings.Scenario.ModelPurchases) return;
        var buys = Draw(key + ":buys");
        if (buys >= _model.InterestedBuys) return;
        var when = Draw(key + ":when");
        var customer = _keys[contact];
        var amount = _model.WinBackOrderAmount;
        At(_now.Date.AddDays(1 + (int)(when * 14)).AddHours(16), () => Purchase(customer, amount, fromModel: true));
    }

    /// <summary>
    /// The message gateway sends at rx_sendafter (quiet hours respected by the plugin) and writes back what the channel
    /// reports, as a real sender would: Delivered (or Failed) a minute later, Clicked when the customer opens the link half
    /// an hour after; the customer may reply to a delivered message within 3 days.
    /// </summary>
    private void PlanMessage(Entity message, Guid contact, DateTime earliestWork)
    {
        var created = message.GetAttributeValue<DateTime>("createdon");
        var sendAfter = message.GetAttributeValue<DateTime?>(MessageColumns.SendAfter) ?? created;
        if (sendAfter > created) _result.MessagesDeferred++;
        var sendAt = sendAfter < earliestWork ? earliestWork.AddHours(11) : sendAfter;
        if (sendAt < _now) sendAt = _now.AddMinutes(1);
        var reference = message.ToEntityReference();
        var key = "message:" + EventKey(contact, "message:" + message.GetAttributeValue<OptionSetValue>(MessageColumns.Channel)?.Value.ToString(CultureInfo.InvariantCulture), message);
        At(sendAt, () =>
        {
            _service.Update(new Entity(reference.LogicalName, reference.Id)
            {
                [MessageColumns.Status] = new OptionSetValue(MessageSent),
                ["statecode"] = new OptionSetValue(1),
                ["statuscode"] = new OptionSetValue(2),
            });
            var delivered = Draw(key + ":delivered") < _model.MessageDelivered;
            var clicks = delivered && Draw(key + ":clicked") < _model.MessageClicked;
            At(_now.AddMinutes(1), () => _service.Update(new Entity(reference.LogicalName, reference.Id) { [MessageColumns.Status] = new OptionSetValue(delivered ? MessageDelivered : MessageFailed) }));
            if (clicks) At(_now.AddMinutes(30), () => _service.Update(new Entity(reference.LogicalName, reference.Id) { [MessageColumns.Status] = new OptionSetValue(MessageClicked) }));
            var replies = Draw(key + ":reply");
            // The store's site or app writes back what the link led to; a customer who replies is the reply's (one status).
            var replying = delivered && replies < _model.MessageReply && contact != Guid.Empty;
            var visits = clicks && !replying && Draw(key + ":visited") < _model.ClickVisits;
            if (visits)
            {
                At(_now.AddMinutes(90), () => _service.Update(new Entity(reference.LogicalName, reference.Id) { [MessageColumns.Status] = new OptionSetValue(MessageVisited) }));
                if (Draw(key + ":applied") < _model.VisitApplies) At(_now.AddMinutes(150), () => _service.Update(new Entity(reference.LogicalName, reference.Id) { [MessageColumns.Status] = new OptionSetValue(MessageApplied) }));
            }

            if (!replying) return;
            var delay = Draw(key + ":delay");
            At(_now.AddHours(1 + (delay * 71)), () => Reply(reference, contact, key));
        });
    }

    private void Reply(EntityReference message, Guid contact, string key)
    {
        var r = Draw(key + ":optout");
        var optsOut = r < _model.ReplyOptsOut;
        _service.Update(new Entity(message.LogicalName, message.Id)
        {
            [MessageColumns.Status] = MessageColumns.Statuses.Option(MessageStatus.Replied),
            [MessageColumns.ResponseOutcome] = new OptionSetValue(optsOut ? OptedOut : Interested),
        });
        _result.MessagesReplied++;
        if (optsOut) NoteTrigger(); // the reply step sets the contact's do-not flag, which re-plans outreach
        else MaybeBuys(contact, key);
    }

    private RepWork Rep(Guid owner)
    {
        var name = _repNames.GetValueOrDefault(owner) ?? "owner " + owner.ToString("D")[..8];
        if (!_result.Reps.TryGetValue(name, out var rep)) _result.Reps.Add(name, rep = new RepWork(name));
        return rep;
    }

    /// <summary>
    /// Contacts the ladder called Sleeping or Lost today, for the calibration table: only time moves a customer into
    /// those stages, and the morning's evaluation stamps rx_stagechangedon with its own instant.
    /// </summary>
    private void RecordDormantEntries(DateTime evaluatedAt, DateOnly day)
    {
        var query = new QueryExpression(ContactColumns.Table) { ColumnSet = new ColumnSet(ContactColumns.LifecycleStage) };
        query.Criteria.AddCondition(ContactColumns.StageChangedOn, ConditionOperator.Equal, evaluatedAt);
        foreach (var row in RetrieveAll(query))
        {
            var stage = row.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage)?.Value;
            if (stage == Sleeping || stage == Lost) _dormantEntries.Add((row.Id, stage.Value, day.DayNumber, OverdueFactorOn(row.Id, evaluatedAt, day)));
        }
    }

    /// <summary>
    /// The OverdueFactor the morning's evaluation read for the contact: Core's facts from her purchases before the day
    /// (the orders of the day come after the morning run), at the evaluation instant.
    /// </summary>
    private decimal? OverdueFactorOn(Guid contact, DateTime evaluatedAt, DateOnly day)
    {
        var input = new CustomerFactsInput { UtcNow = evaluatedAt };
        foreach (var bought in _purchaseDays[contact].Where(d => d < day.DayNumber))
        {
            input.Purchases.Add(new Purchase(DateOnly.FromDayNumber(bought).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), 0m));
        }

        return CustomerFactsBuilder.Build(input).OverdueFactor;
    }

    /// <summary>Stage counts the organisation holds tonight, read page by page.</summary>
    private void Snapshot(DateOnly day)
    {
        var counts = Enum.GetNames<LifecycleStage>().ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var query = new QueryExpression(ContactColumns.Table) { ColumnSet = new ColumnSet(ContactColumns.LifecycleStage, ContactColumns.PurchaseLedger) };
        var contacts = RetrieveAll(query).ToList();
        foreach (var contact in contacts)
        {
            var name = ContactColumns.Stages.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage), out var stage) ? stage.ToString() : "None";
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        var (octants, splits) = Octants(contacts, day);
        _result.Snapshots.Add(new StageSnapshot(day, counts) { Octants = octants, OctantSplits = splits });
    }

    private IEnumerable<Entity> RetrieveAll(QueryExpression query)
    {
        query.PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 };
        while (true)
        {
            var page = _service.RetrieveMultiple(query);
            foreach (var row in page.Entities) yield return row;
            if (!page.MoreRecords) yield break;
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }

    /// <summary>After the last day: what the organisation holds — attempts, activities, incentives — counted from its rows.</summary>
    private void Collect()
    {
        _result.Customers = _contacts.Count;
        var redeemed = new QueryExpression(IncentiveColumns.Table) { ColumnSet = new ColumnSet(false) };
        redeemed.Criteria.AddCondition(IncentiveColumns.Status, ConditionOperator.Equal, IncentiveColumns.Statuses.ValueOf(IncentiveStatus.Redeemed));
        _result.IncentivesRedeemed = RetrieveAll(redeemed).Count();

        // Attempts contact by contact: each query is answered from the rx_contactid index, so reading them all stays linear.
        var converted = new HashSet<Guid>();
        foreach (var attempt in _contacts.Values.SelectMany(AttemptsOf))
        {
            _result.Attempts++;
            Measure(attempt);
            var outcome = AttemptColumns.Outcomes.TryName(attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome), out var known) ? known.ToString() : "Unknown";
            _result.AttemptsByOutcome[outcome] = _result.AttemptsByOutcome.GetValueOrDefault(outcome) + 1;
            var purpose = AttemptColumns.Purposes.TryName(attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.Purpose), out var made) ? made : TouchPurposes.Offer;
            _result.AttemptsByPurpose[purpose] = _result.AttemptsByPurpose.GetValueOrDefault(purpose) + 1;
            var offer = attempt.GetAttributeValue<string>(AttemptColumns.Offer) ?? "(none)";
            var reason = ContactColumns.Reasons.TryName(attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.ReasonAtStart), out var stated) ? stated : "Unknown";
            if (!_result.OffersByReason.TryGetValue(offer, out var reasons)) _result.OffersByReason.Add(offer, reasons = new SortedDictionary<string, int>(StringComparer.Ordinal));
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            var rep = Rep(attempt.GetAttributeValue<EntityReference>(ContactColumns.Owner)?.Id ?? LocalOrganizationOptions.DefaultSystemUserId);
            if (outcome == "Suppressed")
            {
                rep.Suppressed++;
                if (!HasRetry(attempt))
                {
                    // Waiting cannot bring consent back; a consent the customer gives again is a contact change that starts anew.
                    if (OptedOutOfEveryChannelTried(attempt)) _result.SuppressedOptedOutOfEveryChannel++;
                    else _result.SuppressedWithoutRetry++;
                }

                foreach (var code in SuppressionReasons(attempt.GetAttributeValue<string>(AttemptColumns.BlockReasons)))
                {
                    _result.SuppressionsByReason[code] = _result.SuppressionsByReason.GetValueOrDefault(code) + 1;
                }

                continue;
            }

            rep.AttemptsOwned++;
            // The wake step ran (rx_wakestep), or the attempt started at it (its first step line); a follow-up is not a wake.
            var firstLine = (attempt.GetAttributeValue<string>(AttemptColumns.Steps) ?? "").Split('\n')[0].Split(' ');
            var reachedWake = !string.IsNullOrEmpty(attempt.GetAttributeValue<string>(AttemptColumns.WakeStep)) || (firstLine.Length > 1 && firstLine[1] == nameof(AttemptStep.Wake));
            if (reachedWake) _result.AttemptsReachingWake++;
            if (reachedWake && outcome == "Converted") _result.AttemptsConvertedAfterWake++;
            if (outcome == "Open" && attempt.GetAttributeValue<DateTime?>(AttemptColumns.Deadline) is { } deadline && DateOnly.FromDateTime(deadline) < _settings.Scenario.To) _result.OpenPastDeadline++;
            if (outcome == "Converted")
            {
                converted.Add(attempt.Id);
                var revenue = attempt.GetAttributeValue<Money>(AttemptColumns.Revenue)?.Value ?? 0m;
                _result.Conversions++;
                _result.ConversionRevenue += revenue;
                rep.Conversions++;
                rep.Revenue += revenue;
            }

            // The response steps stamp the attempt's first response, from a reply or a rep's call or task.
            if (attempt.Contains(AttemptColumns.RespondedOn)) _result.Responded++;
        }

        _result.Uplift = Uplift();
        _result.OrganisationReport = OrganisationReport();
        CollectFunnelByChannel(converted);
        Calibrate();
    }

    /// <summary>
    /// Each outbox message by the furthest point it reached, per channel, from the status the gateway wrote back: sent
    /// (anything but Pending and Cancelled), delivered (Delivered, Clicked or Replied), clicked or replied, visited or logged in
    /// and applied (what the store's site or app wrote back after a click), and converted (its attempt was won back).
    /// </summary>
    private void CollectFunnelByChannel(HashSet<Guid> converted)
    {
        var query = new QueryExpression(MessageColumns.Table) { ColumnSet = new ColumnSet(MessageColumns.Channel, MessageColumns.Status, MessageColumns.Attempt) };
        foreach (var message in RetrieveAll(query))
        {
            if (!MessageColumns.Channels.TryName(message.GetAttributeValue<OptionSetValue>(MessageColumns.Channel), out var channel)) continue;
            if (!MessageColumns.Statuses.TryName(message.GetAttributeValue<OptionSetValue>(MessageColumns.Status), out var status)) continue;
            if (status == MessageStatus.Pending || status == MessageStatus.Cancelled) continue;
            if (!_result.FunnelByChannel.TryGetValue(channel, out var funnel)) _result.FunnelByChannel.Add(channel, funnel = new ChannelFunnel());
            funnel.Sent++;
            if (status == MessageStatus.Sent || status == MessageStatus.Failed) continue;
            funnel.Delivered++;
            if (status == MessageStatus.Delivered) continue;
            funnel.ClickedOrReplied++;
            if (status == MessageStatus.Visited || status == MessageStatus.Applied) funnel.Visited++;
            if (status == MessageStatus.Applied) funnel.Applied++;
            if (message.GetAttributeValue<EntityReference>(MessageColumns.Attempt) is { } attempt && converted.Contains(attempt.Id)) funnel.Converted++;
        }
    }

    private void Calibrate()
    {
        var lastDay = _settings.Scenario.To.DayNumber;
        foreach (var stage in new[] { Sleeping, Lost })
        {
            foreach (var window in CalibrationWindows)
            {
                var entries = 0;
                var bought = 0;
                foreach (var (contact, entryStage, day, _) in _dormantEntries)
                {
                    if (entryStage != stage || day + window > lastDay) continue;
                    entries++;
                    if (_purchaseDays[contact].Exists(d => d > day && d <= day + window)) bought++;
                }

                _result.Calibration.Add(new CalibrationRow(stage == Sleeping ? "Sleeping" : "Lost", window, entries, bought));
            }

            var factors = _dormantEntries.Where(e => e.Stage == stage).Select(e => e.Factor).ToList();
            var known = factors.OfType<decimal>().Order().ToList();
            _result.CadenceAtEntry.Add(new CadenceRow(stage == Sleeping ? "Sleeping" : "Lost", factors.Count, known.Count, Rank(known, 25), Rank(known, 50), Rank(known, 75)));
        }
    }

    /// <summary>The nearest-rank percentile of sorted values: the smallest value at least <paramref name="percent"/> % of them do not exceed; null without values.</summary>
    private static decimal? Rank(List<decimal> sorted, int percent) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (sorted.Count * percent + 99) / 100 - 1)];

    /// <summary>
    /// Whether the suppressed attempt says when it is tried again (its retry date: the day its block lifts), or needs
    /// none because its customer opted out of every channel.
    /// </summary>
    private bool HasRetry(Entity attempt)
    {
        if (attempt.GetAttributeValue<DateTime?>(AttemptColumns.RetryOn) is not null) return true;
        var contact = attempt.GetAttributeValue<EntityReference>(AttemptColumns.Contact);
        if (contact is null) return false;
        var optOuts = new List<string>();
        foreach (var channel in ContactChannels.All)
        {
            if (ContactColumns.DoNotColumn(channel) is { } column) optOuts.Add(column);
        }

        var row = _service.Retrieve(contact.LogicalName, contact.Id, new ColumnSet(optOuts.ToArray()));
        return optOuts.TrueForAll(column => row.GetAttributeValue<bool>(column));
    }

    /// <summary>The distinct reason codes a suppressed attempt's stored block reasons name (the plan's data, not its explanation).</summary>
    /// <summary>The customer, as the run leaves them, has the do-not flag of every channel the suppressed attempt tried set.</summary>
    private bool OptedOutOfEveryChannelTried(Entity attempt)
    {
        var tried = BlockReasons.Parse(attempt.GetAttributeValue<string>(AttemptColumns.BlockReasons)).Select(r => r.Channel).Distinct().ToList();
        var columns = tried.Select(ContactColumns.DoNotColumn).ToList();
        if (tried.Count == 0 || columns.Any(c => c is null)) return false;
        var contact = _service.Retrieve(ContactColumns.Table, attempt.GetAttributeValue<EntityReference>(AttemptColumns.Contact).Id, new ColumnSet(columns.Distinct().ToArray()!));
        return columns.All(c => contact.GetAttributeValue<bool?>(c!) == true);
    }

    public static IEnumerable<string> SuppressionReasons(string? blockReasons) =>
        new SortedSet<string>(BlockReasons.Parse(blockReasons).Select(r => r.Code), StringComparer.Ordinal);

    private IEnumerable<Entity> AttemptsOf(Guid contact)
    {
        var query = new QueryExpression(AttemptColumns.Table)
        {
            ColumnSet = new ColumnSet(AttemptColumns.Contact, AttemptColumns.StartedOn, AttemptColumns.CurrentStep, AttemptColumns.Deadline, AttemptColumns.StageAtStart, AttemptColumns.Outcome, AttemptColumns.Revenue, AttemptColumns.Offer, AttemptColumns.ReasonAtStart, AttemptColumns.RespondedOn, AttemptColumns.BlockReasons, AttemptColumns.RetryOn, AttemptColumns.Steps, AttemptColumns.WakeStep, AttemptColumns.Purpose, ContactColumns.Owner,
                AttemptColumns.StageEnteredOn, AttemptColumns.AttributionUntil, AttemptColumns.FirstPurchaseInWindowOn, AttemptColumns.RevenueInWindow, AttemptColumns.Attribution),
        };
        query.Criteria.AddCondition(AttemptColumns.Contact, ConditionOperator.Equal, contact);
        return RetrieveAll(query);
    }

    private string EventKey(Guid contact, string kind, Entity row) =>
        (_keys.TryGetValue(contact, out var customer) ? customer : contact.ToString("N")) + ":" + kind + ":" +
        row.GetAttributeValue<DateTime>("createdon").Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>A draw in [0, 1) fixed by the seed and the event's own key, so one event's luck never depends on the order others were seen in.</summary>
    private double Draw(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(_settings.Seed.ToString(CultureInfo.InvariantCulture) + "|" + key));
        return (BitConverter.ToUInt64(hash, 0) >> 11) * (1.0 / (1UL << 53));
    }

    private static Guid NameBasedId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("rx-simulate:" + name));
        return new Guid(hash.AsSpan(0, 16));
    }
}
