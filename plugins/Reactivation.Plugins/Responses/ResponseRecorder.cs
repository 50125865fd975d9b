using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Responses
{
    /// <summary>
    /// Records a response on the contact and on the attempt, with at most one Update each:
    /// <list type="bullet">
    /// <item>the contact first — the channel's do-not flag on an opt-out and the reason the customer gave (when the
    /// rep recorded one with an answer: a wrong number's is not the customer's), which are the customer's whatever
    /// the activity belongs to; and, when the activity belongs to the attempt the contact carries,
    /// rx_attemptrespondedon (the outreach step's wake trigger) and, when the attempt closes, no open attempt any more.
    /// The contact's open attempt is read (one Retrieve) only for an activity of an attempt: a rep may complete an old
    /// attempt's call after a newer attempt replaced it, and that answer is not the newer attempt's;</item>
    /// <item>then the attempt — rx_lastresponse (its PreOperation step appends the line to rx_steps),
    /// rx_respondedon, and the closing outcome. It comes last so that its outcome is the last word.</item>
    /// </list>
    /// </summary>
    public static class ResponseRecorder
    {
        public static void Record(PluginContext context, EntityReference? regarding, EntityReference? attempt, DateTime utcNow, AttemptResponse response, string channel, OptionSetValue? reasonGiven = null)
        {
            var service = context.SystemService;
            var closes = response.Closes;
            if (regarding is not null && regarding.LogicalName == ContactColumns.Table && response.Answers)
            {
                var contact = new Entity(ContactColumns.Table, regarding.Id);
                var current = attempt is null || CarriedBy(service, regarding, attempt);
                if (current)
                {
                    contact[ContactColumns.AttemptRespondedOn] = utcNow;
                    if (closes.HasValue && attempt is not null) AttemptRows.Clear(contact);
                }

                if (reasonGiven is not null) contact[ContactColumns.DormancyReason] = reasonGiven;
                var consent = response.OptsOut ? ContactColumns.DoNotColumn(channel) : null;
                if (consent is not null) contact[consent] = true;
                if (contact.Attributes.Count > 0) service.Update(contact);
                context.Trace.Write($"{TraceValue.Name(response.Word)} on {TraceValue.Name(channel)} recorded on {TraceValue.Reference(regarding)}{TraceValue.Name(consent is null ? "" : ", " + consent + " set")}{TraceValue.Name(reasonGiven is null ? "" : ", reason " + (ContactColumns.Reasons.TryName(reasonGiven, out var reason) ? reason : reasonGiven.Value.ToString(CultureInfo.InvariantCulture)) + " copied")}{TraceValue.Name(current ? "" : "; the contact carries another attempt now, which keeps its state")}");
            }
            else if (response.OptsOut)
            {
                context.Trace.Write($"Opt-out on {TraceValue.Name(channel)} not recorded as consent: the activity is not about a contact");
            }

            if (attempt is null)
            {
                context.Trace.Write($"No response recorded on an attempt: the activity belongs to none");
                return;
            }

            var update = new Entity(AttemptColumns.Table, attempt.Id) { [AttemptColumns.LastResponse] = StepLines.Line(utcNow, response.Word, channel) };
            if (response.Answers) update[AttemptColumns.RespondedOn] = utcNow;
            if (closes.HasValue) update[AttemptColumns.Outcome] = AttemptColumns.Outcomes.Option(closes.Value);
            service.Update(update);
            context.Trace.Write($"{TraceValue.Name(response.Word)} on {TraceValue.Name(channel)} recorded on {TraceValue.Reference(attempt)}{TraceValue.Name(closes.HasValue ? ", closed " + response.Kind : "")}");
        }

        /// <summary>Whether the contact still carries <paramref name="attempt"/> as its open attempt.</summary>
        private static bool CarriedBy(IOrganizationService service, EntityReference contact, EntityReference attempt) =>
            service.Retrieve(ContactColumns.Table, contact.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet(ContactColumns.OpenAttempt))
                .GetAttributeValue<EntityReference>(ContactColumns.OpenAttempt)?.Id == attempt.Id;
    }
}
