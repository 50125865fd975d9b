using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Responses
{
    /// <summary>
    /// task and phonecall Update, PostOperation, synchronous, filtering on statecode and rx_responseoutcome: when a
    /// rep completes the call or task with a response outcome (or changes the outcome of a completed one), the
    /// response moves its attempt (rx_attemptid) through <see cref="ResponseRecorder"/>:
    /// Reached and Interested count as a response (at Activate the outreach step then makes the wake offer);
    /// Not Interested closes the attempt Declined; Wrong Number is recorded and the attempt waits for its
    /// deadline; Opted Out sets donotphone (a phone call; a task has no channel of its own) and closes it OptedOut.
    /// The reason the customer gave (rx_dormancyreason on the call or task) is copied to the contact in the same
    /// Update, so the customer's next offers are chosen by it.
    /// <para>
    /// Images only, at most one Update of the contact and one of the attempt. A replayed event (state and
    /// outcome as in the pre-image) and a completion without an outcome make no request.
    /// </para>
    /// </summary>
    public sealed class ActivityResponsePlugin : PluginBase
    {
        public ActivityResponsePlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var pre = context.GetPreImage(StepImages.Pre);
            var post = context.GetPostImage(StepImages.Post);
            var activity = new EntityReference(context.PrimaryEntityName, context.Execution.PrimaryEntityId);
            var outcome = post.GetAttributeValue<OptionSetValue>(ActivityColumns.ResponseOutcome);
            if (post.GetAttributeValue<OptionSetValue>(ActivityColumns.State)?.Value != ActivityColumns.Completed || outcome is null)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(activity)} is not completed with a response outcome");
                return;
            }

            if (pre.GetAttributeValue<OptionSetValue>(ActivityColumns.State)?.Value == ActivityColumns.Completed && pre.GetAttributeValue<OptionSetValue>(ActivityColumns.ResponseOutcome)?.Value == outcome.Value)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(activity)} was already completed with this outcome (a replayed event)");
                return;
            }

            var response = AttemptResponse.FromActivity(ActivityColumns.ResponseOutcomes.TryName(outcome, out var stated) ? stated : (ResponseOutcome?)null);
            var channel = context.PrimaryEntityName == ActivityColumns.PhoneCallTable ? ContactChannels.Phone : ContactChannels.Task;
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var reasonGiven = post.GetAttributeValue<OptionSetValue>(ActivityColumns.DormancyReason);
            ResponseRecorder.Record(context, post.GetAttributeValue<EntityReference>(ActivityColumns.Regarding), post.GetAttributeValue<EntityReference>(ActivityColumns.Attempt), utcNow, response, channel, reasonGiven);
        }
    }
}
