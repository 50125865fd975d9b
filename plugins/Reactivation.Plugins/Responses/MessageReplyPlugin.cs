using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Responses
{
    /// <summary>
    /// rx_outreachmessage Update, PostOperation, synchronous, filtering on rx_messagestatus: when the status
    /// becomes Replied (pre-image another status, post-image Replied), the message's attempt records the
    /// response with one Update — <c>rx_lastresponse</c> = the step line <c>&lt;instant&gt; Replied &lt;channel&gt;</c>
    /// and <c>rx_respondedon</c>. The attempt's own PreOperation step (<see cref="AttemptResponsePlugin"/>)
    /// appends that line to rx_steps from its pre-image, so neither step reads anything.
    /// <para>
    /// Loop-free: the Update touches the attempt only, whose step filters on rx_lastresponse and writes nothing.
    /// A replayed event (the status already Replied in the pre-image) makes no request.
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

            if (pre.GetAttributeValue<OptionSetValue>(ResponseColumns.MessageStatus)?.Value == StatusReplied)
            {
                context.Trace.Write($"No response: {TraceValue.Reference(message)} was already Replied (a replayed event)");
                return;
            }

            var attempt = post.GetAttributeValue<EntityReference>(ResponseColumns.AttemptId);
            if (attempt is null)
            {
                context.Trace.Write($"No response recorded: {TraceValue.Reference(message)} belongs to no attempt");
                return;
            }

            var channel = ResponseColumns.ChannelName(post.GetAttributeValue<OptionSetValue>(ResponseColumns.Channel));
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var line = ResponseColumns.StepLine(utcNow, "Replied", channel);

            context.SystemService.Update(new Entity(ResponseColumns.AttemptTable, attempt.Id)
            {
                [ResponseColumns.LastResponse] = line,
                [ResponseColumns.RespondedOn] = utcNow,
            });
            context.Trace.Write($"Reply on {TraceValue.Name(channel)} to {TraceValue.Reference(message)} recorded on {TraceValue.Reference(new EntityReference(ResponseColumns.AttemptTable, attempt.Id))}");
        }
    }
}
