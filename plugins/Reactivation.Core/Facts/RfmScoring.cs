namespace Reactivation.Core.Facts
{
    /// <summary>
    /// The fixed RFM scoring (1 worst … 5 best; 0 when the customer never purchased). The bands are
    /// deliberately plain so a business user can predict a score; rulesets that need other cut-offs
    /// compare the underlying facts directly.
    /// </summary>
    public static class RfmScoring
    {
        // Recency: days since the last purchase, upper bounds (inclusive) for scores 5, 4, 3, 2.
        public const int RecencyScore5MaxDays = 30;
        public const int RecencyScore4MaxDays = 60;
        public const int RecencyScore3MaxDays = 90;
        public const int RecencyScore2MaxDays = 180;

        // Frequency: orders made 0-364 days ago, lower bounds for scores 5, 4, 3, 2.
        public const int FrequencyScore5MinOrders = 12;
        public const int FrequencyScore4MinOrders = 6;
        public const int FrequencyScore3MinOrders = 3;
        public const int FrequencyScore2MinOrders = 2;

        // Monetary: lifetime spend (organisation currency), lower bounds for scores 5, 4, 3, 2.
        public const decimal MonetaryScore5MinSpend = 10000m;
        public const decimal MonetaryScore4MinSpend = 5000m;
        public const decimal MonetaryScore3MinSpend = 2000m;
        public const decimal MonetaryScore2MinSpend = 500m;

        public static int Recency(int? daysSinceLastPurchase)
        {
            if (!daysSinceLastPurchase.HasValue) return 0;
            var days = daysSinceLastPurchase.Value;
            if (days <= RecencyScore5MaxDays) return 5;
            if (days <= RecencyScore4MaxDays) return 4;
            if (days <= RecencyScore3MaxDays) return 3;
            if (days <= RecencyScore2MaxDays) return 2;
            return 1;
        }

        public static int Frequency(int purchaseCount, int purchasesLast365Days)
        {
            if (purchaseCount == 0) return 0;
            if (purchasesLast365Days >= FrequencyScore5MinOrders) return 5;
            if (purchasesLast365Days >= FrequencyScore4MinOrders) return 4;
            if (purchasesLast365Days >= FrequencyScore3MinOrders) return 3;
            if (purchasesLast365Days >= FrequencyScore2MinOrders) return 2;
            return 1;
        }

        public static int Monetary(int purchaseCount, decimal totalSpend)
        {
            if (purchaseCount == 0) return 0;
            if (totalSpend >= MonetaryScore5MinSpend) return 5;
            if (totalSpend >= MonetaryScore4MinSpend) return 4;
            if (totalSpend >= MonetaryScore3MinSpend) return 3;
            if (totalSpend >= MonetaryScore2MinSpend) return 2;
            return 1;
        }
    }
}
