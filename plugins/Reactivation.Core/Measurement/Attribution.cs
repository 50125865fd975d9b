using System;
using System.Collections.Generic;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Measurement
{
    /// <summary>How an order inside an attempt's window relates to it (the rx_attribution choice, in its order).</summary>
    public enum AttemptAttribution
    {
        /// <summary>The order redeemed the attempt's incentive code: attributed to the attempt.</summary>
        Redeemed,
        /// <summary>Bought inside the window after a touch went out (a message sent, a call that reached the customer).</summary>
        Influenced,
        /// <summary>Bought inside the window before anything reached the customer: not attributed to the attempt.</summary>
        NotReached,
        /// <summary>A held-out customer bought inside the window: what would have happened without outreach.</summary>
        Holdout,
    }

    /// <summary>An attempt's attribution window as its row stands: when it runs, what reached the customer, what it has measured.</summary>
    public sealed class AttemptWindow
    {
        public AttemptWindow(Guid attemptId, bool heldOut, DateTime startedOn, DateTime until, DateTime? respondedOn)
        {
            AttemptId = attemptId;
            HeldOut = heldOut;
            StartedOn = startedOn;
            Until = until;
            RespondedOn = respondedOn;
        }

        public Guid AttemptId { get; }

        public bool HeldOut { get; }

        public DateTime StartedOn { get; }

        /// <summary>The end of the window (the offer's AttributionDays after the start, organisation-local end of day).</summary>
        public DateTime Until { get; }

        /// <summary>The first response (a reply, or a call that reached the customer).</summary>
        public DateTime? RespondedOn { get; }

        /// <summary>The first counted purchase inside the window: the attempt's conversion as uplift counts it.</summary>
        public DateTime? FirstPurchaseOn { get; set; }

        /// <summary>Revenue of the counted orders inside the window.</summary>
        public decimal Revenue { get; set; }

        /// <summary>The strongest claim an order in the window has made on the attempt so far.</summary>
        public AttemptAttribution? Attribution { get; set; }

        public Guid? AttributedOrderId { get; set; }

        /// <summary>The purchase instant of that order.</summary>
        public DateTime? AttributedOn { get; set; }

        public bool Contains(DateTime purchaseUtc) => StartedOn <= purchaseUtc && purchaseUtc <= Until;
    }

    /// <summary>What one order does to an attempt's window.</summary>
    public sealed class OrderAttribution
    {
        internal OrderAttribution(AttemptAttribution attribution, AttemptWindow window)
        {
            Attribution = attribution;
            Window = window;
        }

        /// <summary>This order's relation to the attempt (stored on the order).</summary>
        public AttemptAttribution Attribution { get; }

        /// <summary>The attempt's window after the order (stored on the attempt).</summary>
        public AttemptWindow Window { get; }
    }

    /// <summary>
    /// Attribution a store manager can defend. Each attempt has a window (its offer's <c>AttributionDays</c>, default
    /// 30 days from its start). A counted order inside the window is:
    /// <list type="bullet">
    /// <item><b>Redeemed</b> when it redeems the attempt's own incentive code — attributed;</item>
    /// <item><b>Influenced</b> when a touch had gone out before it — a message sent, or a call or task the rep completed
    /// with an outcome other than Wrong Number (the attempt's first response) — attributed;</item>
    /// <item><b>NotReached</b> otherwise: nothing reached the customer, so nothing is attributed, though the purchase
    /// still counts as the attempt's conversion when treated and held-out customers are compared;</item>
    /// <item><b>Holdout</b> for a held-out customer's attempt: the comparison's other side.</item>
    /// </list>
    /// The attempt keeps its first purchase in the window, the window's revenue, and the strongest claim (Redeemed over
    /// Influenced over NotReached) with its order. Orders outside the window are not the attempt's.
    /// </summary>
    public static class AttributionRules
    {
        public const int DefaultWindowDays = 30;

        public const int MaxWindowDays = 365;

        /// <summary>The end of a window of <paramref name="days"/> days from <paramref name="startedUtc"/> (organisation-local end of day).</summary>
        public static DateTime WindowEnd(DateTime startedUtc, int days, FixedOffsetZone organisation)
        {
            if (organisation is null) throw new ArgumentNullException(nameof(organisation));
            return organisation.EndOfDay(organisation.LocalDate(startedUtc).AddDays(days));
        }

        /// <summary>An attribution that credits the attempt (and its owner).</summary>
        public static bool Credits(AttemptAttribution? attribution) => attribution == AttemptAttribution.Redeemed || attribution == AttemptAttribution.Influenced;

        /// <param name="window">The attempt's window as stored.</param>
        /// <param name="newlyCounted">The order counts from this event on: its revenue is added (a code added to an order counted before only changes the claim).</param>
        /// <param name="redeemsAttemptIncentive">The order redeemed the attempt's incentive in this event.</param>
        /// <param name="messageSentBefore">Whether a message of the attempt went out before the purchase: asked only when
        /// nothing else settles the claim (the caller reads the attempt's messages then).</param>
        /// <returns>Null when the purchase lies outside the window: the order is not the attempt's.</returns>
        public static OrderAttribution? Attribute(AttemptWindow window, Guid orderId, DateTime purchaseUtc, decimal amount, bool newlyCounted, bool redeemsAttemptIncentive, Func<DateTime, bool> messageSentBefore)
        {
            if (window is null) throw new ArgumentNullException(nameof(window));
            if (messageSentBefore is null) throw new ArgumentNullException(nameof(messageSentBefore));
            if (!window.Contains(purchaseUtc)) return null;

            AttemptAttribution claim;
            if (window.HeldOut) claim = AttemptAttribution.Holdout;
            else if (redeemsAttemptIncentive) claim = AttemptAttribution.Redeemed;
            else if ((window.RespondedOn.HasValue && window.RespondedOn.Value <= purchaseUtc) || messageSentBefore(purchaseUtc)) claim = AttemptAttribution.Influenced;
            else claim = AttemptAttribution.NotReached;

            if (newlyCounted)
            {
                window.Revenue += amount;
                if (!window.FirstPurchaseOn.HasValue || purchaseUtc < window.FirstPurchaseOn.Value) window.FirstPurchaseOn = purchaseUtc;
            }

            if (!window.Attribution.HasValue || Strength(claim) > Strength(window.Attribution.Value))
            {
                window.Attribution = claim;
                window.AttributedOrderId = orderId;
                window.AttributedOn = purchaseUtc;
            }

            return new OrderAttribution(claim, window);
        }

        /// <summary>
        /// The order's own attribution when its purchase lies in several attempts' windows (an earlier attempt closed
        /// within its window, the open one): the attempt it credits most strongly (Redeemed over Influenced), the latest
        /// started of equals; when it credits none, the latest started attempt's verdict (NotReached or Holdout).
        /// </summary>
        /// <returns>Null without any attribution (the purchase is in no attempt's window).</returns>
        public static OrderAttribution? ForOrder(IEnumerable<OrderAttribution> attributions)
        {
            if (attributions is null) throw new ArgumentNullException(nameof(attributions));
            OrderAttribution? best = null;
            foreach (var candidate in attributions)
            {
                if (best is null) { best = candidate; continue; }
                var rank = OrderRank(candidate.Attribution) - OrderRank(best.Attribution);
                if (rank > 0 || (rank == 0 && candidate.Window.StartedOn > best.Window.StartedOn)) best = candidate;
            }

            return best;
        }

        private static int OrderRank(AttemptAttribution attribution) => Credits(attribution) ? Strength(attribution) : 0;

        private static int Strength(AttemptAttribution attribution) => attribution switch
        {
            AttemptAttribution.Redeemed => 3,
            AttemptAttribution.Influenced => 2,
            _ => 1,
        };
    }
}
