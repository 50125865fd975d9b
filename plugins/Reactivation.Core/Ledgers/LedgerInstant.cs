using System;
using System.Globalization;

namespace Reactivation.Core.Ledgers
{
    /// <summary>
    /// The instant and amount formats the ledgers (P1, T1) and the attempt's step lines write: <c>yyyyMMddHHmm</c> in
    /// UTC, minutes only, so an instant read back equals the one written; amounts in invariant culture.
    /// </summary>
    public static class LedgerInstant
    {
        private const string Format = "yyyyMMddHHmm";

        public static string Write(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture);

        /// <exception cref="FormatException">The text is not a ledger instant.</exception>
        public static DateTime Read(string text)
        {
            if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
            {
                throw new FormatException("'" + text + "' is not a ledger instant (yyyyMMddHHmm, UTC).");
            }

            return DateTime.SpecifyKind(value, DateTimeKind.Utc);
        }

        /// <exception cref="FormatException">The text is not a ledger amount.</exception>
        internal static decimal ReadAmount(string text) =>
            decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
                ? amount
                : throw new FormatException("'" + text + "' is not a ledger amount.");

        internal static string WriteAmount(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);
    }
}
