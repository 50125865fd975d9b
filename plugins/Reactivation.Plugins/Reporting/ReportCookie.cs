using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Measurement;

namespace Reactivation.Plugins.Reporting
{
    /// <summary>
    /// The paging cookie of rx_ReactivationReport: <c>R1|&lt;phase&gt;|&lt;from ticks&gt;|&lt;to ticks&gt;|&lt;as-of ticks&gt;|&lt;last key&gt;|&lt;sums&gt;</c>,
    /// the phase <c>A</c> (attempts, keyed by contact) or <c>M</c> (messages, keyed by activityid), the last key empty
    /// at a phase's start, and the partial sums as Core's <see cref="ReportSums"/> JSON. Opaque to callers.
    /// </summary>
    internal sealed class ReportCookie
    {
        private const string Tag = "R1";
        private static readonly char[] Separator = { '|' };

        public ReportCookie(bool messages, DateTime from, DateTime to, DateTime asOf, Guid? lastKey, ReportSums sums)
        {
            Messages = messages;
            From = from;
            To = to;
            AsOf = asOf;
            LastKey = lastKey;
            Sums = sums;
        }

        /// <summary>The second phase: the attempts are summed, the outbox messages are being counted.</summary>
        public bool Messages { get; }

        public DateTime From { get; }

        public DateTime To { get; }

        /// <summary>The first call's instant: windows still running then count for the holdout share, not for conversion.</summary>
        public DateTime AsOf { get; }

        public Guid? LastKey { get; }

        public ReportSums Sums { get; }

        /// <exception cref="InvalidPluginExecutionException">The cookie is not one this API wrote, or belongs to another date range.</exception>
        public static ReportCookie Parse(string cookie, DateTime from, DateTime to)
        {
            var parts = cookie.Split(Separator, 7);
            if (parts.Length == 7 && parts[0] == Tag && (parts[1] == "A" || parts[1] == "M")
                && Ticks(parts[2]) is { } f && Ticks(parts[3]) is { } t && Ticks(parts[4]) is { } asOf
                && (parts[5].Length == 0 || Guid.TryParse(parts[5], out _)))
            {
                if (f != from || t != to)
                {
                    throw new InvalidPluginExecutionException("rx_ReactivationReport: the PagingCookie belongs to a report from " + Day(f) + " to " + Day(t) + ", not to the From and To of this call. Pass the same From and To on every call of one report, or no PagingCookie to start a new one.");
                }

                ReportSums sums;
                try
                {
                    sums = ReportSums.Parse(parts[6]);
                }
                catch (FormatException)
                {
                    throw Unreadable();
                }

                return new ReportCookie(parts[1] == "M", f, t, asOf, parts[5].Length == 0 ? (Guid?)null : Guid.Parse(parts[5]), sums);
            }

            throw Unreadable();
        }

        public ReportCookie After(Guid key) => new ReportCookie(Messages, From, To, AsOf, key, Sums);

        public ReportCookie MessagePhase() => new ReportCookie(true, From, To, AsOf, null, Sums);

        public string Format() =>
            Tag + "|" + (Messages ? "M" : "A") + "|" + From.Ticks.ToString(CultureInfo.InvariantCulture) + "|" + To.Ticks.ToString(CultureInfo.InvariantCulture) + "|"
            + AsOf.Ticks.ToString(CultureInfo.InvariantCulture) + "|" + (LastKey?.ToString("D") ?? "") + "|" + Sums.ToJson();

        private static InvalidPluginExecutionException Unreadable() =>
            new InvalidPluginExecutionException("rx_ReactivationReport: the PagingCookie is not one this API returned. Pass the PagingCookie of the previous response unchanged, or none to start a new report.");

        private static DateTime? Ticks(string text) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks ? new DateTime(ticks, DateTimeKind.Utc) : (DateTime?)null;

        private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
