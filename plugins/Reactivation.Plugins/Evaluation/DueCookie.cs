using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Evaluation
{
    /// <summary>
    /// The paging cookie of rx_EvaluateDueContacts: <c>D1|&lt;cut-off ticks&gt;|&lt;last date ticks&gt;|&lt;last contactid&gt;</c>
    /// (UTC ticks; the last key is empty before the first row). Opaque to callers: pass back what came out.
    /// </summary>
    internal sealed class DueCookie
    {
        private const string Tag = "D1";

        private DueCookie(DateTime cutOff, DateTime? lastNextEvaluationOn, Guid? lastId)
        {
            CutOff = cutOff;
            LastNextEvaluationOn = lastNextEvaluationOn;
            LastId = lastId;
        }

        /// <summary>Contacts with rx_nextevaluationon at or before this instant are due in this loop.</summary>
        public DateTime CutOff { get; }

        public DateTime? LastNextEvaluationOn { get; }

        public Guid? LastId { get; }

        /// <summary>The cookie of a loop: none in means a new loop whose cut-off is <paramref name="utcNow"/>.</summary>
        /// <exception cref="InvalidPluginExecutionException">The cookie is not one this API wrote.</exception>
        public static DueCookie Parse(string? cookie, DateTime utcNow)
        {
            if (string.IsNullOrEmpty(cookie)) return new DueCookie(utcNow, null, null);
            var parts = cookie!.Split('|');
            if (parts.Length == 4 && parts[0] == Tag
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cutOff)
                && cutOff >= DateTime.MinValue.Ticks && cutOff <= DateTime.MaxValue.Ticks)
            {
                if (parts[2].Length == 0 && parts[3].Length == 0)
                {
                    return new DueCookie(new DateTime(cutOff, DateTimeKind.Utc), null, null);
                }

                if (long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                    && last >= DateTime.MinValue.Ticks && last <= DateTime.MaxValue.Ticks
                    && Guid.TryParse(parts[3], out var id))
                {
                    return new DueCookie(new DateTime(cutOff, DateTimeKind.Utc), new DateTime(last, DateTimeKind.Utc), id);
                }
            }

            throw new InvalidPluginExecutionException("rx_EvaluateDueContacts: the PagingCookie is not one this API returned. Pass the PagingCookie of the previous response unchanged, or none to start a new run.");
        }

        /// <summary>The same loop, continuing after the row with this key.</summary>
        public DueCookie After(DateTime nextEvaluationOn, Guid id) => new DueCookie(CutOff, DateTime.SpecifyKind(nextEvaluationOn, DateTimeKind.Utc), id);

        public string Format() =>
            Tag + "|" + CutOff.Ticks.ToString(CultureInfo.InvariantCulture) + "|"
            + (LastNextEvaluationOn?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "") + "|"
            + (LastId?.ToString("D") ?? "");
    }
}
