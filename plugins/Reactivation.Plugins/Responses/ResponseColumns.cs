using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Decisions;
using Reactivation.Plugins.Mapping;

namespace Reactivation.Plugins.Responses
{
    /// <summary>The message and attempt columns the response steps read and write, and the rx_steps line format.</summary>
    public static class ResponseColumns
    {
        public const string AttemptTable = "rx_reactivationattempt";
        public const string MessageStatus = "rx_messagestatus";
        public const string Channel = "rx_channel";
        public const string AttemptId = "rx_attemptid";
        public const string Steps = "rx_steps";
        public const string RespondedOn = "rx_respondedon";
        public const string LastResponse = "rx_lastresponse";
        public const string ResponseOutcome = "rx_responseoutcome";
        public const string Regarding = "regardingobjectid";
        public const string Outcome = "rx_outcome";

        /// <summary>rx_responseoutcome: Reached, Interested, Not Interested, Wrong Number, Opted Out.</summary>
        public const int Reached = ContactColumns.ChoiceBase;
        public const int Interested = ContactColumns.ChoiceBase + 1;
        public const int NotInterested = ContactColumns.ChoiceBase + 2;
        public const int WrongNumber = ContactColumns.ChoiceBase + 3;
        public const int OptedOut = ContactColumns.ChoiceBase + 4;

        /// <summary>What a response outcome does to the attempt, and the word its step line carries.</summary>
        public static ResponseKind KindOf(int outcome, out string word)
        {
            switch (outcome)
            {
                case NotInterested:
                    word = "NotInterested";
                    return ResponseKind.Declined;
                case WrongNumber:
                    word = "WrongNumber";
                    return ResponseKind.NotReached;
                case OptedOut:
                    word = "OptedOut";
                    return ResponseKind.OptedOut;
                case Interested:
                    word = "Interested";
                    return ResponseKind.Responded;
                default:
                    word = "Reached";
                    return ResponseKind.Responded;
            }
        }

        private static readonly string[] Channels = { ContactChannels.Sms, ContactChannels.WeChat, ContactChannels.WeCom, ContactChannels.Push, ContactChannels.Email };

        /// <summary>The rx_channel option's name as Core and the T1 ledger write it; "Unknown" when unset or not ours.</summary>
        public static string ChannelName(OptionSetValue? value)
        {
            var index = value is null ? -1 : value.Value - ContactColumns.ChoiceBase;
            return index >= 0 && index < Channels.Length ? Channels[index] : "Unknown";
        }

        /// <summary>The contact's do-not flag for a channel (yes = do not contact), or null for a channel without one (a task).</summary>
        public static string? DoNotColumn(string channel) => channel switch
        {
            ContactChannels.Sms => ContactColumns.DoNotSms,
            ContactChannels.WeChat => ContactColumns.DoNotWeChat,
            ContactChannels.WeCom => ContactColumns.DoNotWeCom,
            ContactChannels.Push => ContactColumns.DoNotPush,
            ContactChannels.Email => ContactColumns.DoNotEmail,
            ContactChannels.Phone => ContactColumns.DoNotPhone,
            _ => null,
        };

        /// <summary>One rx_steps line: <c>&lt;instant&gt; &lt;step&gt; &lt;channel&gt;</c>, the instant as in the ledgers.</summary>
        public static string StepLine(DateTime utc, string step, string channel) => LedgerInstant.Write(utc) + " " + step + " " + channel;

        public static bool HasLine(string? steps, string line)
        {
            if (string.IsNullOrEmpty(steps)) return false;
            foreach (var existing in steps!.Split('\n'))
            {
                if (string.Equals(existing.TrimEnd('\r'), line, StringComparison.Ordinal)) return true;
            }

            return false;
        }
    }
}
