using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Campaigns
{
    /// <summary>The rulesets and outreach settings the daily evaluation decides with.</summary>
    internal sealed class EvaluationRulesets
    {
        public EvaluationRulesets(Ruleset lifecycle, Ruleset contactPolicy, Ruleset offers, OutreachSettings outreach)
        {
            Lifecycle = lifecycle;
            ContactPolicy = contactPolicy;
            Offers = offers;
            Outreach = outreach;
        }

        public Ruleset Lifecycle { get; }

        public Ruleset ContactPolicy { get; }

        public Ruleset Offers { get; }

        public OutreachSettings Outreach { get; }
    }

    /// <summary>What one page of a campaign's intake did.</summary>
    internal sealed class IntakePage
    {
        public IntakePage(Campaign campaign, int read, int broughtIn, int stageChanges, bool done)
        {
            Campaign = campaign;
            Read = read;
            BroughtIn = broughtIn;
            StageChanges = stageChanges;
            Done = done;
        }

        public Campaign Campaign { get; }

        public int Read { get; }

        /// <summary>Contacts left due for the outreach step (no attempt of their stage stint yet).</summary>
        public int BroughtIn { get; }

        public int StageChanges { get; }

        /// <summary>The campaign's last page: every customer in its stages has been brought in.</summary>
        public bool Done { get; }
    }

    /// <summary>
    /// A campaign's intake, run by rx_EvaluateDueContacts before its due pages: once a campaign has started, every contact
    /// in its stages that carries no attempt of its current stage stint is left due for the outreach step (its
    /// rx_outreachdueon and rx_nextevaluationon set to the run's cut-off), so the same run's due pages bring it to the
    /// outreach step — a Lost customer held back "only in campaigns" is contacted on the campaign's first day, whether
    /// the campaign was planned before or after they turned Lost. One page of contacts per call, keyset by contactid;
    /// the campaign row records how far it got (rx_broughtinthrough) and when it was done (rx_broughtinon), so a run that
    /// stops resumes and a second run brings nobody in twice. A contact with an attempt of its stint (open, or made
    /// earlier) is left as it is: the outreach step would plan nothing new for it.
    /// </summary>
    internal static class CampaignIntake
    {
        /// <summary>
        /// One page of the first started campaign whose customers are not all brought in; null when there is none (the
        /// due pages follow).
        /// </summary>
        /// <param name="rulesets">The daily evaluation's rulesets and outreach settings: a contact's next evaluation is decided as in its due pages.</param>
        /// <param name="cutOff">The run's cut-off: the due the contacts get, and the instant their facts are read at.</param>
        public static IntakePage? BringInPage(PluginContext context, ActiveCampaigns campaigns, EvaluationRulesets rulesets, FixedOffsetZone zone, DateTime cutOff, DateTime utcNow, int pageSize)
        {
            var today = zone.LocalDate(utcNow);
            foreach (var campaign in campaigns.NotBroughtIn(context, zone))
            {
                if (campaign.FirstDay > today || campaign.LastDay < today) continue;

                // The cached list may be a refresh behind: the row says whether another run finished it meanwhile.
                var row = context.SystemService.Retrieve(CampaignColumns.Table, campaign.Id, new ColumnSet(CampaignColumns.BroughtInOn, CampaignColumns.BroughtInThrough, CampaignColumns.State));
                if (row.GetAttributeValue<DateTime?>(CampaignColumns.BroughtInOn) is not null || row.GetAttributeValue<OptionSetValue>(CampaignColumns.State)?.Value is { } state && state != CampaignColumns.Active)
                {
                    campaigns.BroughtIn(campaign.Id);
                    continue;
                }

                return Page(context, campaign, row, rulesets, zone, cutOff, utcNow, pageSize, campaigns);
            }

            return null;
        }

        private static IntakePage Page(PluginContext context, Campaign campaign, Entity row, EvaluationRulesets rulesets, FixedOffsetZone zone, DateTime cutOff, DateTime utcNow, int pageSize, ActiveCampaigns campaigns)
        {
            Guid? through = Guid.TryParse(row.GetAttributeValue<string>(CampaignColumns.BroughtInThrough), out var last) ? last : (Guid?)null;
            var page = context.SystemService.RetrieveMultiple(Query(campaign, through, pageSize));
            var settings = new OutreachSettings(campaign.Stages, new Dictionary<string, Guid>());
            var inForce = campaigns.Get(context, zone);
            var broughtIn = 0;
            var stageChanges = 0;
            foreach (var contact in page.Entities)
            {
                through = contact.Id;
                ContactDecision decision;
                try
                {
                    var customer = ContactRow.Read(contact, cutOff, zone);
                    customer.Facts.Campaigns = inForce;
                    decision = ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, rulesets.Lifecycle).WithoutOutreachStep(settings)
                        .WithOutreachScan(rulesets.ContactPolicy, rulesets.Offers, rulesets.Outreach));
                }
                catch (Exception ex) when (!(ex is InvalidPluginExecutionException) && !ex.GetType().Name.StartsWith("FaultException", StringComparison.Ordinal))
                {
                    // As in the due pages: one unreadable row does not stop the campaign for everyone else.
                    context.Trace.Write($"Contact {contact.Id} not brought into campaign {campaign.Id}: {TraceValue.Failure(ex)}");
                    continue;
                }

                if (!decision.ChangesRow) continue;
                var update = new Entity(ContactColumns.Table, contact.Id);
                ContactRow.StampLifecycle(update, decision, utcNow);
                if (decision.NewStage is not null) stageChanges++;
                if (decision.OutreachDueChanged && decision.OutreachDue.Pending.HasValue) broughtIn++;
                if (contact.RowVersion is null)
                {
                    context.SystemService.Update(update);
                }
                else
                {
                    // As in the due pages: a contact saved meanwhile fails the call, which the next call repeats.
                    update.RowVersion = contact.RowVersion;
                    context.SystemService.Execute(new UpdateRequest { Target = update, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
                }
            }

            var progress = new Entity(CampaignColumns.Table, campaign.Id);
            if (through is { } id) progress[CampaignColumns.BroughtInThrough] = id.ToString("D");
            if (!page.MoreRecords)
            {
                progress[CampaignColumns.BroughtInOn] = utcNow;
                campaigns.BroughtIn(campaign.Id);
            }

            context.SystemService.Update(progress);
            return new IntakePage(campaign, page.Entities.Count, broughtIn, stageChanges, !page.MoreRecords);
        }

        private static QueryExpression Query(Campaign campaign, Guid? through, int pageSize)
        {
            var query = new QueryExpression(ContactColumns.Table)
            {
                ColumnSet = new ColumnSet(ContactRow.FactColumns),
                PageInfo = new PagingInfo { Count = pageSize, PageNumber = 1 },
            };
            var stages = new object[campaign.Stages.Count];
            for (var i = 0; i < stages.Length; i++) stages[i] = ContactColumns.Stages.ValueOf(campaign.Stages[i]);
            query.Criteria.AddCondition(ContactColumns.LifecycleStage, ConditionOperator.In, stages);
            if (through is { } last) query.Criteria.AddCondition(ContactColumns.Id, ConditionOperator.GreaterThan, last);
            query.AddOrder(ContactColumns.Id, OrderType.Ascending);
            return query;
        }
    }
}
