using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Outreach
{
    /// <summary>
    /// Writes an outreach course: the attempt (one Upsert by its name-based id, or one Update of its next step or its
    /// closing), its calls, tasks and messages and the incentive (one Upsert each, by name-based id or alternate key),
    /// the attempt it replaces, then one Update of the contact with the touch ledger, the open attempt and the next
    /// evaluation. Every key comes from the plan, so a replayed event writes the same rows.
    /// </summary>
    internal sealed class OutreachRows
    {
        private readonly PluginContext _context;
        private readonly Entity _contact;
        private readonly ContactDecision _decision;
        private readonly DateTime _utcNow;

        /// <param name="contact">The contact as the operation left it (the post-image).</param>
        public OutreachRows(PluginContext context, Entity contact, ContactDecision decision, DateTime utcNow)
        {
            _context = context;
            _contact = contact;
            _decision = decision;
            _utcNow = utcNow;
        }

        private IOrganizationService Service => _context.SystemService;

        private EntityReference ContactReference => new EntityReference(ContactColumns.Table, _contact.Id);

        /// <summary>A new attempt, its rows, the attempt it replaces, the contact.</summary>
        public void Start(OutreachCourse course)
        {
            var plan = course.Plan!;
            var row = new Entity(AttemptColumns.Table, plan.AttemptId)
            {
                [AttemptColumns.Key] = plan.AttemptKey,
                [AttemptColumns.Contact] = ContactReference,
                [AttemptColumns.RuleName] = Clip(plan.Offer.RuleName, AttemptColumns.NameMaxLength),
                [AttemptColumns.Offer] = Clip(plan.Offer.OfferName, AttemptColumns.NameMaxLength),
                [AttemptColumns.StageAtStart] = _contact.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage),
                [AttemptColumns.ReasonAtStart] = _contact.GetAttributeValue<OptionSetValue>(ContactColumns.DormancyReason),
                [AttemptColumns.CurrentStep] = AttemptColumns.CurrentSteps.Option(plan.Step),
                [AttemptColumns.Purpose] = AttemptColumns.Purposes.Option(plan.Purpose),
                [AttemptColumns.Steps] = Clip(plan.StepLines, AttemptColumns.StepsMaxLength),
                [AttemptColumns.Deadline] = plan.DeadlineUtc,
                [AttemptColumns.Explanation] = Clip(PlanExplanation.Render(plan), AttemptColumns.ExplanationMaxLength),
            };

            // An attempt with touches made earlier exists: its start and outcome stand (it may have been converted,
            // answered or opted out of since).
            if (!plan.ResumesEarlier)
            {
                row[AttemptColumns.StartedOn] = course.Attempt!.StartedOn;
                row[AttemptColumns.Outcome] = AttemptColumns.Outcomes.Option(course.Attempt.Outcome);
                // Set while suppressed; cleared when a retry lets the attempt out.
                row[AttemptColumns.RetryOn] = plan.RetryOnUtc;
                row[AttemptColumns.AttributionUntil] = plan.AttributionUntilUtc;
                row[AttemptColumns.StageEnteredOn] = _contact.GetAttributeValue<DateTime?>(ContactColumns.StageChangedOn);
            }

            if (plan.BlockReasons.Count > 0) row[AttemptColumns.BlockReasons] = BlockReasons.Format(plan.BlockReasons, AttemptColumns.BlockReasonsMaxLength);
            if (Owner(plan.AttemptOwner) is { } owner) row[AttemptColumns.Owner] = owner;
            var attempt = ((UpsertResponse)Service.Execute(new UpsertRequest { Target = row })).Target;
            var rows = Rows(plan, attempt);
            if (course.Replaced is { } replaced)
            {
                // A new attempt replaces the open one, or that one's deadline passed with the change: it ends.
                Service.Update(AttemptRows.Closing(replaced.Id, _utcNow, course.ReplacedBecause, replaced.Outcome));
                _context.Trace.Write($"Attempt {TraceValue.Reference(AttemptRows.Reference(replaced.Id))} closed: {TraceValue.Name(ClosingReasons.Describe(course.ReplacedBecause))}, with {TraceValue.Reference(attempt)}");
            }

            var update = ContactUpdate(plan);
            if (course.Carries) AttemptRows.Carry(update, course.OnContact!);
            else if (course.Replaced is not null) AttemptRows.Clear(update);
            Finish(update);
            if (plan.AssignedTeam is not null) _context.Trace.Write($"Assigned to team {TraceValue.Name(plan.AssignedTeam)}");
            Traced(plan, attempt, rows);
        }

        /// <summary>The open attempt's next step: its step, deadline and lines, its rows, the contact's step and deadline.</summary>
        public void Continue(OutreachCourse course)
        {
            var plan = course.Plan!;
            var attempt = AttemptRows.Reference(plan.AttemptId);
            Service.Update(new Entity(AttemptColumns.Table, plan.AttemptId)
            {
                [AttemptColumns.CurrentStep] = AttemptColumns.CurrentSteps.Option(plan.Step),
                [AttemptColumns.Deadline] = plan.DeadlineUtc,
                [plan.Step == AttemptStep.Wake ? AttemptColumns.WakeStep : AttemptColumns.FollowUpStep] = Clip(plan.LaterStepText, AttemptColumns.LaterStepMaxLength),
            });
            var rows = Rows(plan, attempt);
            var update = ContactUpdate(plan);
            AttemptRows.CarryStep(update, course.OnContact!);
            Finish(update);
            Traced(plan, attempt, rows);
        }

        /// <summary>The open attempt ends (NoResponse, or Responded after an answer): its outcome and why, and the contact no longer carries it.</summary>
        public void Close(OutreachCourse course)
        {
            var attempt = course.Attempt!;
            Service.Update(AttemptRows.Closing(attempt.Id, _utcNow, course.Closing!.Value, attempt.Outcome));
            var update = new Entity(ContactColumns.Table, _contact.Id);
            AttemptRows.Clear(update);
            Finish(update);
            _context.Trace.Write($"Attempt {TraceValue.Reference(AttemptRows.Reference(attempt.Id))} closed: {TraceValue.Name(ClosingReasons.Describe(course.Closing.Value))}");
        }

        /// <summary>
        /// No attempt moves, but the contact's outreach due does: cleared when it came and there is nothing to start, or set
        /// to the day a blocked wake step is tried again; the next evaluation follows.
        /// </summary>
        public void OutreachDue()
        {
            Finish(new Entity(ContactColumns.Table, _contact.Id));
            if (_decision.OutreachDue.DueOn is { } due) _context.Trace.Write($"Outreach due set to {TraceValue.Timestamp(due)}");
            else _context.Trace.Write($"Outreach due cleared: nothing to start");
        }

        /// <summary>The plan's calls, tasks, messages and incentive, linked to the attempt; returns how many.</summary>
        private int Rows(OutreachPlan plan, EntityReference attempt)
        {
            var count = 0;
            var priority = new OptionSetValue(plan.HighPriority ? ActivityColumns.HighPriority : ActivityColumns.NormalPriority);
            foreach (var touch in plan.Written)
            {
                var record = touch.IsActivityRecord ? Activity(touch, priority) : Message(touch, priority);
                record[ActivityColumns.Attempt] = attempt;
                Service.Execute(new UpsertRequest { Target = record });
                count++;
            }

            if (plan.Incentive is { Issues: true } incentive)
            {
                var record = new Entity(IncentiveColumns.Table, IncentiveColumns.Code, incentive.Code)
                {
                    [IncentiveColumns.Code] = incentive.Code,
                    [IncentiveColumns.Type] = IncentiveColumns.Types.Option(incentive.Action.Type),
                    [IncentiveColumns.Value] = incentive.Action.Value,
                    [IncentiveColumns.ValidUntil] = incentive.ValidUntilUtc,
                    [IncentiveColumns.Status] = IncentiveColumns.Statuses.Option(IncentiveStatus.Issued),
                    [IncentiveColumns.Contact] = ContactReference,
                    [IncentiveColumns.Attempt] = attempt,
                };
                if (Owner(plan.AttemptOwner) is { } owner) record[IncentiveColumns.Owner] = owner;
                Service.Execute(new UpsertRequest { Target = record });
                count++;
            }

            return count;
        }

        /// <summary>A phone call or task for a rep: the script in the contact's language, the offer to mention, why this customer, the due date.</summary>
        private Entity Activity(PlannedTouch touch, OptionSetValue priority)
        {
            var isCall = touch.Channel == ContactChannels.Phone;
            var record = new Entity(isCall ? ActivityColumns.PhoneCallTable : ActivityColumns.TaskTable, OutreachKeys.NameBasedId(touch.Key))
            {
                [ActivityColumns.Subject] = Clip(touch.Subject, ActivityColumns.SubjectMaxLength),
                [ActivityColumns.Description] = Clip(touch.Text, ActivityColumns.DescriptionMaxLength),
                [ActivityColumns.WhyThisCustomer] = Clip(touch.WhyThisCustomer, ActivityColumns.WhyThisCustomerMaxLength),
                [ActivityColumns.ScheduledEnd] = touch.AtUtc,
                [ActivityColumns.Priority] = priority,
                [ActivityColumns.Regarding] = ContactReference,
            };
            if (Owner(touch.Owner) is { } owner) record[ActivityColumns.Owner] = owner;
            if (isCall) record[ActivityColumns.Direction] = true;
            return record;
        }

        /// <summary>An outbox message: the offer's own, or a call or task that fell back to a message channel.</summary>
        private Entity Message(PlannedTouch touch, OptionSetValue priority)
        {
            var record = new Entity(MessageColumns.Table, MessageColumns.Key, touch.Key)
            {
                [MessageColumns.Key] = touch.Key,
                [MessageColumns.Subject] = Clip(touch.Subject, MessageColumns.SubjectMaxLength),
                [MessageColumns.RenderedText] = Clip(touch.Text, MessageColumns.RenderedTextMaxLength),
                [MessageColumns.Template] = Clip(touch.Template, MessageColumns.TemplateMaxLength),
                [MessageColumns.Channel] = MessageColumns.Channels.Option(touch.Channel!),
                [MessageColumns.SendAfter] = touch.AtUtc,
                [MessageColumns.Status] = MessageColumns.Statuses.Option(MessageStatus.Pending),
                [MessageColumns.Priority] = priority,
                [MessageColumns.Regarding] = ContactReference,
            };
            if (Owner(touch.Owner) is { } owner) record[MessageColumns.Owner] = owner;
            return record;
        }

        private Entity ContactUpdate(OutreachPlan plan)
        {
            var update = new Entity(ContactColumns.Table, _contact.Id);
            if (plan.NewTouchLedger is not null) update[ContactColumns.TouchLedger] = plan.NewTouchLedger;
            return update;
        }

        /// <summary>
        /// Writes the contact update with the next evaluation that follows from it (a new deadline moves it): decided here,
        /// because no step on the contact filters on the columns this update sets — so the write runs no step at all and
        /// nothing goes deeper than this step's own depth.
        /// </summary>
        private void Finish(Entity update)
        {
            if (_decision.OutreachDueChanged) update[ContactColumns.OutreachDueOn] = _decision.OutreachDue.DueOn;
            if (update.Attributes.Count == 0) return;
            if (_decision.NextEvaluationChanged) update[ContactColumns.NextEvaluationOn] = _decision.NextEvaluationOn;
            Service.Update(update);
        }

        /// <summary>A configured team, or the contact's owner (none when the contact has none).</summary>
        private EntityReference? Owner(TouchOwner owner) =>
            owner.TeamId is { } team ? new EntityReference(TeamColumns.Table, team) : _contact.GetAttributeValue<EntityReference>(ContactColumns.Owner);

        private void Traced(OutreachPlan plan, EntityReference attempt, int rows) =>
            _context.Trace.Write($"Outreach wrote {TraceValue.Name(plan.Step.ToString())} of the attempt {TraceValue.Reference(attempt)}, {rows} rows, touch ledger {plan.NewTouchLedger is not null}, suppressed {plan.Suppressed}");

        private static string Clip(string text, int max) => text.Length <= max ? text : text.Substring(0, max);
    }
}
