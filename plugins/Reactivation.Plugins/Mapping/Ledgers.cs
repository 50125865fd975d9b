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
            var entries = ParseTouchEntries(ledger);
            var touches = new List<Touch>(entries.Count);
            foreach (var entry in entries) touches.Add(entry.Touch);
            return touches;
        }

        /// <summary>
        /// The entries of a T1 ledger with their optional <c>#ref</c> (the outreach plugin's mark: the first 8
        /// hex digits of the SHA-256 of the action key, so a replayed or repeated event recognises its own touch).
        /// </summary>
        public static IList<TouchEntry> ParseTouchEntries(string? ledger)
        {
            var entries = new List<TouchEntry>();
            if (string.IsNullOrWhiteSpace(ledger)) return entries;
            var parts = ledger!.Trim().Split(';');
            if (parts[0] != TouchVersion) throw new FormatException("The touch ledger does not start with '" + TouchVersion + "'.");
            for (var i = 1; i < parts.Length; i++)
            {
                if (parts[i].Length == 0) continue;
                var eq = parts[i].IndexOf('=');
                if (eq <= 0) throw new FormatException("Touch ledger entry " + i + " is not <instant>=<channel>[#<ref>].");
                var rest = parts[i].Substring(eq + 1);
                var hash = rest.IndexOf('#');
                var channel = hash < 0 ? rest : rest.Substring(0, hash);
                var reference = hash < 0 ? null : rest.Substring(hash + 1);
                if (channel.Length == 0 || (reference is not null && reference.Length == 0)) throw new FormatException("Touch ledger entry " + i + " is not <instant>=<channel>[#<ref>].");
                entries.Add(new TouchEntry(new Touch(Instant(parts[i].Substring(0, eq)), channel), reference));
            }

            return entries;
        }

        /// <summary>
        /// A T1 ledger of <paramref name="entries"/>: oldest first, touches of the last 370 days before
        /// <paramref name="utcNow"/> (and any planned later), at most the newest 1,000.
        /// </summary>
        public static string FormatTouches(IEnumerable<TouchEntry> entries, DateTime utcNow)
        {
            var kept = new List<TouchEntry>();
            var oldest = utcNow.AddDays(-TouchRetentionDays);
            foreach (var entry in entries)
            {
                if (entry.Touch.WhenUtc >= oldest) kept.Add(entry);
            }

            // A stable sort: entries with the same instant keep their order.
            var sorted = new List<TouchEntry>(kept.Count);
            for (var i = 0; i < kept.Count; i++)
            {
                var at = sorted.Count;
                while (at > 0 && sorted[at - 1].Touch.WhenUtc > kept[i].Touch.WhenUtc) at--;
                sorted.Insert(at, kept[i]);
            }

            var text = new System.Text.StringBuilder(TouchVersion);
            for (var i = Math.Max(0, sorted.Count - MaxTouchEntries); i < sorted.Count; i++)
            {
                var entry = sorted[i];
                text.Append(';').Append(FormatInstant(entry.Touch.WhenUtc)).Append('=').Append(entry.Touch.Channel);
                if (entry.Reference is not null) text.Append('#').Append(entry.Reference);
            }

            return text.ToString();
        }

        public const int TouchRetentionDays = 370;
        public const int MaxTouchEntries = 1000;

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

    /// <summary>One T1 entry: the touch and the optional reference of the action that made it.</summary>
    public sealed class TouchEntry
    {
        public TouchEntry(Touch touch, string? reference)
        {
            Touch = touch;
            Reference = reference;
        }

        public Touch Touch { get; }
        public string? Reference { get; }
    }
}
