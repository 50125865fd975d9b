using System;
using System.Collections.Generic;
using System.Text;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Ledgers
{
    /// <summary>One T1 entry: the touch and the optional reference of the action that made it.</summary>
    public sealed class TouchEntry
    {
        public TouchEntry(Touch touch, string? reference)
        {
            Touch = touch;
            Reference = reference;
        }

        public Touch Touch { get; }

        /// <summary>
        /// The outreach step's mark (the first 8 hex digits of the SHA-256 of the action key), so a replayed or
        /// repeated event recognises its own touch; null for a touch recorded without one.
        /// </summary>
        public string? Reference { get; }
    }

    /// <summary>
    /// The T1 touch ledger (solution/README.md): the outreach the product made, oldest first. A ledger with an unknown
    /// version tag or a malformed entry is an error, never a guess: caps counted from half a ledger would let a
    /// customer be touched too often.
    /// </summary>
    public sealed class TouchLedger
    {
        public const string Version = "T1";

        /// <summary>Touches older than this many days before now are not written back.</summary>
        public const int RetentionDays = 370;

        /// <summary>At most this many (the newest) touches are written back.</summary>
        public const int MaxEntries = 1000;

        private readonly List<TouchEntry> _entries;

        private TouchLedger(List<TouchEntry> entries)
        {
            _entries = entries;
        }

        public static TouchLedger Empty => new TouchLedger(new List<TouchEntry>());

        /// <summary>The entries in the order the ledger holds them.</summary>
        public IReadOnlyList<TouchEntry> Entries => _entries;

        /// <summary>The touches alone, for the facts.</summary>
        public IList<Touch> Touches
        {
            get
            {
                var touches = new List<Touch>(_entries.Count);
                foreach (var entry in _entries) touches.Add(entry.Touch);
                return touches;
            }
        }

        /// <exception cref="FormatException">The text is not a T1 ledger.</exception>
        public static TouchLedger Parse(string? text)
        {
            DecisionWork.TouchLedgerRead();
            var entries = new List<TouchEntry>();
            if (string.IsNullOrWhiteSpace(text)) return new TouchLedger(entries);
            var parts = text!.Trim().Split(';');
            if (parts[0] != Version) throw new FormatException("The touch ledger does not start with '" + Version + "'.");
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
                entries.Add(new TouchEntry(new Touch(LedgerInstant.Read(parts[i].Substring(0, eq)), channel), reference));
            }

            return new TouchLedger(entries);
        }

        /// <summary>The stored ledger of <paramref name="column"/>.</summary>
        /// <exception cref="LedgerFormatException">The text is not a T1 ledger the product wrote.</exception>
        public static TouchLedger ReadStored(string? text, string column)
        {
            try
            {
                return Parse(text);
            }
            catch (FormatException ex)
            {
                throw new LedgerFormatException(column, ex.Message);
            }
        }

        /// <summary>The entry carrying <paramref name="reference"/>, or null.</summary>
        public TouchEntry? Find(string reference)
        {
            foreach (var entry in _entries)
            {
                if (entry.Reference == reference) return entry;
            }

            return null;
        }

        /// <summary>This ledger with <paramref name="added"/> after its entries.</summary>
        public TouchLedger With(IEnumerable<TouchEntry> added)
        {
            var all = new List<TouchEntry>(_entries);
            all.AddRange(added);
            return new TouchLedger(all);
        }

        /// <summary>
        /// The ledger as T1 text: oldest first (entries of one instant keep their order), the touches of the last
        /// <see cref="RetentionDays"/> days before <paramref name="utcNow"/> (and any planned later), at most the newest
        /// <see cref="MaxEntries"/>.
        /// </summary>
        public string Format(DateTime utcNow)
        {
            var kept = new List<TouchEntry>();
            var oldest = utcNow.AddDays(-RetentionDays);
            foreach (var entry in _entries)
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

            var text = new StringBuilder(Version);
            for (var i = Math.Max(0, sorted.Count - MaxEntries); i < sorted.Count; i++)
            {
                var entry = sorted[i];
                text.Append(';').Append(LedgerInstant.Write(entry.Touch.WhenUtc)).Append('=').Append(entry.Touch.Channel);
                if (entry.Reference is not null) text.Append('#').Append(entry.Reference);
            }

            return text.ToString();
        }
    }
}
