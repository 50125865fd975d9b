using System;

namespace Reactivation.Core.Measurement
{
    /// <summary>
    /// One group's partial sums (the treated or the held-out customers of a cell): customers, how many converted
    /// (a counted purchase inside their attempt's window), and the revenue inside the window with its sum of squares.
    /// Sums of decimals: two pages add up exactly, in any order.
    /// </summary>
    public sealed class CohortSums
    {
        public long Customers { get; private set; }

        public long Converted { get; private set; }

        public decimal Revenue { get; private set; }

        public decimal RevenueSquares { get; private set; }

        /// <summary>Sums written before (a paging cookie), read back.</summary>
        public static CohortSums Of(long customers, long converted, decimal revenue, decimal revenueSquares)
        {
            if (customers < 0 || converted < 0 || converted > customers) throw new ArgumentOutOfRangeException(nameof(converted), "between 0 and the customers");
            return new CohortSums { Customers = customers, Converted = converted, Revenue = revenue, RevenueSquares = revenueSquares };
        }

        public void Add(bool converted, decimal revenue)
        {
            Customers++;
            if (converted) Converted++;
            Revenue += revenue;
            RevenueSquares += revenue * revenue;
        }

        public void Add(CohortSums other)
        {
            if (other is null) throw new ArgumentNullException(nameof(other));
            Customers += other.Customers;
            Converted += other.Converted;
            Revenue += other.Revenue;
            RevenueSquares += other.RevenueSquares;
        }

        public SampleMoments RevenueMoments => new SampleMoments(Customers, (double)Revenue, (double)RevenueSquares);
    }

    /// <summary>
    /// Treated against held-out customers in one cell (a stage, an offer, a reason, or all): both conversion rates,
    /// their difference with Newcombe's 95 % interval, revenue per customer with Welch's 95 % interval, and the sample
    /// sizes. Below <see cref="MinimumPerGroup"/> customers in either group there is not enough data yet: the rates
    /// are shown, the difference and the intervals are not.
    /// </summary>
    public sealed class UpliftEstimate
    {
        /// <summary>
        /// Customers each group needs before a difference is claimed. At 30 a rate's Wilson interval is at most ±17
        /// points wide and Welch's t is close to its normal limit; below it one purchase more or less swings the answer.
        /// </summary>
        public const int MinimumPerGroup = 30;

        private UpliftEstimate(CohortSums treated, CohortSums holdout)
        {
            TreatedCustomers = treated.Customers;
            HoldoutCustomers = holdout.Customers;
            TreatedConverted = treated.Converted;
            HoldoutConverted = holdout.Converted;
            if (treated.Customers > 0)
            {
                TreatedConversion = (double)treated.Converted / treated.Customers;
                TreatedRevenuePerCustomer = treated.RevenueMoments.Mean;
            }

            if (holdout.Customers > 0)
            {
                HoldoutConversion = (double)holdout.Converted / holdout.Customers;
                HoldoutRevenuePerCustomer = holdout.RevenueMoments.Mean;
            }

            EnoughData = treated.Customers >= MinimumPerGroup && holdout.Customers >= MinimumPerGroup;
            if (!EnoughData) return;
            Difference = TreatedConversion - HoldoutConversion;
            DifferenceInterval = ConfidenceIntervals.NewcombeDifference((int)treated.Converted, (int)treated.Customers, (int)holdout.Converted, (int)holdout.Customers);
            RevenueDifference = TreatedRevenuePerCustomer - HoldoutRevenuePerCustomer;
            RevenueInterval = ConfidenceIntervals.WelchDifference(treated.RevenueMoments, holdout.RevenueMoments);
        }

        public long TreatedCustomers { get; }

        public long HoldoutCustomers { get; }

        public long TreatedConverted { get; }

        public long HoldoutConverted { get; }

        /// <summary>Share 0–1; null without treated customers.</summary>
        public double? TreatedConversion { get; }

        /// <summary>Share 0–1; null without held-out customers.</summary>
        public double? HoldoutConversion { get; }

        public bool EnoughData { get; }

        /// <summary>Treated minus holdout conversion (shares); null without enough data.</summary>
        public double? Difference { get; }

        public Interval? DifferenceInterval { get; }

        public double? TreatedRevenuePerCustomer { get; }

        public double? HoldoutRevenuePerCustomer { get; }

        public double? RevenueDifference { get; }

        public Interval? RevenueInterval { get; }

        public static UpliftEstimate Of(CohortSums treated, CohortSums holdout)
        {
            if (treated is null) throw new ArgumentNullException(nameof(treated));
            if (holdout is null) throw new ArgumentNullException(nameof(holdout));
            return new UpliftEstimate(treated, holdout);
        }
    }
}
