using System;
using System.Collections.Generic;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>What a name in a ruleset may look like, and "did you mean" for one that is not known.</summary>
    internal static class Names
    {
        public const int MaxLength = 100;

        /// <summary>"did you mean 'A' or 'B'?" for the closest candidates, or null when none is close.</summary>
        public static string? Suggest(string name, IEnumerable<string> candidates)
        {
            var suggestions = Facts.NameSuggestions.Closest(name, candidates);
            return suggestions.Count == 0 ? null : "did you mean '" + string.Join("' or '", suggestions) + "'?";
        }

        /// <summary>Letters, digits and '_', starting with a letter (ASCII), at most <see cref="MaxLength"/> characters.</summary>
        public static bool IsIdentifier(string text)
        {
            if (string.IsNullOrEmpty(text) || text.Length > MaxLength) return false;
            if (!char.IsLetter(text[0]) || text[0] > 'z') return false;
            foreach (var c in text)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
            }

            return true;
        }

        /// <summary>An offer or template name: letters, digits, '.', '-', '_', starting with an ASCII letter.</summary>
        public static bool IsOfferName(string text)
        {
            if (string.IsNullOrEmpty(text) || text.Length > MaxLength) return false;
            if (!((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z'))) return false;
            foreach (var c in text)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) return false;
            }

            return true;
        }

        public static bool Contains(IReadOnlyCollection<string> names, string name)
        {
            foreach (var n in names)
            {
                if (string.Equals(n, name, StringComparison.Ordinal)) return true;
            }

            return false;
        }
    }
}
