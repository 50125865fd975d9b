using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Ledgers;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Orders
{
    /// <summary>
    /// salesorder Create / Update, PostOperation, synchronous. When an order counts as a purchase (or stops
    /// counting) it records it in the contact's P1 purchase ledger and roll-ups with one Update — which runs the
    /// contact lifecycle step, so the new stage follows from the rules in the same transaction. An order newly
    /// counted converts the contact's open reactivation attempt (rx_openattemptid on the contact, when it started
    /// before the purchase — no query), and an order carrying rx_incentivecode redeems
    /// that incentive. The order is attributed to the attempts whose window contains it (<see cref="OrderAttributionRows"/>):
    /// each attempt keeps its strongest attribution and the revenue in its window, the order its own attribution.
    /// <para>
    /// Idempotent: the ledger entry carries the order's reference, so a replayed event finds its entry and
    /// changes nothing (no contact update at all); an order the ledger no longer keeps one by one (summarised)
    /// is recognised from the pre-image. Loop-free: it writes contacts, attempts and incentives, and of orders only the attribution columns, which no order step filters on.
    /// Data problems (an unreadable ledger, an account customer, an unknown or expired code) are traced and
    /// never fail the user's save.
    /// </para>
    /// Unsecure configuration: <c>utcOffsetMinutes=480</c> (see <see cref="StepSettings"/>), which decides
    /// the local purchase dates the ledger's retention counts.
    /// </summary>
    public sealed class OrderPurchasePlugin : PluginBase
    {
        private static readonly string[] LedgerColumns =
        {
            ContactColumns.PurchaseLedger, ContactColumns.PurchaseCount, ContactColumns.TotalSpend,
            ContactColumns.FirstPurchaseOn, ContactColumns.LastPurchaseOn,
            ContactColumns.OpenAttempt, ContactColumns.AttemptStartedOn,
        };

        private readonly TimeZoneInfo _organisationZone;
        private readonly Core.Facts.FixedOffsetZone _organisation;

        public OrderPurchasePlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            _organisation = new StepSettings(unsecureConfiguration, nameof(OrderPurchasePlugin)).Organisation;
            _organisationZone = _organisation.Zone;
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var orderId = context.Execution.PrimaryEntityId;
            var order = new EntityReference(SalesOrderColumns.Table, orderId);
            var post = context.GetPostImage(StepImages.Post);
            var pre = context.PreImage(StepImages.Pre);
            var after = OrderRow.Purchase(post);
            var before = OrderRow.Purchase(pre);
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var reference = PurchaseEntry.ReferenceOf(orderId);

            if (before.ContactId is { } previous && after.ContactId != previous)
            {
                // The order moved to another customer: it no longer counts for the previous contact.
                RecordOnContact(context, previous, reference, null, before, utcNow, out _);
            }

            if (after.ContactId is not { } contact)
            {
                context.Trace.Write($"Order {orderId}: customer {TraceValue.Reference(OrderRow.Customer(post))} is not a contact; only contacts have purchase roll-ups");
                return;
            }

            var recording = RecordOnContact(context, contact, reference, after.Counts ? after : null, before, utcNow, out var converted);
            if (recording.Entry is not { } purchase)
            {
                return;
            }

            var when = after.StatedInstantUtc ?? purchase.WhenUtc;
            var code = post.GetAttributeValue<string>(SalesOrderColumns.IncentiveCode);
            var codeChanged = context.Target?.Contains(SalesOrderColumns.IncentiveCode) ?? false;
            Guid? redeemedAttempt = null;
            var newlyRedeemed = false;
            if (!string.IsNullOrWhiteSpace(code) && (recording.NewlyCounted || codeChanged))
            {
                redeemedAttempt = RedeemIncentive(context, code!.Trim(), order, when, out newlyRedeemed);
            }

            // A replay (nothing newly counted, nothing newly redeemed) changes no attribution: no read, no write.
            var attribution = new OrderAttributionRows(context, _organisation);
            if (recording.NewlyCounted || newlyRedeemed)
            {
                attribution.Attribute(contact, order, when, after.Amount, recording.NewlyCounted, redeemedAttempt);
            }

            if (converted is not null)
            {
                var update = attribution.AttemptUpdate(converted.Id);
                update[AttemptColumns.Outcome] = AttemptColumns.Outcomes.Option(converted.Outcome);
                update[AttemptColumns.ConvertingOrder] = order;
                update[AttemptColumns.Revenue] = new Money(after.Amount);
                context.Trace.Write($"Attempt {converted.Id} converted by order {order.Id}, revenue {after.Amount}");
            }
            else if (recording.NewlyCounted)
            {
                context.Trace.Write($"Contact {contact}: no open reactivation attempt started before the order; nothing to convert");
            }

            attribution.Write();
        }

        /// <summary>
        /// Puts the order into (or, with <paramref name="purchase"/> null, takes it out of) the contact's ledger and
        /// writes the ledger and roll-ups with one Update when anything changed.
        /// </summary>
        private PurchaseRecording RecordOnContact(PluginContext context, Guid contact, string reference, OrderPurchase? purchase, OrderPurchase before, DateTime utcNow, out ReactivationAttempt? converted)
        {
            converted = null;
            var row = context.SystemService.Retrieve(ContactColumns.Table, contact, new ColumnSet(LedgerColumns));
            var text = row.GetAttributeValue<string>(ContactColumns.PurchaseLedger);
            var ledger = PurchaseLedger.Parse(text, strict: false);
            if (ledger.UnknownVersion)
            {
                context.Trace.Write($"Contact {contact}: the purchase ledger is not P1; it is rebuilt from this order (the roll-ups start again from it)");
            }
            else if (ledger.UnreadableParts > 0)
            {
                context.Trace.Write($"Contact {contact}: {ledger.UnreadableParts} unreadable part(s) of the purchase ledger dropped; the rest is kept and written back well formed");
            }

            var recording = ledger.Record(reference, purchase, before.CountsFor(contact), utcNow, _organisationZone);
            switch (recording.Change)
            {
                case PurchaseChange.Removed:
                    context.Trace.Write($"Contact {contact}: order #{TraceValue.Name(reference)} no longer counts and is taken out of the ledger");
                    break;
                case PurchaseChange.SummarisedKept when purchase is null:
                    context.Trace.Write($"Contact {contact}: order #{TraceValue.Name(reference)} no longer counts but is summarised (older than the ledger keeps one by one); the summary is left as it is");
                    break;
                case PurchaseChange.SummarisedKept:
                    context.Trace.Write($"Contact {contact}: order #{TraceValue.Name(reference)} counted before and is summarised; not counted again");
                    break;
                case PurchaseChange.Corrected:
                    context.Trace.Write($"Contact {contact}: order #{TraceValue.Name(reference)} corrected in the ledger");
                    break;
            }

            var update = new Entity(ContactColumns.Table, contact);
            PurchaseRollUps.Write(update, row, ledger);

            // A purchase newly counted converts the contact's open attempt if it started before the purchase; the
            // contact stops carrying it in the same Update (the attempt itself is written by the caller).
            if (recording.NewlyCounted && AttemptRows.OpenOn(row) is { } open && recording.Entry is { } entry
                && open.Convert(purchase!.StatedInstantUtc ?? entry.WhenUtc) is { IsMade: true } conversion)
            {
                converted = conversion.Attempt;
                AttemptRows.Clear(update);
            }

            if (update.Attributes.Count == 0)
            {
                context.Trace.Write($"Contact {contact}: order #{TraceValue.Name(reference)} changes no roll-up (replayed or not a purchase); no update");
                return recording;
            }

            // This Update runs the contact lifecycle step (its filtering attributes include the ledger): the stage
            // follows from the rules, at depth 2, in this transaction. It only applies if the contact is still the
            // version read: two orders of one customer saved at the same moment would otherwise both read the old
            // ledger and the second write would silently drop the first order. The loser's save fails with the
            // platform's concurrency message and succeeds when retried — a loud, rare failure over a wrong count.
            if (row.RowVersion is null)
            {
                context.SystemService.Update(update);
            }
            else
            {
                update.RowVersion = row.RowVersion;
                context.SystemService.Execute(new UpdateRequest { Target = update, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
            }

            context.Trace.Write($"Contact {contact}: {ledger.Count} purchase(s), total {ledger.Total}; wrote {TraceValue.Columns(update)}");
            return recording;
        }

        /// <summary>
        /// Marks the incentive with the order's code Redeemed by the order. It is read first (a query, not an Update
        /// or Retrieve by its alternate key): addressing a missing key faults, and a fault inside a plugin dooms the
        /// user's whole transaction — an unknown code must not block the save. The read also tells expired,
        /// cancelled and already redeemed incentives apart.
        /// </summary>
        /// <returns>The attempt the incentive was issued with, when this order redeems it (now or in an earlier event).</returns>
        private static Guid? RedeemIncentive(PluginContext context, string code, EntityReference order, DateTime whenUtc, out bool newlyRedeemed)
        {
            newlyRedeemed = false;
            var query = new QueryExpression(IncentiveColumns.Table)
            {
                ColumnSet = new ColumnSet(IncentiveColumns.ValidUntil, IncentiveColumns.Status, IncentiveColumns.RedeemedByOrder, IncentiveColumns.Attempt),
                TopCount = 1,
            };
            query.Criteria.AddCondition(IncentiveColumns.Code, ConditionOperator.Equal, code);
            var found = context.SystemService.RetrieveMultiple(query).Entities;
            if (found.Count == 0)
            {
                context.Trace.Write($"Order {order.Id}: no incentive has the order's code ({code.Length} chars); the order is saved without a redemption");
                return null;
            }

            var incentive = found[0];
            var attempt = incentive.GetAttributeValue<EntityReference>(IncentiveColumns.Attempt)?.Id;
            // An unset status reads as Issued: the product writes it with every incentive.
            var status = incentive.GetAttributeValue<OptionSetValue>(IncentiveColumns.Status) ?? IncentiveColumns.Statuses.Option(IncentiveStatus.Issued);
            var redeemedBy = incentive.GetAttributeValue<EntityReference>(IncentiveColumns.RedeemedByOrder);
            var validUntil = incentive.GetAttributeValue<DateTime?>(IncentiveColumns.ValidUntil);
            var known = IncentiveColumns.Statuses.TryName(status, out var name) ? name : (IncentiveStatus?)null;
            switch (IncentiveRedemption.Decide(known, redeemedBy?.Id, validUntil, order.Id, whenUtc))
            {
                case RedemptionVerdict.RedeemedByThisOrder:
                    return attempt;
                case RedemptionVerdict.RedeemedByAnotherOrder:
                    context.Trace.Write($"Incentive {incentive.Id} was already redeemed by {TraceValue.Reference(redeemedBy)}; order {order.Id} does not redeem it again");
                    return null;
                case RedemptionVerdict.NotIssued:
                    context.Trace.Write($"Incentive {incentive.Id} has status {status.Value} (not Issued); order {order.Id} does not redeem it");
                    return null;
                case RedemptionVerdict.Expired:
                    context.Trace.Write($"Incentive {incentive.Id} expired {TraceValue.Timestamp(validUntil!.Value)}, before the order's purchase {TraceValue.Timestamp(whenUtc)}; not redeemed");
                    return null;
            }

            context.SystemService.Update(new Entity(IncentiveColumns.Table, incentive.Id)
            {
                [IncentiveColumns.Status] = IncentiveColumns.Statuses.Option(IncentiveStatus.Redeemed),
                [IncentiveColumns.RedeemedByOrder] = order,
            });
            context.Trace.Write($"Incentive {incentive.Id} redeemed by order {order.Id}");
            newlyRedeemed = true;
            return attempt;
        }
    }
}
