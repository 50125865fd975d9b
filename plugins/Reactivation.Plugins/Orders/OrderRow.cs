using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Ledgers;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Orders
{
    /// <summary>An order row (a post- or pre-image) as Core's <see cref="OrderPurchase"/>.</summary>
    internal static class OrderRow
    {
        /// <summary>The order's customer (a contact or an account), or null.</summary>
        public static EntityReference? Customer(Entity? order) => order?.GetAttributeValue<EntityReference>(SalesOrderColumns.Customer);

        /// <summary>Null gives "no order" (a Create's missing pre-image): nothing counts.</summary>
        public static OrderPurchase Purchase(Entity? order)
        {
            if (order is null) return OrderPurchase.None;
            var customer = Customer(order);
            var contact = customer != null && string.Equals(customer.LogicalName, "contact", StringComparison.Ordinal) ? customer.Id : (Guid?)null;
            var state = order.GetAttributeValue<OptionSetValue>(SalesOrderColumns.State)?.Value ?? 0;
            return OrderPurchase.Of(
                contact,
                (OrderState)state,
                order.GetAttributeValue<DateTime?>(SalesOrderColumns.PaidOn),
                order.GetAttributeValue<DateTime?>(SalesOrderColumns.DateFulfilled),
                order.GetAttributeValue<Money>(SalesOrderColumns.TotalAmount)?.Value ?? 0m);
        }
    }
}
