using System;
using Reactivation.Core.Ledgers;

namespace Reactivation.Core.Attempts
{
    /// <summary>
    /// The attempt's step lines (rx_steps, rx_wakestep, rx_followupstep): one line per touch or response,
    /// <c>&lt;instant&gt; &lt;step or response&gt; &lt;channel&gt;</c>, the instant as the ledgers write it.
    /// </summary>
    public static class StepLines
    {
        public static string Line(DateTime utc, string what, string channel) => LedgerInstant.Write(utc) + " " + what + " " + channel;

        public static bool Contains(string? lines, string line)
        {
            if (string.IsNullOrEmpty(lines)) return false;
            foreach (var existing in lines!.Split('\n'))
            {
                if (string.Equals(existing.TrimEnd('\r'), line, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        /// <summary>
        /// <paramref name="lines"/> with <paramref name="line"/> appended once (a retried response writes one line); null
        /// when the line is there already or the column (<paramref name="maxLength"/> characters) is full.
        /// </summary>
        public static string? Append(string? lines, string line, int maxLength, out bool full)
        {
            full = false;
            if (Contains(lines, line)) return null;
            var appended = string.IsNullOrEmpty(lines) ? line : lines + "\n" + line;
            if (appended.Length <= maxLength) return appended;
            full = true;
            return null;
        }
    }
}
