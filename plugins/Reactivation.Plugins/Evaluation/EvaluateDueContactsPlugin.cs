using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Campaigns;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Rulesets;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Evaluation
{
    /// <summary>
    /// Custom API rx_EvaluateDueContacts (global action, main operation at stage 30): evaluates one page of
    /// contacts whose rx_nextevaluationon has come and writes one Update per contact whose stage or next
    /// evaluation date changed, or that has something to signal. A stage change fires the outreach PostOperation step
    /// like any update (depth 2); so does rx_followupdueon, set when the contact's open attempt has passed its deadline
    /// (the next evaluation date is that deadline when it comes before the next stage change), which starts the
    /// attempt's follow-up; and so does rx_outreachsignalledon, set when the contact's outreach due (rx_outreachdueon,
    /// e.g. a contact created already dormant, or the day on which the offers decide another offer for a dormant contact) has
    /// come, which starts its outreach. One signal per contact per call,
    /// the deadline first (Core's <see cref="DecisionRequest.ForDailyEvaluation"/>).
    /// <para>
    /// Before its due pages, a run brings in the customers of every campaign that has started (<see cref="CampaignIntake"/>):
    /// one page of them per call (MoreRecords true, the cookie unchanged), each left due at the run's cut-off, so the due
    /// pages that follow bring them to the outreach step in the same run.
    /// </para>
    /// <para>
    /// Paging is keyset, not offset: the query is ordered by (rx_nextevaluationon, contactid) and the cookie
    /// carries the cut-off instant of the first call plus the key of the last row read. Every evaluated row
    /// leaves the due set (its new date is a future midnight, or null), so an offset would skip rows; a key
    /// skips nothing and repeats nothing, also for a row whose decision failed and stays due. The cut-off
    /// is fixed by the first call of a loop, so a loop touches exactly the rows due when it began.
    /// </para>
    /// Request: PageSize (Integer, 1–5000, default 250), PagingCookie (String, from the previous response),
    /// UtcOffsetMinutes (Integer, the organisation's offset from UTC, as in the steps' configuration; default 0
    /// — a Custom API has no step configuration); the join rules' OverflowTeamId, HouseholdRetryDays, SocialProofMinFriends
    /// and SocialProofWindowDays (<see cref="PageJoins"/>). Response: Evaluated, StageChanges, MoreRecords, PagingCookie.
    /// Requests: one RetrieveMultiple, plus the page's join reads (at most one query per kind, only when the page needs it:
    /// <see cref="PageJoins"/>), plus one Update per changed contact, plus the read of the active rulesets (lifecycle,
    /// contact policy, offers: one query) and of the campaigns once their refresh interval (60 s) has passed; a campaign's
    /// intake page costs one Retrieve of the campaign, one RetrieveMultiple of its contacts, one Update per contact
    /// brought in and one of the campaign. Reads and writes as SYSTEM: the
    /// daily job must see every contact, whoever schedules it.
    /// </summary>
    public sealed class EvaluateDueContactsPlugin : PluginBase
    {
        public const string PageSizeParameter = ApiInputs.PageSizeParameter;
        public const string PagingCookieParameter = "PagingCookie";
        public const string UtcOffsetParameter = ApiInputs.UtcOffsetParameter;
        public const string EvaluatedProperty = "Evaluated";
        public const string StageChangesProperty = "StageChanges";
        public const string MoreRecordsProperty = "MoreRecords";
        public const string PagingCookieProperty = "PagingCookie";
        public const int DefaultPageSize = 250;
        public const int MaxPageSize = 5000;

        private readonly ActiveRulesets _rulesets;
        private readonly ActiveCampaigns _campaigns;
        private readonly OutreachSettings _outreach;

        public EvaluateDueContactsPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            // A Custom API has no step configuration: the default stages start outreach, as in the outreach step's default.
            var settings = new StepSettings(unsecureConfiguration, nameof(EvaluateDueContactsPlugin));
            _rulesets = new ActiveRulesets(settings.RulesetRefreshInterval, RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers);
            _outreach = settings.Outreach;
            _campaigns = new ActiveCampaigns(settings.RulesetRefreshInterval);
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var pageSize = ApiInputs.PageSize(context, "rx_EvaluateDueContacts", DefaultPageSize, MaxPageSize);
            var zone = ApiInputs.Zone(context, "rx_EvaluateDueContacts");
            var cookie = DueCookie.Parse(context.GetInputParameter<string>(PagingCookieParameter), utcNow);
            var lifecycle = _rulesets.Get(context, RulesetKind.Lifecycle).Ruleset;
            var policy = _rulesets.Get(context, RulesetKind.ContactPolicy).Ruleset;
            var offers = _rulesets.Get(context, RulesetKind.Offers).Ruleset;
            Ruleset Ruleset(RulesetKind kind) => kind == RulesetKind.Lifecycle ? lifecycle : kind == RulesetKind.ContactPolicy ? policy : offers;

            // A campaign's customers first, while the run has not started its due pages: they become due in this run.
            if (cookie.LastId is null && CampaignIntake.BringInPage(context, _campaigns, new EvaluationRulesets(lifecycle, policy, offers, _outreach), zone, cookie.CutOff, utcNow, pageSize) is { } intake)
            {
                context.SetOutputParameter(EvaluatedProperty, intake.Read);
                context.SetOutputParameter(StageChangesProperty, intake.StageChanges);
                context.SetOutputParameter(MoreRecordsProperty, true);
                context.SetOutputParameter(PagingCookieProperty, cookie.Format());
                context.Trace.Write($"Campaign {intake.Campaign.Id} {TraceValue.Name(intake.Campaign.Name)}: read {intake.Read} customers in its stages, left {intake.BroughtIn} due for the outreach step, stage changes {intake.StageChanges}, all brought in {intake.Done}");
                return;
            }

            var campaigns = _campaigns.Get(context, zone);
            var page = context.SystemService.RetrieveMultiple(Query(cookie, pageSize));
            // The rules across customers see the page's planned touches together before anything is written (PageJoins).
            var joins = PageJoins.For(context, "rx_EvaluateDueContacts", zone, utcNow, page.Entities);
            if (PageJoins.ReadFriendsFirst(lifecycle, policy, offers)) joins.ReadFriends();
            var updates = new List<KeyValuePair<Entity, Entity>>();

            var evaluated = 0;
            var stageChanges = 0;
            var followUps = 0;
            var outreachDue = 0;
            var skipped = 0;
            var last = cookie;
            foreach (var contact in page.Entities)
            {
                last = cookie.After(contact.GetAttributeValue<DateTime?>(ContactColumns.NextEvaluationOn) ?? cookie.CutOff, contact.Id);
                ContactDecision decision;
                try
                {
                    var customer = ContactRow.Read(contact, utcNow, zone);
                    // The scan ahead sees the campaigns planned: a campaign's first day can change the policy's verdict.
                    customer.Facts.Campaigns = campaigns;
                    joins.SetFacts(customer);
                    decision = ContactDecisions.Decide(DecisionRequest.ForDailyEvaluation(customer, lifecycle).WithOutreachScan(policy, offers, _outreach));
                }
                catch (Exception ex) when (!(ex is InvalidPluginExecutionException) && !ex.GetType().Name.StartsWith("FaultException", StringComparison.Ordinal))
                {
                    // One unreadable row must not stop the daily run for everyone else; the key moves past it.
                    skipped++;
                    context.Trace.Write($"Contact {contact.Id} skipped: {TraceValue.Failure(ex)}");
                    continue;
                }

                evaluated++;
                if (!decision.ChangesRow) continue;

                // The signals (rx_followupdueon, rx_outreachsignalledon) run the outreach step, which follows the attempt up
                // or closes it, or tries the contact whose outreach due has come.
                var update = new Entity(ContactColumns.Table, contact.Id);
                ContactRow.StampLifecycle(update, decision, utcNow);
                if (decision.NewStage is not null) stageChanges++;
                if (decision.SignalsDeadline) followUps++;
                if (decision.SignalsOutreachDue) outreachDue++;
                joins.Plan(contact, update, decision);
                updates.Add(new KeyValuePair<Entity, Entity>(contact, update));
            }

            joins.Apply(Ruleset, _outreach, campaigns);
            foreach (var pair in updates)
            {
                var contact = pair.Key;
                var update = pair.Value;
                // Only if the contact is still the version read: an order saved meanwhile has stamped a newer stage,
                // which this stale verdict must not overwrite. The call then fails with the platform's concurrency
                // message, the page rolls back, and the next call with the same cookie reads the row afresh.
                if (contact.RowVersion is null)
                {
                    context.SystemService.Update(update);
                }
                else
                {
                    update.RowVersion = contact.RowVersion;
                    context.SystemService.Execute(new UpdateRequest { Target = update, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
                }
            }

            context.SetOutputParameter(EvaluatedProperty, evaluated);
            context.SetOutputParameter(StageChangesProperty, stageChanges);
            context.SetOutputParameter(MoreRecordsProperty, page.MoreRecords);
            context.SetOutputParameter(PagingCookieProperty, last.Format());
            context.Trace.Write($"Due contacts up to {TraceValue.Timestamp(cookie.CutOff)}: read {page.Entities.Count}, evaluated {evaluated}, stage changes {stageChanges}, attempt deadlines {followUps}, outreach due {outreachDue}, skipped {skipped}, more {page.MoreRecords}");
        }

        internal static QueryExpression Query(DueCookie cookie, int pageSize)
        {
            var query = new QueryExpression(ContactColumns.Table)
            {
                ColumnSet = new ColumnSet(ContactRow.FactColumns),
                PageInfo = new PagingInfo { Count = pageSize, PageNumber = 1 },
            };
            query.Criteria.AddCondition(ContactColumns.NextEvaluationOn, ConditionOperator.LessEqual, cookie.CutOff);
            if (cookie.LastId is { } lastId)
            {
                var lastNext = cookie.LastNextEvaluationOn!.Value;
                var after = query.Criteria.AddFilter(LogicalOperator.Or);
                after.AddCondition(ContactColumns.NextEvaluationOn, ConditionOperator.GreaterThan, lastNext);
                var sameDate = after.AddFilter(LogicalOperator.And);
                sameDate.AddCondition(ContactColumns.NextEvaluationOn, ConditionOperator.Equal, lastNext);
                sameDate.AddCondition(ContactColumns.Id, ConditionOperator.GreaterThan, lastId);
            }

            PageJoins.JoinOwnerCapacity(query);
            query.AddOrder(ContactColumns.NextEvaluationOn, OrderType.Ascending);
            query.AddOrder(ContactColumns.Id, OrderType.Ascending);
            return query;
        }
    }
}
