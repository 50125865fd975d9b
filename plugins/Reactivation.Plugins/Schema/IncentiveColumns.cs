using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;

namespace Reactivation.Plugins.Schema
{
    /// <summary>The rx_incentive columns (solution/Entities/rx_Incentive) and their choices.</summary>
    public static class IncentiveColumns
    {
        public const string Table = "rx_incentive";
        /// <summary>The alternate key: the code a customer reads out at the till.</summary>
        public const string Code = "rx_code";
        public const string Type = "rx_type";
        public const string Value = "rx_value";
        public const string ValidUntil = "rx_validuntil";
        public const string Status = "rx_incentivestatus";
        public const string Contact = "rx_contactid";
        public const string Owner = "ownerid";
        public const string RedeemedByOrder = "rx_redeemedbyorderid";
        public const string Attempt = "rx_attemptid";

        /// <summary>rx_incentivestatus.</summary>
        public static readonly Choice<IncentiveStatus> Statuses = Choice.FromPublisherBase(Table, Status,
            IncentiveStatus.Issued, IncentiveStatus.Redeemed, IncentiveStatus.Expired, IncentiveStatus.Cancelled);

        /// <summary>The global choice rx_incentivetype (its first option, Coupon, is one no offer issues).</summary>
        public static readonly Choice<IncentiveType> Types = new Choice<IncentiveType>(Table, Type,
            new[]
            {
                IncentiveType.FreeTrial, IncentiveType.FreeExchange, IncentiveType.Gift, IncentiveType.PriorityAccess, IncentiveType.DepositMultiplier,
                IncentiveType.InterestFreeVoucher, IncentiveType.LimitIncrease, IncentiveType.Voucher, IncentiveType.DiscountPercent, IncentiveType.FreeSession,
            },
            new[]
            {
                Choice.PublisherBase + 1, Choice.PublisherBase + 2, Choice.PublisherBase + 3, Choice.PublisherBase + 4,
                Choice.PublisherBase + 5, Choice.PublisherBase + 6, Choice.PublisherBase + 7, Choice.PublisherBase + 8,
                Choice.PublisherBase + 9, Choice.PublisherBase + 10,
            });
    }
}
