using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Orders;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// OrderPurchasePlugin as an admin imports it: the product's solution/ (order and contact steps, images,
/// filtering attributes, tables) loaded into the local organisation, with a simulated clock. Asserts what users
/// see: the contact's roll-ups and stage, the attempt's outcome, the incentive's status.
/// </summary>
[TestClass]
public sealed class OrderPurchasePluginTests
{
    private static readonly int Prospect = ContactColumns.Stages.ValueOf(LifecycleStage.Prospect);
    private static readonly int New = ContactColumns.Stages.ValueOf(LifecycleStage.New);
    private static readonly int Active = ContactColumns.Stages.ValueOf(LifecycleStage.Active);
    private static readonly int Reactivated = ContactColumns.Stages.ValueOf(LifecycleStage.Reactivated);
    private static readonly int Open = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Open);
    private static readonly int Converted = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Converted);
    private static readonly int Issued = IncentiveColumns.Statuses.ValueOf(IncentiveStatus.Issued);
    private static readonly int Redeemed = IncentiveColumns.Statuses.ValueOf(IncentiveStatus.Redeemed);
    private const string OrderStep = "Reactivation.Plugins.Orders.OrderPurchasePlugin";

    /// <summary>The ledger read and write, and the bounded read of the attempts whose attribution window could contain the purchase.</summary>
    private static readonly string[] TypicalRequests = ["Retrieve contact", "Update contact", "RetrieveMultiple rx_reactivationattempt"];

    private static readonly string[] ConvertingAndRedeemingRequests =
    [
        "Retrieve contact", "Update contact", "RetrieveMultiple rx_incentive", "Update rx_incentive",
        "RetrieveMultiple rx_reactivationattempt", "Update salesorder", "Update rx_reactivationattempt",
    ];

    private DateTime _now = new(2026, 3, 10, 9, 30, 0, DateTimeKind.Utc);
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;

    [TestInitialize]
    public void LoadProduct()
    {
        _org = ProductOrganization.Load(() => _now);
        _service = _org.CreateOrganizationService(null);
    }

    [TestMethod]
    public void A_fulfilled_order_counts_on_the_contact_and_a_second_one_after_100_days_makes_the_contact_Reactivated()
    {
        var contact = NewContact();
        Assert.AreEqual(Prospect, Contact(contact).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);

        var first = NewOrder(contact, 120m);
        Fulfil(first);

        var after1 = Contact(contact);
        Assert.AreEqual(1, after1.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(120m, after1.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.AreEqual(_now, after1.GetAttributeValue<DateTime>("rx_firstpurchaseon"));
        Assert.AreEqual(_now, after1.GetAttributeValue<DateTime>("rx_lastpurchaseon"));
        Assert.AreEqual(New, after1.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);

        var firstOn = _now;
        _now = _now.AddDays(100);
        var second = NewOrder(contact, 80.5m);
        Fulfil(second);

        var after2 = Contact(contact);
        Assert.AreEqual(2, after2.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(200.5m, after2.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.AreEqual(firstOn, after2.GetAttributeValue<DateTime>("rx_firstpurchaseon"));
        Assert.AreEqual(_now, after2.GetAttributeValue<DateTime>("rx_lastpurchaseon"));
        Assert.AreEqual(Reactivated, after2.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "default lifecycle: the last two purchase dates are more than 90 days apart");
        Assert.AreEqual(_now, after2.GetAttributeValue<DateTime>("rx_stagechangedon"));
    }

    [TestMethod]
    public void An_active_order_changes_nothing_and_fulfilling_it_later_counts_it_once()
    {
        var contact = NewContact();
        _org.ClearLogs();

        var order = NewOrder(contact, 99m);

        var untouched = Contact(contact);
        Assert.IsFalse(untouched.Contains("rx_purchaseledger"));
        Assert.IsFalse(untouched.Contains("rx_purchasecount"));
        Assert.IsEmpty(PluginRequests("Update"), "an order that is not a purchase writes nothing");

        _now = _now.AddDays(3);
        Fulfil(order);
        _service.Update(new Entity("salesorder", order) { ["statecode"] = new OptionSetValue(4), ["statuscode"] = new OptionSetValue(100003) });

        var counted = Contact(contact);
        Assert.AreEqual(1, counted.GetAttributeValue<int>("rx_purchasecount"), "invoicing a fulfilled order is the same purchase");
        Assert.AreEqual(99m, counted.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.AreEqual(_now, counted.GetAttributeValue<DateTime>("rx_lastpurchaseon"));
    }

    [TestMethod]
    public void The_same_update_sent_twice_is_counted_once_and_the_replay_makes_no_contact_update()
    {
        var contact = NewContact();
        var order = NewOrder(contact, 150m);
        Fulfil(order);
        var before = Contact(contact);
        _org.ClearLogs();

        _now = _now.AddHours(2);
        Fulfil(order, fulfilledOn: before.GetAttributeValue<DateTime>("rx_lastpurchaseon"));

        var after = Contact(contact);
        Assert.AreEqual(before.GetAttributeValue<string>("rx_purchaseledger"), after.GetAttributeValue<string>("rx_purchaseledger"));
        Assert.AreEqual(1, after.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(150m, after.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.IsEmpty(PluginRequests("Update"), "a replay writes nothing");
        Assert.HasCount(1, PluginRequests("Retrieve"), "the one read of the contact's ledger");
        Assert.IsEmpty(PluginRequests("RetrieveMultiple"), "an order counted before converts no attempt again");
    }

    [TestMethod]
    public void An_order_created_paid_and_then_updated_with_nothing_relevant_is_counted_once()
    {
        var contact = NewContact();
        var paidOn = _now.AddHours(-1);
        var order = _service.Create(new Entity("salesorder")
        {
            ["name"] = "Facial", ["customerid"] = new EntityReference("contact", contact),
            ["totalamount"] = new Money(60m), ["rx_paidon"] = paidOn,
        });
        _org.ClearLogs();

        _service.Update(new Entity("salesorder", order) { ["totalamount"] = new Money(60m), ["statuscode"] = new OptionSetValue(2) });

        var after = Contact(contact);
        Assert.AreEqual(1, after.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(60m, after.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.AreEqual(paidOn, after.GetAttributeValue<DateTime>("rx_lastpurchaseon"), "the paid-on instant, not the fulfilment");
        Assert.IsEmpty(PluginRequests("Update"));
    }

    [TestMethod]
    public void A_corrected_amount_replaces_the_order_in_the_roll_ups_instead_of_adding_it()
    {
        var contact = NewContact();
        var order = NewOrder(contact, 100m);
        Fulfil(order);

        _service.Update(new Entity("salesorder", order) { ["totalamount"] = new Money(90m) });

        var after = Contact(contact);
        Assert.AreEqual(1, after.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(90m, after.GetAttributeValue<Money>("rx_totalspend").Value);
    }

    [TestMethod]
    public void A_counted_order_that_is_cancelled_is_taken_out_again()
    {
        var contact = NewContact();
        var kept = NewOrder(contact, 40m);
        Fulfil(kept);
        var keptOn = _now;
        _now = _now.AddDays(5);
        var cancelled = NewOrder(contact, 300m);
        Fulfil(cancelled);
        Assert.AreEqual(2, Contact(contact).GetAttributeValue<int>("rx_purchasecount"));

        _service.Update(new Entity("salesorder", cancelled) { ["statecode"] = new OptionSetValue(2), ["statuscode"] = new OptionSetValue(4) });

        var after = Contact(contact);
        Assert.AreEqual(1, after.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(40m, after.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.AreEqual(keptOn, after.GetAttributeValue<DateTime>("rx_lastpurchaseon"));
        Assert.AreEqual(New, after.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "one purchase again");
    }

    [TestMethod]
    public void Cancelling_the_only_order_makes_the_contact_a_Prospect_with_empty_roll_ups()
    {
        var contact = NewContact();
        var order = NewOrder(contact, 40m);
        Fulfil(order);

        _service.Update(new Entity("salesorder", order) { ["statecode"] = new OptionSetValue(2), ["statuscode"] = new OptionSetValue(4) });

        var after = Contact(contact);
        Assert.AreEqual(0, after.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(0m, after.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.IsFalse(after.Contains("rx_lastpurchaseon"));
        Assert.AreEqual("P1", after.GetAttributeValue<string>("rx_purchaseledger"));
        Assert.AreEqual(Prospect, after.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
    }

    [TestMethod]
    public void An_order_moved_to_another_contact_leaves_the_first_and_counts_for_the_second()
    {
        var first = NewContact();
        var second = NewContact();
        var order = NewOrder(first, 70m);
        Fulfil(order);

        _service.Update(new Entity("salesorder", order) { ["customerid"] = new EntityReference("contact", second) });

        Assert.AreEqual(0, Contact(first).GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(1, Contact(second).GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(70m, Contact(second).GetAttributeValue<Money>("rx_totalspend").Value);
    }

    [TestMethod]
    public void An_order_of_an_account_is_saved_and_touches_no_contact()
    {
        var account = _service.Create(new Entity("account") { ["name"] = "Studio" });
        _org.ClearLogs();

        var order = _service.Create(new Entity("salesorder")
        {
            ["name"] = "B2B", ["customerid"] = new EntityReference("account", account), ["totalamount"] = new Money(10m),
            ["statecode"] = new OptionSetValue(3), ["statuscode"] = new OptionSetValue(100001),
        });

        Assert.AreNotEqual(Guid.Empty, order);
        Assert.IsEmpty(_org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin));
        StringAssert.Contains(_org.TraceLog.Single(t => t.PluginTypeName.StartsWith(OrderStep, StringComparison.Ordinal)).MessageBlock, "is not a contact");
    }

    [TestMethod]
    public void An_order_after_outreach_converts_the_open_attempt_with_the_order_and_revenue()
    {
        var contact = NewContact();
        var older = NewAttempt(contact, startedOn: _now.AddDays(-30));
        var attempt = NewAttempt(contact, startedOn: _now.AddDays(-4));
        var order = NewOrder(contact, 210m);

        Fulfil(order);

        var converted = _service.Retrieve("rx_reactivationattempt", attempt, new ColumnSet("rx_outcome", "rx_convertingorderid", "rx_revenue"));
        Assert.AreEqual(Converted, converted.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.AreEqual(order, converted.GetAttributeValue<EntityReference>("rx_convertingorderid").Id);
        Assert.AreEqual(210m, converted.GetAttributeValue<Money>("rx_revenue").Value);
        Assert.AreEqual(Open, Outcome(older), "only the attempt the contact carries as open converts");
        Assert.IsNull(Contact(contact).GetAttributeValue<EntityReference>("rx_openattemptid"), "the contact no longer carries a converted attempt");
    }

    [TestMethod]
    public void An_order_paid_before_the_attempt_started_does_not_convert_it()
    {
        var contact = NewContact();
        var attempt = NewAttempt(contact, startedOn: _now.AddDays(-1));
        var order = NewOrder(contact, 50m);

        _service.Update(new Entity("salesorder", order) { ["rx_paidon"] = _now.AddDays(-2) });

        Assert.AreEqual(1, Contact(contact).GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(Open, Outcome(attempt));
    }

    [TestMethod]
    public void An_order_carrying_an_incentive_code_redeems_it()
    {
        var contact = NewContact();
        var incentive = NewIncentive("WB-2026-0001", validUntil: _now.AddDays(30));
        var order = NewOrder(contact, 88m, code: "WB-2026-0001");

        Fulfil(order);

        var redeemed = Incentive(incentive);
        Assert.AreEqual(Redeemed, redeemed.GetAttributeValue<OptionSetValue>("rx_incentivestatus").Value);
        Assert.AreEqual(order, redeemed.GetAttributeValue<EntityReference>("rx_redeemedbyorderid").Id);
    }

    [TestMethod]
    public void A_code_added_to_an_order_already_counted_redeems_the_incentive()
    {
        var contact = NewContact();
        var incentive = NewIncentive("WB-LATE", validUntil: _now.AddDays(30));
        var order = NewOrder(contact, 88m);
        Fulfil(order);

        _service.Update(new Entity("salesorder", order) { ["rx_incentivecode"] = "WB-LATE" });

        Assert.AreEqual(Redeemed, Incentive(incentive).GetAttributeValue<OptionSetValue>("rx_incentivestatus").Value);
        Assert.AreEqual(1, Contact(contact).GetAttributeValue<int>("rx_purchasecount"));
    }

    [TestMethod]
    public void An_unknown_incentive_code_does_not_block_the_save_and_the_order_still_counts()
    {
        var contact = NewContact();
        var order = NewOrder(contact, 88m, code: "NO-SUCH-CODE");

        Fulfil(order);

        Assert.AreEqual(3, _service.Retrieve("salesorder", order, new ColumnSet("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(1, Contact(contact).GetAttributeValue<int>("rx_purchasecount"));
        var trace = _org.TraceLog.Last(t => t.PluginTypeName.StartsWith(OrderStep, StringComparison.Ordinal)).MessageBlock;
        StringAssert.Contains(trace, "no incentive has the order's code (12 chars)");
        Assert.IsFalse(trace.Contains("NO-SUCH-CODE", StringComparison.OrdinalIgnoreCase), "the code itself stays out of the trace");
    }

    [TestMethod]
    public void An_expired_incentive_is_not_redeemed()
    {
        var contact = NewContact();
        var incentive = NewIncentive("WB-OLD", validUntil: _now.AddDays(-1));
        var order = NewOrder(contact, 88m, code: "WB-OLD");

        Fulfil(order);

        var after = Incentive(incentive);
        Assert.AreEqual(Issued, after.GetAttributeValue<OptionSetValue>("rx_incentivestatus").Value);
        Assert.IsFalse(after.Contains("rx_redeemedbyorderid"));
        Assert.AreEqual(1, Contact(contact).GetAttributeValue<int>("rx_purchasecount"));
    }

    [TestMethod]
    public void An_incentive_redeemed_by_another_order_stays_with_that_order()
    {
        var contact = NewContact();
        var incentive = NewIncentive("WB-ONCE", validUntil: _now.AddDays(30));
        var first = NewOrder(contact, 10m, code: "WB-ONCE");
        Fulfil(first);
        var second = NewOrder(contact, 20m, code: "WB-ONCE");

        Fulfil(second);

        Assert.AreEqual(first, Incentive(incentive).GetAttributeValue<EntityReference>("rx_redeemedbyorderid").Id);
    }

    [TestMethod]
    public void An_unreadable_ledger_from_an_import_is_rebuilt_from_what_can_be_read_and_the_order_is_not_lost()
    {
        // Rows written before the solution's steps exist stand for an import with plugins off.
        var org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => _now, PluginAssemblies = [typeof(OrderPurchasePlugin).Assembly] });
        var service = org.CreateOrganizationService(null);
        var readable = LedgerInstant.Write(_now.AddDays(-10)) + "=30.00#0000aaaa";
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Wu", ["rx_purchaseledger"] = "P1;" + readable + ";garbage;2026xx=1#bbbbbbbb" });
        var unknown = service.Create(new Entity("contact") { ["lastname"] = "Ma", ["rx_purchaseledger"] = "P9;whatever" });
        org.LoadSolution(Path.Combine(TestPaths.RepositoryRoot(), "solution"));
        _service = service;

        Fulfil(NewOrder(contact, 20m));
        Fulfil(NewOrder(unknown, 25m));

        var rebuilt = Contact(contact);
        Assert.AreEqual(2, rebuilt.GetAttributeValue<int>("rx_purchasecount"), "the readable entry and the new order");
        Assert.AreEqual(50m, rebuilt.GetAttributeValue<Money>("rx_totalspend").Value);
        StringAssert.StartsWith(rebuilt.GetAttributeValue<string>("rx_purchaseledger"), "P1;" + readable + ";");
        Assert.AreEqual(Active, rebuilt.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "the lifecycle step reads the rebuilt ledger");
        var fresh = Contact(unknown);
        Assert.AreEqual(1, fresh.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(New, fresh.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        var traces = string.Join("\n", org.TraceLog.Where(t => t.PluginTypeName.StartsWith(OrderStep, StringComparison.Ordinal)).Select(t => t.MessageBlock));
        StringAssert.Contains(traces, "2 unreadable part(s)");
        StringAssert.Contains(traces, "is not P1; it is rebuilt from this order");
    }

    [TestMethod]
    public void A_typical_fulfilled_order_costs_one_contact_read_one_contact_update_and_one_attempt_query_at_depth_two_at_most()
    {
        var contact = NewContact();
        var order = NewOrder(contact, 120m);
        _org.ClearLogs();

        Fulfil(order);

        var requests = OrderStepRequests();
        CollectionAssert.AreEqual(TypicalRequests, requests);
        Assert.AreEqual(2, _org.TraceLog.Max(t => t.Depth), "order step at depth 1, the lifecycle step on the contact update at depth 2");
        Assert.AreEqual(2, _org.TraceLog.Single(t => t.PluginTypeName.StartsWith("Reactivation.Plugins.Lifecycle", StringComparison.Ordinal)).Depth);
    }

    [TestMethod]
    public void A_fulfilled_order_converting_an_attempt_and_redeeming_its_incentive_costs_seven_requests_at_depth_two_at_most()
    {
        var contact = NewContact();
        var attempt = NewAttempt(contact, startedOn: _now.AddDays(-4));
        NewIncentive("WB-6", validUntil: _now.AddDays(30), attempt);
        var order = NewOrder(contact, 120m, code: "WB-6");
        // The contact's lifecycle Update step reads the active rulesets on its first event (ActiveRulesetTests counts
        // that read); warm it, within the refresh interval, so the log holds the order's requests only.
        _service.Update(new Entity("contact", contact) { ["rx_satisfaction"] = null });
        _org.ClearLogs();

        Fulfil(order);

        var requests = OrderStepRequests();
        CollectionAssert.AreEqual(ConvertingAndRedeemingRequests, requests);
        Assert.IsLessThanOrEqualTo(2, _org.TraceLog.Max(t => t.Depth));
        // The purchase makes the customer Active: the outreach step asks the active offers (read once per refresh interval)
        // whether a care rule reaches an Active customer; the default offers have none, so it stops there.
        CollectionAssert.AreEqual(
            new[] { "RetrieveMultiple rx_ruleset" },
            _org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.Depth != 1).Select(r => r.RequestName + " " + r.EntityName).ToArray(),
            "every other plugin request comes from the order step, at depth 1");
    }

    [TestMethod]
    public void Old_orders_fold_into_the_ledger_summary_and_a_replay_of_one_is_still_counted_once()
    {
        var contact = NewContact();
        var old = NewOrder(contact, 10m);
        Fulfil(old);
        _now = _now.AddDays(200);
        Fulfil(NewOrder(contact, 20m));
        _now = _now.AddDays(200);
        Fulfil(NewOrder(contact, 30m));
        _now = _now.AddDays(30);
        Fulfil(NewOrder(contact, 40m));

        var ledger = Contact(contact).GetAttributeValue<string>("rx_purchaseledger");
        StringAssert.StartsWith(ledger, "P1;~1,10.00,1,", "430 days on, the first order is summarised; the last two dates and the last 400 days are kept");

        _service.Update(new Entity("salesorder", old) { ["statecode"] = new OptionSetValue(4), ["statuscode"] = new OptionSetValue(100003) });

        var after = Contact(contact);
        Assert.AreEqual(4, after.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(100m, after.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.AreEqual(ledger, after.GetAttributeValue<string>("rx_purchaseledger"));
    }

    [TestMethod]
    public void A_contact_changed_by_someone_else_after_the_ledger_was_read_fails_the_save_instead_of_losing_an_order()
    {
        var org = ProductOrganization.Load(() => _now, null, typeof(ConcurrentContactWriter).Assembly);
        _service = org.CreateOrganizationService(null);
        var contact = NewContact();
        var order = NewOrder(contact, 35m);
        org.Register(new Reactivation.LocalOrg.Registration.StepRegistration(
            Guid.NewGuid(), "Concurrent writer: Retrieve of contact", "Retrieve", "contact", 40, 0, 1, [], [],
            typeof(ConcurrentContactWriter).FullName!, null, null));

        var fault = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Fulfil(order));

        StringAssert.Contains(fault.Message, "The version of the existing record doesn't match", "the platform's concurrency message reaches the user, who saves again");
        Assert.IsFalse(Contact(contact).Contains("rx_purchasecount"), "rolled back, nothing half-counted");
        Assert.AreEqual(0, _service.Retrieve("salesorder", order, new ColumnSet("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    private Guid NewContact() => _service.Create(new Entity("contact") { ["lastname"] = "Chen" });

    private Guid NewOrder(Guid contact, decimal amount, string? code = null)
    {
        var order = new Entity("salesorder")
        {
            ["name"] = "Order", ["customerid"] = new EntityReference("contact", contact), ["totalamount"] = new Money(amount),
        };
        if (code != null) order["rx_incentivecode"] = code;
        return _service.Create(order);
    }

    private void Fulfil(Guid order, DateTime? fulfilledOn = null) =>
        _service.Update(new Entity("salesorder", order)
        {
            ["statecode"] = new OptionSetValue(3), ["statuscode"] = new OptionSetValue(100001), ["datefulfilled"] = fulfilledOn ?? _now,
        });

    /// <summary>An open attempt, carried by the contact as its open one — as the outreach step leaves them.</summary>
    private Guid NewAttempt(Guid contact, DateTime startedOn)
    {
        var id = _service.Create(new Entity("rx_reactivationattempt")
        {
            ["rx_key"] = contact.ToString("D") + "|WakeSleeping|" + startedOn.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            ["rx_contactid"] = new EntityReference("contact", contact),
            ["rx_startedon"] = startedOn,
            ["rx_outcome"] = new OptionSetValue(Open),
        });
        _service.Update(new Entity("contact", contact)
        {
            ["rx_openattemptid"] = new EntityReference("rx_reactivationattempt", id),
            ["rx_attemptstartedon"] = startedOn,
        });
        return id;
    }

    private Guid NewIncentive(string code, DateTime validUntil, Guid? attempt = null) =>
        _service.Create(new Entity("rx_incentive")
        {
            ["rx_code"] = code, ["rx_validuntil"] = validUntil, ["rx_incentivestatus"] = new OptionSetValue(Issued),
            ["rx_attemptid"] = attempt is { } id ? new EntityReference("rx_reactivationattempt", id) : null,
        });

    private Entity Contact(Guid id) =>
        _service.Retrieve("contact", id, new ColumnSet(
            "rx_purchaseledger", "rx_purchasecount", "rx_totalspend", "rx_firstpurchaseon", "rx_lastpurchaseon",
            "rx_lifecyclestage", "rx_stagechangedon", "rx_openattemptid"));

    private int Outcome(Guid attempt) =>
        _service.Retrieve("rx_reactivationattempt", attempt, new ColumnSet("rx_outcome")).GetAttributeValue<OptionSetValue>("rx_outcome").Value;

    private Entity Incentive(Guid id) =>
        _service.Retrieve("rx_incentive", id, new ColumnSet("rx_incentivestatus", "rx_redeemedbyorderid"));

    /// <summary>The order step's own requests, as "Message table" (other steps' requests are counted by their tests).</summary>
    private List<string> OrderStepRequests() =>
        _org.RequestLog
            .Where(r => r.Origin == RequestOrigin.Plugin && r.StepName != null && r.StepName.StartsWith(OrderStep, StringComparison.Ordinal))
            .Select(r => $"{r.RequestName} {r.EntityName}")
            .ToList();

    private List<RequestRecord> PluginRequests(string message) =>
        _org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.RequestName == message).ToList();
}
