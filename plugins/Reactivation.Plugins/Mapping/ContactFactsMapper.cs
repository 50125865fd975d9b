using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;

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
            ContactColumns.CreditLimit, ContactColumns.InterestRate, "birthdate",
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
                DormancyReason = Choice(contact.GetAttributeValue<OptionSetValue>(ContactColumns.DormancyReason), ContactColumns.DormancyReasons) ?? "Unknown",
                Satisfaction = contact.GetAttributeValue<int?>(ContactColumns.Satisfaction),
                RemainingSessions = contact.GetAttributeValue<int?>(ContactColumns.RemainingSessions) ?? 0,
                PrepaidBalance = contact.GetAttributeValue<Money>(ContactColumns.PrepaidBalance)?.Value ?? 0m,
                Tier = contact.GetAttributeValue<string>(ContactColumns.Tier) ?? "Standard",
                FunnelStep = contact.GetAttributeValue<string>(ContactColumns.FunnelStep) ?? "",
                FunnelStepSinceUtc = contact.GetAttributeValue<DateTime?>(ContactColumns.FunnelStepOn),
                CreditLimit = contact.GetAttributeValue<Money>(ContactColumns.CreditLimit)?.Value,
                InterestRatePercent = contact.GetAttributeValue<decimal?>(ContactColumns.InterestRate),
                // The platform's do-not flags and ours: true means "do not", so consent is the negation.
                ConsentPhone = !contact.GetAttributeValue<bool>("donotphone"),
                ConsentEmail = !contact.GetAttributeValue<bool>("donotemail") && !contact.GetAttributeValue<bool>("donotbulkemail"),
                ConsentSms = !contact.GetAttributeValue<bool>(ContactColumns.DoNotSms),
                ConsentWeChat = !contact.GetAttributeValue<bool>(ContactColumns.DoNotWeChat),
                ConsentWeCom = !contact.GetAttributeValue<bool>(ContactColumns.DoNotWeCom),
                ConsentPush = !contact.GetAttributeValue<bool>(ContactColumns.DoNotPush),
                Birthday = contact.GetAttributeValue<DateTime?>("birthdate"),
                InCampaign = contact.GetAttributeValue<bool>(ContactColumns.InCampaign),
            };

            var attempt = OpenAttemptState.Of(contact);
            if (attempt.IsOpen)
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

        public static OptionSetValue StageValue(LifecycleStage stage) => new OptionSetValue(ContactColumns.ChoiceBase + (int)stage);

        public static string? StageName(OptionSetValue? value)
        {
            if (value is null) return null;
            var index = value.Value - ContactColumns.ChoiceBase;
            return Enum.IsDefined(typeof(LifecycleStage), index) ? ((LifecycleStage)index).ToString() : null;
        }

        private static string? Choice(OptionSetValue? value, string[] names)
        {
            if (value is null) return null;
            var index = value.Value - ContactColumns.ChoiceBase;
            return index >= 0 && index < names.Length ? names[index] : null;
        }
    }
}
