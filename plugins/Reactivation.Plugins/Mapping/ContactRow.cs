using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Mapping
{
    /// <summary>
    /// A contact row to Core's <see cref="CustomerRecord"/> and a decision's verdict back into a row. Reads only the row it
    /// is given (the Target laid over the pre-image, a post-image, or a queried row), so deciding costs no
    /// organisation-service request; each ledger is parsed once.
    /// </summary>
    public static class ContactRow
    {
        /// <summary>
        /// Exactly the columns <see cref="Read"/> reads (but the customer's offset): what a query must fetch to decide a
        /// contact's lifecycle without a second read. Keep in step with the lifecycle Update step's PreImage.
        /// </summary>
        public static readonly string[] FactColumns =
        {
            ContactColumns.LifecycleStage, ContactColumns.Octant, ContactColumns.StageChangedOn, ContactColumns.NextEvaluationOn,
            ContactColumns.PurchaseLedger, ContactColumns.TouchLedger, ContactColumns.DormancyReason,
            ContactColumns.Satisfaction, ContactColumns.LastMissedAppointmentOn, ContactColumns.RemainingSessions, ContactColumns.PrepaidBalance,
            ContactColumns.Tier, ContactColumns.CustomerColour, ContactColumns.FunnelStep, ContactColumns.FunnelStepOn,
            ContactColumns.CreditLimit, ContactColumns.InterestRate, ContactColumns.Birthdate, ContactColumns.MemberSince,
            ContactColumns.DoNotPhone, ContactColumns.DoNotEmail, ContactColumns.DoNotBulkEmail,
            ContactColumns.DoNotSms, ContactColumns.DoNotWeChat, ContactColumns.DoNotWeCom, ContactColumns.DoNotPush,
            ContactColumns.OpenAttempt, ContactColumns.AttemptStartedOn, ContactColumns.AttemptStep, ContactColumns.AttemptDeadline,
            ContactColumns.AttemptFollowUps, ContactColumns.AttemptPurpose, ContactColumns.AttemptRespondedOn, ContactColumns.FollowUpDueOn,
            ContactColumns.OutreachDueOn, ContactColumns.OutreachSignalledOn,
        };

        /// <summary>The row as it will be after the operation: the pre-image's columns, overwritten by the Target's.</summary>
        public static Entity Merge(Entity target, Entity? preImage)
        {
            var merged = new Entity(target.LogicalName, target.Id);
            if (preImage is not null)
            {
                foreach (var attribute in preImage.Attributes) merged[attribute.Key] = attribute.Value;
            }

            foreach (var attribute in target.Attributes) merged[attribute.Key] = attribute.Value;
            return merged;
        }

        /// <exception cref="LedgerFormatException">A ledger column does not hold a ledger the product wrote.</exception>
        public static CustomerRecord Read(Entity contact, DateTime utcNow, FixedOffsetZone organisation)
        {
            var stage = Stage(contact);
            var input = new CustomerFactsInput
            {
                UtcNow = utcNow,
                OrganisationTimeZone = organisation.Zone,
                Stage = stage?.ToString() ?? "Prospect",
                StageSinceUtc = contact.GetAttributeValue<DateTime?>(ContactColumns.StageChangedOn),
                DormancyReason = ContactColumns.Reasons.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.DormancyReason), out var reason) ? reason : "Unknown",
                Satisfaction = contact.GetAttributeValue<int?>(ContactColumns.Satisfaction),
                MissedAppointmentUtc = contact.GetAttributeValue<DateTime?>(ContactColumns.LastMissedAppointmentOn),
                RemainingSessions = contact.GetAttributeValue<int?>(ContactColumns.RemainingSessions) ?? 0,
                PrepaidBalance = contact.GetAttributeValue<Money>(ContactColumns.PrepaidBalance)?.Value ?? 0m,
                Tier = contact.GetAttributeValue<string>(ContactColumns.Tier) ?? "Standard",
                Colour = ContactColumns.Colours.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.CustomerColour), out var colour) ? colour : "",
                FunnelStep = contact.GetAttributeValue<string>(ContactColumns.FunnelStep) ?? "",
                FunnelStepSinceUtc = contact.GetAttributeValue<DateTime?>(ContactColumns.FunnelStepOn),
                CreditLimit = contact.GetAttributeValue<Money>(ContactColumns.CreditLimit)?.Value,
                InterestRatePercent = contact.GetAttributeValue<decimal?>(ContactColumns.InterestRate),
                // The platform's do-not flags and ours: true means "do not", so consent is the negation.
                ConsentPhone = !contact.GetAttributeValue<bool>(ContactColumns.DoNotPhone),
                ConsentEmail = !contact.GetAttributeValue<bool>(ContactColumns.DoNotEmail) && !contact.GetAttributeValue<bool>(ContactColumns.DoNotBulkEmail),
                ConsentSms = !contact.GetAttributeValue<bool>(ContactColumns.DoNotSms),
                ConsentWeChat = !contact.GetAttributeValue<bool>(ContactColumns.DoNotWeChat),
                ConsentWeCom = !contact.GetAttributeValue<bool>(ContactColumns.DoNotWeCom),
                ConsentPush = !contact.GetAttributeValue<bool>(ContactColumns.DoNotPush),
                Birthday = contact.GetAttributeValue<DateTime?>(ContactColumns.Birthdate),
                MemberSince = contact.GetAttributeValue<DateTime?>(ContactColumns.MemberSince),
            };

            foreach (var purchase in PurchaseLedger.ReadStored(contact.GetAttributeValue<string>(ContactColumns.PurchaseLedger), ContactColumns.PurchaseLedger).ToPurchases(organisation.Zone)) input.Purchases.Add(purchase);
            var touches = TouchLedger.ReadStored(contact.GetAttributeValue<string>(ContactColumns.TouchLedger), ContactColumns.TouchLedger);
            foreach (var touch in touches.Touches) input.Touches.Add(touch);

            return new CustomerRecord(contact.Id, input, touches, organisation)
            {
                Customer = organisation.ForCustomer(contact.GetAttributeValue<int?>(ContactColumns.UtcOffset)),
                Stage = stage,
                Octant = ContactColumns.Octants.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.Octant), out var octant) ? octant : "",
                NextEvaluationOn = contact.GetAttributeValue<DateTime?>(ContactColumns.NextEvaluationOn),
                OpenAttempt = AttemptRows.OpenOn(contact),
                ResponseRecordedOn = contact.GetAttributeValue<DateTime?>(ContactColumns.AttemptRespondedOn),
                DeadlineSignalledOn = contact.GetAttributeValue<DateTime?>(ContactColumns.FollowUpDueOn),
                OutreachDue = new OutreachDue(contact.GetAttributeValue<DateTime?>(ContactColumns.OutreachDueOn), contact.GetAttributeValue<DateTime?>(ContactColumns.OutreachSignalledOn)),
                Language = ContactColumns.Languages.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.PreferredLanguage), out var language) ? language : "en",
            };
        }

        /// <summary>The stage the row holds; null when none or not one the product knows.</summary>
        public static LifecycleStage? Stage(Entity contact) =>
            ContactColumns.Stages.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage), out var stage) ? stage : (LifecycleStage?)null;

        /// <summary>
        /// Writes what the verdict changes into <paramref name="row"/>: the stage and since when, the octant, the next evaluation, the
        /// outreach due, and the daily evaluation's signals to the outreach step (the instant of the run).
        /// </summary>
        public static void StampLifecycle(Entity row, ContactDecision decision, DateTime utcNow)
        {
            if (decision.OutreachDueChanged) row[ContactColumns.OutreachDueOn] = decision.OutreachDue.DueOn;
            if (decision.SignalsDeadline) row[ContactColumns.FollowUpDueOn] = utcNow;
            if (decision.SignalsOutreachDue) row[ContactColumns.OutreachSignalledOn] = utcNow;

            if (decision.NewStage is { } stage)
            {
                row[ContactColumns.LifecycleStage] = ContactColumns.Stages.Option(stage);
                row[ContactColumns.StageChangedOn] = utcNow;
            }

            if (decision.OctantChanged)
            {
                row[ContactColumns.Octant] = decision.Octant.Length == 0 ? null : ContactColumns.Octants.Option(decision.Octant);
            }

            if (decision.NextEvaluationChanged)
            {
                row[ContactColumns.NextEvaluationOn] = decision.NextEvaluationOn;
            }
        }
    }
}
