using System;
using System.Collections.Generic;

namespace Reactivation.Core.Measurement
{
    /// <summary>
    /// The partial sums behind an <see cref="UpliftTable"/>: treated and held-out <see cref="CohortSums"/> per stage and
    /// offer, per stage, and over everything, with the attempts and held-out attempts counted for the holdout share.
    /// Pages of attempts add up in any order (sums of decimals), so a paged report carries them from call to call.
    /// </summary>
    public sealed class UpliftCells
    {
        private readonly SortedDictionary<string, SortedDictionary<string, CohortSums[]>> _sums = new SortedDictionary<string, SortedDictionary<string, CohortSums[]>>(StringComparer.Ordinal);
        private readonly CohortSums[] _total = { new CohortSums(), new CohortSums() };

        public long Attempts { get; private set; }

        public long HeldOut { get; private set; }

        /// <summary>An attempt whose window is still running counts for the holdout share, not for conversion.</summary>
        public void Add(MeasuredAttempt attempt)
        {
            if (attempt is null) throw new ArgumentNullException(nameof(attempt));
            Attempts++;
            if (attempt.HeldOut) HeldOut++;
            if (!attempt.Converted.HasValue) return;
            var group = attempt.HeldOut ? 1 : 0;
            Cell(attempt.Stage, attempt.Offer)[group].Add(attempt.Converted.Value, attempt.Revenue);
            Cell(attempt.Stage, UpliftCell.All)[group].Add(attempt.Converted.Value, attempt.Revenue);
            _total[group].Add(attempt.Converted.Value, attempt.Revenue);
        }

        /// <summary>Stage and offer cells (the stage's All included), in table order, for writing them down.</summary>
        public IEnumerable<KeyValuePair<string, KeyValuePair<string, CohortSums[]>>> Cells()
        {
            foreach (var stage in _sums)
            {
                foreach (var offer in stage.Value) yield return new KeyValuePair<string, KeyValuePair<string, CohortSums[]>>(stage.Key, offer);
            }
        }

        public CohortSums[] Total => _total;

        /// <summary>Sums read back: a cell's treated and held-out sums as they were written.</summary>
        public void Restore(string stage, string offer, CohortSums treated, CohortSums holdout)
        {
            var cell = Cell(stage, offer);
            cell[0].Add(treated);
            cell[1].Add(holdout);
        }

        public void RestoreTotals(long attempts, long heldOut, CohortSums treated, CohortSums holdout)
        {
            Attempts += attempts;
            HeldOut += heldOut;
            _total[0].Add(treated);
            _total[1].Add(holdout);
        }

        public UpliftTable Table()
        {
            var cells = new List<UpliftCell>();
            foreach (var stage in _sums)
            {
                foreach (var offer in stage.Value)
                {
                    if (offer.Key != UpliftCell.All) cells.Add(new UpliftCell(stage.Key, offer.Key, UpliftEstimate.Of(offer.Value[0], offer.Value[1])));
                }

                var all = stage.Value[UpliftCell.All];
                cells.Add(new UpliftCell(stage.Key, UpliftCell.All, UpliftEstimate.Of(all[0], all[1])));
            }

            if (_total[0].Customers + _total[1].Customers > 0) cells.Add(new UpliftCell(UpliftCell.All, UpliftCell.All, UpliftEstimate.Of(_total[0], _total[1])));
            return new UpliftTable(cells, Attempts == 0 ? 0 : (double)HeldOut / Attempts);
        }

        private CohortSums[] Cell(string stage, string offer)
        {
            if (!_sums.TryGetValue(stage, out var offers)) _sums.Add(stage, offers = new SortedDictionary<string, CohortSums[]>(StringComparer.Ordinal));
            if (!offers.TryGetValue(offer, out var cell)) offers.Add(offer, cell = new[] { new CohortSums(), new CohortSums() });
            return cell;
        }
    }
}
