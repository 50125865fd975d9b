using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Responses
{
    /// <summary>What a customer's response does, whichever way it came in (a reply to a message, a rep's call or task).</summary>
    public enum ResponseKind
    {
        /// <summary>The customer answered: the attempt counts as responded; at Activate the wake step follows.</summary>
        Responded,
        /// <summary>The customer said they are not interested: the attempt closes Declined.</summary>
        Declined,
        /// <summary>The customer opted out of the channel: its consent flag is set and the attempt closes OptedOut.</summary>
        OptedOut,
        /// <summary>Nobody was reached (a wrong number): the attempt records it and waits for its deadline.</summary>
        NotReached,
    }

    /// <summary>
    /// Records a response on the contact and on the attempt, with at most one Update each and no reads:
    /// <list type="bullet">
    /// <item>the contact first — rx_attemptrespondedon (the outreach step's wake trigger), the channel's do-not
    /// flag on an opt-out, and, when the attempt closes, no open attempt any more;</item>
    /// <item>then the attempt — rx_lastresponse (its PreOperation step appends the line to rx_steps),
    /// rx_respondedon, and the closing outcome. It comes last so that its outcome is the last word.</item>
    /// </list>
    /// </summary>
    public static class ResponseRecorder
    {
        public static void Record(PluginContext context, EntityReference? regarding, EntityReference? attempt, DateTime utcNow, ResponseKind kind, string word, string channel)
        {
            var service = context.SystemService;
            var closing = kind == ResponseKind.Declined ? AttemptColumns.Declined : kind == ResponseKind.OptedOut ? AttemptColumns.OptedOut : (int?)null;
            if (regarding is not null && regarding.LogicalName == ContactColumns.Table && kind != ResponseKind.NotReached)
            {
                var contact = new Entity(ContactColumns.Table, regarding.Id) { [ContactColumns.AttemptRespondedOn] = utcNow };
                var consent = kind == ResponseKind.OptedOut ? ResponseColumns.DoNotColumn(channel) : null;
                if (consent is not null) contact[consent] = true;
                if (closing.HasValue && attempt is not null) OpenAttemptState.Clear(contact);
                service.Update(contact);
                context.Trace.Write($"{TraceValue.Name(word)} on {TraceValue.Name(channel)} recorded on {TraceValue.Reference(regarding)}{TraceValue.Name(consent is null ? "" : ", " + consent + " set")}");
            }
            else if (kind == ResponseKind.OptedOut)
            {
                context.Trace.Write($"Opt-out on {TraceValue.Name(channel)} not recorded as consent: the activity is not about a contact");
            }

            if (attempt is null)
            {
                context.Trace.Write($"No response recorded on an attempt: the activity belongs to none");
                return;
            }

            var update = new Entity(AttemptColumns.Table, attempt.Id) { [ResponseColumns.LastResponse] = ResponseColumns.StepLine(utcNow, word, channel) };
            if (kind != ResponseKind.NotReached) update[ResponseColumns.RespondedOn] = utcNow;
            if (closing.HasValue) update[AttemptColumns.Outcome] = new OptionSetValue(closing.Value);
            service.Update(update);
            context.Trace.Write($"{TraceValue.Name(word)} on {TraceValue.Name(channel)} recorded on {TraceValue.Reference(attempt)}{TraceValue.Name(closing.HasValue ? ", closed " + kind : "")}");
        }
    }
}
