using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Ledgers;
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
    /// interval, <c>rulesetRefreshSeconds</c>, none in between).
    /// </summary>
    public sealed class ContactLifecyclePlugin : PluginBase
    {
        public const string PreImageAlias = "PreImage";

        private readonly TimeZoneInfo _organisationZone;
        private readonly ActiveRulesets _rulesets;

        public ContactLifecyclePlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            var settings = new StepSettings(unsecureConfiguration, nameof(ContactLifecyclePlugin));
            _organisationZone = settings.Organisation.Zone;
            _rulesets = new ActiveRulesets(settings.RulesetRefreshInterval, RulesetKind.Lifecycle);
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            var contact = ContactFactsMapper.Merge(target, context.PreImage(PreImageAlias));
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            LifecycleVerdict verdict;
            try
            {
                verdict = LifecycleVerdict.Decide(contact, _rulesets.Get(context, RulesetKind.Lifecycle).Ruleset, utcNow, _organisationZone);
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

            verdict.StampInto(target, utcNow);
            var decision = verdict.Decision;
            var current = verdict.CurrentStage;
            var stage = decision.Lifecycle.Stage;

            context.Trace.Write($"Lifecycle {TraceValue.Name(current ?? "(none)")} -> {TraceValue.Name(stage?.ToString() ?? "(kept)")} by rule {TraceValue.Name(decision.Lifecycle.RuleName ?? "(none)")}, next change in {decision.NextChange?.DaysAhead ?? -1} days");
        }
    }
}
