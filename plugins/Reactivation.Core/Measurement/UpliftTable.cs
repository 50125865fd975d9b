using System;
using System.Collections.Generic;

namespace Reactivation.Core.Measurement
{
    /// <summary>One attempt as uplift counts it: where it started, its offer, its group, and what the customer did in its window.</summary>
    public sealed class MeasuredAttempt
    {
        /// <param name="converted">A counted purchase inside the attribution window; null while the window is still running.</param>
        /// <param name="reason">The dormancy reason at the start ("Unknown" when none was known).</param>
        public MeasuredAttempt(string stage, string offer, bool heldOut, bool? converted, decimal revenue, string reason = "Unknown")
        {
            Reason = reason ?? throw new ArgumentNullException(nameof(reason));
            Stage = stage ?? throw new ArgumentNullException(nameof(stage));
            Offer = offer ?? throw new ArgumentNullException(nameof(offer));
            HeldOut = heldOut;
            Converted = converted;
            Revenue = revenue;
        }

        public string Stage { get; }

        public string Reason { get; }

        /// <summary>The offer made — or, for a held-out customer, the offer that would have been made.</summary>
        public string Offer { get; }

        public bool HeldOut { get; }

        public bool? Converted { get; }

        /// <summary>Revenue of the counted orders inside the window.</summary>
        public decimal Revenue { get; }
    }

    /// <summary>One cell of the table: a stage and an offer, either of them <see cref="All"/>.</summary>
    public sealed class UpliftCell
    {
        public const string All = "All";

        internal UpliftCell(string stage, string offer, UpliftEstimate estimate)
        {
            Stage = stage;
            Offer = offer;
            Estimate = estimate;
        }

        public string Stage { get; }

        public string Offer { get; }

        public UpliftEstimate Estimate { get; }
    }

    /// <summary>
    /// Treated against held-out attempts per stage and offer, per stage over every offer, and over everything. Treated
    /// means every attempt not held out — suppressed ones included — so both sides are chosen the same way (by the
    /// holdout hash alone) and the difference is the effect of the decision to reach out. Attempts whose window is
    /// still running count for the holdout share, not for conversion.
    /// </summary>
    public sealed class UpliftTable
    {
        internal UpliftTable(IReadOnlyList<UpliftCell> cells, double holdoutShare)
        {
            Cells = cells;
            HoldoutShare = holdoutShare;
        }

        /// <summary>Stage by stage in ordinal order, each stage's offers in ordinal order then the stage's All; the All/All cell last.</summary>
        public IReadOnlyList<UpliftCell> Cells { get; }

        /// <summary>Held-out attempts over all attempts (0–1); 0 without attempts.</summary>
        public double HoldoutShare { get; }

        public static UpliftTable Of(IEnumerable<MeasuredAttempt> attempts)
        {
            if (attempts is null) throw new ArgumentNullException(nameof(attempts));
            var cells = new UpliftCells();
            foreach (var attempt in attempts) cells.Add(attempt);
            return cells.Table();
        }
    }
}
