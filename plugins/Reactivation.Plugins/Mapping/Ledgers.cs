using System;
using System.Collections.Generic;
using System.Globalization;
using Reactivation.Core.Facts;

namespace Reactivation.Plugins.Mapping
{
    /// <summary>
    /// Reads the compact ledgers on contact (formats P1 and T1, defined in solution/README.md). A ledger
    /// with an unknown version tag or a malformed entry is an error, never a guess: facts from half a
    /// ledger would move customers to the wrong stage.
    /// </summary>
    public static class Ledgers
    {
        public const string PurchaseVersion = "P1";
        public const string TouchVersion = "T1";
        private const string InstantFormat = "yyyyMMddHHmm";

        /// <summary>
        /// The purchases a P1 ledger stands for: its entries, plus orders synthesised from the summary so
        /// that count, total, first date, distinct dates and the previous purchase date are exact.
        /// </summary>
        public static IList<Purchase> ParsePurchases(string? ledger, TimeZoneInfo organisationZone) =>
            PurchaseLedger.Parse(ledger, strict: true).ToPurchases(organisationZone);

        /// <summary>The touches of a T1 ledger.</summary>
        public static IList<Touch> ParseTouches(string? ledger)
        {
            var touches = new List<Touch>();
            if (string.IsNullOrWhiteSpace(ledger)) return touches;
            var parts = ledger!.Trim().Split(';');
            if (parts[0] != TouchVersion) throw new FormatException("The touch ledger does not start with '" + TouchVersion + "'.");
            for (var i = 1; i < parts.Length; i++)
            {
                if (parts[i].Length == 0) continue;
                var eq = parts[i].IndexOf('=');
                if (eq <= 0) throw new FormatException("Touch ledger entry " + i + " is not <instant>=<channel>.");
                touches.Add(new Touch(Instant(parts[i].Substring(0, eq)), parts[i].Substring(eq + 1)));
            }

            return touches;
        }

        public static string FormatInstant(DateTime utc) => utc.ToString(InstantFormat, CultureInfo.InvariantCulture);

        internal static DateTime Instant(string text)
        {
            if (!DateTime.TryParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
            {
                throw new FormatException("'" + text + "' is not a ledger instant (yyyyMMddHHmm, UTC).");
            }

            return DateTime.SpecifyKind(value, DateTimeKind.Utc);
        }

        internal static decimal Amount(string text) =>
            decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
                ? amount
                : throw new FormatException("'" + text + "' is not a ledger amount.");
    }
}
