using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Ledgers;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Mapping
{
    /// <summary>
    /// Core's <see cref="ReactivationAttempt"/> to and from rows: the contact's copy of its open attempt
    /// (rx_openattemptid, rx_attemptstartedon, rx_attemptstep, rx_attemptdeadline, rx_attemptfollowups, rx_attemptpurpose,
    /// rx_attemptrespondedon, rx_followupdueon),
    /// which the plugins keep in step with the attempt they write so that deciding what an attempt does next reads no
    /// attempt row, and the attempt row itself.
    /// </summary>
    public static class AttemptRows
    {
        /// <summary>The open attempt the contact carries; null without one.</summary>
        public static ReactivationAttempt? OpenOn(Entity contact) =>
            ReactivationAttempt.CarriedByContact(
                contact.GetAttributeValue<EntityReference>(ContactColumns.OpenAttempt)?.Id,
                contact.GetAttributeValue<DateTime?>(ContactColumns.AttemptStartedOn),
                ContactColumns.AttemptSteps.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.AttemptStep), out var step) ? step : (AttemptStep?)null,
                contact.GetAttributeValue<DateTime?>(ContactColumns.AttemptDeadline),
                contact.GetAttributeValue<DateTime?>(ContactColumns.AttemptRespondedOn),
                contact.GetAttributeValue<DateTime?>(ContactColumns.FollowUpDueOn),
                contact.GetAttributeValue<int?>(ContactColumns.AttemptFollowUps) ?? 0,
                ContactColumns.AttemptPurposes.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.AttemptPurpose), out var purpose) ? purpose : null);

        /// <summary>An attempt row (a pre-image) as it stands.</summary>
        public static ReactivationAttempt FromRow(Entity row) =>
            ReactivationAttempt.FromRow(
                row.Id,
                AttemptColumns.Outcomes.TryName(row.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome), out var outcome) ? outcome : (AttemptOutcome?)null,
                AttemptColumns.CurrentSteps.TryName(row.GetAttributeValue<OptionSetValue>(AttemptColumns.CurrentStep), out var step) ? step : (AttemptStep?)null,
                row.GetAttributeValue<DateTime?>(AttemptColumns.StartedOn),
                row.GetAttributeValue<DateTime?>(AttemptColumns.Deadline),
                row.GetAttributeValue<DateTime?>(AttemptColumns.RespondedOn));

        public static EntityReference Reference(Guid attemptId) => new EntityReference(AttemptColumns.Table, attemptId);

        /// <summary>The contact now carries <paramref name="attempt"/> as its open attempt.</summary>
        public static void Carry(Entity contactUpdate, ReactivationAttempt attempt)
        {
            contactUpdate[ContactColumns.OpenAttempt] = Reference(attempt.Id);
            contactUpdate[ContactColumns.AttemptStartedOn] = attempt.StartedOn;
            contactUpdate[ContactColumns.AttemptPurpose] = ContactColumns.AttemptPurposes.Option(attempt.Purpose);
            CarryStep(contactUpdate, attempt);
        }

        /// <summary>The contact's open attempt moved to another step (or rung of its escalation) with a new deadline.</summary>
        public static void CarryStep(Entity contactUpdate, ReactivationAttempt attempt)
        {
            contactUpdate[ContactColumns.AttemptStep] = attempt.Step is { } step ? ContactColumns.AttemptSteps.Option(step) : null;
            contactUpdate[ContactColumns.AttemptDeadline] = attempt.Deadline;
            contactUpdate[ContactColumns.AttemptFollowUps] = attempt.FollowUps == 0 ? (int?)null : attempt.FollowUps;
        }

        /// <summary>Writes "no open attempt" into a contact update (the start, step and deadline go too; the response date stays as history).</summary>
        public static void Clear(Entity contactUpdate)
        {
            contactUpdate[ContactColumns.OpenAttempt] = null;
            contactUpdate[ContactColumns.AttemptStartedOn] = null;
            contactUpdate[ContactColumns.AttemptStep] = null;
            contactUpdate[ContactColumns.AttemptDeadline] = null;
            contactUpdate[ContactColumns.AttemptFollowUps] = null;
            contactUpdate[ContactColumns.AttemptPurpose] = null;
        }

        /// <summary>An Update that closes an attempt (its <paramref name="outcome"/>: NoResponse or Responded) and says when and why.</summary>
        public static Entity Closing(Guid attemptId, DateTime utcNow, ClosingReason reason, AttemptOutcome outcome) => new Entity(AttemptColumns.Table, attemptId)
        {
            [AttemptColumns.Outcome] = AttemptColumns.Outcomes.Option(outcome),
            [AttemptColumns.ClosingReason] = LedgerInstant.Write(utcNow) + " " + ClosingReasons.Describe(reason),
        };
    }
}
