namespace Reactivation.Plugins.Orders
{
    /// <summary>The salesorder columns the order plugin reads (standard ones and those in solution/Entities/SalesOrder).</summary>
    public static class SalesOrderColumns
    {
        public const string Table = "salesorder";
        public const string Customer = "customerid";
        public const string State = "statecode";
        public const string Status = "statuscode";
        public const string TotalAmount = "totalamount";
        public const string DateFulfilled = "datefulfilled";
        public const string PaidOn = "rx_paidon";
        public const string IncentiveCode = "rx_incentivecode";

        /// <summary>statecode values: 0 Active, 1 Submitted, 2 Canceled, 3 Fulfilled, 4 Invoiced.</summary>
        public const int Canceled = 2;
        public const int Fulfilled = 3;
        public const int Invoiced = 4;
    }

    /// <summary>The rx_incentive columns the order plugin reads and writes.</summary>
    public static class IncentiveColumns
    {
        public const string Table = "rx_incentive";
        public const string Code = "rx_code";
        public const string ValidUntil = "rx_validuntil";
        public const string Status = "rx_incentivestatus";
        public const string RedeemedByOrder = "rx_redeemedbyorderid";

        /// <summary>rx_incentivestatus: Issued, Redeemed, Expired, Cancelled.</summary>
        public const int Issued = 101770000;
        public const int Redeemed = 101770001;
    }
}
