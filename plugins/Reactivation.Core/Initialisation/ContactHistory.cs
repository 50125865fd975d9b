using System;
using System.Collections.Generic;
using Reactivation.Core.Ledgers;

namespace Reactivation.Core.Initialisation
{
    /// <summary>An order as the initialisation reads it: what the order step reads, its currency, and when the row last changed.</summary>
    public sealed class HistoricalOrder
    {
        public HistoricalOrder(Guid orderId, OrderPurchase purchase, Guid? currencyId, DateTime? changedOnUtc)
        {
            OrderId = orderId;
            Purchase = purchase ?? throw new ArgumentNullException(nameof(purchase));
            CurrencyId = currencyId;
            ChangedOnUtc = changedOnUtc;
        }

        public Guid OrderId { get; }

        public OrderPurchase Purchase { get; }

        /// <summary>transactioncurrencyid; null when the row states none (taken as the organisation's base currency).</summary>
        public Guid? CurrencyId { get; }

        /// <summary>modifiedon: the nearest the row holds to when it reached a counting state, for an order stating neither payment nor fulfilment.</summary>
        public DateTime? ChangedOnUtc { get; }
    }

    /// <summary>
    /// A contact's purchase history as the initialisation merges it: the stored P1 ledger (strict: a broken one is reported,
    /// never guessed at) with every order of the contact that counts recorded into it by its reference — so an order the
    /// order step counted after the solution was imported is found by its <c>#ref</c> and not counted twice — oldest
    /// first, with the ledger's retention, exactly as the order step would have recorded them one by one. The contact is
    /// left out, with every reason reported, when it has no owner, when its ledger cannot be read, when an order that
    /// counts is in another currency than the organisation's, or when its stored summary may already hold an order
    /// (the summary keeps no references).
    /// </summary>
    public sealed class ContactHistory
    {
        private ContactHistory(Guid contactId, PurchaseLedger? ledger, int ordersRecorded, IReadOnlyList<InitialisationProblem> problems)
        {
            ContactId = contactId;
            Ledger = ledger;
            OrdersRecorded = ordersRecorded;
            Problems = problems;
        }

        public Guid ContactId { get; }

        /// <summary>The merged ledger; null when the contact is left out.</summary>
        public PurchaseLedger? Ledger { get; }

        /// <summary>Orders counted by this merge (not in the stored ledger before).</summary>
        public int OrdersRecorded { get; }

        public IReadOnlyList<InitialisationProblem> Problems { get; }

        public bool Skipped => Ledger is null;

        /// <param name="contactId">The contact.</param>
        /// <param name="hasOwner">The contact has an owner (ownerid).</param>
        /// <param name="storedLedger">Its rx_purchaseledger as stored; null or empty for none.</param>
        /// <param name="ledgerColumn">The column it was read from, for the report.</param>
        /// <param name="orders">The orders whose customer is the contact.</param>
        /// <param name="baseCurrencyId">The organisation's base currency; null when unknown (currencies are not checked).</param>
        public static ContactHistory Merge(Guid contactId, bool hasOwner, string? storedLedger, string ledgerColumn, IEnumerable<HistoricalOrder> orders, Guid? baseCurrencyId, DateTime utcNow, TimeZoneInfo organisationZone)
        {
            if (orders is null) throw new ArgumentNullException(nameof(orders));
            var problems = new List<InitialisationProblem>();
            if (!hasOwner) problems.Add(InitialisationProblem.NoOwner(contactId));
            PurchaseLedger? ledger = null;
            try
            {
                ledger = PurchaseLedger.ReadStored(storedLedger, ledgerColumn);
            }
            catch (LedgerFormatException)
            {
                problems.Add(InitialisationProblem.UnreadableLedger(contactId, ledgerColumn));
            }

            var counting = new List<KeyValuePair<HistoricalOrder, OrderPurchase>>();
            foreach (var order in orders)
            {
                if (!order.Purchase.CountsFor(contactId)) continue;
                if (baseCurrencyId is { } baseCurrency && order.CurrencyId is { } currency && currency != baseCurrency)
                {
                    problems.Add(InitialisationProblem.OtherCurrency(order.OrderId, contactId, currency, baseCurrency));
                    continue;
                }

                var known = ledger?.Find(PurchaseEntry.ReferenceOf(order.OrderId));

                // An order stating neither payment nor fulfilment keeps the instant the order step gave it; else the row's last change.
                var when = order.Purchase.StatedInstantUtc ?? known?.WhenUtc ?? order.ChangedOnUtc ?? utcNow;
                if (ledger?.Summary is { } summary && known is null && when <= summary.LastUtc)
                {
                    problems.Add(InitialisationProblem.MaybeSummarised(order.OrderId, contactId, ledgerColumn));
                    continue;
                }

                counting.Add(new KeyValuePair<HistoricalOrder, OrderPurchase>(order, order.Purchase.At(when)));
            }

            if (problems.Count > 0 || ledger is null) return new ContactHistory(contactId, null, 0, problems);

            // Oldest first, as they happened: the retention then folds exactly what the order step would have folded.
            counting.Sort((a, b) =>
            {
                var byTime = a.Value.StatedInstantUtc!.Value.CompareTo(b.Value.StatedInstantUtc!.Value);
                return byTime != 0 ? byTime : a.Key.OrderId.CompareTo(b.Key.OrderId);
            });
            var recorded = 0;
            foreach (var order in counting)
            {
                var recording = ledger.Record(PurchaseEntry.ReferenceOf(order.Key.OrderId), order.Value, false, utcNow, organisationZone);
                if (recording.NewlyCounted) recorded++;
            }

            ledger.ApplyRetention(utcNow, organisationZone);
            return new ContactHistory(contactId, ledger, recorded, problems);
        }
    }
}
