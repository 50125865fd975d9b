using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Reactivation.Core.Rules
{
    /// <summary>
    /// Parse once per version: a process-wide cache from a ruleset's JSON to its load result (valid or
    /// not), keyed by a 64-bit FNV-1a hash of the text (see <see cref="Key"/>) and confirmed by comparing
    /// the text itself. Dataverse allows static read-only state; the lock keeps concurrent plugin
    /// executions from parsing twice, and the size bound keeps retired versions from piling up.
    /// </summary>
    public static class RulesetCache
    {
        public const int Capacity = 64;

        private static readonly object Gate = new object();
        private static readonly Dictionary<ulong, Entry> Entries = new Dictionary<ulong, Entry>();
        private static readonly Queue<ulong> Order = new Queue<ulong>();

        /// <summary>The load result for this JSON text, parsed on first use.</summary>
        public static RulesetLoadResult GetOrLoad(string json, string sourceName = "ruleset.json")
        {
            if (json is null) throw new ArgumentNullException(nameof(json));
            var key = Key(json);
            lock (Gate)
            {
                // The text is compared too, so even a hash collision cannot hand out the wrong ruleset.
                if (Entries.TryGetValue(key, out var hit) && string.Equals(hit.Json, json, StringComparison.Ordinal)) return hit.Result;
            }

            var result = RulesetLoader.Load(json, sourceName);
            lock (Gate)
            {
                if (Entries.TryGetValue(key, out var raced) && string.Equals(raced.Json, json, StringComparison.Ordinal)) return raced.Result;
                if (!Entries.ContainsKey(key)) Order.Enqueue(key);
                Entries[key] = new Entry(json, result);
                while (Order.Count > Capacity) Entries.Remove(Order.Dequeue());
            }

            return result;
        }

        /// <summary>The valid ruleset for this JSON; throws <see cref="RulesetInvalidException"/> with every diagnostic otherwise.</summary>
        public static Ruleset Get(string json, string sourceName = "ruleset.json") => GetOrLoad(json, sourceName).GetRulesetOrThrow();

        public static int Count
        {
            get
            {
                lock (Gate) return Entries.Count;
            }
        }

        /// <summary>
        /// The cache key: FNV-1a 64 over the UTF-16 code units (low byte, then high byte) and the length.
        /// Not cryptographic, and it need not be: a key collision (about 2^-64 per pair of versions, or
        /// a deliberately crafted text from someone who can already edit rulesets) only makes two versions
        /// share a slot; the text comparison in <see cref="GetOrLoad"/> still never hands out the wrong
        /// ruleset, the colliding version is just parsed again. SHA-256 (<see cref="Hash"/>) stays the
        /// version key recorded in the CRM, computed only when <see cref="Ruleset.ContentHash"/> is read.
        /// </summary>
        internal static ulong Key(string text)
        {
            const ulong Prime = 1099511628211UL;
            var hash = 14695981039346656037UL;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                hash = (hash ^ (byte)c) * Prime;
                hash = (hash ^ (byte)(c >> 8)) * Prime;
            }

            hash = (hash ^ (uint)text.Length) * Prime;
            return hash;
        }

        /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
        public static string Hash(string text)
        {
            byte[] digest;
#if NETFRAMEWORK
            // The managed implementation: no CSP / CNG handle, which partial trust may not grant.
            using (var sha = new SHA256Managed())
            {
                digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            }
#else
            digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
#endif
            var hex = new StringBuilder(digest.Length * 2);
            foreach (var b in digest) hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        private sealed class Entry
        {
            public Entry(string json, RulesetLoadResult result)
            {
                Json = json;
                Result = result;
            }

            public string Json { get; }
            public RulesetLoadResult Result { get; }
        }
    }
}
