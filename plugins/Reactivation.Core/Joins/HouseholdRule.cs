using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// Two customers of one household are not both contacted on the same day by the same offer. Among the
    /// members due for an offer on a day, the first in <see cref="JoinRules.HouseholdOrder"/> (the higher-value
    /// one) gets it; every touch of the others is blocked until <see cref="JoinSettings.HouseholdRetryAfterDays"/>
    /// after the planned day. A member who already got the offer that day outside the page (an earlier page or
    /// run) has it already: every other member's touch for it is blocked.
    /// </summary>
    internal static class HouseholdRule
    {
        public static void Apply(List<TouchOutcome> outcomes, JoinPage page, JoinSettings settings)
        {
            // (household, day, offer) -> the members due, each with their touches.
            var groups = new Dictionary<DayKey, Dictionary<Guid, List<TouchOutcome>>>();
            foreach (var outcome in outcomes)
            {
                var touch = outcome.Touch;
                var household = page.Households.KeyOf(touch.ContactId);
                if (household is null) continue;
                var key = new DayKey(household, touch.Day, touch.Offer);
                if (!groups.TryGetValue(key, out var members))
                {
                    members = new Dictionary<Guid, List<TouchOutcome>>();
                    groups.Add(key, members);
                }

                if (!members.TryGetValue(touch.ContactId, out var touches))
                {
                    touches = new List<TouchOutcome>();
                    members.Add(touch.ContactId, touches);
                }

                touches.Add(outcome);
            }

            if (groups.Count == 0) return;

            // (household, day, offer) -> the members who already got it.
            var earlier = new Dictionary<DayKey, HashSet<Guid>>();
            foreach (var made in page.EarlierHouseholdTouches)
            {
                var key = new DayKey(made.HouseholdKey, made.Day, made.Offer);
                if (!groups.ContainsKey(key)) continue;
                if (!earlier.TryGetValue(key, out var contacts))
                {
                    contacts = new HashSet<Guid>();
                    earlier.Add(key, contacts);
                }

                contacts.Add(made.ContactId);
            }

            var competing = new List<PlannedTouch>();
            foreach (var group in groups)
            {
                earlier.TryGetValue(group.Key, out var already);
                competing.Clear();
                foreach (var member in group.Value)
                {
                    var others = already is null ? 0 : already.Count - (already.Contains(member.Key) ? 1 : 0);
                    if (others > 0)
                    {
                        foreach (var outcome in member.Value)
                        {
                            Block(outcome, JoinCodes.HouseholdContactedToday, settings, new FactValue("AlreadyContacted", JoinDecision.Number(others)));
                        }
                    }
                    else
                    {
                        competing.Add(member.Value[0].Touch);
                    }
                }

                if (competing.Count < 2) continue;
                competing.Sort(JoinRules.HouseholdOrder);
                var membersDue = new FactValue("MembersDue", JoinDecision.Number(competing.Count));
                for (var rank = 0; rank < competing.Count; rank++)
                {
                    var rankValue = new FactValue("Rank", JoinDecision.Number(rank + 1));
                    foreach (var outcome in group.Value[competing[rank].ContactId])
                    {
                        if (rank == 0) outcome.Add(new JoinDecision(JoinRule.Household, JoinCodes.HouseholdChosen, new[] { membersDue, rankValue }));
                        else Block(outcome, JoinCodes.HouseholdSameOffer, settings, membersDue, rankValue);
                    }
                }
            }
        }

        private static void Block(TouchOutcome outcome, string code, JoinSettings settings, params FactValue[] counts)
        {
            var retry = outcome.Touch.Day.AddDays(settings.HouseholdRetryAfterDays);
            outcome.Verdict = TouchVerdict.Blocked;
            outcome.ReasonCode = code;
            outcome.RetryOn = retry;
            var all = new FactValue[counts.Length + 1];
            counts.CopyTo(all, 0);
            all[counts.Length] = new FactValue("RetryOn", JoinDecision.Day(retry));
            outcome.Add(new JoinDecision(JoinRule.Household, code, all));
        }
    }
}
