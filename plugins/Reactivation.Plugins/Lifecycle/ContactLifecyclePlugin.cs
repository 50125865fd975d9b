using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Rulesets;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Lifecycle
{
    /// <summary>
    /// Contact Create / Update, PreOperation, synchronous: decides the lifecycle stage from the Target and
    /// the pre-image ("PreImage") and stamps rx_lifecyclestage, rx_stagechangedon (only when the stage
    /// changes) and rx_nextevaluationon into the Target — same transaction, no organisation-service request.
    /// <para>
    /// Unsecure configuration (<see cref="StepSettings"/>): <c>utcOffsetMinutes=480</c>, the organisation's time zone
    /// (days are counted in it), and <c>rulesetRefreshSeconds</c>.
    /// </para>
    /// The lifecycle ruleset is the organisation's active one (<see cref="ActiveRulesets"/>: one read per refresh
    /// interval, <c>rulesetRefreshSeconds</c>, none in between). So are the offers and the contact policy, read in the same
    /// query: for a contact in a stage that starts outreach, the next evaluation is the first day on which the stage or what
    /// the outreach step would decide changes, and a day with another offer leaves the contact due (rx_outreachdueon) then.
    /// </summary>
    public sealed class ContactLifecyclePlugin : PluginBase
    {
        /// <summary>
        /// The next stage change this step found, shared with the outreach step of the same operation (a DateTime, or null
        /// for none within the horizon), so that step need not scan again.
        /// </summary>
        public const string NextStageChangeVariable = "rx_nextstagechangeon";

        /// <summary>The day this step found the octant changes next (a DateTime, or null), shared with the outreach step likewise.</summary>
        public const string NextOctantChangeVariable = "rx_nextoctantchangeon";

        private readonly FixedOffsetZone _organisation;
        private readonly OutreachSettings _outreach;
        private readonly ActiveRulesets _rulesets;

        public ContactLifecyclePlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            var settings = new StepSettings(unsecureConfiguration, nameof(ContactLifecyclePlugin));
            _organisation = settings.Organisation;
            _outreach = settings.Outreach;
            // The offers and the contact policy come in the same read as the lifecycle (one query for every kind).
            _rulesets = new ActiveRulesets(settings.RulesetRefreshInterval, RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers);
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            CustomerRecord customer;
            try
            {
                customer = ContactRow.Read(ContactRow.Merge(target, context.PreImage(StepImages.Pre)), utcNow, _organisation);
            }
            catch (LedgerFormatException ex)
            {
                // The save writes a broken ledger: refuse it, saying which column and what is wrong. A broken ledger
                // already stored (an old import) must not block a rep's unrelated edit: the stage stays as it is
                // until an order rewrites the ledger.
                if (target.Contains(ex.Column))
                {
                    throw new InvalidPluginExecutionException("Contact " + target.Id.ToString("D") + ": " + ex.Message + " The product writes this column (formats in the solution README); leave it out of imports and edits.");
                }

                context.Trace.Write($"Lifecycle kept: the stored {TraceValue.Name(ex.Column)} is not readable; the next order rewrites it");
                return;
            }

            var request = DecisionRequest.ForLifecycle(customer, _rulesets.Get(context, RulesetKind.Lifecycle).Ruleset)
                .WithOutreachScan(_rulesets.Get(context, RulesetKind.ContactPolicy).Ruleset, _rulesets.Get(context, RulesetKind.Offers).Ruleset, _outreach);
            // No outreach step runs on a Create (it acts on changes of a stored contact): a contact created already dormant
            // is left due (rx_outreachdueon), and the next daily evaluation brings it to the outreach step.
            var created = context.IsMessage("Create");
            if (created) request.WithoutOutreachStep(_outreach);
            var decision = ContactDecisions.Decide(request);
            ContactRow.StampLifecycle(target, decision, utcNow);

            // A contact created after import is kept by the plugins from its first save: the initialisation never reads it.
            if (created && !target.Contains(ContactColumns.InitialisedOn)) target[ContactColumns.InitialisedOn] = utcNow;
            context.Execution.SharedVariables[NextStageChangeVariable] = decision.NextStageChangeOn;
            context.Execution.SharedVariables[NextOctantChangeVariable] = decision.OctantChangesOn;

            var lifecycle = decision.Lifecycle!;
            context.Trace.Write($"Lifecycle {TraceValue.Name(decision.CurrentStage?.ToString() ?? "(none)")} -> {TraceValue.Name(lifecycle.Stage?.ToString() ?? "(kept)")} by rule {TraceValue.Name(lifecycle.RuleName ?? "(none)")}, next change in {decision.NextChange?.DaysAhead ?? -1} days");
        }
    }
}
