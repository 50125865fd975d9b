using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Ledgers;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.Core.Attempts;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Lifecycle;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Rulesets;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Outreach
{
    /// <summary>
    /// Contact Update, PostOperation, synchronous. Three events move a reactivation attempt:
    /// <list type="bullet">
    /// <item>a dormant contact's stage changes, or its dormancy reason, satisfaction, a consent flag or the
    /// campaign flag really changes: contact policy and offer start a <b>new attempt</b> — the attempt, the rep's
    /// phone call / task, the outbound message and the incentive — which replaces the open one;</item>
    /// <item>the daily evaluation sets rx_followupdueon (the open attempt's deadline passed): the attempt is
    /// <b>followed up</b> once (messages move to the next channel of the Escalation order) or, after its follow-up,
    /// with nothing left to try, or outside the dormant stages, <b>closed</b> as NoResponse;</item>
    /// <item>a response step sets rx_attemptrespondedon while the attempt is at Activate: the <b>wake</b> step
    /// makes the offer.</item>
    /// </list>
    /// One write per row (deterministic keys: a replay writes nothing twice), plus one Update of the contact
    /// carrying the touch ledger and the open attempt's state. Facts come from the post-image ("PostImage"), the
    /// change from the pre-image ("PreImage"), the rulesets from <see cref="ActiveRulesets"/>:
    /// no reads but one per refresh interval.
    /// <para>
    /// Loop-free: the contact Update it makes sets rx_touchledger, the open attempt's id, start, step and
    /// deadline, and the next evaluation date that follows — columns no step filters on; the attempt and activity
    /// columns it writes run no step either, so nothing runs deeper than this step. Configuration: see
    /// <see cref="OutreachConfiguration"/>.
    /// </para>
    /// </summary>
    public sealed class ContactOutreachPlugin : PluginBase
    {
        public const string PreImageAlias = "PreImage";
        public const string PostImageAlias = "PostImage";

        /// <summary>Columns whose real change (Target value differs from the pre-image) starts a new attempt.</summary>
        private static readonly string[] TriggerColumns =
        {
            ContactColumns.DormancyReason, ContactColumns.Satisfaction, ContactColumns.InCampaign,
            ContactColumns.DoNotPhone, ContactColumns.DoNotEmail, ContactColumns.DoNotBulkEmail, ContactColumns.DoNotSendMarketingMaterial,
            ContactColumns.DoNotSms, ContactColumns.DoNotWeChat, ContactColumns.DoNotWeCom, ContactColumns.DoNotPush,
        };

        /// <summary>The open attempt's columns: a new attempt's offers are chosen as if there were none.</summary>
        private static readonly string[] OpenAttemptColumns =
        {
            ContactColumns.OpenAttempt, ContactColumns.AttemptStartedOn, ContactColumns.AttemptStep, ContactColumns.AttemptDeadline,
        };

        private readonly StepSettings _configuration;
        private readonly ActiveRulesets _rulesets;

        public ContactOutreachPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            _configuration = new StepSettings(unsecureConfiguration, nameof(ContactOutreachPlugin));
            _rulesets = new ActiveRulesets(_configuration.RulesetRefreshInterval, RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers);
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            var pre = context.GetPreImage(PreImageAlias);
            var post = context.GetPostImage(PostImageAlias);
            var contact = new Entity(post.LogicalName, context.Execution.PrimaryEntityId);
            foreach (var attribute in post.Attributes) contact[attribute.Key] = attribute.Value;

            var known = ContactColumns.Stages.TryName(post.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage), out var parsed);
            var stage = known ? parsed.ToString() : null;
            var dormant = known && _configuration.StartsOutreach(parsed);
            var stageChanged = !Equals(pre.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage), post.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage));
            string? changed = null;
            foreach (var column in TriggerColumns)
            {
                if (Changed(target, pre, post, column))
                {
                    changed = column;
                    break;
                }
            }

            var open = AttemptRows.OpenOn(post);
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            if (stageChanged || changed is not null)
            {
                if (!dormant)
                {
                    context.Trace.Write($"No outreach: stage {TraceValue.Name(stage ?? "(none)")} does not start one");
                    return;
                }

                context.Trace.Write($"Outreach for {TraceValue.Reference(new EntityReference(ContactColumns.Table, contact.Id))}: stage {TraceValue.Name(stage!)}, trigger {TraceValue.Name(stageChanged ? "stage change" : changed)}");
                StartAttempt(context, contact, open, utcNow);
            }
            else if (Changed(target, pre, post, ContactColumns.FollowUpDueOn))
            {
                FollowUp(context, contact, open, dormant, utcNow);
            }
            else if (Changed(target, pre, post, ContactColumns.AttemptRespondedOn))
            {
                Wake(context, contact, open, dormant, utcNow);
            }
            else
            {
                context.Trace.Write($"No outreach: neither the stage nor a reason, satisfaction, consent or campaign column changed, and the open attempt neither passed its deadline nor got a response");
            }
        }

        private void StartAttempt(PluginContext context, Entity contact, ReactivationAttempt? open, DateTime utcNow)
        {
            var withoutAttempt = new Entity(contact.LogicalName, contact.Id);
            foreach (var attribute in contact.Attributes) withoutAttempt[attribute.Key] = attribute.Value;
            foreach (var column in OpenAttemptColumns) withoutAttempt.Attributes.Remove(column);
            var plan = Plan(context, withoutAttempt, utcNow, null);
            if (plan is null) return;
            if (plan.ResumesEarlier && open is null)
            {
                // Its first touches were made, but the contact no longer carries it: it was converted, declined,
                // opted out of or closed since. A closed attempt gets no further actions.
                context.Trace.Write($"No outreach: the decided attempt was made earlier and is closed; its remaining actions are not written");
                return;
            }

            var service = context.SystemService;
            var attempt = ((UpsertResponse)service.Execute(new UpsertRequest { Target = plan.Attempt })).Target;
            var update = Write(context, plan, attempt);
            if (!plan.Suppressed && open?.Id != attempt.Id)
            {
                // A new attempt replaces the open one: that one ends without a response to it.
                if (open is { } previous && previous.Close(ClosingReason.ReplacedByNewAttempt).IsMade)
                {
                    service.Update(AttemptRows.Closing(previous.Id, utcNow, ClosingReason.ReplacedByNewAttempt));
                    context.Trace.Write($"Attempt {TraceValue.Reference(AttemptRows.Reference(previous.Id))} closed NoResponse: replaced by {TraceValue.Reference(attempt)}");
                }

                update[ContactColumns.OpenAttempt] = new EntityReference(AttemptColumns.Table, attempt.Id);
                update[ContactColumns.AttemptStartedOn] = utcNow;
                update[ContactColumns.AttemptStep] = ContactColumns.AttemptSteps.Option(plan.Step);
                update[ContactColumns.AttemptDeadline] = plan.Deadline;
            }

            Finish(context, contact, update, utcNow);
            Traced(context, plan, attempt);
        }

        private void FollowUp(PluginContext context, Entity contact, ReactivationAttempt? open, bool dormant, DateTime utcNow)
        {
            if (open is null)
            {
                context.Trace.Write($"No follow-up: the contact has no open attempt");
                return;
            }

            var attempt = AttemptRows.Reference(open.Id);
            if (!dormant || open.Step == AttemptStep.FollowUp)
            {
                Close(context, contact, attempt, utcNow, !dormant ? ClosingReason.NoLongerDormant : ClosingReason.NoResponseAfterFollowUp);
                return;
            }

            var plan = Plan(context, contact, utcNow, new AttemptContinuation(attempt, AttemptStep.FollowUp));
            if (plan is null || plan.Suppressed)
            {
                Close(context, contact, attempt, utcNow, plan is null ? ClosingReason.NoFollowUpOffer : ClosingReason.FollowUpBlocked);
                return;
            }

            Continue(context, contact, plan, attempt, utcNow);
        }

        private void Wake(PluginContext context, Entity contact, ReactivationAttempt? open, bool dormant, DateTime utcNow)
        {
            if (open is null || !open.Responded || open.Step != AttemptStep.Activate || !dormant)
            {
                context.Trace.Write($"No wake step: the response is not to an open attempt at Activate in a dormant stage; the rep takes it from here");
                return;
            }

            var attempt = AttemptRows.Reference(open.Id);
            var plan = Plan(context, contact, utcNow, new AttemptContinuation(attempt, AttemptStep.Wake));
            if (plan is null || plan.Suppressed)
            {
                context.Trace.Write($"No wake step for {TraceValue.Reference(attempt)}: {TraceValue.Name(plan is null ? "no offer applies" : "every action was blocked")}; the attempt keeps its deadline");
                return;
            }

            Continue(context, contact, plan, attempt, utcNow);
        }

        private OutreachPlan? Plan(PluginContext context, Entity contact, DateTime utcNow, AttemptContinuation? continuation)
        {
            var policy = _rulesets.Get(context, RulesetKind.ContactPolicy).Ruleset;
            var offers = _rulesets.Get(context, RulesetKind.Offers).Ruleset;
            OutreachPlan? plan;
            bool alreadyMade;
            try
            {
                plan = OutreachPlanner.Plan(contact, utcNow, _configuration, policy, offers, continuation, out alreadyMade);
            }
            catch (LedgerFormatException ex)
            {
                // Only a ledger already stored can be broken here (the lifecycle step refuses a save writing one):
                // no outreach until an order rewrites it, and the user's save goes on.
                context.Trace.Write($"No outreach: the stored {TraceValue.Name(ex.Column)} is not readable until it is repaired (the next order rewrites the purchase ledger)");
                return null;
            }

            if (plan is null)
            {
                context.Trace.Write($"No outreach: {TraceValue.Name(alreadyMade ? "the step's touches are already in the touch ledger (made by an earlier execution)" : "no offer rule matched")}");
                return null;
            }

            foreach (var line in plan.Trace) context.Trace.Write($"{TraceValue.Name(line.Length > 128 ? line.Substring(0, 128) : line)}");
            return plan;
        }

        /// <summary>The next step of the open attempt: the attempt's step and deadline, its rows, the contact's step and deadline.</summary>
        private void Continue(PluginContext context, Entity contact, OutreachPlan plan, EntityReference attempt, DateTime utcNow)
        {
            context.SystemService.Update(plan.Attempt);
            var update = Write(context, plan, attempt);
            update[ContactColumns.AttemptStep] = ContactColumns.AttemptSteps.Option(plan.Step);
            update[ContactColumns.AttemptDeadline] = plan.Deadline;
            Finish(context, contact, update, utcNow);
            Traced(context, plan, attempt);
        }

        /// <summary>The open attempt ends without a response: its outcome, and the contact no longer carries it.</summary>
        private void Close(PluginContext context, Entity contact, EntityReference attempt, DateTime utcNow, ClosingReason why)
        {
            context.SystemService.Update(AttemptRows.Closing(attempt.Id, utcNow, why));
            var update = new Entity(ContactColumns.Table, contact.Id);
            AttemptRows.Clear(update);
            Finish(context, contact, update, utcNow);
            context.Trace.Write($"Attempt {TraceValue.Reference(attempt)} closed: {TraceValue.Name(ClosingReasons.Describe(why))}");
        }

        /// <summary>Writes the plan's rows, linked to the attempt; returns the contact update with the new touch ledger.</summary>
        private static Entity Write(PluginContext context, OutreachPlan plan, EntityReference attempt)
        {
            foreach (var record in plan.Records)
            {
                record[MessageColumns.Attempt] = new EntityReference(AttemptColumns.Table, attempt.Id);
                context.SystemService.Execute(new UpsertRequest { Target = record });
            }

            var update = new Entity(ContactColumns.Table, context.Execution.PrimaryEntityId);
            if (plan.TouchLedger is not null) update[ContactColumns.TouchLedger] = plan.TouchLedger;
            return update;
        }

        /// <summary>
        /// Writes the contact update, with the next evaluation date that follows from it (a new deadline moves it):
        /// decided here, because no step on the contact filters on the columns this update sets — so the write
        /// runs no step at all and nothing goes deeper than this step's own depth.
        /// </summary>
        private void Finish(PluginContext context, Entity contact, Entity update, DateTime utcNow)
        {
            if (update.Attributes.Count == 0) return;
            var after = ContactFactsMapper.Merge(update, contact);
            var verdict = LifecycleVerdict.Decide(after, _rulesets.Get(context, RulesetKind.Lifecycle).Ruleset, utcNow, _configuration.Organisation.Zone);
            if (verdict.NextEvaluationChanged) update[ContactColumns.NextEvaluationOn] = verdict.NextEvaluationOn;
            context.SystemService.Update(update);
        }

        private static void Traced(PluginContext context, OutreachPlan plan, EntityReference attempt) =>
            context.Trace.Write($"Outreach wrote {TraceValue.Name(plan.Step.ToString())} of the attempt {TraceValue.Reference(attempt)}, {plan.Records.Count} rows, touch ledger {plan.TouchLedger is not null}, suppressed {plan.Suppressed}");

        /// <summary>The Target sets the column to another value than the pre-image held (an unset flag reads as false).</summary>
        private static bool Changed(Entity target, Entity pre, Entity post, string column)
        {
            if (!target.Contains(column)) return false;
            pre.Attributes.TryGetValue(column, out var before);
            post.Attributes.TryGetValue(column, out var after);

            // An unset flag reads as false, as the platform's two-option columns default.
            if (before is null && after is bool a) return a;
            if (after is null && before is bool b) return b;
            return !Equals(before, after);
        }
    }
}
