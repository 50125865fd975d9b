using System;

namespace Reactivation.Core.Measurement
{
    /// <summary>One attempt row as the report reads it: who, where it started, its group, its window and what was measured in it.</summary>
    public sealed class ReportAttempt
    {
        /// <param name="stageEnteredOn">When the customer entered <paramref name="stage"/>; null for an attempt written before it was stored (then it is a stint of its own).</param>
        /// <param name="windowUntil">The end of its attribution window.</param>
        /// <param name="firstPurchaseOn">The first counted purchase inside the window, if any.</param>
        public ReportAttempt(Guid attemptId, Guid contactId, string stage, DateTime? stageEnteredOn, string offer, string reason, bool heldOut,
            DateTime startedOn, DateTime windowUntil, DateTime? firstPurchaseOn, decimal revenue, AttemptAttribution? attribution)
        {
            AttemptId = attemptId;
            ContactId = contactId;
            Stage = stage ?? throw new ArgumentNullException(nameof(stage));
            StageEnteredOn = stageEnteredOn;
            Offer = offer ?? throw new ArgumentNullException(nameof(offer));
            Reason = reason ?? throw new ArgumentNullException(nameof(reason));
            HeldOut = heldOut;
            StartedOn = startedOn;
            WindowUntil = windowUntil;
            FirstPurchaseOn = firstPurchaseOn;
            Revenue = revenue;
            Attribution = attribution;
        }

        public Guid AttemptId { get; }

        public Guid ContactId { get; }

        public string Stage { get; }

        public DateTime? StageEnteredOn { get; }

        public string Offer { get; }

        public string Reason { get; }

        public bool HeldOut { get; }

        public DateTime StartedOn { get; }

        public DateTime WindowUntil { get; }

        public DateTime? FirstPurchaseOn { get; }

        public decimal Revenue { get; }

        public AttemptAttribution? Attribution { get; }
    }

    /// <summary>
    /// The funnel's conversion points after a message is sent, in order. A message counts at every point up to the
    /// furthest its status says it reached: Visited (the customer's site or app saw them come from its link: a visit,
    /// a booking page, a login) and Applied (they submitted what the link led to: a booking, an application) are
    /// written back by the customer's own systems, like Delivered and Clicked by the gateway.
    /// </summary>
    public enum FunnelPoint
    {
        Sent,
        Delivered,
        ClickedOrReplied,
        Visited,
        Applied,
    }

    /// <summary>One outbox message as the funnel counts it.</summary>
    public sealed class ReportMessage
    {
        /// <param name="converted">Its attempt was won back with a purchase the outreach is credited with (Redeemed or Influenced).</param>
        public ReportMessage(string channel, FunnelPoint furthest, bool converted)
        {
            Channel = channel ?? throw new ArgumentNullException(nameof(channel));
            Furthest = furthest;
            Converted = converted;
        }

        public string Channel { get; }

        public FunnelPoint Furthest { get; }

        public bool Converted { get; }
    }
}
