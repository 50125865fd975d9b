using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// No rep makes more calls a day than their capacity. The page's calls (not blocked, owned by a rep whose
    /// capacity is declared) take the rep's free slots in <see cref="JoinRules.CallOrder"/> — higher grades
    /// first. A call that finds its rep's day full goes to the overflow team when one is named; otherwise it
    /// moves to the rep's next day with room, counting the calls already there and those this page moved
    /// there. Never dropped.
    /// </summary>
    internal static class TeamCapacityRule
    {
        public static void Apply(List<TouchOutcome> outcomes, JoinPage page, JoinSettings settings)
        {
            var capacity = new Dictionary<Guid, int>();
            foreach (var rep in page.Reps)
            {
                if (capacity.ContainsKey(rep.Rep)) throw new ArgumentException("Rep " + rep.Rep.ToString("D") + " is listed twice with a capacity.", nameof(page));
                capacity.Add(rep.Rep, rep.CallsPerDay);
            }

            var calls = new List<TouchOutcome>();
            foreach (var outcome in outcomes)
            {
                var touch = outcome.Touch;
                if (outcome.Verdict == TouchVerdict.Blocked || !touch.IsCall || touch.Rep is null || !capacity.ContainsKey(touch.Rep.Value)) continue;
                calls.Add(outcome);
            }

            if (calls.Count == 0) return;

            var used = new Dictionary<RepDay, int>();
            foreach (var load in page.Loads)
            {
                if (!capacity.ContainsKey(load.Rep)) continue;
                var key = new RepDay(load.Rep, load.Day);
                used.TryGetValue(key, out var n);
                used[key] = n + load.Calls;
            }

            calls.Sort((a, b) => JoinRules.CallOrder(a.Touch, b.Touch));
            foreach (var outcome in calls)
            {
                var touch = outcome.Touch;
                var rep = touch.Rep!.Value;
                var perDay = capacity[rep];
                var planned = new RepDay(rep, touch.Day);
                used.TryGetValue(planned, out var already);
                var capacityValue = new FactValue("Capacity", JoinDecision.Number(perDay));
                var callsBefore = new FactValue("CallsBefore", JoinDecision.Number(already));
                if (already < perDay)
                {
                    used[planned] = already + 1;
                    outcome.Assignee = JoinAssignee.Rep(rep);
                    outcome.Add(new JoinDecision(JoinRule.TeamCapacity, JoinCodes.WithinCapacity, new[] { capacityValue, callsBefore }));
                    continue;
                }

                outcome.ReasonCode = JoinCodes.RepAtCapacity;
                if (settings.OverflowTeam is { } team)
                {
                    outcome.Verdict = TouchVerdict.Reassigned;
                    outcome.Assignee = JoinAssignee.Team(team);
                    outcome.Add(new JoinDecision(JoinRule.TeamCapacity, JoinCodes.RepAtCapacity, new[] { capacityValue, callsBefore, new FactValue("Team", team.Name) }));
                    continue;
                }

                // Terminates: capacity is at least 1 and only finitely many days carry calls.
                var day = touch.Day.AddDays(1);
                int onDay;
                while (used.TryGetValue(new RepDay(rep, day), out onDay) && onDay >= perDay) day = day.AddDays(1);
                used[new RepDay(rep, day)] = onDay + 1;
                outcome.Verdict = TouchVerdict.Moved;
                outcome.Day = day;
                outcome.Assignee = JoinAssignee.Rep(rep);
                outcome.Add(new JoinDecision(JoinRule.TeamCapacity, JoinCodes.RepAtCapacity, new[]
                {
                    capacityValue, callsBefore, new FactValue("MovedTo", JoinDecision.Day(day)), new FactValue("DaysLater", JoinDecision.Number((day - touch.Day).Days)),
                }));
            }
        }
    }
}
