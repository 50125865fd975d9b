using Reactivation.Core.Ledgers;
using Reactivation.Core.Measurement;

namespace Reactivation.Plugins.Schema
{
    /// <summary>The salesorder columns the order plugin reads (standard ones and those in solution/Entities/SalesOrder).</summary>
    public static class SalesOrderColumns
    {
        public const string Table = "salesorder";
        public const string Id = "salesorderid";
        public const string Customer = "customerid";
        /// <summary>The order's name: the item or category a friend chose, in the social-proof line.</summary>
        public const string Name = "name";
        public const string State = "statecode";
        public const string Status = "statuscode";
        public const string TotalAmount = "totalamount";
        public const string DateFulfilled = "datefulfilled";
        public const string PaidOn = "rx_paidon";
        public const string IncentiveCode = "rx_incentivecode";
        /// <summary>The order's currency (the platform adds it to every table with a money column).</summary>
        public const string Currency = "transactioncurrencyid";
        public const string ModifiedOn = "modifiedon";
        /// <summary>Written by the order step (not a filtering attribute of its steps): the order's relation to its attributed attempt.</summary>
        public const string Attribution = "rx_attribution";
        public const string AttributedAttempt = "rx_attributedattemptid";

        /// <summary>statecode, the platform's values.</summary>
        public static readonly Choice<OrderState> States = new Choice<OrderState>(Table, State,
            new[] { OrderState.Active, OrderState.Submitted, OrderState.Canceled, OrderState.Fulfilled, OrderState.Invoiced },
            new[] { 0, 1, 2, 3, 4 });

        /// <summary>rx_attribution: the global choice the attempt's column uses too.</summary>
        public static readonly Choice<AttemptAttribution> Attributions = Choice.FromPublisherBase(Table, Attribution,
            AttemptAttribution.Redeemed, AttemptAttribution.Influenced, AttemptAttribution.NotReached, AttemptAttribution.Holdout);
    }
}
