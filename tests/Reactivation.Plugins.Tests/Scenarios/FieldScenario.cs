using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// A shop in the field: the product's solution/ loaded into the local organisation with the outreach step configured
/// as the shop's admin does after import (the organisation on UTC, the team ids its rulesets name), the industry's
/// preset activated as rx_ruleset rows through the organisation service, the daily rx_EvaluateDueContacts job, and a
/// simulated clock. Scenarios read back what reps and managers see: contacts, attempts, calls, tasks, messages,
/// incentives. Each key event is measured: the organisation-service requests plugin code makes (RequestLog), written
/// to the test output, and the deepest plugin execution, which must stay within 2.
/// </summary>
public abstract class FieldScenario
{
    protected static readonly EntityReference ReactivationTeam = Team("7e3a0c11-0000-4000-8000-0000000000a1");
    protected static readonly EntityReference CustomerCareTeam = Team("7e3a0c11-0000-4000-8000-0000000000c2");
    protected static readonly EntityReference ClinicManagerTeam = Team("7e3a0c11-0000-4000-8000-0000000000c3");
    protected static readonly EntityReference StoreManagerTeam = Team("7e3a0c11-0000-4000-8000-0000000000c4");
    protected static readonly EntityReference RetentionTeam = Team("7e3a0c11-0000-4000-8000-0000000000c5");
    protected static readonly EntityReference CreditTeam = Team("7e3a0c11-0000-4000-8000-0000000000c6");
    protected static readonly EntityReference SeniorConsultantsTeam = Team("7e3a0c11-0000-4000-8000-0000000000c7");

    /// <summary>The outreach step's configuration as the shops' admin sets it after import.</summary>
    private static readonly string OutreachConfiguration =
        "utcOffsetMinutes=0" +
        ";team.Reactivation=" + ReactivationTeam.Id + ";team.CustomerCare=" + CustomerCareTeam.Id +
        ";team.ClinicManager=" + ClinicManagerTeam.Id + ";team.StoreManager=" + StoreManagerTeam.Id +
        ";team.Retention=" + RetentionTeam.Id + ";team.Credit=" + CreditTeam.Id + ";team.SeniorConsultants=" + SeniorConsultantsTeam.Id;

    private int _orders;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The organisation's clock; scenarios start on a Tuesday morning and move it forward.</summary>
    protected DateTime Now { get; set; } = new(2026, 3, 10, 3, 30, 0, DateTimeKind.Utc);

    protected LocalOrganization Org { get; private set; } = null!;

    protected IOrganizationService Service { get; private set; } = null!;

    /// <summary>The folder under rules/presets/ whose three rulesets the shop runs; null for the shipped defaults.</summary>
    protected abstract string? Industry { get; }

    [TestInitialize]
    public void OpenTheShop()
    {
        Org = ProductOrganization.LoadConfigured(() => Now, OutreachConfiguration);
        Service = Org.CreateOrganizationService(null);
        if (Industry is null) return;
        foreach (var kind in new[] { "lifecycle", "contact-policy", "offers" })
        {
            ProductOrganization.ActivateRuleset(Service, Industry + " " + kind, "rules/presets/" + Industry + "/" + kind + ".json");
        }
    }

    // ---- the customer ----

    /// <summary>A customer with one counted visit per entry of <paramref name="visitsDaysAgo"/>, plus the given columns.</summary>
    protected Guid Customer(int[] visitsDaysAgo, params (string Column, object? Value)[] columns)
    {
        var contact = new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = Visits(visitsDaysAgo) };
        foreach (var (column, value) in columns) contact[column] = value;
        return Service.Create(contact);
    }

    /// <summary>A P1 purchase ledger with one 120.00 visit per entry, oldest first.</summary>
    protected string Visits(params int[] daysAgo) =>
        "P1;" + string.Join(";", daysAgo.OrderDescending().Select((days, i) => LedgerInstant.Write(Now.AddDays(-days)) + "=120.00#" + (i + 1).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)));

    protected void Set(Guid contact, string column, object? value) => Service.Update(new Entity("contact", contact) { [column] = value });

    protected Entity Contact(Guid id) => Service.Retrieve("contact", id, new ColumnSet(true));

    protected int Stage(Guid id) => Contact(id).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value;

    /// <summary>The contact's touch ledger as "yyyy-MM-dd Channel" entries, oldest first.</summary>
    protected List<string> Touches(Guid id) =>
        TouchLedger.Parse(Contact(id).GetAttributeValue<string>("rx_touchledger")).Touches.Select(t => t.WhenUtc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " " + t.Channel).ToList();

    // ---- what reps and managers see ----

    /// <summary>Every row of a table, oldest first (created on).</summary>
    protected List<Entity> All(string table) =>
        Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true), Orders = { new OrderExpression("createdon", OrderType.Ascending) } }).Entities.ToList();

    protected Entity OnlyRow(string table)
    {
        var rows = All(table);
        Assert.HasCount(1, rows, table);
        return rows[0];
    }

    protected Entity Row(EntityReference reference) => Service.Retrieve(reference.LogicalName, reference.Id, new ColumnSet(true));

    protected static string Text(Entity row, string column) => row.GetAttributeValue<string>(column);

    protected static int Choice(Entity row, string column) => row.GetAttributeValue<OptionSetValue>(column).Value;

    /// <summary>Attempts, phone calls, tasks, messages, incentives: how many of each exist.</summary>
    protected int[] Counts() => [All("rx_reactivationattempt").Count, All("phonecall").Count, All("task").Count, All("rx_outreachmessage").Count, All("rx_incentive").Count];

    // ---- the business day ----

    /// <summary>The scheduled daily job (page size 50); returns how many contacts it evaluated.</summary>
    protected int DailyRun() => ProductOrganization.EvaluateDueContacts(Service, pageSize: 50).Evaluated;

    /// <summary>
    /// <paramref name="days"/> mornings: the clock moves a day and the daily job runs, measured as a key event. Returns
    /// the days on which the job evaluated someone, each with the stage the contact was left in.
    /// </summary>
    protected List<(int Day, int Stage)> DailyRuns(string scenario, Guid contact, int days)
    {
        var evaluatedOn = new List<(int Day, int Stage)>();
        for (var day = 1; day <= days; day++)
        {
            Now = Now.AddDays(1);
            var evaluated = 0;
            KeyEvent(scenario + ", daily job on day " + day, () => evaluated = DailyRun());
            if (evaluated > 0) evaluatedOn.Add((day, Stage(contact)));
        }

        return evaluatedOn;
    }

    /// <summary>An order the till marks paid now, optionally carrying an incentive code.</summary>
    protected Guid PaidOrder(Guid contact, decimal amount, string? code = null)
    {
        var order = new Entity("salesorder")
        {
            ["name"] = "Till " + (++_orders), ["customerid"] = new EntityReference("contact", contact), ["totalamount"] = new Money(amount), ["rx_paidon"] = Now,
        };
        if (code is not null) order["rx_incentivecode"] = code;
        return Service.Create(order);
    }

    /// <summary>
    /// Runs one key event of a scenario and measures it: the requests plugin code sent (written to the test output
    /// as "Request table" in order, with their count, unless the event only read) and the deepest plugin execution,
    /// asserted within depth 2.
    /// </summary>
    protected IReadOnlyList<string> KeyEvent(string name, Action happen)
    {
        Org.ClearLogs();
        happen();
        var requests = Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin).Select(r => r.RequestName + " " + r.EntityName).ToList();
        var depth = Org.TraceLog.Count == 0 ? 0 : Org.TraceLog.Max(t => t.Depth);
        if (requests.Exists(r => !r.StartsWith("Retrieve", StringComparison.Ordinal)))
        {
            TestContext.WriteLine($"{name}: {requests.Count} requests, max depth {depth}: {string.Join(", ", requests)}");
        }

        Assert.IsLessThanOrEqualTo(2, depth, name + ": no plugin runs deeper than depth 2");
        Assert.IsTrue(Org.TraceLog.All(t => t.ExceptionDetails is null), name + ": no step failed");
        return requests;
    }

    private static EntityReference Team(string id) => new("team", new Guid(id));
}

/// <summary>Option values of the product's choices, as a rep's form shows them.</summary>
internal static class Option
{
    public static readonly int Prospect = ContactColumns.Stages.ValueOf(LifecycleStage.Prospect);
    public static readonly int New = ContactColumns.Stages.ValueOf(LifecycleStage.New);
    public static readonly int Active = ContactColumns.Stages.ValueOf(LifecycleStage.Active);
    public static readonly int Silent = ContactColumns.Stages.ValueOf(LifecycleStage.Silent);
    public static readonly int Sleeping = ContactColumns.Stages.ValueOf(LifecycleStage.Sleeping);
    public static readonly int Lost = ContactColumns.Stages.ValueOf(LifecycleStage.Lost);
    public static readonly int Loyal = ContactColumns.Stages.ValueOf(LifecycleStage.Loyal);
    public static readonly int Reactivated = ContactColumns.Stages.ValueOf(LifecycleStage.Reactivated);
    public static readonly int ImportantWinBack = ContactColumns.Octants.ValueOf("ImportantWinBack");
    public static readonly int GeneralWinBack = ContactColumns.Octants.ValueOf("GeneralWinBack");
    public static readonly int Rational = ContactColumns.Colours.ValueOf("Rational");
    public static readonly int Emotional = ContactColumns.Colours.ValueOf("Emotional");
    public static readonly int Open = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Open);
    public static readonly int Converted = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Converted);
    public static readonly int NoResponse = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.NoResponse);
    public static readonly int Responded = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Responded);
    public static readonly int OptedOut = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.OptedOut);
    public static readonly int Suppressed = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Suppressed);
    public static readonly int Declined = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Declined);
    public static readonly int Activate = AttemptColumns.CurrentSteps.ValueOf(AttemptStep.Activate);
    public static readonly int Care = AttemptColumns.Purposes.ValueOf("Care");
    public static readonly int OfferPurpose = AttemptColumns.Purposes.ValueOf("Offer");
    public static readonly int Wake = AttemptColumns.CurrentSteps.ValueOf(AttemptStep.Wake);
    public static readonly int FollowUp = AttemptColumns.CurrentSteps.ValueOf(AttemptStep.FollowUp);
    public static readonly int Sms = MessageColumns.Channels.ValueOf(ContactChannels.Sms);
    public static readonly int WeChat = MessageColumns.Channels.ValueOf(ContactChannels.WeChat);
    public static readonly int WeCom = MessageColumns.Channels.ValueOf(ContactChannels.WeCom);
    public static readonly int Push = MessageColumns.Channels.ValueOf(ContactChannels.Push);
    public static readonly int Email = MessageColumns.Channels.ValueOf(ContactChannels.Email);
    public static readonly int Pending = MessageColumns.Statuses.ValueOf(MessageStatus.Pending);
    public static readonly int Replied = MessageColumns.Statuses.ValueOf(MessageStatus.Replied);
    public static readonly int Issued = IncentiveColumns.Statuses.ValueOf(IncentiveStatus.Issued);
    public static readonly int Redeemed = IncentiveColumns.Statuses.ValueOf(IncentiveStatus.Redeemed);
    public static readonly int FreeTrial = IncentiveColumns.Types.ValueOf(IncentiveType.FreeTrial);
    public static readonly int FreeExchange = IncentiveColumns.Types.ValueOf(IncentiveType.FreeExchange);
    public static readonly int PriorityAccess = IncentiveColumns.Types.ValueOf(IncentiveType.PriorityAccess);
    public static readonly int InterestFreeVoucher = IncentiveColumns.Types.ValueOf(IncentiveType.InterestFreeVoucher);
    public static readonly int Voucher = IncentiveColumns.Types.ValueOf(IncentiveType.Voucher);
    public static readonly int Unknown = ContactColumns.Reasons.ValueOf("Unknown");
    public static readonly int UnusedPackage = ContactColumns.Reasons.ValueOf("UnusedPackage");
    public static readonly int Dissatisfied = ContactColumns.Reasons.ValueOf("Dissatisfied");
    public static readonly int Competitor = ContactColumns.Reasons.ValueOf("Competitor");
    public static readonly int HabitChanged = ContactColumns.Reasons.ValueOf("HabitChanged");
    public static readonly int PriceSensitive = ContactColumns.Reasons.ValueOf("PriceSensitive");
    public static readonly int Chinese = ContactColumns.Languages.ValueOf("zh-CN");
    public static readonly int Reached = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.Reached);
    public static readonly int Interested = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.Interested);
    public static readonly int NotInterested = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.NotInterested);
    public static readonly int WrongNumber = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.WrongNumber);
    public static readonly int ResponseOptedOut = ActivityColumns.ResponseOutcomes.ValueOf(ResponseOutcome.OptedOut);
    public static readonly int Normal = ActivityColumns.NormalPriority;
    public static readonly int High = ActivityColumns.HighPriority;
}
