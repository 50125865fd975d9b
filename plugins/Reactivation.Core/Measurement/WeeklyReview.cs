using System;
using System.Collections.Generic;
using System.Linq;

namespace Reactivation.Core.Measurement
{
    /// <summary>A customer's move from one lifecycle stage to another, on a day (from null: the customer's first stage).</summary>
    public sealed class StageMove
    {
        public StageMove(DateTime on, string? from, string to)
        {
            On = on.Date;
            From = from;
            To = to ?? throw new ArgumentNullException(nameof(to));
        }

        public DateTime On { get; }

        public string? From { get; }

        public string To { get; }
    }

    /// <summary>One outbox message that went out, on the day it was sent, by the furthest of the funnel's points it reached.</summary>
    public sealed class MessageReach
    {
        /// <param name="reached">How many of <see cref="WeeklyReview.FunnelPoints"/> it reached, 1 (sent) to all of them.</param>
        public MessageReach(DateTime sentOn, string channel, int reached)
        {
            if (reached < 1 || reached > WeeklyReview.FunnelPoints.Count) throw new ArgumentOutOfRangeException(nameof(reached), "A message that went out reached at least the first point.");
            SentOn = sentOn.Date;
            Channel = channel ?? throw new ArgumentNullException(nameof(channel));
            Reached = reached;
        }

        public DateTime SentOn { get; }

        public string Channel { get; }

        public int Reached { get; }
    }

    /// <summary>An attempt as the review counts it: the day it started and what uplift reads of it.</summary>
    public sealed class ReviewAttempt
    {
        public ReviewAttempt(DateTime startedOn, MeasuredAttempt measured)
        {
            StartedOn = startedOn.Date;
            Measured = measured ?? throw new ArgumentNullException(nameof(measured));
        }

        public DateTime StartedOn { get; }

        public MeasuredAttempt Measured { get; }
    }

    /// <summary>Everything the weekly review is computed from, as read from an organisation's rows (or a simulated one's).</summary>
    public sealed class ReviewHistory
    {
        /// <summary>The stages in ladder order (the order the stage flow lists them in).</summary>
        public IList<string> Stages { get; } = new List<string>();

        public IList<StageMove> StageMoves { get; } = new List<StageMove>();

        public IList<MessageReach> Messages { get; } = new List<MessageReach>();

        public IList<ReviewAttempt> Attempts { get; } = new List<ReviewAttempt>();

        public IList<RepWorkItem> Work { get; } = new List<RepWorkItem>();

        public IList<RepTarget> Targets { get; } = new List<RepTarget>();

        /// <summary>The reps to report, each with the teams they belong to (team targets apply to them).</summary>
        public IList<KeyValuePair<string, IList<string>>> Reps { get; } = new List<KeyValuePair<string, IList<string>>>();
    }

    public sealed class StageFlowRow
    {
        internal StageFlowRow(string stage, int entered, int left)
        {
            Stage = stage;
            Entered = entered;
            Left = left;
        }

        public string Stage { get; }

        public int Entered { get; }

        public int Left { get; }
    }

    /// <summary>One point of a channel's funnel: the messages that reached it and that share of the point before (of sent, for the first: 1).</summary>
    public sealed class FunnelPointRow
    {
        internal FunnelPointRow(string point, int count, int before)
        {
            Point = point;
            Count = count;
            Rate = before == 0 ? (double?)null : (double)count / before;
        }

        /// <summary>One of <see cref="WeeklyReview.FunnelPoints"/>.</summary>
        public string Point { get; }

        public int Count { get; }

        /// <summary>Share of the point before, 0–1; null when nothing reached the point before.</summary>
        public double? Rate { get; }
    }

    public sealed class ChannelFunnelRow
    {
        internal ChannelFunnelRow(string channel, IList<FunnelPointRow> points)
        {
            Channel = channel;
            Points = points;
        }

        public string Channel { get; }

        public IList<FunnelPointRow> Points { get; }
    }

    public sealed class OfferUplift
    {
        internal OfferUplift(string offer, UpliftEstimate estimate)
        {
            Offer = offer;
            Estimate = estimate;
        }

        public string Offer { get; }

        public UpliftEstimate Estimate { get; }
    }

    /// <summary>One week of the review (Monday to Sunday).</summary>
    public sealed class ReviewWeek
    {
        internal ReviewWeek(DateTime start, IList<StageFlowRow> stageFlow, IList<ChannelFunnelRow> funnel, UpliftEstimate uplift, UpliftEstimate upliftToDate, IList<OfferUplift> offers, IList<RepKpiRow> reps)
        {
            Start = start;
            StageFlow = stageFlow;
            Funnel = funnel;
            Uplift = uplift;
            UpliftToDate = upliftToDate;
            Offers = offers;
            Reps = reps;
        }

        /// <summary>The Monday.</summary>
        public DateTime Start { get; }

        public DateTime End => Start.AddDays(6);

        /// <summary>Per stage (ladder order): customers who entered it and who left it in the week.</summary>
        public IList<StageFlowRow> StageFlow { get; }

        /// <summary>Per channel (ordinal order): the week's messages along the funnel's points.</summary>
        public IList<ChannelFunnelRow> Funnel { get; }

        /// <summary>Treated against held-out for the attempts started in the week whose window has closed.</summary>
        public UpliftEstimate Uplift { get; }

        /// <summary>The same over every attempt started up to the week's end: what the evidence says so far.</summary>
        public UpliftEstimate UpliftToDate { get; }

        /// <summary>Offers over the attempts started up to the week's end, ranked by uplift (see <see cref="WeeklyReview"/>).</summary>
        public IList<OfferUplift> Offers { get; }

        /// <summary>Each rep's week figures against the week targets (rep by rep, KPI by KPI).</summary>
        public IList<RepKpiRow> Reps { get; }
    }

    /// <summary>
    /// The weekly review a store manager reads, week by week: the stage flow, the funnel per channel with the rate at
    /// each conversion point, treated against held-out conversion with its 95 % interval (<see cref="UpliftEstimate"/>,
    /// "not enough data" below its minimum), the offers ranked by uplift, and the reps against their targets. Offers
    /// with enough data come first, by the difference they make (largest first, then the lower end of the interval),
    /// then the others by name: an offer is not ranked on a difference nobody can claim yet.
    /// </summary>
    public static class WeeklyReview
    {
        /// <summary>The conversion points a sender writes back, in funnel order.</summary>
        public static readonly IReadOnlyList<string> FunnelPoints = new[] { "Sent", "Delivered", "ClickedOrReplied", "Converted" };

        /// <returns>Every week from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>, latest last.</returns>
        public static IList<ReviewWeek> Of(ReviewHistory history, DateTime from, DateTime to)
        {
            if (history == null) throw new ArgumentNullException(nameof(history));
            var weeks = new List<ReviewWeek>();
            var reps = RepKpis.Of(history.Work, history.Targets, history.Reps, KpiPeriod.Week, from, to);
            for (var start = RepKpis.WeekStart(from); start <= to.Date; start = start.AddDays(7))
            {
                var end = start.AddDays(7);
                var weekStart = start;
                var flow = history.Stages.Select(stage => new StageFlowRow(
                    stage,
                    history.StageMoves.Count(m => m.On >= weekStart && m.On < end && m.To == stage),
                    history.StageMoves.Count(m => m.On >= weekStart && m.On < end && m.From == stage))).ToList();
                var funnel = history.Messages.Where(m => m.SentOn >= weekStart && m.SentOn < end)
                    .GroupBy(m => m.Channel, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new ChannelFunnelRow(g.Key, Points(g.ToList()))).ToList();
                var toDate = history.Attempts.Where(a => a.StartedOn < end).ToList();
                weeks.Add(new ReviewWeek(
                    start,
                    flow,
                    funnel,
                    Estimate(toDate.Where(a => a.StartedOn >= weekStart)),
                    Estimate(toDate),
                    RankedOffers(toDate),
                    reps.Where(r => r.Start == weekStart).ToList()));
            }

            return weeks;
        }

        private static List<FunnelPointRow> Points(List<MessageReach> messages)
        {
            var points = new List<FunnelPointRow>();
            var before = messages.Count;
            for (var i = 0; i < FunnelPoints.Count; i++)
            {
                var count = messages.Count(m => m.Reached > i);
                points.Add(new FunnelPointRow(FunnelPoints[i], count, i == 0 ? count : before));
                before = count;
            }

            return points;
        }

        private static UpliftEstimate Estimate(IEnumerable<ReviewAttempt> attempts)
        {
            var treated = new CohortSums();
            var holdout = new CohortSums();
            foreach (var attempt in attempts)
            {
                var measured = attempt.Measured;
                if (!measured.Converted.HasValue) continue;
                (measured.HeldOut ? holdout : treated).Add(measured.Converted.Value, measured.Revenue);
            }

            return UpliftEstimate.Of(treated, holdout);
        }

        private static List<OfferUplift> RankedOffers(List<ReviewAttempt> attempts) =>
            attempts.GroupBy(a => a.Measured.Offer, StringComparer.Ordinal)
                .Select(g => new OfferUplift(g.Key, Estimate(g)))
                .Where(o => o.Estimate.TreatedCustomers + o.Estimate.HoldoutCustomers > 0)
                .OrderBy(o => o.Estimate.EnoughData ? 0 : 1)
                .ThenByDescending(o => o.Estimate.Difference ?? 0)
                .ThenByDescending(o => o.Estimate.DifferenceInterval?.Low ?? 0)
                .ThenBy(o => o.Offer, StringComparer.Ordinal)
                .ToList();
    }
}
