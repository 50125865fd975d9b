using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Decisions;
using Reactivation.Core.Initialisation;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Evaluation;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Orders;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Rulesets;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Initialisation
{
    /// <summary>
    /// Custom API rx_InitialiseContacts (global action, main operation at stage 30): go-live on an organisation that already
    /// has customers. One page of the contacts the product does not keep yet (no rx_initialisedon: they existed before the
    /// solution was imported) gets its history: its orders merged into the P1 purchase ledger by reference (Core's
    /// <see cref="ContactHistory"/>, so an order the order step counted after import is not counted twice), the roll-ups,
    /// the stage and next evaluation decided as the lifecycle step decides, rx_initialisedon stamped — one Update per
    /// contact. A dormant contact is left due (rx_outreachdueon), so its outreach comes with the next daily evaluation,
    /// as for any customer going dormant overnight, not all at once inside this call (the outreach step skips an update
    /// that stamps rx_initialisedon). A contact created after import is stamped by the lifecycle step and never read here.
    /// <para>
    /// Requests per call: one RetrieveMultiple of the organization (its base currency), one of the page's contacts (keyset
    /// on contactid: initialised rows leave the set, a skipped one stays and is passed by the key), one per 5,000 of their
    /// orders (customerid in the page), one Update per initialised contact; on the first call of a run one more query
    /// lists orders without a customer. A row with a problem (no owner, an unreadable ledger, an order in another currency,
    /// an order without a customer) is reported and skipped, never half-written. A failed call rolls back its page (one
    /// transaction); the next call with the same cookie redoes it. A second run finds no contact to write.
    /// </para>
    /// Request: PageSize (1–1000, default 250), PagingCookie, UtcOffsetMinutes (as for rx_EvaluateDueContacts). Response:
    /// Initialised, Skipped, OrdersRecorded, OutreachDue, Report (one line per problem), MoreRecords, PagingCookie.
    /// </summary>
    public sealed class InitialiseContactsPlugin : PluginBase
    {
        public const string ApiName = "rx_InitialiseContacts";
        public const string PageSizeParameter = ApiInputs.PageSizeParameter;
        public const string PagingCookieParameter = "PagingCookie";
        public const string UtcOffsetParameter = ApiInputs.UtcOffsetParameter;
        public const string InitialisedProperty = "Initialised";
        public const string SkippedProperty = "Skipped";
        public const string OrdersRecordedProperty = "OrdersRecorded";
        public const string OutreachDueProperty = "OutreachDue";
        public const string ReportProperty = "Report";
        public const string MoreRecordsProperty = "MoreRecords";
        public const string PagingCookieProperty = "PagingCookie";
        public const int DefaultPageSize = 250;

        /// <summary>Keeps a call (one Update per contact, each running the contact steps) well inside the platform's 2 minutes.</summary>
        public const int MaxPageSize = 1000;

        /// <summary>Report lines per call; more are counted, not listed.</summary>
        public const int MaxReportLines = 100;

        private const int OrderPageSize = 5000;

        private static readonly string[] ContactColumnsRead = Concat(ContactRow.FactColumns, PurchaseRollUps.Columns, new[] { ContactColumns.Owner });

        private static readonly string[] OrderColumns =
        {
            SalesOrderColumns.Customer, SalesOrderColumns.State, SalesOrderColumns.TotalAmount, SalesOrderColumns.DateFulfilled,
            SalesOrderColumns.PaidOn, SalesOrderColumns.Currency, SalesOrderColumns.ModifiedOn,
        };

        private readonly ActiveRulesets _rulesets;
        private readonly OutreachSettings _outreach;

        public InitialiseContactsPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            // A Custom API has no step configuration: the default stages start outreach, as in the outreach step's default.
            var settings = new StepSettings(unsecureConfiguration, nameof(InitialiseContactsPlugin));
            _rulesets = new ActiveRulesets(settings.RulesetRefreshInterval, RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers);
            _outreach = settings.Outreach;
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var pageSize = ApiInputs.PageSize(context, ApiName, DefaultPageSize, MaxPageSize);
            var zone = ApiInputs.Zone(context, ApiName);
            var cookie = InitialisationCookie.Parse(context.GetInputParameter<string>(PagingCookieParameter));
            var lifecycle = _rulesets.Get(context, RulesetKind.Lifecycle).Ruleset;
            var policy = _rulesets.Get(context, RulesetKind.ContactPolicy).Ruleset;
            var offers = _rulesets.Get(context, RulesetKind.Offers).Ruleset;
            var problems = new List<InitialisationProblem>();
            var report = new List<string>();

            var baseCurrency = BaseCurrency(context);
            if (baseCurrency is null) problems.Add(InitialisationProblem.BaseCurrencyUnknown(context.Execution.OrganizationId));
            if (cookie.StartsRun) OrdersWithoutCustomer(context, problems, report);

            var page = context.SystemService.RetrieveMultiple(ContactQuery(cookie, pageSize));
            var orders = OrdersOf(context, page.Entities);

            var initialised = 0;
            var skipped = 0;
            var recorded = 0;
            var outreachDue = 0;
            var last = cookie;
            foreach (var contact in page.Entities)
            {
                last = InitialisationCookie.After(contact.Id);
                var history = ContactHistory.Merge(
                    contact.Id,
                    contact.GetAttributeValue<EntityReference>(ContactColumns.Owner) is not null,
                    contact.GetAttributeValue<string>(ContactColumns.PurchaseLedger),
                    ContactColumns.PurchaseLedger,
                    orders.TryGetValue(contact.Id, out var own) ? own : new List<HistoricalOrder>(),
                    baseCurrency,
                    utcNow,
                    zone.Zone);
                if (history.Skipped)
                {
                    skipped++;
                    problems.AddRange(history.Problems);
                    continue;
                }

                var update = new Entity(ContactColumns.Table, contact.Id);
                PurchaseRollUps.Write(update, contact, history.Ledger!);
                ContactDecision decision;
                try
                {
                    var customer = ContactRow.Read(ContactRow.Merge(update, contact), utcNow, zone);
                    decision = ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, lifecycle).WithoutOutreachStep(_outreach).WithOutreachScan(policy, offers, _outreach));
                }
                catch (LedgerFormatException ex)
                {
                    // The purchase ledger was read above; this is the touch ledger.
                    skipped++;
                    problems.Add(InitialisationProblem.UnreadableLedger(contact.Id, ex.Column));
                    continue;
                }

                ContactRow.StampLifecycle(update, decision, utcNow);
                update[ContactColumns.InitialisedOn] = utcNow;

                // Only if the contact is still the version read: an order saved meanwhile would otherwise be dropped from the
                // ledger. The call then fails with the platform's concurrency message, the page rolls back, and the next call
                // with the same cookie reads the rows afresh.
                if (contact.RowVersion is null)
                {
                    context.SystemService.Update(update);
                }
                else
                {
                    update.RowVersion = contact.RowVersion;
                    context.SystemService.Execute(new UpdateRequest { Target = update, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
                }

                initialised++;
                recorded += history.OrdersRecorded;
                if (decision.OutreachDue.Pending.HasValue) outreachDue++;
            }

            foreach (var problem in problems) report.Add(problem.ToString());
            context.SetOutputParameter(InitialisedProperty, initialised);
            context.SetOutputParameter(SkippedProperty, skipped);
            context.SetOutputParameter(OrdersRecordedProperty, recorded);
            context.SetOutputParameter(OutreachDueProperty, outreachDue);
            context.SetOutputParameter(ReportProperty, Report(report));
            context.SetOutputParameter(MoreRecordsProperty, page.MoreRecords);
            context.SetOutputParameter(PagingCookieProperty, last.Format());
            context.Trace.Write($"Initialisation: read {page.Entities.Count} contacts, initialised {initialised}, skipped {skipped}, orders recorded {recorded}, outreach due {outreachDue}, problems {report.Count}, more {page.MoreRecords}");
        }

        internal static QueryExpression ContactQuery(InitialisationCookie cookie, int pageSize)
        {
            var query = new QueryExpression(ContactColumns.Table)
            {
                ColumnSet = new ColumnSet(ContactColumnsRead),
                PageInfo = new PagingInfo { Count = pageSize, PageNumber = 1 },
            };
            query.Criteria.AddCondition(ContactColumns.InitialisedOn, ConditionOperator.Null);
            if (cookie.LastId is { } lastId) query.Criteria.AddCondition(ContactColumns.Id, ConditionOperator.GreaterThan, lastId);
            query.AddOrder(ContactColumns.Id, OrderType.Ascending);
            return query;
        }

        /// <summary>The page's orders by contact: one query per 5,000 orders whose customer is one of the page's contacts.</summary>
        private static Dictionary<Guid, List<HistoricalOrder>> OrdersOf(PluginContext context, DataCollection<Entity> contacts)
        {
            var byContact = new Dictionary<Guid, List<HistoricalOrder>>();
            if (contacts.Count == 0) return byContact;
            var ids = new object[contacts.Count];
            for (var i = 0; i < contacts.Count; i++) ids[i] = contacts[i].Id;
            var query = new QueryExpression(SalesOrderColumns.Table)
            {
                ColumnSet = new ColumnSet(OrderColumns),
                PageInfo = new PagingInfo { Count = OrderPageSize, PageNumber = 1 },
            };
            query.Criteria.AddCondition(SalesOrderColumns.Customer, ConditionOperator.In, ids);
            query.AddOrder(SalesOrderColumns.Id, OrderType.Ascending);
            while (true)
            {
                var page = context.SystemService.RetrieveMultiple(query);
                foreach (var order in page.Entities)
                {
                    var purchase = OrderRow.Purchase(order);
                    if (purchase.ContactId is not { } contact) continue;
                    if (!byContact.TryGetValue(contact, out var list)) byContact[contact] = list = new List<HistoricalOrder>();
                    list.Add(new HistoricalOrder(order.Id, purchase, order.GetAttributeValue<EntityReference>(SalesOrderColumns.Currency)?.Id, order.GetAttributeValue<DateTime?>(SalesOrderColumns.ModifiedOn)));
                }

                if (!page.MoreRecords) return byContact;
                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }

        /// <summary>The organisation's base currency (organization.basecurrencyid); null when it cannot be read.</summary>
        private static Guid? BaseCurrency(PluginContext context)
        {
            // A query, not a Retrieve by id: a Retrieve that finds nothing faults, and a fault dooms the call's transaction.
            var query = new QueryExpression(OrganizationColumns.Table) { ColumnSet = new ColumnSet(OrganizationColumns.BaseCurrency), TopCount = 1 };
            var rows = context.SystemService.RetrieveMultiple(query).Entities;
            return rows.Count == 0 ? null : rows[0].GetAttributeValue<EntityReference>(OrganizationColumns.BaseCurrency)?.Id;
        }

        /// <summary>Orders without a customer belong to no contact's history: listed once per run, on its first call.</summary>
        private static void OrdersWithoutCustomer(PluginContext context, List<InitialisationProblem> problems, List<string> report)
        {
            var query = new QueryExpression(SalesOrderColumns.Table) { ColumnSet = new ColumnSet(SalesOrderColumns.Id), TopCount = MaxReportLines + 1 };
            query.Criteria.AddCondition(SalesOrderColumns.Customer, ConditionOperator.Null);
            query.AddOrder(SalesOrderColumns.Id, OrderType.Ascending);
            var found = context.SystemService.RetrieveMultiple(query).Entities;
            for (var i = 0; i < found.Count && i < MaxReportLines; i++) problems.Add(InitialisationProblem.NoCustomer(found[i].Id));
            if (found.Count > MaxReportLines)
            {
                report.Add("salesorder: more than " + MaxReportLines + " orders have no customer; find them with an Advanced Find on Orders whose Customer does not contain data.");
            }
        }

        private static string Report(List<string> lines)
        {
            var text = new StringBuilder();
            for (var i = 0; i < lines.Count && i < MaxReportLines; i++) text.Append(lines[i]).Append('\n');
            if (lines.Count > MaxReportLines) text.Append("... and ").Append(lines.Count - MaxReportLines).Append(" more problems in this call.\n");
            return text.ToString();
        }

        private static string[] Concat(params string[][] lists)
        {
            var all = new List<string>();
            foreach (var list in lists)
            {
                foreach (var column in list)
                {
                    if (!all.Contains(column)) all.Add(column);
                }
            }

            return all.ToArray();
        }
    }
}
