using Reactivation.Core.Ledgers;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Mapping;

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

    /// <summary>The outreach step's configuration as the shops' admin sets it after import.</summary>
    private static readonly string OutreachConfiguration =
        "utcOffsetMinutes=0" +
        ";team.Reactivation=" + ReactivationTeam.Id + ";team.CustomerCare=" + CustomerCareTeam.Id +
        ";team.ClinicManager=" + ClinicManagerTeam.Id + ";team.StoreManager=" + StoreManagerTeam.Id +
        ";team.Retention=" + RetentionTeam.Id + ";team.Credit=" + CreditTeam.Id;

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
    public const int Prospect = 101770000, New = 101770001, Active = 101770002, Silent = 101770003, Sleeping = 101770004, Lost = 101770005, Loyal = 101770006, Reactivated = 101770007;
    public const int Open = 101770000, Converted = 101770001, NoResponse = 101770002, OptedOut = 101770003, Suppressed = 101770004, Declined = 101770005;
    public const int Activate = 101770000, Wake = 101770001, FollowUp = 101770002;
    public const int Sms = 101770000, WeChat = 101770001, WeCom = 101770002, Push = 101770003, Email = 101770004;
    public const int Pending = 101770000, Replied = 101770002;
    public const int Issued = 101770000, Redeemed = 101770001;
    public const int FreeTrial = 101770001, FreeExchange = 101770002, PriorityAccess = 101770004, InterestFreeVoucher = 101770006, Voucher = 101770008;
    public const int Unknown = 101770000, UnusedPackage = 101770001, Dissatisfied = 101770002, Competitor = 101770004, HabitChanged = 101770006, PriceSensitive = 101770007;
    public const int Chinese = 101770001;
    public const int Reached = 101770000, Interested = 101770001, NotInterested = 101770002, WrongNumber = 101770003, ResponseOptedOut = 101770004;
    public const int Normal = 1, High = 2;
}
