using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Rulesets
{
    /// <summary>
    /// rx_ruleset Create / Update, PostOperation, synchronous (Update filtered on rx_isactive, rx_kind): when the
    /// saved row is active, switches off every other active row of its kind, so exactly one ruleset of a kind is
    /// in force. One query for the active rows of the kind and one Update each, in the admin's transaction: if
    /// one of them fails, the activation is rolled back with it.
    /// <para>
    /// Those Updates set only rx_isactive = false. They re-fire this step (depth 2) for rows that are now
    /// inactive, which therefore do nothing, and the validation step, which checks nothing when a row is only
    /// switched off: the chain ends at depth 2. They run as the saving user: retiring another owner's ruleset
    /// needs the right to write it, as it would by hand.
    /// </para>
    /// </summary>
    public sealed class RulesetActivationPlugin : PluginBase
    {
        public RulesetActivationPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            var row = context.PostImage(StepImages.Post);
            var active = (row?.GetAttributeValue<bool?>(RulesetColumns.IsActive) ?? target.GetAttributeValue<bool?>(RulesetColumns.IsActive)) == true;
            var kind = row?.GetAttributeValue<OptionSetValue>(RulesetColumns.Kind) ?? target.GetAttributeValue<OptionSetValue>(RulesetColumns.Kind);
            var id = context.Execution.PrimaryEntityId != Guid.Empty ? context.Execution.PrimaryEntityId : target.Id;
            if (!active || kind is null)
            {
                context.Trace.Write($"Ruleset {id}: not active (or no kind); no other row to switch off");
                return;
            }

            var query = new QueryExpression(RulesetColumns.Table)
            {
                ColumnSet = new ColumnSet(RulesetColumns.Id),
            };
            query.Criteria.AddCondition(RulesetColumns.Kind, ConditionOperator.Equal, kind.Value);
            query.Criteria.AddCondition(RulesetColumns.IsActive, ConditionOperator.Equal, true);
            query.Criteria.AddCondition(RulesetColumns.Id, ConditionOperator.NotEqual, id);

            var others = context.UserService.RetrieveMultiple(query).Entities;
            foreach (var other in others)
            {
                context.UserService.Update(new Entity(RulesetColumns.Table, other.Id) { [RulesetColumns.IsActive] = false });
            }

            context.Trace.Write($"Ruleset {id} active for kind {kind.Value}: switched off {others.Count} other rows of that kind");
        }
    }
}
