using Reactivation.Core.Ledgers;

namespace Reactivation.Core.Tests.Ledgers;

/// <summary>Which orders count as purchases (and when), and when an incentive's code redeems it.</summary>
[TestClass]
public sealed class OrderPurchaseTests
{
    private static readonly Guid Contact = new("4beeba9f-1e23-4000-8166-4e87e48340fa");
    private static readonly DateTime Paid = new(2026, 3, 10, 9, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Fulfilled = new(2026, 3, 12, 15, 0, 0, DateTimeKind.Utc);

    [TestMethod]
    [DataRow(OrderState.Active, false, false)]
    [DataRow(OrderState.Submitted, false, false)]
    [DataRow(OrderState.Fulfilled, false, true)]
    [DataRow(OrderState.Invoiced, false, true)]
    [DataRow(OrderState.Active, true, true)]
    [DataRow(OrderState.Canceled, true, false)]
    public void An_order_counts_when_fulfilled_invoiced_or_paid_and_never_when_cancelled(OrderState state, bool paid, bool counts)
    {
        var order = OrderPurchase.Of(Contact, state, paid ? Paid : null, null, 88m);

        Assert.AreEqual(counts, order.Counts);
        Assert.AreEqual(counts, order.CountsFor(Contact));
        Assert.IsFalse(order.CountsFor(Guid.NewGuid()), "it counts for its own contact only");
    }

    [TestMethod]
    public void A_purchase_happens_when_paid_else_when_fulfilled_else_at_the_event()
    {
        Assert.AreEqual(Paid, OrderPurchase.Of(Contact, OrderState.Fulfilled, Paid, Fulfilled, 1m).StatedInstantUtc);
        Assert.AreEqual(Fulfilled, OrderPurchase.Of(Contact, OrderState.Fulfilled, null, Fulfilled, 1m).StatedInstantUtc);
        Assert.IsNull(OrderPurchase.Of(Contact, OrderState.Fulfilled, null, null, 1m).StatedInstantUtc);
        Assert.IsFalse(OrderPurchase.None.Counts);
        Assert.IsNull(OrderPurchase.Of(null, OrderState.Fulfilled, null, null, 1m).ContactId, "an account's order has no contact");
    }

    [TestMethod]
    public void An_issued_incentive_is_redeemed_once_within_its_validity()
    {
        var order = Guid.NewGuid();
        var other = Guid.NewGuid();

        Assert.AreEqual(RedemptionVerdict.Redeem, IncentiveRedemption.Decide(IncentiveStatus.Issued, null, Fulfilled, order, Paid));
        Assert.AreEqual(RedemptionVerdict.Redeem, IncentiveRedemption.Decide(IncentiveStatus.Issued, null, null, order, Paid), "no end date: always valid");
        Assert.AreEqual(RedemptionVerdict.Redeem, IncentiveRedemption.Decide(IncentiveStatus.Issued, null, Paid, order, Paid), "valid up to and including its last instant");
        Assert.AreEqual(RedemptionVerdict.Expired, IncentiveRedemption.Decide(IncentiveStatus.Issued, null, Paid, order, Fulfilled));
        Assert.AreEqual(RedemptionVerdict.RedeemedByThisOrder, IncentiveRedemption.Decide(IncentiveStatus.Redeemed, order, null, order, Paid));
        Assert.AreEqual(RedemptionVerdict.RedeemedByAnotherOrder, IncentiveRedemption.Decide(IncentiveStatus.Redeemed, other, null, order, Paid));
        Assert.AreEqual(RedemptionVerdict.RedeemedByAnotherOrder, IncentiveRedemption.Decide(IncentiveStatus.Redeemed, null, null, order, Paid), "redeemed without a known order");
        Assert.AreEqual(RedemptionVerdict.NotIssued, IncentiveRedemption.Decide(IncentiveStatus.Expired, null, null, order, Paid));
        Assert.AreEqual(RedemptionVerdict.NotIssued, IncentiveRedemption.Decide(IncentiveStatus.Cancelled, null, null, order, Paid));
    }
}
