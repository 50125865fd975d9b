using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Facts;
using Reactivation.Core.Measurement;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Reporting
{
    /// <summary>An attempt row as Core's report reads it: rx_ReactivationReport and `reactivation simulate` measure the same columns the same way.</summary>
    public static class AttemptReportRows
    {
        public static readonly string[] Columns =
        {
            AttemptColumns.Contact, AttemptColumns.StageAtStart, AttemptColumns.StageEnteredOn, AttemptColumns.Offer, AttemptColumns.ReasonAtStart,
            AttemptColumns.Outcome, AttemptColumns.StartedOn, AttemptColumns.AttributionUntil, AttemptColumns.FirstPurchaseInWindowOn,
            AttemptColumns.RevenueInWindow, AttemptColumns.Attribution,
        };

        /// <param name="zone">The organisation's zone: the default window of an attempt written before its window was stored.</param>
        public static ReportAttempt Attempt(Entity row, FixedOffsetZone zone)
        {
            var started = row.GetAttributeValue<DateTime>(AttemptColumns.StartedOn);
            var stage = ContactColumns.Stages.TryName(row.GetAttributeValue<OptionSetValue>(AttemptColumns.StageAtStart), out var known) ? known.ToString() : "Unknown";
            var reason = ContactColumns.Reasons.TryName(row.GetAttributeValue<OptionSetValue>(AttemptColumns.ReasonAtStart), out var stated) ? stated : "Unknown";
            var attribution = AttemptColumns.Attributions.TryName(row.GetAttributeValue<OptionSetValue>(AttemptColumns.Attribution), out var claim) ? claim : (AttemptAttribution?)null;
            return new ReportAttempt(
                row.Id,
                row.GetAttributeValue<EntityReference>(AttemptColumns.Contact).Id,
                stage,
                row.GetAttributeValue<DateTime?>(AttemptColumns.StageEnteredOn),
                row.GetAttributeValue<string>(AttemptColumns.Offer) ?? "(none)",
                reason,
                row.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome)?.Value == AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Holdout),
                started,
                row.GetAttributeValue<DateTime?>(AttemptColumns.AttributionUntil) ?? AttributionRules.WindowEnd(started, AttributionRules.DefaultWindowDays, zone),
                row.GetAttributeValue<DateTime?>(AttemptColumns.FirstPurchaseInWindowOn),
                row.GetAttributeValue<Money>(AttemptColumns.RevenueInWindow)?.Value ?? 0m,
                attribution);
        }
    }
}
