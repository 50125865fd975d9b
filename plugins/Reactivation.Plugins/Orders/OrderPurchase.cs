using System;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Orders
{
    /// <summary>
    /// Whether an order counts as a purchase, when and for how much (solution/README.md, salesorder): it counts
    /// when Fulfilled or Invoiced, or when rx_paidon is set, unless it is Canceled. Its instant is rx_paidon, else
    /// datefulfilled, else the moment it reached a counting state; its amount is totalamount.
    /// </summary>
    public sealed class OrderPurchase
    {
        private OrderPurchase(EntityReference? customer, bool counts, DateTime? statedInstantUtc, decimal amount)
        {
            Customer = customer;
            Counts = counts;
            StatedInstantUtc = statedInstantUtc;
            Amount = amount;
        }

        /// <summary>The order's customer (a contact or an account), or null.</summary>
        public EntityReference? Customer { get; }

        /// <summary>The contact the order belongs to; null for an account customer or none.</summary>
        public EntityReference? Contact =>
            Customer != null && string.Equals(Customer.LogicalName, "contact", StringComparison.Ordinal) ? Customer : null;

        public bool Counts { get; }

        /// <summary>rx_paidon, else datefulfilled; null when the order states neither (the event's time is used then).</summary>
        public DateTime? StatedInstantUtc { get; }

        public decimal Amount { get; }

        /// <summary>Reads an order row (a post- or pre-image); null gives "no order" (nothing counts).</summary>
        public static OrderPurchase Of(Entity? order)
        {
            if (order is null) return new OrderPurchase(null, false, null, 0m);
            var state = order.GetAttributeValue<OptionSetValue>(SalesOrderColumns.State)?.Value ?? 0;
            var paidOn = order.GetAttributeValue<DateTime?>(SalesOrderColumns.PaidOn);
            var counts = state != SalesOrderColumns.Canceled &&
                (state == SalesOrderColumns.Fulfilled || state == SalesOrderColumns.Invoiced || paidOn.HasValue);
            var instant = paidOn ?? order.GetAttributeValue<DateTime?>(SalesOrderColumns.DateFulfilled);
            return new OrderPurchase(
                order.GetAttributeValue<EntityReference>(SalesOrderColumns.Customer),
                counts,
                instant.HasValue ? DateTime.SpecifyKind(instant.Value, DateTimeKind.Utc) : (DateTime?)null,
                order.GetAttributeValue<Money>(SalesOrderColumns.TotalAmount)?.Value ?? 0m);
        }

        /// <summary>True when both count for the same contact, at the same stated instant and amount.</summary>
        public bool SamePurchaseAs(OrderPurchase other) =>
            Counts && other.Counts && Contact != null && other.Contact != null && Contact.Id == other.Contact.Id &&
            StatedInstantUtc == other.StatedInstantUtc && Amount == other.Amount;
    }
}
