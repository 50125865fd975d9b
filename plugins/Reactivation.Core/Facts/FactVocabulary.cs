using System;
using System.Collections.Generic;

namespace Reactivation.Core.Facts
{
    /// <summary>
    /// The values a text fact takes, so a string compared with it can be checked when the ruleset is saved. A
    /// closed vocabulary (stages, reasons, channels, purposes) makes any other value an error: the comparison
    /// could never be true. An open one (tiers, free text in the CRM) lists the usual values, and only a near miss
    /// of one of them is worth a warning.
    /// </summary>
    public sealed class FactVocabulary
    {
        internal FactVocabulary(string what, IReadOnlyList<string> values, bool isOpen)
        {
            What = what;
            Values = values;
            IsOpen = isOpen;
        }

        /// <summary>What one value is called in a message: "lifecycle stage", "dormancy reason", ...</summary>
        public string What { get; }
        public IReadOnlyList<string> Values { get; }
        public bool IsOpen { get; }

        /// <summary>Exact (ordinal) membership; the empty string, "not set", belongs to every vocabulary.</summary>
        public bool Contains(string value)
        {
            if (value.Length == 0) return true;
            foreach (var v in Values)
            {
                if (string.Equals(v, value, StringComparison.Ordinal)) return true;
            }

            return false;
        }
    }
}
