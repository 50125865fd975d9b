using System;

namespace Reactivation.Core.Joins
{
    /// <summary>One referral: <see cref="Referrer"/> brought <see cref="Referred"/> (the contact's rx_referredby).</summary>
    public sealed class ReferralLink
    {
        public ReferralLink(Guid referrer, Guid referred)
        {
            Referrer = referrer;
            Referred = referred;
        }

        public Guid Referrer { get; }
        public Guid Referred { get; }
    }

    /// <summary>A purchase by a referral friend: the day and, when known, the item or category they chose. No amount: the rule never needs one.</summary>
    public sealed class FriendPurchase
    {
        public FriendPurchase(Guid friend, DateTime day, string? item)
        {
            Friend = friend;
            Day = day.Date;
            Item = string.IsNullOrWhiteSpace(item) ? null : item!.Trim();
        }

        public Guid Friend { get; }
        /// <summary>Organisation-local calendar day of the purchase.</summary>
        public DateTime Day { get; }
        /// <summary>The item or category as the business names it; null when unknown.</summary>
        public string? Item { get; }
    }
}
