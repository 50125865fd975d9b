using System;
using System.Collections.Generic;

namespace Reactivation.Core.Measurement
{
    /// <summary>One attempt as uplift counts it: where it started, its offer, its group, and what the customer did in its window.</summary>
    public sealed class MeasuredAttempt
    {
        /// <param name="converted">A counted purchase inside the attribution window; null while the window is still running.</param>
        public MeasuredAttempt(string stage, string offer, bool heldOut, bool? converted, decimal revenue)
        {
            Stage = stage ?? throw new ArgumentNullException(nameof(stage));
            Offer = offer ?? throw new ArgumentNullException(nameof(offer));
            HeldOut = heldOut;
            Converted = converted;
            Revenue = revenue;
        }

        public string Stage { get; }

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
        private UpliftTable(IReadOnlyList<UpliftCell> cells, double holdoutShare)
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
            var sums = new SortedDictionary<string, SortedDictionary<string, CohortSums[]>>(StringComparer.Ordinal);
            var total = new[] { new CohortSums(), new CohortSums() };
            long count = 0, heldOut = 0;
            foreach (var attempt in attempts)
            {
                count++;
                if (attempt.HeldOut) heldOut++;
                if (!attempt.Converted.HasValue) continue;
                if (!sums.TryGetValue(attempt.Stage, out var offers)) sums.Add(attempt.Stage, offers = new SortedDictionary<string, CohortSums[]>(StringComparer.Ordinal));
                foreach (var key in new[] { attempt.Offer, UpliftCell.All })
                {
                    if (!offers.TryGetValue(key, out var cell)) offers.Add(key, cell = new[] { new CohortSums(), new CohortSums() });
                    cell[attempt.HeldOut ? 1 : 0].Add(attempt.Converted.Value, attempt.Revenue);
                }

                total[attempt.HeldOut ? 1 : 0].Add(attempt.Converted.Value, attempt.Revenue);
            }

            var cells = new List<UpliftCell>();
            foreach (var stage in sums)
            {
                foreach (var offer in stage.Value)
                {
                    if (offer.Key != UpliftCell.All) cells.Add(new UpliftCell(stage.Key, offer.Key, UpliftEstimate.Of(offer.Value[0], offer.Value[1])));
                }

                var all = stage.Value[UpliftCell.All];
                cells.Add(new UpliftCell(stage.Key, UpliftCell.All, UpliftEstimate.Of(all[0], all[1])));
            }

            if (total[0].Customers + total[1].Customers > 0) cells.Add(new UpliftCell(UpliftCell.All, UpliftCell.All, UpliftEstimate.Of(total[0], total[1])));
            return new UpliftTable(cells, count == 0 ? 0 : (double)heldOut / count);
        }
    }
}
