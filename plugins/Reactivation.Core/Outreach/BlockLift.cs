using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Outreach
{
    /// <summary>
    /// When a suppressed plan's block lifts: the first following organisation-local day on which the contact policy,
    /// asked on that day's facts with nothing else happening, lets at least one of the plan's actions out on one of the
    /// channels the planner would try. A minimum gap ends, a cap window rolls past its oldest touch, a weekday rule
    /// opens; a block no day lifts (no consent, a stage the policy never contacts in) gives none within the horizon.
    /// Pure, like the planner: the outreach step stores the day as the contact's outreach due and the attempt's retry
    /// date, and the daily evaluation of that morning brings the contact back to the outreach step.
    /// </summary>
    public static class BlockLift
    {
        /// <summary>
        /// How far ahead a lift is looked for: the longest cap window the facts offer (90 days), by which every touch now
        /// counted has rolled out, plus 100 days for a calendar condition to come round after that — a Lost customer
        /// capped by her earlier touches meets the first campaign that runs once they have left the window.
        /// </summary>
        public const int HorizonDays = 190;

        /// <summary>The first organisation-local day the plan's actions may go out; null when none within the horizon.</summary>
        /// <remarks>Each action is tried on the channels the planner tried it on today, in its order (today's escalation).</remarks>
        internal static DateTime? FirstDay(IReadOnlyList<PlannedTouch> actions, CustomerFactsBuilder builder, Ruleset contactPolicy, OutreachContext context)
        {
            var today = context.Organisation.LocalDate(context.UtcNow);
            var customerLocalNow = context.UtcNow + context.Customer.Offset;
            for (var day = 1; day <= HorizonDays; day++)
            {
                var ahead = day;
                int Count(IReadOnlyList<string> channels, int windowDays) => builder.CountTouches(channels, windowDays, null, ahead);
                foreach (var action in actions)
                {
                    foreach (var channel in action.Candidates)
                    {
                        var policy = ContactPolicyEvaluator.Evaluate(contactPolicy, builder.BuildForChannel(channel, ahead), Count, explain: false);
                        if (policy.Outcome == PolicyOutcome.Block) continue;
                        var isMessageChannel = ContactChannels.IsMessage(channel);
                        if (policy.Outcome == PolicyOutcome.Defer && isMessageChannel && policy.DeferUntil(customerLocalNow.AddDays(ahead)) is null) continue;
                        return today.AddDays(ahead);
                    }
                }
            }

            return null;
        }
    }
}
