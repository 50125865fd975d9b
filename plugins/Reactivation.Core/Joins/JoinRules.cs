using System;
using System.Collections.Generic;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// The rules across customers, run on a page of planned touches after the per-customer rulesets decided and
    /// before anything is written: households first (a blocked touch takes no call slot), then the relationship
    /// chain (the social-proof message on the touches that remain), then team capacity. Pure: no clock, no I/O;
    /// grouped with dictionaries, so a page costs O(touches log touches), never a loop over pairs of customers.
    /// </summary>
    public static class JoinRules
    {
        public static JoinResult Apply(JoinPage page, JoinSettings settings)
        {
            if (page is null) throw new ArgumentNullException(nameof(page));
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            settings.Validate();

            var outcomes = new List<TouchOutcome>(page.Touches.Count);
            var byKey = new Dictionary<string, TouchOutcome>(page.Touches.Count, StringComparer.Ordinal);
            var customers = new Dictionary<Guid, PlannedTouch>();
            foreach (var touch in page.Touches)
            {
                if (touch is null) throw new ArgumentException("The page holds a null planned touch.", nameof(page));
                var outcome = new TouchOutcome(touch);
                if (byKey.ContainsKey(touch.Key)) throw new ArgumentException("Planned touch '" + touch.Key + "' appears twice in the page.", nameof(page));
                // Stage, value and priority describe the customer, not the touch: the rules rank customers by them.
                if (customers.TryGetValue(touch.ContactId, out var first))
                {
                    if (first.Stage != touch.Stage || first.Value != touch.Value || first.Priority != touch.Priority)
                    {
                        throw new ArgumentException("Planned touches '" + first.Key + "' and '" + touch.Key + "' of contact " + touch.ContactId.ToString("D") + " disagree on the customer's stage, value or priority.", nameof(page));
                    }
                }
                else
                {
                    customers.Add(touch.ContactId, touch);
                }

                byKey.Add(touch.Key, outcome);
                outcomes.Add(outcome);
            }

            HouseholdRule.Apply(outcomes, page, settings);
            SocialProofRule.Apply(outcomes, page, settings);
            TeamCapacityRule.Apply(outcomes, page, settings);
            return new JoinResult(outcomes, byKey);
        }

        /// <summary>
        /// Household members ranked for an offer: higher value first, then higher priority, then the smaller
        /// contact id (Guid order, the same as the ordinal order of the ids' text): any fixed order would do, this
        /// one makes the choice repeatable.
        /// </summary>
        internal static int HouseholdOrder(PlannedTouch a, PlannedTouch b)
        {
            var c = b.Value.CompareTo(a.Value);
            if (c != 0) return c;
            c = b.Priority.CompareTo(a.Priority);
            return c != 0 ? c : a.ContactId.CompareTo(b.ContactId);
        }

        /// <summary>The day's calls in the order they get a rep's slots: higher priority (grade) first, then higher value, then contact id, then touch key.</summary>
        internal static int CallOrder(PlannedTouch a, PlannedTouch b)
        {
            var c = b.Priority.CompareTo(a.Priority);
            if (c != 0) return c;
            c = b.Value.CompareTo(a.Value);
            if (c != 0) return c;
            c = a.ContactId.CompareTo(b.ContactId);
            return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
        }
    }

    /// <summary>A (text, day, text) or (id, day) key for the rules' dictionaries (no tuples: net462 has no ValueTuple).</summary>
    internal struct DayKey : IEquatable<DayKey>
    {
        public DayKey(string first, DateTime day, string second)
        {
            First = first;
            Day = day;
            Second = second;
        }

        public string First;
        public DateTime Day;
        public string Second;

        public bool Equals(DayKey other) => Day == other.Day && string.Equals(First, other.First, StringComparison.Ordinal) && string.Equals(Second, other.Second, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is DayKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(First ?? "");
                hash = (hash * 397) ^ Day.GetHashCode();
                return (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Second ?? "");
            }
        }
    }

    internal struct RepDay : IEquatable<RepDay>
    {
        public RepDay(Guid rep, DateTime day)
        {
            Rep = rep;
            Day = day;
        }

        public Guid Rep;
        public DateTime Day;

        public bool Equals(RepDay other) => Rep == other.Rep && Day == other.Day;

        public override bool Equals(object? obj) => obj is RepDay other && Equals(other);

        public override int GetHashCode() => unchecked((Rep.GetHashCode() * 397) ^ Day.GetHashCode());
    }
}
