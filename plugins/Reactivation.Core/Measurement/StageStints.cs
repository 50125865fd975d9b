using System;
using System.Collections.Generic;

namespace Reactivation.Core.Measurement
{
    /// <summary>A customer's stage stint as uplift counts it: one customer, measured by the stint's first attempt.</summary>
    public sealed class MeasuredStint
    {
        internal MeasuredStint(MeasuredAttempt measured, AttemptAttribution? attribution, decimal attributedRevenue)
        {
            Measured = measured;
            Attribution = attribution;
            AttributedRevenue = attributedRevenue;
        }

        public MeasuredAttempt Measured { get; }

        /// <summary>The strongest attribution among the stint's attempts (Redeemed, Influenced, NotReached, Holdout).</summary>
        public AttemptAttribution? Attribution { get; }

        /// <summary>The revenue in the window of the attempt holding that attribution.</summary>
        public decimal AttributedRevenue { get; }
    }

    /// <summary>
    /// One customer in one stage stint is one observation, however many attempts the stint had: a second rule firing in
    /// the same stint (another Holdout attempt — the hash holds the whole stint out — or a new attempt after an earlier
    /// open one) would otherwise count the same customer and the same purchases twice. A stint is the contact, the stage
    /// the attempts started in and when the customer entered it; it is measured by its first attempt: its group, and
    /// whether a counted purchase fell inside its window (unknown while the window still runs at the report's instant).
    /// </summary>
    public static class StageStints
    {
        /// <param name="attempts">One contact's attempts, in any order.</param>
        /// <param name="asOfUtc">The report's instant: a window ending after it is still running.</param>
        public static List<MeasuredStint> Measure(IEnumerable<ReportAttempt> attempts, DateTime asOfUtc)
        {
            if (attempts is null) throw new ArgumentNullException(nameof(attempts));
            var stints = new Dictionary<string, List<ReportAttempt>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var attempt in attempts)
            {
                var key = attempt.StageEnteredOn.HasValue
                    ? attempt.ContactId.ToString("N") + "|" + attempt.Stage + "|" + attempt.StageEnteredOn.Value.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "attempt|" + attempt.AttemptId.ToString("N");
                if (!stints.TryGetValue(key, out var members))
                {
                    stints.Add(key, members = new List<ReportAttempt>());
                    order.Add(key);
                }

                members.Add(attempt);
            }

            var measured = new List<MeasuredStint>(order.Count);
            foreach (var key in order)
            {
                var members = stints[key];
                var first = members[0];
                ReportAttempt? strongest = null;
                foreach (var member in members)
                {
                    if (member.StartedOn < first.StartedOn || (member.StartedOn == first.StartedOn && member.AttemptId.CompareTo(first.AttemptId) < 0)) first = member;
                    if (member.Attribution.HasValue && (strongest is null || Strength(member.Attribution.Value) > Strength(strongest.Attribution!.Value))) strongest = member;
                }

                bool? converted = first.WindowUntil > asOfUtc ? (bool?)null : first.FirstPurchaseOn.HasValue;
                measured.Add(new MeasuredStint(
                    new MeasuredAttempt(first.Stage, first.Offer, first.HeldOut, converted, first.Revenue, first.Reason),
                    strongest?.Attribution,
                    strongest?.Revenue ?? 0m));
            }

            return measured;
        }

        private static int Strength(AttemptAttribution attribution) => attribution switch
        {
            AttemptAttribution.Redeemed => 4,
            AttemptAttribution.Influenced => 3,
            AttemptAttribution.NotReached => 2,
            _ => 1,
        };
    }
}
