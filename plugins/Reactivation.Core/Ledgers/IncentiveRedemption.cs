using System;

namespace Reactivation.Core.Ledgers
{
    /// <summary>An incentive's status (rx_incentivestatus).</summary>
    public enum IncentiveStatus
    {
        Issued,
        Redeemed,
        Expired,
        Cancelled,
    }

    /// <summary>What an order carrying an incentive's code does to it.</summary>
    public enum RedemptionVerdict
    {
        /// <summary>Issued and valid at the purchase: the order redeems it.</summary>
        Redeem,
        /// <summary>This order redeemed it already (a replayed event): nothing to do.</summary>
        RedeemedByThisOrder,
        /// <summary>Another order redeemed it: a code is redeemed once.</summary>
        RedeemedByAnotherOrder,
        /// <summary>Expired or cancelled: not redeemable.</summary>
        NotIssued,
        /// <summary>Its validity ended before the purchase.</summary>
        Expired,
    }

    /// <summary>
    /// The redemption rules: an incentive is redeemed once, by an order whose purchase falls within its validity,
    /// while it is Issued. An unknown, expired, cancelled or already redeemed code never fails the order's save.
    /// </summary>
    public static class IncentiveRedemption
    {
        /// <param name="status">The incentive's status; null for one the product does not know (not redeemable).</param>
        /// <param name="redeemedByOrder">The order that redeemed it, if any.</param>
        /// <param name="validUntilUtc">The end of its validity; null for no end.</param>
        /// <param name="orderId">The order carrying its code.</param>
        /// <param name="purchaseUtc">When that order's purchase happened.</param>
        public static RedemptionVerdict Decide(IncentiveStatus? status, Guid? redeemedByOrder, DateTime? validUntilUtc, Guid orderId, DateTime purchaseUtc)
        {
            if (status == IncentiveStatus.Redeemed)
            {
                return redeemedByOrder == orderId ? RedemptionVerdict.RedeemedByThisOrder : RedemptionVerdict.RedeemedByAnotherOrder;
            }

            if (status != IncentiveStatus.Issued) return RedemptionVerdict.NotIssued;
            return validUntilUtc.HasValue && validUntilUtc.Value < purchaseUtc ? RedemptionVerdict.Expired : RedemptionVerdict.Redeem;
        }
    }
}
