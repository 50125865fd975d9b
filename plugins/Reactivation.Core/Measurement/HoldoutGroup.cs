using System;
using System.Globalization;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Measurement
{
    /// <summary>
    /// Who is held out: a share of the customers who would get an attempt get none, so that their purchases show
    /// what would have happened anyway. The choice is a hash of the contact and the organisation-local date its
    /// stage began — not of the event, the time or the attempt — so a replayed or retried event, a follow-up event
    /// or another rule in the same stage stint always lands the customer in the same group; a new stage stint draws
    /// again. Customers whose position lies below the share are held out, so a larger share holds out a superset:
    /// a rule with 20 % holds out everyone a rule with 10 % does, plus more.
    /// <para>
    /// The share in force: the offer rule's <c>HoldoutPercent</c>, else the offers ruleset's, else the
    /// organisation's default (the environment variable rx_HoldoutPercent); 0 switches holdouts off. At most
    /// <see cref="MaxPercent"/>: a "holdout" of more than half the customers is a mistake, not an experiment.
    /// </para>
    /// </summary>
    public static class HoldoutGroup
    {
        public const decimal MaxPercent = 50m;

        /// <summary>The customer's place in [0, 1) for the stage stint that began on <paramref name="stageEntryLocalDate"/>.</summary>
        public static double Position(Guid contactId, DateTime stageEntryLocalDate)
        {
            var hex = RulesetCache.Hash("rx-holdout:" + contactId.ToString("D") + "|" + stageEntryLocalDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

            // 52 bits: exactly representable in a double, so the position is the same on every platform.
            long bits = 0;
            for (var i = 0; i < 13; i++) bits = (bits << 4) | (long)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
            return bits / 4503599627370496.0;
        }

        /// <summary>Whether the customer is held out of outreach in this stage stint at <paramref name="percent"/>.</summary>
        public static bool Holds(Guid contactId, DateTime stageEntryLocalDate, decimal percent) =>
            percent > 0 && Position(contactId, stageEntryLocalDate) * 100 < (double)percent;

        /// <summary>
        /// The organisation's default as an environment variable holds it (text: a number of percent, '.' decimal point):
        /// 0 when unset; null when the text is not a percent from 0 to <see cref="MaxPercent"/>.
        /// </summary>
        public static decimal? ParseDefault(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return 0;
            if (!decimal.TryParse(text!.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)) return null;
            return percent <= MaxPercent ? percent : (decimal?)null;
        }
    }
}
