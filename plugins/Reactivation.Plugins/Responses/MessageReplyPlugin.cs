using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Responses
{
    /// <summary>
    /// rx_outreachmessage Update, PostOperation, synchronous, filtering on rx_messagestatus and
    /// rx_responseoutcome: when the status becomes Replied (pre-image another status, post-image Replied), the
    /// message's attempt records the response with one Update — <c>rx_lastresponse</c> = the step line
    /// <c>&lt;instant&gt; Replied &lt;channel&gt;</c> and <c>rx_respondedon</c>. The attempt's own PreOperation step
    /// (<see cref="AttemptResponsePlugin"/>) appends that line to rx_steps from its pre-image, so neither step reads.
    /// <para>
    /// A reply whose rx_responseoutcome is (or becomes) Opted Out first sets the contact's consent flag for the
    /// message's channel (one Update of the contact), then closes the attempt as OptedOut with the line
    /// <c>&lt;instant&gt; OptedOut &lt;channel&gt;</c>. The contact comes first: its consent change runs the outreach
    /// step, and the attempt's OptedOut must be the last word.
    /// </para>
    /// <para>
    /// Loop-free: the attempt's step writes nothing; the contact Update sets a do-not flag only. A replayed
    /// event (nothing changed between pre- and post-image) makes no request.
    /// </para>
    /// </summary>
    public sealed class MessageReplyPlugin : PluginBase
    {
        public const string PreImageAlias = "PreImage";
        public const string PostImageAlias = "PostImage";
        public const int StatusReplied = ContactColumns.ChoiceBase + 2;
        public const int ResponseOptedOut = ContactColumns.ChoiceBase + 4;

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
            var optedOut = post.GetAttributeValue<OptionSetValue>(ResponseColumns.ResponseOutcome)?.Value == ResponseOptedOut;
            var wasOptedOut = wasReplied && pre.GetAttributeValue<OptionSetValue>(ResponseColumns.ResponseOutcome)?.Value == ResponseOptedOut;
            if (wasReplied && (!optedOut || wasOptedOut))
            {
                context.Trace.Write($"No response: {TraceValue.Reference(message)} was already Replied with the same outcome (a replayed event)");
                return;
            }

            var attempt = post.GetAttributeValue<EntityReference>(ResponseColumns.AttemptId);
            var channel = ResponseColumns.ChannelName(post.GetAttributeValue<OptionSetValue>(ResponseColumns.Channel));
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var service = context.SystemService;

            if (optedOut)
            {
                var contact = post.GetAttributeValue<EntityReference>(ResponseColumns.Regarding);
                var consent = ResponseColumns.DoNotColumn(channel);
                if (contact is not null && contact.LogicalName == "contact" && consent is not null)
                {
                    service.Update(new Entity("contact", contact.Id) { [consent] = true });
                    context.Trace.Write($"Opt-out on {TraceValue.Name(channel)}: {TraceValue.Name(consent)} set on {TraceValue.Reference(contact)}");
                }
                else
                {
                    context.Trace.Write($"Opt-out on {TraceValue.Name(channel)} not recorded as consent: the message is not about a contact or the channel has no consent column");
                }
            }

            if (attempt is null)
            {
                context.Trace.Write($"No response recorded: {TraceValue.Reference(message)} belongs to no attempt");
                return;
            }

            var update = new Entity(ResponseColumns.AttemptTable, attempt.Id)
            {
                [ResponseColumns.LastResponse] = ResponseColumns.StepLine(utcNow, optedOut ? "OptedOut" : "Replied", channel),
                [ResponseColumns.RespondedOn] = utcNow,
            };
            if (optedOut) update[ResponseColumns.Outcome] = new OptionSetValue(AttemptColumns.OptedOut);
            service.Update(update);
            context.Trace.Write($"Reply on {TraceValue.Name(channel)} to {TraceValue.Reference(message)} recorded on {TraceValue.Reference(new EntityReference(ResponseColumns.AttemptTable, attempt.Id))}, opted out {optedOut}");
        }
    }
}
