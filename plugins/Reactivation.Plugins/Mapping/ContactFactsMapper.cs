using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Mapping
{
    /// <summary>
    /// Contact row → Core's facts input. Reads only the row it is given (the Target laid over the
    /// pre-image), so building facts costs no organisation-service request.
    /// </summary>
    public static class ContactFactsMapper
    {
        /// <summary>
        /// Exactly the columns <see cref="ToInput"/> reads, plus rx_nextevaluationon (to tell whether it changes):
        /// what a query must fetch to decide a contact's lifecycle without a second read. Keep in step with the
        /// lifecycle Update step's PreImage.
        /// </summary>
        public static readonly string[] FactColumns =
        {
            ContactColumns.LifecycleStage, ContactColumns.StageChangedOn, ContactColumns.NextEvaluationOn,
            ContactColumns.PurchaseLedger, ContactColumns.TouchLedger, ContactColumns.DormancyReason,
            ContactColumns.Satisfaction, ContactColumns.RemainingSessions, ContactColumns.PrepaidBalance,
            ContactColumns.Tier, ContactColumns.FunnelStep, ContactColumns.FunnelStepOn,
            ContactColumns.CreditLimit, ContactColumns.InterestRate, ContactColumns.Birthdate,
            ContactColumns.DoNotPhone, ContactColumns.DoNotEmail, ContactColumns.DoNotBulkEmail,
            ContactColumns.DoNotSms, ContactColumns.DoNotWeChat, ContactColumns.DoNotWeCom, ContactColumns.DoNotPush,
            ContactColumns.OpenAttempt, ContactColumns.AttemptStartedOn, ContactColumns.AttemptStep, ContactColumns.AttemptDeadline,
            ContactColumns.AttemptRespondedOn, ContactColumns.FollowUpDueOn, ContactColumns.InCampaign,
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
        public static CustomerFactsInput ToInput(Entity contact, DateTime utcNow, TimeZoneInfo organisationZone)
        {
            var input = new CustomerFactsInput
            {
                UtcNow = utcNow,
                OrganisationTimeZone = organisationZone,
                Stage = StageName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage)) ?? "Prospect",
                StageSinceUtc = contact.GetAttributeValue<DateTime?>(ContactColumns.StageChangedOn),
                DormancyReason = ContactColumns.Reasons.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.DormancyReason), out var reason) ? reason : "Unknown",
                Satisfaction = contact.GetAttributeValue<int?>(ContactColumns.Satisfaction),
                RemainingSessions = contact.GetAttributeValue<int?>(ContactColumns.RemainingSessions) ?? 0,
                PrepaidBalance = contact.GetAttributeValue<Money>(ContactColumns.PrepaidBalance)?.Value ?? 0m,
                Tier = contact.GetAttributeValue<string>(ContactColumns.Tier) ?? "Standard",
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
                InCampaign = contact.GetAttributeValue<bool>(ContactColumns.InCampaign),
            };

            if (AttemptRows.OpenOn(contact) is { } attempt)
            {
                input.HasOpenAttempt = true;
                input.AttemptStartedUtc = attempt.StartedOn;
                input.AttemptStep = attempt.Step?.ToString() ?? "";
                input.Responded = attempt.Responded;
            }

            foreach (var purchase in PurchaseLedger.ReadStored(contact.GetAttributeValue<string>(ContactColumns.PurchaseLedger), ContactColumns.PurchaseLedger).ToPurchases(organisationZone)) input.Purchases.Add(purchase);
            foreach (var touch in TouchLedger.ReadStored(contact.GetAttributeValue<string>(ContactColumns.TouchLedger), ContactColumns.TouchLedger).Touches) input.Touches.Add(touch);
            return input;
        }

        public static OptionSetValue StageValue(LifecycleStage stage) => ContactColumns.Stages.Option(stage);

        public static string? StageName(OptionSetValue? value) => ContactColumns.Stages.TryName(value, out var stage) ? stage.ToString() : null;
    }
}
