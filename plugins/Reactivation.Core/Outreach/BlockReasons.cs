using System;
using System.Collections.Generic;
using System.Text;

namespace Reactivation.Core.Outreach
{
    /// <summary>One channel refused for one action, and one reason code that refused it.</summary>
    public sealed class BlockReason
    {
        public BlockReason(TouchKind kind, string channel, string code)
        {
            Kind = kind;
            Channel = channel;
            Code = code;
        }

        public TouchKind Kind { get; }

        public string Channel { get; }

        /// <summary>A contact-policy rule's ReasonCode, CapReached, or NoSendWindow.</summary>
        public string Code { get; }
    }

    /// <summary>
    /// The attempt's block reasons as stored (rx_blockreasons): one line per reason, <c>&lt;action&gt; &lt;channel&gt; &lt;code&gt;</c>.
    /// The code is the rest of the line (a rule's reason code is free text); a backslash, carriage return or line feed
    /// in it is escaped, so every list reads back as written. Reports and the simulator read this, never the explanation.
    /// </summary>
    public static class BlockReasons
    {
        public static string Format(IEnumerable<BlockReason> reasons, int maxLength)
        {
            var text = new StringBuilder();
            foreach (var reason in reasons)
            {
                var line = reason.Kind + " " + reason.Channel + " " + Escape(reason.Code);
                // Whole lines only: a reader never sees half a code.
                if (text.Length + (text.Length > 0 ? 1 : 0) + line.Length > maxLength) break;
                if (text.Length > 0) text.Append('\n');
                text.Append(line);
            }

            return text.ToString();
        }

        /// <exception cref="FormatException">A line is not <c>&lt;action&gt; &lt;channel&gt; &lt;code&gt;</c>.</exception>
        public static IReadOnlyList<BlockReason> Parse(string? text)
        {
            var reasons = new List<BlockReason>();
            if (string.IsNullOrEmpty(text)) return reasons;
            var lines = text!.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var first = line.IndexOf(' ');
                var second = first < 0 ? -1 : line.IndexOf(' ', first + 1);
                TouchKind kind;
                if (second <= first + 1 || second == line.Length - 1 || !TryKind(line.Substring(0, first), out kind))
                {
                    throw new FormatException("Block reason line " + (i + 1) + " is not <action> <channel> <code>.");
                }

                reasons.Add(new BlockReason(kind, line.Substring(first + 1, second - first - 1), Unescape(line.Substring(second + 1), i + 1)));
            }

            return reasons;
        }

        private static bool TryKind(string text, out TouchKind kind)
        {
            foreach (TouchKind candidate in new[] { TouchKind.PhoneCall, TouchKind.Message, TouchKind.Task })
            {
                if (candidate.ToString() == text)
                {
                    kind = candidate;
                    return true;
                }
            }

            kind = TouchKind.Message;
            return false;
        }

        private static string Escape(string code) => code.Replace("\\", "\\\\").Replace("\r", "\\r").Replace("\n", "\\n");

        private static string Unescape(string text, int line)
        {
            var code = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '\\')
                {
                    code.Append(text[i]);
                    continue;
                }

                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                code.Append(next == '\\' ? '\\' : next == 'n' ? '\n' : next == 'r' ? '\r' : throw new FormatException("Block reason line " + line + " has an unknown escape."));
                i++;
            }

            return code.ToString();
        }
    }
}
