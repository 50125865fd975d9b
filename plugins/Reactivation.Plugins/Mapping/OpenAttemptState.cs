using System;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Mapping
{
    /// <summary>The steps of a reactivation attempt, as rx_currentstep and the contact's rx_attemptstep store them.</summary>
    public enum AttemptPhase
    {
        Activate,
        Wake,
        FollowUp,
    }

    /// <summary>
    /// The open reactivation attempt as the contact row carries it (rx_openattemptid, rx_attemptstartedon,
    /// rx_attemptstep, rx_attemptdeadline, rx_attemptrespondedon, rx_followupdueon). The plugins keep these
    /// columns in step with the attempt they write, so deciding what an attempt does next reads no attempt row.
    /// </summary>
    public sealed class OpenAttemptState
    {
        private OpenAttemptState(EntityReference? attempt, DateTime? startedOn, AttemptPhase? step, DateTime? deadline, DateTime? respondedOn, DateTime? followUpDueOn)
        {
            Attempt = attempt;
            StartedOn = startedOn;
            Step = step;
            Deadline = deadline;
            RespondedOn = respondedOn;
            FollowUpDueOn = followUpDueOn;
        }

        public EntityReference? Attempt { get; }

        public bool IsOpen => Attempt is not null;

        public DateTime? StartedOn { get; }

        public AttemptPhase? Step { get; }

        public DateTime? Deadline { get; }

        public DateTime? RespondedOn { get; }

        public DateTime? FollowUpDueOn { get; }

        /// <summary>
        /// A response at or after the attempt's start answers it. rx_attemptrespondedon is written by the response
        /// steps only, never cleared, so a response to an earlier attempt does not count for the next one.
        /// </summary>
        public bool Responded => IsOpen && RespondedOn.HasValue && (!StartedOn.HasValue || RespondedOn.Value >= StartedOn.Value);

        /// <summary>
        /// The deadline the daily evaluation still has to act on: set, and not yet signalled through
        /// rx_followupdueon (the signal for a deadline is at or after it).
        /// </summary>
        public DateTime? PendingDeadline =>
            IsOpen && Deadline.HasValue && !(FollowUpDueOn.HasValue && FollowUpDueOn.Value >= Deadline.Value) ? Deadline : null;

        public static OpenAttemptState Of(Entity contact)
        {
            var step = contact.GetAttributeValue<OptionSetValue>(ContactColumns.AttemptStep)?.Value - ContactColumns.ChoiceBase;
            return new OpenAttemptState(
                contact.GetAttributeValue<EntityReference>(ContactColumns.OpenAttempt),
                contact.GetAttributeValue<DateTime?>(ContactColumns.AttemptStartedOn),
                step.HasValue && Enum.IsDefined(typeof(AttemptPhase), step.Value) ? (AttemptPhase)step.Value : (AttemptPhase?)null,
                contact.GetAttributeValue<DateTime?>(ContactColumns.AttemptDeadline),
                contact.GetAttributeValue<DateTime?>(ContactColumns.AttemptRespondedOn),
                contact.GetAttributeValue<DateTime?>(ContactColumns.FollowUpDueOn));
        }

        public static OptionSetValue StepValue(AttemptPhase step) => new OptionSetValue(ContactColumns.ChoiceBase + (int)step);

        /// <summary>Writes "no open attempt" into a contact update (the start, step and deadline go too; the response date stays as history).</summary>
        public static void Clear(Entity contactUpdate)
        {
            contactUpdate[ContactColumns.OpenAttempt] = null;
            contactUpdate[ContactColumns.AttemptStartedOn] = null;
            contactUpdate[ContactColumns.AttemptStep] = null;
            contactUpdate[ContactColumns.AttemptDeadline] = null;
        }
    }
}
