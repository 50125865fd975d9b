using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;

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
        public const string PreImageAlias = "PreImage";
        public const string PostImageAlias = "PostImage";
        public const int StatusReplied = ContactColumns.ChoiceBase + 2;

        public MessageReplyPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var pre = context.GetPreImage(PreImageAlias);
            var post = context.GetPostImage(PostImageAlias);
            var message = new EntityReference(context.PrimaryEntityName, context.Execution.PrimaryEntityId);

            if (post.GetAttributeValue<OptionSetValue>(ResponseColumns.MessageStatus)?.Value != StatusReplied)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(message)} is not Replied");
                return;
            }

            var wasReplied = pre.GetAttributeValue<OptionSetValue>(ResponseColumns.MessageStatus)?.Value == StatusReplied;
            var outcome = post.GetAttributeValue<OptionSetValue>(ResponseColumns.ResponseOutcome)?.Value;
            if (wasReplied && pre.GetAttributeValue<OptionSetValue>(ResponseColumns.ResponseOutcome)?.Value == outcome)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(message)} was already Replied with the same outcome (a replayed event)");
                return;
            }

            var channel = ResponseColumns.ChannelName(post.GetAttributeValue<OptionSetValue>(ResponseColumns.Channel));
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            // A reply is a response whatever else the outcome says, unless it declines or opts out.
            var word = "Replied";
            var kind = ResponseKind.Responded;
            if (outcome.HasValue && ResponseColumns.KindOf(outcome.Value, out var outcomeWord) is var decided && (decided == ResponseKind.Declined || decided == ResponseKind.OptedOut))
            {
                kind = decided;
                word = outcomeWord;
            }

            ResponseRecorder.Record(context, post.GetAttributeValue<EntityReference>(ResponseColumns.Regarding), post.GetAttributeValue<EntityReference>(ResponseColumns.AttemptId), utcNow, kind, word, channel);
        }
    }
}
