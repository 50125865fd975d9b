using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Ledgers;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Mapping
{
    /// <summary>
    /// A contact's P1 purchase ledger and the roll-ups it implies (rx_purchasecount, rx_totalspend, rx_firstpurchaseon,
    /// rx_lastpurchaseon) written into an update — only the columns whose stored value differs, so an unchanged ledger
    /// writes nothing. The order step and the initialisation write them the same way.
    /// </summary>
    public static class PurchaseRollUps
    {
        /// <summary>The contact columns a write needs to have read: the ledger and the roll-ups.</summary>
        public static readonly string[] Columns =
        {
            ContactColumns.PurchaseLedger, ContactColumns.PurchaseCount, ContactColumns.TotalSpend,
            ContactColumns.FirstPurchaseOn, ContactColumns.LastPurchaseOn,
        };

        /// <param name="update">The contact update to fill.</param>
        /// <param name="stored">The contact as read (its ledger and roll-ups).</param>
        /// <param name="ledger">The ledger as it should be stored.</param>
        public static void Write(Entity update, Entity stored, PurchaseLedger ledger)
        {
            var text = stored.GetAttributeValue<string>(ContactColumns.PurchaseLedger);
            var newText = ledger.Format();
            if (!string.Equals(newText, string.IsNullOrEmpty(text) ? PurchaseLedger.Version : text, StringComparison.Ordinal))
            {
                update[ContactColumns.PurchaseLedger] = newText;
            }

            SetIfChanged(update, ContactColumns.PurchaseCount, ledger.Count, stored.GetAttributeValue<int?>(ContactColumns.PurchaseCount) ?? 0);
            if ((stored.GetAttributeValue<Money>(ContactColumns.TotalSpend)?.Value ?? 0m) != ledger.Total)
            {
                update[ContactColumns.TotalSpend] = new Money(ledger.Total);
            }

            SetIfChanged(update, ContactColumns.FirstPurchaseOn, ledger.FirstUtc, stored.GetAttributeValue<DateTime?>(ContactColumns.FirstPurchaseOn));
            SetIfChanged(update, ContactColumns.LastPurchaseOn, ledger.LastUtc, stored.GetAttributeValue<DateTime?>(ContactColumns.LastPurchaseOn));
        }

        private static void SetIfChanged<T>(Entity update, string column, T value, T current)
        {
            if (!Equals(value, current))
            {
                update[column] = value;
            }
        }
    }
}
