using Reactivation.Core.Decisions;

namespace Reactivation.Plugins.Schema
{
    /// <summary>The rx_outreachmessage columns (solution/Entities/rx_OutreachMessage) and their choices.</summary>
    public static class MessageColumns
    {
        public const string Table = "rx_outreachmessage";
        public const string Id = "activityid";
        /// <summary>The alternate key: the action's key (Core's OutreachKeys.Action).</summary>
        public const string Key = "rx_key";
        public const string Subject = "subject";
        public const string RenderedText = "rx_renderedtext";
        public const string Template = "rx_template";
        public const string Channel = "rx_channel";
        public const string SendAfter = "rx_sendafter";
        public const string Status = "rx_messagestatus";
        public const string Priority = "prioritycode";
        public const string Regarding = "regardingobjectid";
        public const string Owner = "ownerid";
        public const string Attempt = "rx_attemptid";
        public const string ResponseOutcome = "rx_responseoutcome";

        public const int SubjectMaxLength = 200;
        public const int RenderedTextMaxLength = 4000;
        public const int TemplateMaxLength = 100;

        /// <summary>The global choice rx_channel: the message channels, as Core and the T1 ledger name them.</summary>
        public static readonly Choice<string> Channels = Choice.FromPublisherBase(Table, Channel,
            ContactChannels.Sms, ContactChannels.WeChat, ContactChannels.WeCom, ContactChannels.Push, ContactChannels.Email);

        /// <summary>rx_messagestatus.</summary>
        public static readonly Choice<MessageStatus> Statuses = Choice.FromPublisherBase(Table, Status,
            MessageStatus.Pending, MessageStatus.Sent, MessageStatus.Replied, MessageStatus.Failed, MessageStatus.Cancelled, MessageStatus.Delivered, MessageStatus.Clicked,
            MessageStatus.Visited, MessageStatus.Applied);
    }

    /// <summary>
    /// Where an outbox message stands: the product writes it Pending, the message gateway moves it on — Sent, then
    /// Delivered (or Failed) as the channel reports, Clicked when the customer opens its link, Replied when they answer.
    /// The customer's own systems move it further when the link brought the customer in: Visited (a visit, a booking
    /// page, a login to the app) and Applied (a booking or an application submitted). Only Replied is a response to the
    /// attempt; the others are the funnel's conversion points.
    /// </summary>
    public enum MessageStatus
    {
        Pending,
        Sent,
        Replied,
        Failed,
        Cancelled,
        Delivered,
        Clicked,
        Visited,
        Applied,
    }
}
