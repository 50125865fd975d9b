using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Outreach
{
    /// <summary>
    /// When a rep may call (or work a task for) a customer on the day the activity is due, by the contact policy's own
    /// rules: each hour of that day, in the customer's time, is asked of the policy for the channel (the facts of that
    /// day with that LocalHour), and the hours it neither blocks nor defers are the call window. The activity is then due
    /// at the end of the day's last callable hour in the customer's time, and the rep reads the window in the script —
    /// instead of a due time at the end of the organisation's day that may fall in the customer's night. A policy with
    /// no hour rule for the channel leaves every hour callable: nothing changes.
    /// </summary>
    public sealed class CallWindow
    {
        private readonly bool[] _callable;

        private CallWindow(DateTime customerDate, bool[] callable)
        {
            CustomerDate = customerDate;
            _callable = callable;
        }

        /// <summary>The due day, in the customer's time.</summary>
        public DateTime CustomerDate { get; }

        /// <summary>Some hour of the day is outside the window (else there is no window to speak of).</summary>
        public bool Restricts
        {
            get
            {
                foreach (var hour in _callable)
                {
                    if (!hour) return true;
                }

                return false;
            }
        }

        /// <summary>The end of the day's last callable hour, customer-local; null when no hour of the day is callable.</summary>
        public DateTime? LastCallableEnd
        {
            get
            {
                for (var hour = 23; hour >= 0; hour--)
                {
                    if (_callable[hour]) return CustomerDate.AddHours(hour + 1);
                }

                return null;
            }
        }

        /// <param name="daysAhead">The due day, as days from today (the activity's DueInDays).</param>
        internal static CallWindow For(CustomerFactsBuilder builder, Ruleset contactPolicy, string channel, int daysAhead, DateTime customerLocalNow, TouchCounter count)
        {
            var callable = new bool[24];
            if (!ReadsTheHour(contactPolicy))
            {
                // No rule reads the hour: every hour decides as any other, so the day has no window.
                for (var hour = 0; hour < 24; hour++) callable[hour] = true;
                return new CallWindow(customerLocalNow.Date.AddDays(daysAhead), callable);
            }

            for (var hour = 0; hour < 24; hour++)
            {
                var facts = builder.BuildForChannel(channel, daysAhead);
                facts.LocalHour = hour;
                var policy = ContactPolicyEvaluator.Evaluate(contactPolicy, facts, count, explain: false);
                callable[hour] = policy.Outcome != PolicyOutcome.Block && policy.Outcome != PolicyOutcome.Defer;
            }

            return new CallWindow(customerLocalNow.Date.AddDays(daysAhead), callable);
        }

        private static bool ReadsTheHour(Ruleset contactPolicy)
        {
            foreach (var rule in contactPolicy.Rules)
            {
                foreach (var fact in rule.ReferencedFacts)
                {
                    if (string.Equals(fact, "LocalHour", StringComparison.Ordinal)) return true;
                }
            }

            return false;
        }

        /// <summary>"10:00–12:00, 14:00–20:00": the callable hours as ranges.</summary>
        public string Ranges(string separator)
        {
            var text = new StringBuilder();
            for (var hour = 0; hour < 24; hour++)
            {
                if (!_callable[hour] || (hour > 0 && _callable[hour - 1])) continue;
                var end = hour;
                while (end < 24 && _callable[end]) end++;
                if (text.Length > 0) text.Append(separator);
                text.Append(hour.ToString("00", CultureInfo.InvariantCulture)).Append(":00–").Append(end.ToString("00", CultureInfo.InvariantCulture)).Append(":00");
            }

            return text.ToString();
        }

        /// <summary>The line a rep reads under the script, in the contact's language; null when every hour is callable.</summary>
        public string? RepLine(string language)
        {
            if (!Restricts || LastCallableEnd is null) return null;
            return language == "zh-CN"
                ? "可联系时段（客户当地时间）：" + Ranges("、")
                : "Call window (customer's time): " + Ranges(", ");
        }
    }
}
