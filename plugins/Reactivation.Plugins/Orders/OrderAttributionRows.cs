using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Facts;
using Reactivation.Core.Measurement;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Orders
{
    /// <summary>
    /// Attribution of a counted order to the contact's attempts whose window contains its purchase (Core's
    /// <see cref="AttributionRules"/>): one query for those attempts (at most <see cref="MaxAttempts"/>, started within
    /// <see cref="AttributionRules.MaxWindowDays"/> before the purchase), one query for the messages that reached the
    /// customer when a claim depends on them, then one Update per attempt whose window changed (merged with its
    /// conversion) and one Update of the order. The order steps do not filter on the order's attribution columns, so
    /// writing them runs no step.
    /// </summary>
    internal sealed class OrderAttributionRows
    {
        /// <summary>More attempts than this inside a year before one purchase is not a customer, it is a loop: the oldest are left out.</summary>
        public const int MaxAttempts = 50;

        /// <summary>A message whose status says it went out: Failed, Pending and Cancelled never reached the customer.</summary>
        private static readonly MessageStatus[] Reached = { MessageStatus.Sent, MessageStatus.Delivered, MessageStatus.Clicked, MessageStatus.Replied };

        private static readonly string[] Columns =
        {
            AttemptColumns.StartedOn, AttemptColumns.AttributionUntil, AttemptColumns.Outcome, AttemptColumns.RespondedOn,
            AttemptColumns.Attribution, AttemptColumns.AttributedOrder, AttemptColumns.FirstPurchaseInWindowOn, AttemptColumns.RevenueInWindow,
        };

        private readonly PluginContext _context;
        private readonly FixedOffsetZone _organisation;
        private readonly Dictionary<Guid, Entity> _attemptUpdates = new Dictionary<Guid, Entity>();

        public OrderAttributionRows(PluginContext context, FixedOffsetZone organisation)
        {
            _context = context;
            _organisation = organisation;
        }

        /// <summary>The attempt updates this order makes (before <see cref="Write"/>): the conversion adds its columns to the same Update.</summary>
        public Entity AttemptUpdate(Guid attemptId)
        {
            if (!_attemptUpdates.TryGetValue(attemptId, out var update)) _attemptUpdates.Add(attemptId, update = new Entity(AttemptColumns.Table, attemptId));
            return update;
        }

        /// <summary>
        /// Attributes the order to the contact's attempts whose window contains <paramref name="purchaseUtc"/> and sets the
        /// order's own attribution.
        /// </summary>
        /// <param name="redeemedAttemptId">The attempt whose incentive this order redeemed (its code), if any.</param>
        public void Attribute(Guid contactId, EntityReference order, DateTime purchaseUtc, decimal amount, bool newlyCounted, Guid? redeemedAttemptId)
        {
            var query = new QueryExpression(AttemptColumns.Table) { ColumnSet = new ColumnSet(Columns), TopCount = MaxAttempts };
            query.Criteria.AddCondition(AttemptColumns.Contact, ConditionOperator.Equal, contactId);
            query.Criteria.AddCondition(AttemptColumns.StartedOn, ConditionOperator.LessEqual, purchaseUtc);
            query.Criteria.AddCondition(AttemptColumns.StartedOn, ConditionOperator.GreaterEqual, purchaseUtc.AddDays(-AttributionRules.MaxWindowDays - 1));
            query.AddOrder(AttemptColumns.StartedOn, OrderType.Descending);
            var windows = new List<AttemptWindow>();
            foreach (var row in _context.SystemService.RetrieveMultiple(query).Entities)
            {
                var window = Window(row);
                if (window.Contains(purchaseUtc)) windows.Add(window);
            }

            if (windows.Count == 0)
            {
                _context.Trace.Write($"Order {order.Id}: no attempt's attribution window contains the purchase; nothing attributed");
                return;
            }

            var reached = ReachedBefore(windows, purchaseUtc, redeemedAttemptId);
            var attributions = new List<OrderAttribution>();
            foreach (var window in windows)
            {
                var before = Stored(window);
                var made = AttributionRules.Attribute(window, order.Id, purchaseUtc, amount, newlyCounted, redeemedAttemptId == window.AttemptId, _ => reached.Contains(window.AttemptId));
                if (made is null) continue;
                attributions.Add(made);
                if (Stored(window) != before)
                {
                    var update = AttemptUpdate(window.AttemptId);
                    update[AttemptColumns.Attribution] = AttemptColumns.Attributions.Option(window.Attribution!.Value);
                    update[AttemptColumns.AttributedOrder] = new EntityReference(SalesOrderColumns.Table, window.AttributedOrderId!.Value);
                    update[AttemptColumns.FirstPurchaseInWindowOn] = window.FirstPurchaseOn;
                    update[AttemptColumns.RevenueInWindow] = new Money(window.Revenue);
                }

                _context.Trace.Write($"Order {order.Id}: {TraceValue.Name(made.Attribution.ToString())} for attempt {window.AttemptId}");
            }

            if (AttributionRules.ForOrder(attributions) is { } own)
            {
                _context.SystemService.Update(new Entity(SalesOrderColumns.Table, order.Id)
                {
                    [SalesOrderColumns.Attribution] = SalesOrderColumns.Attributions.Option(own.Attribution),
                    [SalesOrderColumns.AttributedAttempt] = new EntityReference(AttemptColumns.Table, own.Window.AttemptId),
                });
            }
        }

        /// <summary>One Update per attempt this order changed.</summary>
        public void Write()
        {
            foreach (var update in _attemptUpdates.Values)
            {
                if (update.Attributes.Count > 0) _context.SystemService.Update(update);
            }
        }

        private AttemptWindow Window(Entity row)
        {
            var started = row.GetAttributeValue<DateTime>(AttemptColumns.StartedOn);
            // An attempt written before windows were stored runs the default window.
            var until = row.GetAttributeValue<DateTime?>(AttemptColumns.AttributionUntil) ?? AttributionRules.WindowEnd(started, AttributionRules.DefaultWindowDays, _organisation);
            var heldOut = row.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome)?.Value == AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Holdout);
            var window = new AttemptWindow(row.Id, heldOut, started, until, row.GetAttributeValue<DateTime?>(AttemptColumns.RespondedOn))
            {
                FirstPurchaseOn = row.GetAttributeValue<DateTime?>(AttemptColumns.FirstPurchaseInWindowOn),
                Revenue = row.GetAttributeValue<Money>(AttemptColumns.RevenueInWindow)?.Value ?? 0m,
                AttributedOrderId = row.GetAttributeValue<EntityReference>(AttemptColumns.AttributedOrder)?.Id,
            };
            if (AttemptColumns.Attributions.TryName(row.GetAttributeValue<OptionSetValue>(AttemptColumns.Attribution), out var stored)) window.Attribution = stored;
            return window;
        }

        private static string Stored(AttemptWindow window) =>
            window.Attribution + "|" + window.AttributedOrderId + "|" + window.FirstPurchaseOn?.Ticks + "|" + window.Revenue;

        /// <summary>
        /// The attempts among <paramref name="windows"/> a message of which went out before the purchase (status Sent or
        /// later, send-after not after the purchase) — asked only for those nothing else settles: one query, or none.
        /// </summary>
        private HashSet<Guid> ReachedBefore(List<AttemptWindow> windows, DateTime purchaseUtc, Guid? redeemedAttemptId)
        {
            var found = new HashSet<Guid>();
            var open = new List<object>();
            foreach (var window in windows)
            {
                if (window.HeldOut || window.AttemptId == redeemedAttemptId || (window.RespondedOn.HasValue && window.RespondedOn.Value <= purchaseUtc)) continue;
                open.Add(window.AttemptId);
            }

            if (open.Count == 0) return found;
            var statuses = new object[Reached.Length];
            for (var i = 0; i < Reached.Length; i++) statuses[i] = MessageColumns.Statuses.ValueOf(Reached[i]);
            var query = new QueryExpression(MessageColumns.Table) { ColumnSet = new ColumnSet(MessageColumns.Attempt), TopCount = MaxAttempts * 20 };
            query.Criteria.AddCondition(MessageColumns.Attempt, ConditionOperator.In, open.ToArray());
            query.Criteria.AddCondition(MessageColumns.Status, ConditionOperator.In, statuses);
            query.Criteria.AddCondition(MessageColumns.SendAfter, ConditionOperator.LessEqual, purchaseUtc);
            foreach (var message in _context.SystemService.RetrieveMultiple(query).Entities)
            {
                if (message.GetAttributeValue<EntityReference>(MessageColumns.Attempt) is { } attempt) found.Add(attempt.Id);
            }

            return found;
        }
    }
}
