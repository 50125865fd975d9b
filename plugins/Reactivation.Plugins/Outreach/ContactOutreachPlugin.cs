using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Rulesets;

namespace Reactivation.Plugins.Outreach
{
    /// <summary>
    /// Contact Update, PostOperation, synchronous: when a dormant contact's stage changes, or its dormancy
    /// reason, satisfaction or a consent flag really changes, applies the contact policy, chooses the offer
    /// and writes the reactivation attempt, the rep's phone call / task, the outbound message and the
    /// incentive — one idempotent Upsert per row (deterministic keys), plus one Update of the contact's
    /// touch ledger. Facts come from the post-image ("PostImage"), the change from the pre-image
    /// ("PreImage"), the rulesets from <see cref="ActiveRulesets"/>: no reads but one per refresh interval.
    /// <para>
    /// Loop-free: the contact Update it makes sets rx_touchledger only, which no step filters on; the rows it
    /// upserts have no steps. Configuration: see <see cref="OutreachConfiguration"/>.
    /// </para>
    /// </summary>
    public sealed class ContactOutreachPlugin : PluginBase
    {
        public const string PreImageAlias = "PreImage";
        public const string PostImageAlias = "PostImage";

        /// <summary>Columns whose real change (Target value differs from the pre-image) restarts the decision.</summary>
        private static readonly string[] TriggerColumns =
        {
            ContactColumns.DormancyReason, ContactColumns.Satisfaction,
            ContactColumns.DoNotPhone, ContactColumns.DoNotEmail, ContactColumns.DoNotBulkEmail, ContactColumns.DoNotSendMarketingMaterial,
            ContactColumns.DoNotSms, ContactColumns.DoNotWeChat, ContactColumns.DoNotWeCom, ContactColumns.DoNotPush,
        };

        private readonly OutreachConfiguration _configuration;
        private readonly ActiveRulesets _rulesets;

        public ContactOutreachPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            _configuration = new OutreachConfiguration(unsecureConfiguration);
            _rulesets = new ActiveRulesets(unsecureConfiguration, nameof(ContactOutreachPlugin), RulesetKind.ContactPolicy, RulesetKind.Offers);
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            var pre = context.GetPreImage(PreImageAlias);
            var post = context.GetPostImage(PostImageAlias);

            var stage = ContactFactsMapper.StageName(post.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage));
            if (stage is null || !Enum.TryParse(stage, out Core.Decisions.LifecycleStage parsed) || !_configuration.StartsOutreach(parsed))
            {
                context.Trace.Write($"No outreach: stage {TraceValue.Name(stage ?? "(none)")} does not start one");
                return;
            }

            var stageChanged = !Equals(pre.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage), post.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage));
            string? changed = null;
            foreach (var column in TriggerColumns)
            {
                if (target.Contains(column) && !SameValue(pre, post, column))
                {
                    changed = column;
                    break;
                }
            }

            if (!stageChanged && changed is null)
            {
                context.Trace.Write($"No outreach: neither the stage nor a reason, satisfaction or consent column changed");
                return;
            }

            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var policy = _rulesets.Get(context, RulesetKind.ContactPolicy).Ruleset;
            var offers = _rulesets.Get(context, RulesetKind.Offers).Ruleset;
            var contact = new Entity(post.LogicalName, context.Execution.PrimaryEntityId);
            foreach (var attribute in post.Attributes) contact[attribute.Key] = attribute.Value;

            var plan = OutreachPlanner.Plan(contact, utcNow, _configuration, policy, offers, out var alreadyMade);
            context.Trace.Write($"Outreach for {TraceValue.Reference(new EntityReference("contact", contact.Id))}: stage {TraceValue.Name(stage)}, trigger {TraceValue.Name(stageChanged ? "stage change" : changed)}");
            if (plan is null)
            {
                context.Trace.Write($"No outreach: {TraceValue.Name(alreadyMade ? "the attempt's touches are already in the touch ledger (made by an earlier execution)" : "no offer rule matched")}");
                return;
            }

            foreach (var line in plan.Trace) context.Trace.Write($"{TraceValue.Name(line.Length > 128 ? line.Substring(0, 128) : line)}");

            var service = context.SystemService;
            var attempt = ((UpsertResponse)service.Execute(new UpsertRequest { Target = plan.Attempt })).Target;
            foreach (var record in plan.Records)
            {
                if (record.LogicalName == OutreachPlanner.MessageTable || record.LogicalName == OutreachPlanner.IncentiveTable)
                {
                    record["rx_attemptid"] = new EntityReference(OutreachPlanner.AttemptTable, attempt.Id);
                }

                service.Execute(new UpsertRequest { Target = record });
            }

            if (plan.TouchLedger is not null)
            {
                // Only rx_touchledger: no step filters on it, so this write re-fires nothing (depth stays 2).
                service.Update(new Entity("contact", contact.Id) { [ContactColumns.TouchLedger] = plan.TouchLedger });
            }

            context.Trace.Write($"Outreach wrote the attempt {TraceValue.Reference(attempt)}, {plan.Records.Count} rows, touch ledger {plan.TouchLedger is not null}, suppressed {plan.Suppressed}");
        }

        private static bool SameValue(Entity pre, Entity post, string column)
        {
            pre.Attributes.TryGetValue(column, out var before);
            post.Attributes.TryGetValue(column, out var after);

            // An unset flag reads as false, as the platform's two-option columns default.
            if (before is null && after is bool a) return !a;
            if (after is null && before is bool b) return !b;
            return Equals(before, after);
        }
    }
}
