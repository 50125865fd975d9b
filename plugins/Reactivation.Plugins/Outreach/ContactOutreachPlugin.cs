using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Campaigns;
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
    /// <item>a dormant contact's stage changes, or its dormancy reason, satisfaction or a consent flag really
    /// changes: contact policy and offer start a <b>new attempt</b> — the attempt, the rep's phone call / task, the
    /// outbound message and the incentive — which replaces the open one (a Care rule may start one in any stage);</item>
    /// <item>the daily evaluation sets rx_followupdueon (the open attempt's deadline passed): the attempt is
    /// <b>followed up</b> one rung further along the Escalation order, or <b>closed</b> — NoResponse past its last rung,
    /// with nothing left to try, for a care touch or outside the dormant stages; Responded when the customer answered;</item>
    /// <item>a response step sets rx_attemptrespondedon while the attempt is at Activate: the <b>wake</b> step
    /// makes the offer;</item>
    /// <item>the daily evaluation sets rx_outreachsignalledon (the contact's rx_outreachdueon came: e.g. it was created
    /// already dormant): a <b>new attempt</b>, as for a contact change; whatever is decided, the due is cleared.</item>
    /// </list>
    /// The step reads which change it is (pre-image against Target and post-image), reads the contact from the
    /// post-image once (<see cref="ContactRow"/>), asks Core for the event's course and plan
    /// (<see cref="ContactDecisions"/>: Core/Attempts moves the attempt, Core/Outreach plans it) and writes it
    /// (<see cref="OutreachRows"/>): one write per row (deterministic keys: a replay writes nothing twice), plus one Update
    /// of the contact carrying the touch ledger and the open attempt's state. The rulesets come from
    /// <see cref="ActiveRulesets"/>, read only when the event needs them (no reads but one per refresh interval); the
    /// next stage change from the lifecycle step of the same operation when it ran (SharedVariables), so it is scanned once.
    /// <para>
    /// Loop-free: the contact Update it makes sets rx_touchledger, the open attempt's id, start, step and
    /// deadline, and the next evaluation date that follows — columns no step filters on; the attempt and activity
    /// columns it writes run no step either, so nothing runs deeper than this step. Configuration: see
    /// <see cref="StepSettings"/>.
    /// </para>
    /// </summary>
    public sealed class ContactOutreachPlugin : PluginBase
    {
        /// <summary>Columns whose real change (Target value differs from the pre-image) starts a new attempt.</summary>
        private static readonly string[] TriggerColumns =
        {
            ContactColumns.DormancyReason, ContactColumns.Satisfaction,
            ContactColumns.DoNotPhone, ContactColumns.DoNotEmail, ContactColumns.DoNotBulkEmail, ContactColumns.DoNotSendMarketingMaterial,
            ContactColumns.DoNotSms, ContactColumns.DoNotWeChat, ContactColumns.DoNotWeCom, ContactColumns.DoNotPush,
        };

        private readonly StepSettings _settings;
        private readonly ActiveRulesets _rulesets;
        private readonly ActiveCampaigns _campaigns;

        public ContactOutreachPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            _settings = new StepSettings(unsecureConfiguration, nameof(ContactOutreachPlugin));
            _rulesets = new ActiveRulesets(_settings.RulesetRefreshInterval, RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers);
            _campaigns = new ActiveCampaigns(_settings.RulesetRefreshInterval);
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            if (target.Contains(ContactColumns.InitialisedOn))
            {
                // rx_InitialiseContacts stamps thousands of stages at go-live: their outreach comes through the outreach due
                // (rx_outreachdueon) at the next daily evaluation, as for customers going dormant overnight, not inside its call.
                context.Trace.Write($"No outreach now: the initialisation wrote this contact; a dormant one is due outreach at the next daily evaluation");
                return;
            }

            var pre = context.GetPreImage(StepImages.Pre);
            var post = context.GetPostImage(StepImages.Post);
            var contact = new Entity(post.LogicalName, context.Execution.PrimaryEntityId);
            foreach (var attribute in post.Attributes) contact[attribute.Key] = attribute.Value;

            var stageChanged = !Equals(pre.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage), post.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage));
            // A reason recorded with a response (the rep's ask-why call, completed Reached with what the customer said)
            // answers the open attempt: it goes on to its wake step with the reason in its facts, rather than a new attempt
            // replacing it and closing it NoResponse.
            var responded = Changed(target, pre, post, ContactColumns.AttemptRespondedOn);
            string? trigger = stageChanged ? "stage change" : null;
            foreach (var column in TriggerColumns)
            {
                if (trigger is not null) break;
                if (responded && column == ContactColumns.DormancyReason) continue;
                if (Changed(target, pre, post, column)) trigger = column;
            }

            var dueSignalled = Changed(target, pre, post, ContactColumns.OutreachSignalledOn);
            OutreachEvent change;
            if (trigger is not null) change = OutreachEvent.ContactChanged;
            else if (dueSignalled) change = OutreachEvent.OutreachDue;
            else if (Changed(target, pre, post, ContactColumns.FollowUpDueOn)) change = OutreachEvent.DeadlinePassed;
            else if (responded) change = OutreachEvent.Responded;
            else
            {
                context.Trace.Write($"No outreach: neither the stage nor a reason, satisfaction, consent or campaign column changed, no outreach due came, and the open attempt neither passed its deadline nor got a response");
                return;
            }

            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var stage = ContactRow.Stage(contact);
            var stageName = stage?.ToString() ?? "(none)";
            // A signalled outreach due is spent whatever is decided, and the contact's next evaluation follows from that: read on.
            // A care rule may reach a contact in any stage: outside the stages that start outreach the offers are asked whether they have one.
            var offersCare = (change == OutreachEvent.ContactChanged || change == OutreachEvent.OutreachDue) && stage.HasValue && !_settings.Outreach.StartsOutreach(stage)
                && _rulesets.Get(context, RulesetKind.Offers).Ruleset.HasCareOffers;
            // The daily run signals a passed deadline and a stage change in one update: the change decides, and closes that attempt.
            var deadlineSignalled = change != OutreachEvent.DeadlinePassed && Changed(target, pre, post, ContactColumns.FollowUpDueOn);
            if (!dueSignalled && OutreachCourse.SkipBeforePlanning(change, stage, AttemptRows.OpenOn(contact), _settings.Outreach, utcNow, offersCare, deadlineSignalled) is { } skip)
            {
                // Decided by the stage and the open attempt alone: the rest of the contact is not read.
                context.Trace.Write($"{TraceValue.Name(Skipped(skip, stageName))}");
                return;
            }

            CustomerRecord customer;
            try
            {
                customer = ContactRow.Read(contact, utcNow, _settings.Organisation);
                customer.Facts.Campaigns = _campaigns.Get(context, _settings.Organisation);
                // The reason recorded with this response (an ask-why call): the wake step's offer may follow what was said.
                customer.Facts.ReasonJustGiven = change == OutreachEvent.Responded && Changed(target, pre, post, ContactColumns.DormancyReason);
            }
            catch (LedgerFormatException ex)
            {
                // Only a ledger already stored can be broken here (the lifecycle step refuses a save writing one):
                // no outreach until an order rewrites it, and the user's save goes on.
                context.Trace.Write($"No outreach: the stored {TraceValue.Name(ex.Column)} is not readable until it is repaired (the next order rewrites the purchase ledger)");
                return;
            }

            if (change == OutreachEvent.ContactChanged || change == OutreachEvent.OutreachDue)
            {
                context.Trace.Write($"Outreach for {TraceValue.Reference(new EntityReference(ContactColumns.Table, contact.Id))}: stage {TraceValue.Name(stageName)}, trigger {TraceValue.Name(trigger ?? ContactColumns.OutreachDueOn)}");
            }

            var request = DecisionRequest.ForOutreach(customer, kind => _rulesets.Get(context, kind).Ruleset, change, _settings.Outreach);
            if (deadlineSignalled) request.WithDeadlineSignalled();
            request.WithJoinVerdict(JoinVerdictRow.Read(target, context));
            if (context.Execution.SharedVariables.TryGetValue(ContactLifecyclePlugin.NextStageChangeVariable, out var known))
            {
                // The lifecycle step of this operation scanned for the next stage change already.
                context.Execution.SharedVariables.TryGetValue(ContactLifecyclePlugin.NextOctantChangeVariable, out var octant);
                request.WithKnownStageChange(known as DateTime?, octant as DateTime?);
            }

            var decision = ContactDecisions.Decide(request);
            var course = decision.Outreach!;
            if (course.Plan is { } plan) Trace(context, plan);
            var rows = new OutreachRows(context, contact, decision, utcNow);
            switch (course.Move)
            {
                case OutreachMove.Start:
                    rows.Start(course);
                    break;
                case OutreachMove.Continue:
                    rows.Continue(course);
                    break;
                case OutreachMove.Close:
                    rows.Close(course);
                    break;
                default:
                    if (course.ClearsOutreachDue || course.RetryOn.HasValue) rows.OutreachDue();
                    if (course.Skipped is OutreachSkip.NoWakeOffer or OutreachSkip.WakeBlocked)
                    {
                        context.Trace.Write($"No wake step for {TraceValue.Reference(AttemptRows.Reference(customer.OpenAttempt!.Id))}: {TraceValue.Name(course.Skipped == OutreachSkip.NoWakeOffer ? "no offer applies" : "every action was blocked")}; the attempt keeps its deadline");
                        if (course.RetryOn is { } retry) context.Trace.Write($"The wake step is tried again on {TraceValue.Timestamp(retry)}, when the block lifts");
                    }
                    else
                    {
                        context.Trace.Write($"{TraceValue.Name(Skipped(course.Skipped!.Value, stageName))}");
                        if (course.Skipped == OutreachSkip.HouseholdBlocked && course.RetryOn is { } householdRetry)
                        {
                            foreach (var joined in course.Join!.Decisions()) context.Trace.Write($"Join {TraceValue.Name(joined.ToString())}");
                            context.Trace.Write($"The offer is tried again on {TraceValue.Timestamp(householdRetry)}");
                        }
                    }

                    break;
            }
        }

        /// <summary>The plan's decisions for the trace: rule, offer, channel, reason and team names only.</summary>
        private static void Trace(PluginContext context, OutreachPlan plan)
        {
            context.Trace.Write($"Offer {TraceValue.Name(plan.Offer.OfferName)} by rule {TraceValue.Name(plan.Offer.RuleName)}");
            foreach (var touch in plan.Touches)
            {
                foreach (var trial in touch.Trials) context.Trace.Write($"{TraceValue.Name(Short(PlanExplanation.Verdict(touch, trial)))}");
            }

            foreach (var team in plan.UnconfiguredTeams)
            {
                context.Trace.Write($"Team {TraceValue.Name(team)} is not configured (team.{TraceValue.Name(team)}=<teamid>): the contact's owner works it");
            }

            context.Trace.Write($"Outcome {TraceValue.Name(plan.HeldOut ? "Holdout" : plan.Suppressed ? "Suppressed" : "Open")}");
        }

        private static string Skipped(OutreachSkip skip, string stage) => skip switch
        {
            OutreachSkip.StageStartsNoOutreach => "No outreach: stage " + stage + " does not start one",
            OutreachSkip.MadeEarlier => "No outreach: the step's touches are already in the touch ledger (made by an earlier execution)",
            OutreachSkip.NoOffer => "No outreach: no offer rule matched",
            OutreachSkip.MadeEarlierAndClosed => "No outreach: the decided attempt was made earlier and is closed; its remaining actions are not written",
            OutreachSkip.NoOpenAttempt => "No follow-up: the contact has no open attempt",
            OutreachSkip.HouseholdBlocked => "No outreach now: another member of the household gets the same offer today",
            _ => "No wake step: the response is not to an open attempt at Activate in a dormant stage; the rep takes it from here",
        };

        private static string Short(string line) => line.Length > 128 ? line.Substring(0, 128) : line;

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
