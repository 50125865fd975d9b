using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Ledgers
{
    /// <summary>One counted order in a P1 ledger: its purchase instant, its amount and its reference.</summary>
    public sealed class PurchaseEntry
    {
        public PurchaseEntry(DateTime whenUtc, decimal amount, string reference)
        {
            // The ledger writes minutes: an entry read back must equal the one written, or a replay would look like a change.
            WhenUtc = new DateTime(whenUtc.Ticks - (whenUtc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
            Amount = amount;
            Reference = reference;
        }

        public DateTime WhenUtc { get; }

        public decimal Amount { get; }

        /// <summary>The first 8 hex digits of the order's id, lower case.</summary>
        public string Reference { get; }

        /// <summary>The P1 reference of an order: what makes a replayed event find its earlier entry.</summary>
        public static string ReferenceOf(Guid orderId) => orderId.ToString("N").Substring(0, 8);

        /// <summary>The same order at the instant and amount the ledger writes (minute precision).</summary>
        public bool SameAs(DateTime whenUtc, decimal amount) =>
            LedgerInstant.Write(WhenUtc) == LedgerInstant.Write(whenUtc) && Amount == amount;
    }

    /// <summary>The <c>~count,sum,days,first,last</c> summary of the orders a P1 ledger no longer keeps one by one.</summary>
    public sealed class PurchaseSummary
    {
        public PurchaseSummary(int count, decimal sum, int days, DateTime firstUtc, DateTime lastUtc)
        {
            Count = count;
            Sum = sum;
            Days = days;
            FirstUtc = firstUtc;
            LastUtc = lastUtc;
        }

        public int Count { get; }

        public decimal Sum { get; }

        /// <summary>On how many distinct organisation-local dates the summarised orders fell.</summary>
        public int Days { get; }

        public DateTime FirstUtc { get; }

        public DateTime LastUtc { get; }
    }

    /// <summary>
    /// The P1 purchase ledger (solution/README.md) as something that can be read, changed and written back:
    /// one parser for deciding (strict: a broken ledger is an error, never a guess — facts from half a ledger would
    /// move customers to the wrong stage) and for recording an order (lenient: what cannot be read is dropped and
    /// counted, so the order being saved is never lost and the ledger written back is well formed again).
    /// </summary>
    public sealed class PurchaseLedger
    {
        public const string Version = "P1";

        /// <summary>Every order of this many days is kept as an entry.</summary>
        public const int RetentionDays = 400;

        private readonly List<PurchaseEntry> _entries = new List<PurchaseEntry>();

        public PurchaseSummary? Summary { get; private set; }

        /// <summary>The kept entries, oldest first.</summary>
        public IReadOnlyList<PurchaseEntry> Entries => _entries;

        /// <summary>How many parts of the text could not be read (lenient parsing only).</summary>
        public int UnreadableParts { get; private set; }

        /// <summary>True when the text was not a P1 ledger at all (lenient parsing only): it is rebuilt from nothing.</summary>
        public bool UnknownVersion { get; private set; }

        public int Count => (Summary?.Count ?? 0) + _entries.Count;

        public decimal Total
        {
            get
            {
                var total = Summary?.Sum ?? 0m;
                foreach (var entry in _entries) total += entry.Amount;
                return total;
            }
        }

        public DateTime? FirstUtc => Summary?.FirstUtc ?? (_entries.Count > 0 ? _entries[0].WhenUtc : (DateTime?)null);

        public DateTime? LastUtc => _entries.Count > 0 ? _entries[_entries.Count - 1].WhenUtc : Summary?.LastUtc;

        /// <summary>Reads a ledger. Strict: a malformed part throws <see cref="FormatException"/>. Lenient: it is dropped and counted.</summary>
        public static PurchaseLedger Parse(string? text, bool strict)
        {
            DecisionWork.PurchaseLedgerRead();
            var ledger = new PurchaseLedger();
            if (string.IsNullOrWhiteSpace(text)) return ledger;
            var parts = text!.Trim().Split(';');
            if (parts[0] != Version)
            {
                if (strict) throw new FormatException("The purchase ledger does not start with '" + Version + "'.");
                ledger.UnknownVersion = true;
                ledger.UnreadableParts = parts.Length;
                return ledger;
            }

            for (var i = 1; i < parts.Length; i++)
            {
                var part = parts[i];
                if (part.Length == 0) continue;
                try
                {
                    if (part[0] == '~')
                    {
                        if (i != 1) throw new FormatException("The purchase ledger's summary must come first.");
                        ledger.Summary = ParseSummary(part.Substring(1));
                        continue;
                    }

                    var eq = part.IndexOf('=');
                    var hash = part.IndexOf('#');
                    if (eq <= 0 || hash < eq) throw new FormatException("Purchase ledger entry " + i + " is not <instant>=<amount>#<ref>.");
                    ledger._entries.Add(new PurchaseEntry(LedgerInstant.Read(part.Substring(0, eq)), LedgerInstant.ReadAmount(part.Substring(eq + 1, hash - eq - 1)), part.Substring(hash + 1)));
                }
                catch (FormatException) when (!strict)
                {
                    ledger.UnreadableParts++;
                }
            }

            ledger.Sort();
            return ledger;
        }

        /// <summary>The stored ledger of <paramref name="column"/>, read strictly for a decision.</summary>
        /// <exception cref="LedgerFormatException">The text is not a P1 ledger the product wrote.</exception>
        public static PurchaseLedger ReadStored(string? text, string column)
        {
            try
            {
                return Parse(text, strict: true);
            }
            catch (FormatException ex)
            {
                throw new LedgerFormatException(column, ex.Message);
            }
        }

        public PurchaseEntry? Find(string reference)
        {
            foreach (var entry in _entries)
            {
                if (string.Equals(entry.Reference, reference, StringComparison.OrdinalIgnoreCase)) return entry;
            }

            return null;
        }

        /// <summary>Removes the entry of <paramref name="reference"/>; false when the ledger keeps none (never counted, or summarised).</summary>
        public bool Remove(string reference)
        {
            var entry = Find(reference);
            return entry != null && _entries.Remove(entry);
        }

        /// <summary>
        /// Records an order, replacing its earlier entry. An order no newer than the summary's last order goes
        /// straight into the summary, so that every summarised order stays older than every kept entry.
        /// </summary>
        public void Put(PurchaseEntry entry, TimeZoneInfo organisationZone)
        {
            Remove(entry.Reference);
            if (Summary != null && entry.WhenUtc <= Summary.LastUtc)
            {
                var date = LocalDate(entry.WhenUtc, organisationZone);
                var knownDate = date == LocalDate(Summary.FirstUtc, organisationZone) || date == LocalDate(Summary.LastUtc, organisationZone);
                Summary = new PurchaseSummary(
                    Summary.Count + 1, Summary.Sum + entry.Amount, Summary.Days + (knownDate ? 0 : 1),
                    entry.WhenUtc < Summary.FirstUtc ? entry.WhenUtc : Summary.FirstUtc, Summary.LastUtc);
                return;
            }

            _entries.Add(entry);
            Sort();
        }

        /// <summary>
        /// Records what an order event means for this contact (the order plugin's one edit of the ledger): an order
        /// that counts is put in (a replay finds its entry and changes nothing, a changed instant or amount corrects
        /// it, one counted here before but summarised since is not counted again); one that no longer counts is taken
        /// out (a summarised one cannot be, and stays in the summary). Retention is applied after.
        /// </summary>
        /// <param name="reference">The order's reference (<see cref="PurchaseEntry.ReferenceOf"/>).</param>
        /// <param name="purchase">The order as it counts now; null when it no longer counts for this contact.</param>
        /// <param name="countedBefore">The order counted for this contact before the event (its pre-image).</param>
        public PurchaseRecording Record(string reference, OrderPurchase? purchase, bool countedBefore, DateTime utcNow, TimeZoneInfo organisationZone)
        {
            var existing = Find(reference);
            PurchaseEntry? entry = null;
            PurchaseChange change;
            if (purchase is null)
            {
                change = Remove(reference) ? PurchaseChange.Removed : countedBefore ? PurchaseChange.SummarisedKept : PurchaseChange.None;
            }
            else
            {
                entry = new PurchaseEntry(purchase.StatedInstantUtc ?? existing?.WhenUtc ?? utcNow, purchase.Amount, reference);
                if (existing != null)
                {
                    change = existing.SameAs(entry.WhenUtc, entry.Amount) ? PurchaseChange.None : PurchaseChange.Corrected;
                    if (change == PurchaseChange.Corrected) Put(entry, organisationZone);
                }
                else if (countedBefore)
                {
                    change = PurchaseChange.SummarisedKept;
                }
                else
                {
                    Put(entry, organisationZone);
                    change = PurchaseChange.Counted;
                }
            }

            ApplyRetention(utcNow, organisationZone);
            return new PurchaseRecording(entry, change);
        }

        /// <summary>
        /// Applies the retention rule: every order of the last <see cref="RetentionDays"/> days is kept, and always
        /// the orders of the two most recent organisation-local purchase dates; older ones fold into the summary.
        /// </summary>
        public void ApplyRetention(DateTime utcNow, TimeZoneInfo organisationZone)
        {
            var cutoff = utcNow.AddDays(-RetentionDays);
            var latestDates = new List<DateTime>(2);
            for (var i = _entries.Count - 1; i >= 0 && latestDates.Count < 2; i--)
            {
                var date = LocalDate(_entries[i].WhenUtc, organisationZone);
                if (!latestDates.Contains(date)) latestDates.Add(date);
            }

            var folded = 0;
            while (folded < _entries.Count && _entries[folded].WhenUtc < cutoff && !latestDates.Contains(LocalDate(_entries[folded].WhenUtc, organisationZone)))
            {
                folded++;
            }

            if (folded == 0) return;
            var count = Summary?.Count ?? 0;
            var sum = Summary?.Sum ?? 0m;
            var days = Summary?.Days ?? 0;
            var first = Summary?.FirstUtc ?? _entries[0].WhenUtc;
            DateTime? previousDate = Summary is null ? (DateTime?)null : LocalDate(Summary.LastUtc, organisationZone);
            for (var i = 0; i < folded; i++)
            {
                var date = LocalDate(_entries[i].WhenUtc, organisationZone);
                if (previousDate != date) days++;
                previousDate = date;
                count++;
                sum += _entries[i].Amount;
            }

            Summary = new PurchaseSummary(count, sum, days, first, _entries[folded - 1].WhenUtc);
            _entries.RemoveRange(0, folded);
        }

        /// <summary>
        /// The purchases the ledger stands for: its entries, plus orders synthesised from the summary so that count,
        /// total, first date, distinct dates and the previous purchase date are exact.
        /// </summary>
        public IList<Purchase> ToPurchases(TimeZoneInfo organisationZone)
        {
            var purchases = new List<Purchase>(Count);
            if (Summary is { } summary)
            {
                // The first order carries the summarised total; the other distinct dates fall on the local days
                // right after the first (any day strictly between first and last would do: no fact reads them).
                purchases.Add(new Purchase(summary.FirstUtc, summary.Sum));
                var firstLocal = LocalDate(summary.FirstUtc, organisationZone);
                for (var d = 1; d < summary.Days - 1; d++)
                {
                    purchases.Add(new Purchase(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(firstLocal.AddDays(d).AddHours(12), DateTimeKind.Unspecified), organisationZone), 0m));
                }

                if (summary.Days > 1) purchases.Add(new Purchase(summary.LastUtc, 0m));
                for (var n = summary.Days; n < summary.Count; n++) purchases.Add(new Purchase(summary.FirstUtc, 0m));
            }

            foreach (var entry in _entries) purchases.Add(new Purchase(entry.WhenUtc, entry.Amount));
            return purchases;
        }

        /// <summary>The ledger as P1 text.</summary>
        public string Format()
        {
            var text = new StringBuilder(Version);
            if (Summary is { } s)
            {
                text.Append(";~").Append(s.Count.ToString(CultureInfo.InvariantCulture)).Append(',').Append(LedgerInstant.WriteAmount(s.Sum))
                    .Append(',').Append(s.Days.ToString(CultureInfo.InvariantCulture))
                    .Append(',').Append(LedgerInstant.Write(s.FirstUtc)).Append(',').Append(LedgerInstant.Write(s.LastUtc));
            }

            foreach (var entry in _entries)
            {
                text.Append(';').Append(LedgerInstant.Write(entry.WhenUtc)).Append('=').Append(LedgerInstant.WriteAmount(entry.Amount)).Append('#').Append(entry.Reference);
            }

            return text.ToString();
        }

        private static DateTime LocalDate(DateTime utc, TimeZoneInfo zone) =>
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).Date;

        private static PurchaseSummary ParseSummary(string text)
        {
            var f = text.Split(',');
            if (f.Length != 5) throw new FormatException("The purchase ledger's summary is not ~count,sum,days,first,last.");
            if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ||
                !int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var days))
            {
                throw new FormatException("The purchase ledger's summary counts are not whole numbers.");
            }

            var summary = new PurchaseSummary(count, LedgerInstant.ReadAmount(f[1]), days, LedgerInstant.Read(f[3]), LedgerInstant.Read(f[4]));
            if (count < 1 || days < 1 || days > count || summary.LastUtc < summary.FirstUtc) throw new FormatException("The purchase ledger's summary counts are inconsistent.");
            return summary;
        }

        private void Sort()
        {
            // Stable by instant, then reference, so the written text does not depend on the order of events.
            _entries.Sort((a, b) =>
            {
                var byTime = a.WhenUtc.CompareTo(b.WhenUtc);
                return byTime != 0 ? byTime : string.CompareOrdinal(a.Reference, b.Reference);
            });
        }
    }

    /// <summary>What an order event did to the ledger.</summary>
    public enum PurchaseChange
    {
        /// <summary>Nothing: a replay, or an order that neither counts nor was ever in the ledger.</summary>
        None,
        /// <summary>The order counts for the first time: a new entry.</summary>
        Counted,
        /// <summary>The order's instant or amount changed: its entry is corrected.</summary>
        Corrected,
        /// <summary>The order no longer counts: its entry is taken out.</summary>
        Removed,
        /// <summary>The order counted before and is summarised since: neither counted again nor taken out of the summary.</summary>
        SummarisedKept,
    }

    /// <summary>The result of <see cref="PurchaseLedger.Record"/>.</summary>
    public sealed class PurchaseRecording
    {
        internal PurchaseRecording(PurchaseEntry? entry, PurchaseChange change)
        {
            Entry = entry;
            Change = change;
        }

        /// <summary>The order's entry when it counts (also when it was summarised); null when it does not.</summary>
        public PurchaseEntry? Entry { get; }

        public PurchaseChange Change { get; }

        /// <summary>This event is the one that counted the order: it may convert an open attempt.</summary>
        public bool NewlyCounted => Change == PurchaseChange.Counted;
    }
}
