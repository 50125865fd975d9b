using System;
using System.Collections.Generic;

namespace Reactivation.Core.Facts
{
    /// <summary>
    /// The eight octants of the spend / frequency / recency cube (seed 001): each dimension high or low against a split
    /// point of the business's own. Spend decides "important" or "general"; recency and frequency decide value (recent,
    /// frequent), development (recent, infrequent), retention (not recent, frequent) and win-back (not recent, infrequent).
    /// </summary>
    public enum Octant
    {
        ImportantValue,
        ImportantDevelopment,
        ImportantRetention,
        ImportantWinBack,
        GeneralValue,
        GeneralDevelopment,
        GeneralRetention,
        GeneralWinBack,
    }

    /// <summary>
    /// A business's split points: spend is high above <see cref="SpendAbove"/>, frequency high above
    /// <see cref="PurchasesAbove"/> orders in the last 365 days, and the customer recent when the last purchase was at
    /// most <see cref="RecentWithinDays"/> days ago. "Above the median" rather than "at least": with most customers
    /// buying once, a median of 1 order must not make every buyer frequent.
    /// </summary>
    public sealed class OctantSplits
    {
        public OctantSplits(decimal spendAbove, int purchasesAbove, int recentWithinDays)
        {
            if (spendAbove < 0m) throw new ArgumentOutOfRangeException(nameof(spendAbove), "The spend split point cannot be negative (got " + spendAbove + ").");
            if (purchasesAbove < 0) throw new ArgumentOutOfRangeException(nameof(purchasesAbove), "The frequency split point cannot be negative (got " + purchasesAbove + ").");
            if (recentWithinDays < 0) throw new ArgumentOutOfRangeException(nameof(recentWithinDays), "The recency split point cannot be negative (got " + recentWithinDays + ").");
            SpendAbove = spendAbove;
            PurchasesAbove = purchasesAbove;
            RecentWithinDays = recentWithinDays;
        }

        /// <summary>Lifetime spend above this is high (organisation currency).</summary>
        public decimal SpendAbove { get; }

        /// <summary>More orders than this in the last 365 days is frequent.</summary>
        public int PurchasesAbove { get; }

        /// <summary>A last purchase at most this many days ago is recent.</summary>
        public int RecentWithinDays { get; }

        /// <summary>The customer's octant; null for a customer who never bought (a prospect has no place in the cube).</summary>
        public Octant? Of(CustomerFacts facts)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            if (facts.PurchaseCount == 0 || !facts.DaysSinceLastPurchase.HasValue) return null;
            return Of(facts.TotalSpend, facts.PurchasesLast365Days, facts.DaysSinceLastPurchase.Value);
        }

        public Octant Of(decimal totalSpend, int purchasesLast365Days, int daysSinceLastPurchase)
        {
            var important = totalSpend > SpendAbove;
            var frequent = purchasesLast365Days > PurchasesAbove;
            var recent = daysSinceLastPurchase <= RecentWithinDays;
            var index = (important ? 0 : 4) + (recent ? (frequent ? 0 : 1) : (frequent ? 2 : 3));
            return (Octant)index;
        }

        /// <summary>
        /// The split points as quantiles of the business's own buying customers (default: the medians): the point below
        /// which that share of them lies, by the nearest-rank method (the value at rank ceil(q·n) of the sorted values),
        /// so every split is a value a customer really has. Null when no customer has bought yet.
        /// </summary>
        public static OctantSplits? FromCustomers(IEnumerable<OctantInput> customers, double quantile = 0.5)
        {
            if (customers is null) throw new ArgumentNullException(nameof(customers));
            if (!(quantile > 0d && quantile < 1d)) throw new ArgumentOutOfRangeException(nameof(quantile), "The quantile must lie strictly between 0 and 1 (got " + quantile + ").");
            var spend = new List<decimal>();
            var purchases = new List<int>();
            var days = new List<int>();
            foreach (var customer in customers)
            {
                spend.Add(customer.TotalSpend);
                purchases.Add(customer.PurchasesLast365Days);
                days.Add(customer.DaysSinceLastPurchase);
            }

            if (spend.Count == 0) return null;
            spend.Sort();
            purchases.Sort();
            days.Sort();
            var rank = (int)Math.Ceiling(quantile * spend.Count) - 1;
            if (rank < 0) rank = 0;
            return new OctantSplits(spend[rank], purchases[rank], days[rank]);
        }

        public override string ToString() => "spend above " + SpendAbove + ", more than " + PurchasesAbove + " orders a year, last purchase within " + RecentWithinDays + " days";
    }

    /// <summary>One buying customer as the split points are computed from.</summary>
    public readonly struct OctantInput
    {
        public OctantInput(decimal totalSpend, int purchasesLast365Days, int daysSinceLastPurchase)
        {
            TotalSpend = totalSpend;
            PurchasesLast365Days = purchasesLast365Days;
            DaysSinceLastPurchase = daysSinceLastPurchase;
        }

        public decimal TotalSpend { get; }
        public int PurchasesLast365Days { get; }
        public int DaysSinceLastPurchase { get; }
    }

    /// <summary>The octants as people read them, whole in each language.</summary>
    public static class OctantNames
    {
        public static readonly string[] All = Enum.GetNames(typeof(Octant));

        public static string Label(Octant octant, string language)
        {
            var zh = string.Equals(language, "zh-CN", StringComparison.Ordinal);
            switch (octant)
            {
                case Octant.ImportantValue: return zh ? "重要价值客户" : "Important value";
                case Octant.ImportantDevelopment: return zh ? "重要发展客户" : "Important development";
                case Octant.ImportantRetention: return zh ? "重要保持客户" : "Important retention";
                case Octant.ImportantWinBack: return zh ? "重要挽留客户" : "Important win-back";
                case Octant.GeneralValue: return zh ? "一般价值客户" : "General value";
                case Octant.GeneralDevelopment: return zh ? "一般发展客户" : "General development";
                case Octant.GeneralRetention: return zh ? "一般保持客户" : "General retention";
                default: return zh ? "一般挽留客户" : "General win-back";
            }
        }
    }
}
