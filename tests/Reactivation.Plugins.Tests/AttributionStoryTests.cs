using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Measurement;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Attribution as a store manager reads it on the records: price-sensitive customers go Silent on one day and get the
/// default voucher SMS (or, held out, nothing); the gateway writes the message's status back; they buy. The order and
/// the attempt say what the purchase owes the outreach — Redeemed (the voucher's code), Influenced (after the SMS went
/// out), NotReached (before anything went out), Holdout (a held-out customer) — with the attempt's first purchase and
/// revenue inside its 30-day window.
/// </summary>
[TestClass]
public sealed class AttributionStoryTests
{
    private static readonly DateTime StageEntry = new(2026, 3, 10);
    private static readonly int PriceSensitive = ContactColumns.Reasons.ValueOf("PriceSensitive");
    private static readonly int Sent = MessageColumns.Statuses.ValueOf(MessageStatus.Sent);
    private static readonly int Failed = MessageColumns.Statuses.ValueOf(MessageStatus.Failed);

    private DateTime _now = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;
    private int _orders;

    [TestInitialize]
    public void LoadProduct()
    {
        _org = ProductOrganization.LoadConfigured(() => _now, "utcOffsetMinutes=0;holdoutPercent=50");
        _service = _org.CreateOrganizationService(null);
    }

    [TestMethod]
    public void Buying_with_the_voucher_code_is_Redeemed_on_the_order_and_the_attempt()
    {
        var contact = GoSilent(Treated(1));
        var attempt = AttemptOf(contact);
        StatusOf(contact, Sent);
        _now = _now.AddDays(3);

        var order = Buy(contact, 180m, VoucherCode(contact));

        AssertOrder(order, AttemptAttribution.Redeemed, attempt.Id);
        AssertAttempt(attempt.Id, AttemptAttribution.Redeemed, order, _now, 180m);
    }

    [TestMethod]
    public void Buying_after_the_SMS_went_out_without_the_code_is_Influenced_and_later_orders_add_to_the_window_revenue()
    {
        var contact = GoSilent(Treated(2));
        var attempt = AttemptOf(contact);
        StatusOf(contact, Sent);
        _now = _now.AddDays(2);
        var first = Buy(contact, 100m);
        var firstOn = _now;
        _now = _now.AddDays(10);
        var second = Buy(contact, 60m);

        AssertOrder(first, AttemptAttribution.Influenced, attempt.Id);
        AssertOrder(second, AttemptAttribution.Influenced, attempt.Id);
        AssertAttempt(attempt.Id, AttemptAttribution.Influenced, first, firstOn, 160m);
    }

    [TestMethod]
    public void Buying_before_anything_reached_the_customer_is_NotReached_and_credits_nobody()
    {
        var pending = GoSilent(Treated(3));
        var failed = GoSilent(Treated(4));
        StatusOf(failed, Failed);
        _now = _now.AddHours(1);

        foreach (var contact in new[] { pending, failed })
        {
            var attempt = AttemptOf(contact);
            var order = Buy(contact, 75m);
            AssertOrder(order, AttemptAttribution.NotReached, attempt.Id);
            AssertAttempt(attempt.Id, AttemptAttribution.NotReached, order, _now, 75m);
        }
    }

    [TestMethod]
    public void A_held_out_customer_buying_records_Holdout_what_would_have_happened_anyway()
    {
        var contact = GoSilent(HeldOut(1));
        var attempt = AttemptOf(contact);
        Assert.AreEqual(AttemptColumns.Outcomes.ValueOf(Core.Attempts.AttemptOutcome.Holdout), attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome).Value);
        _now = _now.AddDays(5);

        var order = Buy(contact, 90m);

        AssertOrder(order, AttemptAttribution.Holdout, attempt.Id);
        AssertAttempt(attempt.Id, AttemptAttribution.Holdout, order, _now, 90m);
    }

    [TestMethod]
    public void An_order_after_the_window_is_nobodys_and_a_replayed_order_adds_no_revenue()
    {
        var contact = GoSilent(Treated(5));
        var attempt = AttemptOf(contact);
        Assert.AreEqual(new DateTime(2026, 4, 9, 23, 59, 0, DateTimeKind.Utc), attempt.GetAttributeValue<DateTime>(AttemptColumns.AttributionUntil), "the default 30-day window, to the end of the day");
        StatusOf(contact, Sent);
        _now = _now.AddDays(1);
        var inside = Buy(contact, 50m);
        _service.Update(new Entity(SalesOrderColumns.Table, inside) { [SalesOrderColumns.PaidOn] = _now }); // the till saves it again

        _now = new DateTime(2026, 4, 10, 10, 0, 0, DateTimeKind.Utc);
        var after = Buy(contact, 70m);

        AssertAttempt(attempt.Id, AttemptAttribution.Influenced, inside, new DateTime(2026, 3, 11, 11, 30, 0, DateTimeKind.Utc), 50m);
        var row = _service.Retrieve(SalesOrderColumns.Table, after, new ColumnSet(SalesOrderColumns.Attribution, SalesOrderColumns.AttributedAttempt));
        Assert.IsFalse(row.Contains(SalesOrderColumns.Attribution), "the window ended the day before");
        Assert.IsFalse(row.Contains(SalesOrderColumns.AttributedAttempt));
    }

    private static Guid Treated(int n) => Pick(n, heldOut: false);

    private static Guid HeldOut(int n) => Pick(n, heldOut: true);

    /// <summary>The n-th contact id (of a fixed series) that the holdout hash puts in the group asked for.</summary>
    private static Guid Pick(int n, bool heldOut)
    {
        var found = 0;
        for (var i = 1; i < 1000; i++)
        {
            var id = new Guid("a7710000-0000-4000-8000-" + i.ToString("x12", System.Globalization.CultureInfo.InvariantCulture));
            if (HoldoutGroup.Holds(id, StageEntry, 50m) == heldOut && ++found == n) return id;
        }

        throw new InvalidOperationException("no such contact");
    }

    /// <summary>A price-sensitive customer who bought 10 days ago; their last order moves 46 days back: Silent today, the voucher SMS follows.</summary>
    private Guid GoSilent(Guid id)
    {
        _service.Create(new Entity("contact", id)
        {
            ["lastname"] = "Li", ["mobilephone"] = "13800138000",
            ["rx_dormancyreason"] = new OptionSetValue(PriceSensitive),
            ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(_now.AddDays(-10)),
        });
        _service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(_now.AddDays(-46)) });
        return id;
    }

    private Entity AttemptOf(Guid contact) => Rows(AttemptColumns.Table, AttemptColumns.Contact, contact).Single();

    /// <summary>What the SMS gateway writes back on the customer's message.</summary>
    private void StatusOf(Guid contact, int status)
    {
        var message = Rows(MessageColumns.Table, MessageColumns.Regarding, contact).Single();
        _service.Update(new Entity(MessageColumns.Table, message.Id) { [MessageColumns.Status] = new OptionSetValue(status) });
    }

    private string VoucherCode(Guid contact) => Rows(IncentiveColumns.Table, IncentiveColumns.Contact, contact).Single().GetAttributeValue<string>(IncentiveColumns.Code);

    /// <summary>A paid order at the till (its id's first 8 digits are its reference in the purchase ledger: distinct per order).</summary>
    private Guid Buy(Guid contact, decimal amount, string? code = null) =>
        _service.Create(new Entity(SalesOrderColumns.Table, new Guid((++_orders).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "-0bde-4000-8000-000000000000"))
        {
            ["name"] = "Visit",
            [SalesOrderColumns.Customer] = new EntityReference("contact", contact),
            [SalesOrderColumns.TotalAmount] = new Money(amount),
            [SalesOrderColumns.PaidOn] = _now,
            [SalesOrderColumns.IncentiveCode] = code,
        });

    private void AssertOrder(Guid order, AttemptAttribution attribution, Guid attempt)
    {
        var row = _service.Retrieve(SalesOrderColumns.Table, order, new ColumnSet(SalesOrderColumns.Attribution, SalesOrderColumns.AttributedAttempt));
        Assert.AreEqual(SalesOrderColumns.Attributions.ValueOf(attribution), row.GetAttributeValue<OptionSetValue>(SalesOrderColumns.Attribution)?.Value, $"order {order}: {attribution}");
        Assert.AreEqual(attempt, row.GetAttributeValue<EntityReference>(SalesOrderColumns.AttributedAttempt)?.Id);
    }

    private void AssertAttempt(Guid attempt, AttemptAttribution attribution, Guid order, DateTime firstPurchase, decimal revenue)
    {
        var row = _service.Retrieve(AttemptColumns.Table, attempt, new ColumnSet(AttemptColumns.Attribution, AttemptColumns.AttributedOrder, AttemptColumns.FirstPurchaseInWindowOn, AttemptColumns.RevenueInWindow));
        Assert.AreEqual(AttemptColumns.Attributions.ValueOf(attribution), row.GetAttributeValue<OptionSetValue>(AttemptColumns.Attribution)?.Value, $"attempt: {attribution}");
        Assert.AreEqual(order, row.GetAttributeValue<EntityReference>(AttemptColumns.AttributedOrder)?.Id, "the attributed order");
        Assert.AreEqual(firstPurchase, row.GetAttributeValue<DateTime?>(AttemptColumns.FirstPurchaseInWindowOn), "first purchase in the window");
        Assert.AreEqual(revenue, row.GetAttributeValue<Money>(AttemptColumns.RevenueInWindow)?.Value, "revenue in the window");
    }

    private List<Entity> Rows(string table, string column, Guid contact)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, contact);
        return _service.RetrieveMultiple(query).Entities.ToList();
    }
}
