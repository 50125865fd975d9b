using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Responses
{
    /// <summary>
    /// task and phonecall Update, PostOperation, synchronous, filtering on statecode and rx_responseoutcome: when a
    /// rep completes the call or task with a response outcome (or changes the outcome of a completed one), the
    /// response moves its attempt (rx_attemptid) through <see cref="ResponseRecorder"/>:
    /// Reached and Interested count as a response (at Activate the outreach step then makes the wake offer);
    /// Not Interested closes the attempt Declined; Wrong Number is recorded and the attempt waits for its
    /// deadline; Opted Out sets donotphone (a phone call; a task has no channel of its own) and closes it OptedOut.
    /// <para>
    /// Images only, at most one Update of the contact and one of the attempt. A replayed event (state and
    /// outcome as in the pre-image) and a completion without an outcome make no request.
    /// </para>
    /// </summary>
    public sealed class ActivityResponsePlugin : PluginBase
    {
        public const string PreImageAlias = "PreImage";
        public const string PostImageAlias = "PostImage";

        /// <summary>statecode of a completed task or phone call.</summary>
        private const int Completed = 1;

        public ActivityResponsePlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var pre = context.GetPreImage(PreImageAlias);
            var post = context.GetPostImage(PostImageAlias);
            var activity = new EntityReference(context.PrimaryEntityName, context.Execution.PrimaryEntityId);
            var outcome = post.GetAttributeValue<OptionSetValue>(ResponseColumns.ResponseOutcome)?.Value;
            if (post.GetAttributeValue<OptionSetValue>("statecode")?.Value != Completed || outcome is null)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(activity)} is not completed with a response outcome");
                return;
            }

            if (pre.GetAttributeValue<OptionSetValue>("statecode")?.Value == Completed && pre.GetAttributeValue<OptionSetValue>(ResponseColumns.ResponseOutcome)?.Value == outcome)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(activity)} was already completed with this outcome (a replayed event)");
                return;
            }

            var kind = ResponseColumns.KindOf(outcome.Value, out var word);
            var channel = context.PrimaryEntityName == "phonecall" ? ContactChannels.Phone : ContactChannels.Task;
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            ResponseRecorder.Record(context, post.GetAttributeValue<EntityReference>(ResponseColumns.Regarding), post.GetAttributeValue<EntityReference>(ResponseColumns.AttemptId), utcNow, kind, word, channel);
        }
    }
}
