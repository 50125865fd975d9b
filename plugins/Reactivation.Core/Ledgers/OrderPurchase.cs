using System;

namespace Reactivation.Core.Ledgers
{
    /// <summary>An order's state (salesorder.statecode).</summary>
    public enum OrderState
    {
        Active,
        Submitted,
        Canceled,
        Fulfilled,
        Invoiced,
    }

    /// <summary>
    /// Whether an order counts as a purchase, when and for how much (solution/README.md, salesorder): it counts when
    /// Fulfilled or Invoiced, or when it is paid, unless it is Canceled. Its instant is the payment, else the
    /// fulfilment, else (null here) the moment it reached a counting state; its amount is the order's total.
    /// </summary>
    public sealed class OrderPurchase
    {
        private OrderPurchase(Guid? contactId, bool counts, DateTime? statedInstantUtc, decimal amount)
        {
            ContactId = contactId;
            Counts = counts;
            StatedInstantUtc = statedInstantUtc;
            Amount = amount;
        }

        /// <summary>No order (a Create has no pre-image): nothing counts.</summary>
        public static OrderPurchase None { get; } = new OrderPurchase(null, false, null, 0m);

        /// <summary>The contact the order belongs to; null for an account customer or none (only contacts have a ledger).</summary>
        public Guid? ContactId { get; }

        public bool Counts { get; }

        /// <summary>The payment, else the fulfilment; null when the order states neither (the event's time is used then).</summary>
        public DateTime? StatedInstantUtc { get; }

        public decimal Amount { get; }

        public static OrderPurchase Of(Guid? contactId, OrderState state, DateTime? paidOnUtc, DateTime? fulfilledOnUtc, decimal amount)
        {
            var counts = state != OrderState.Canceled && (state == OrderState.Fulfilled || state == OrderState.Invoiced || paidOnUtc.HasValue);
            var instant = paidOnUtc ?? fulfilledOnUtc;
            return new OrderPurchase(contactId, counts, instant.HasValue ? DateTime.SpecifyKind(instant.Value, DateTimeKind.Utc) : (DateTime?)null, amount);
        }

        /// <summary>The same order with its purchase instant stated (what the initialisation takes for an order stating neither payment nor fulfilment).</summary>
        public OrderPurchase At(DateTime instantUtc) => new OrderPurchase(ContactId, Counts, DateTime.SpecifyKind(instantUtc, DateTimeKind.Utc), Amount);

        /// <summary>The order counts as a purchase of <paramref name="contactId"/>.</summary>
        public bool CountsFor(Guid contactId) => Counts && ContactId == contactId;
    }
}
