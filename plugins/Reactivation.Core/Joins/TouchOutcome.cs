using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Joins
{
    /// <summary>The join rules, as explanations name them.</summary>
    public enum JoinRule
    {
        /// <summary>One household, one day, one offer: the higher-value member gets it.</summary>
        Household,
        /// <summary>Referral friends who bought recently: the social-proof message.</summary>
        RelationshipChain,
        /// <summary>No rep makes more calls a day than they can.</summary>
        TeamCapacity,
    }

    /// <summary>The codes join decisions carry (data, rendered as text only where a person reads them).</summary>
    public static class JoinCodes
    {
        /// <summary>Kept: the household's best-placed member due that day for the offer.</summary>
        public const string HouseholdChosen = "HouseholdChosen";
        /// <summary>Blocked: a higher-ranked household member gets the same offer the same day.</summary>
        public const string HouseholdSameOffer = "HouseholdSameOffer";
        /// <summary>Blocked: a household member already got the same offer that day (an earlier page or run).</summary>
        public const string HouseholdContactedToday = "HouseholdContactedToday";
        /// <summary>The touch carries "N of your friends chose X".</summary>
        public const string FriendsChoseRecently = "FriendsChoseRecently";
        /// <summary>The call fits in the rep's day.</summary>
        public const string WithinCapacity = "WithinCapacity";
        /// <summary>The rep's day is full: the call went to the overflow team or to the rep's next day with room.</summary>
        public const string RepAtCapacity = "RepAtCapacity";
    }

    /// <summary>What became of a planned touch.</summary>
    public enum TouchVerdict
    {
        /// <summary>Made as planned (possibly carrying the social-proof message).</summary>
        Kept,
        /// <summary>Not made; <see cref="TouchOutcome.RetryOn"/> says when the customer may get it.</summary>
        Blocked,
        /// <summary>Made as planned, by the overflow team instead of the rep.</summary>
        Reassigned,
        /// <summary>Made by the rep on a later day (<see cref="TouchOutcome.Day"/>).</summary>
        Moved,
    }

    /// <summary>One join decision for the attempt's explanation: which rule, which code, which counts. Counts only: no names, no amounts.</summary>
    public sealed class JoinDecision
    {
        public JoinDecision(JoinRule rule, string code, IReadOnlyList<FactValue> counts)
        {
            Rule = rule;
            Code = code ?? throw new ArgumentNullException(nameof(code));
            Counts = counts ?? throw new ArgumentNullException(nameof(counts));
        }

        public JoinRule Rule { get; }
        public string Code { get; }
        public IReadOnlyList<FactValue> Counts { get; }

        /// <summary>The value of a count by name, or null.</summary>
        public string? Count(string name)
        {
            foreach (var count in Counts)
            {
                if (count.Name == name) return count.Value;
            }

            return null;
        }

        /// <summary>"Household HouseholdSameOffer (MembersDue=3, Rank=2, RetryOn=2025-06-22)".</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(Rule).Append(' ').Append(Code);
            if (Counts.Count > 0)
            {
                text.Append(" (");
                for (var i = 0; i < Counts.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    text.Append(Counts[i].Name).Append('=').Append(Counts[i].Value);
                }

                text.Append(')');
            }

            return text.ToString();
        }

        internal static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Who makes a call after the capacity rule: the rep, or the overflow team.</summary>
    public sealed class JoinAssignee
    {
        private JoinAssignee(Guid id, bool isTeam, string? teamName)
        {
            Id = id;
            IsTeam = isTeam;
            TeamName = teamName;
        }

        public static JoinAssignee Rep(Guid rep) => new JoinAssignee(rep, false, null);

        public static JoinAssignee Team(JoinTeam team) => new JoinAssignee(team.Id, true, team.Name);

        /// <summary>The user (rep) or team id.</summary>
        public Guid Id { get; }
        public bool IsTeam { get; }
        public string? TeamName { get; }

        public override string ToString() => IsTeam ? "team:" + TeamName : "rep:" + Id.ToString("D");
    }

    /// <summary>The join rules' result for one planned touch: what the writers make of it, and why.</summary>
    public sealed class TouchOutcome
    {
        internal TouchOutcome(PlannedTouch touch)
        {
            Touch = touch;
            Day = touch.Day;
            Decisions = decisions;
        }

        private readonly List<JoinDecision> decisions = new List<JoinDecision>();

        public PlannedTouch Touch { get; }

        public TouchVerdict Verdict { get; internal set; }

        /// <summary>Why a touch was blocked, reassigned or moved (a <see cref="JoinCodes"/> value); null when kept.</summary>
        public string? ReasonCode { get; internal set; }

        /// <summary>The day the touch is made: the planned day, or the later day it moved to.</summary>
        public DateTime Day { get; internal set; }

        /// <summary>For a blocked touch: the first day the customer may get the offer; null otherwise.</summary>
        public DateTime? RetryOn { get; internal set; }

        /// <summary>For a call whose rep's capacity is declared: the rep (kept, moved) or the overflow team (reassigned); null otherwise.</summary>
        public JoinAssignee? Assignee { get; internal set; }

        /// <summary>For a touch of a customer whose referral friends bought recently: the count and their top choice; null otherwise.</summary>
        public FriendsChoice? SocialProof { get; internal set; }

        /// <summary>Every join decision about this touch, in the order the rules ran (household, relationship chain, capacity).</summary>
        public IReadOnlyList<JoinDecision> Decisions { get; }

        internal void Add(JoinDecision decision) => decisions.Add(decision);

        public override string ToString()
        {
            var text = new StringBuilder(Touch.Key).Append(": ").Append(Verdict);
            if (ReasonCode is not null) text.Append(' ').Append(ReasonCode);
            if (Verdict == TouchVerdict.Moved) text.Append(" to ").Append(JoinDecision.Day(Day));
            if (RetryOn is { } retry) text.Append(", retry on ").Append(JoinDecision.Day(retry));
            if (Assignee is not null) text.Append(", ").Append(Assignee);
            if (SocialProof is not null) text.Append(", social proof ").Append(SocialProof);
            return text.ToString();
        }
    }

    /// <summary>The join rules' result for a page: one outcome per planned touch, in the page's order.</summary>
    public sealed class JoinResult
    {
        private readonly Dictionary<string, TouchOutcome> byKey;

        internal JoinResult(IReadOnlyList<TouchOutcome> outcomes, Dictionary<string, TouchOutcome> byKey)
        {
            Outcomes = outcomes;
            this.byKey = byKey;
            foreach (var outcome in outcomes)
            {
                switch (outcome.Verdict)
                {
                    case TouchVerdict.Blocked: Blocked++; break;
                    case TouchVerdict.Reassigned: Reassigned++; break;
                    case TouchVerdict.Moved: Moved++; break;
                }

                if (outcome.SocialProof is not null) WithSocialProof++;
            }
        }

        public IReadOnlyList<TouchOutcome> Outcomes { get; }

        public int Blocked { get; }
        public int Reassigned { get; }
        public int Moved { get; }
        public int WithSocialProof { get; }

        /// <summary>The outcome of the touch with this key; an error naming the key when the page had none.</summary>
        public TouchOutcome For(string key)
        {
            if (key is not null && byKey.TryGetValue(key, out var outcome)) return outcome;
            throw new KeyNotFoundException("The page had no planned touch with key '" + key + "'.");
        }
    }
}
