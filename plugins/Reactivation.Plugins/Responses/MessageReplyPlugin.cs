using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Responses
{
    /// <summary>
    /// rx_outreachmessage Update, PostOperation, synchronous, filtering on rx_messagestatus and
    /// rx_responseoutcome: when the status becomes Replied (pre-image another status, post-image Replied), or the
    /// outcome of a replied message changes, the reply moves the message's attempt through
    /// <see cref="ResponseRecorder"/>: the contact's rx_attemptrespondedon (at Activate the outreach step makes the
    /// wake offer), then the attempt's <c>rx_lastresponse</c> = <c>&lt;instant&gt; Replied &lt;channel&gt;</c> and
    /// <c>rx_respondedon</c> (its PreOperation step <see cref="AttemptResponsePlugin"/> appends the line to rx_steps).
    /// A reply whose rx_responseoutcome is Opted Out also sets the contact's consent flag for the channel and closes
    /// the attempt OptedOut; Not Interested closes it Declined.
    /// <para>
    /// Images only: at most one Update of the contact and one of the attempt. A replayed event (status and
    /// outcome as in the pre-image) makes no request.
    /// </para>
    /// </summary>
    public sealed class MessageReplyPlugin : PluginBase
    {
        public MessageReplyPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var pre = context.GetPreImage(StepImages.Pre);
            var post = context.GetPostImage(StepImages.Post);
            var message = new EntityReference(context.PrimaryEntityName, context.Execution.PrimaryEntityId);
            var replied = MessageColumns.Statuses.ValueOf(MessageStatus.Replied);
            if (post.GetAttributeValue<OptionSetValue>(MessageColumns.Status)?.Value != replied)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(message)} is not Replied");
                return;
            }

            var wasReplied = pre.GetAttributeValue<OptionSetValue>(MessageColumns.Status)?.Value == replied;
            var outcome = post.GetAttributeValue<OptionSetValue>(MessageColumns.ResponseOutcome);
            if (wasReplied && pre.GetAttributeValue<OptionSetValue>(MessageColumns.ResponseOutcome)?.Value == outcome?.Value)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(message)} was already Replied with the same outcome (a replayed event)");
                return;
            }

            var channel = MessageColumns.Channels.TryName(post.GetAttributeValue<OptionSetValue>(MessageColumns.Channel), out var name) ? name : "Unknown";
            var response = AttemptResponse.FromReply(ActivityColumns.ResponseOutcomes.TryName(outcome, out var stated) ? stated : (ResponseOutcome?)null);
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            ResponseRecorder.Record(context, post.GetAttributeValue<EntityReference>(MessageColumns.Regarding), post.GetAttributeValue<EntityReference>(MessageColumns.Attempt), utcNow, response, channel);
        }
    }
}
