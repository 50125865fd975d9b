using System.Globalization;
using System.Text;
using Reactivation.Core.Ledgers;

namespace Reactivation.Core.Outreach
{
    /// <summary>
    /// A plan's explanation as the attempt's rx_explanation carries it for a manager or an admin: the stage and reason,
    /// the offer and the rule that chose it, every channel tried for every action with the contact policy's verdict and
    /// the facts its rules read, the incentive, the outcome. Rendered from the plan's data when the attempt is written;
    /// nothing reads it back (the reason codes travel as <see cref="BlockReasons"/>).
    /// </summary>
    public static class PlanExplanation
    {
        public static string Render(OutreachPlan plan)
        {
            var text = new StringBuilder();
            if (plan.IsContinuation) text.Append(plan.Step).Append(": ");
            text.Append("Stage ").Append(plan.Stage).Append(" since ").Append(plan.StageSinceLocal.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(" (organisation time); reason ").Append(plan.DormancyReason).Append('\n');
            text.Append("Offer ").Append(plan.Offer.OfferName).Append(" (").Append(plan.Step).Append(") by ").Append(plan.Offer.Explanation).Append('\n');
            foreach (var action in plan.Touches)
            {
                if (action.MadeEarlier)
                {
                    text.Append(action.Kind).Append(" via ").Append(action.Channel).Append(": made earlier (").Append(LedgerInstant.Write(action.AtUtc)).Append(")\n");
                    continue;
                }

                foreach (var trial in action.Trials)
                {
                    text.Append(Verdict(action, trial));
                    if (trial.Verdict != ChannelVerdict.NoSendWindow) text.Append(" [").Append(trial.Policy.Explanation).Append(']');
                    text.Append('\n');
                }
            }

            if (plan.Incentive is { } incentive)
            {
                if (incentive.IssuedAtStart) text.Append("Incentive ").Append(incentive.Action.Type).Append(", code ").Append(incentive.Code).Append(": issued with the attempt's first step\n");
                else if (incentive.Issues) text.Append("Incentive ").Append(incentive.Action.Type).Append(' ').Append(incentive.Action.Value.ToString(CultureInfo.InvariantCulture)).Append(", code ").Append(incentive.Code).Append('\n');
            }

            foreach (var decision in plan.JoinDecisions) text.Append("Join ").Append(decision).Append('\n');
            if (plan.HeldOut) text.Append("Outcome Holdout: this customer is in the holdout group for this stage; nothing is sent, so their purchases show what happens without outreach\n");

            if (plan.Suppressed)
            {
                text.Append("Outcome Suppressed: every action was blocked — ");
                var first = true;
                foreach (var action in plan.Touches)
                {
                    foreach (var trial in action.Trials)
                    {
                        if (trial.Verdict == ChannelVerdict.Chosen) continue;
                        if (!first) text.Append("; ");
                        first = false;
                        text.Append(trial.Channel).Append(": ").Append(trial.Verdict == ChannelVerdict.NoSendWindow ? OutreachReasonCodes.NoSendWindow : Rules(trial) + " (" + string.Join(", ", trial.Policy.ReasonCodes) + ")");
                    }
                }

                text.Append('\n');
                text.Append(plan.RetryOnLocal is { } retry
                    ? "Retry on " + retry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ": the first day the contact policy lets an action out\n"
                    : "No retry: no day in the next " + BlockLift.HorizonDays.ToString(CultureInfo.InvariantCulture) + " lifts the block\n");
            }
            else
            {
                text.Append("Outcome Open\n");
            }

            return text.ToString();
        }

        /// <summary>One channel's verdict without the facts: <c>PhoneCall via Phone: Block by NoConsentPhone (NoConsent)</c>. The plugin trace carries these lines.</summary>
        public static string Verdict(PlannedTouch action, ChannelTrial trial)
        {
            var head = action.Kind + " via " + trial.Channel + ": ";
            switch (trial.Verdict)
            {
                case ChannelVerdict.Blocked:
                    return head + "Block by " + Rules(trial) + " (" + string.Join(", ", trial.Policy.ReasonCodes) + ")";
                case ChannelVerdict.NoSendWindow:
                    return head + "no send window within 7 days";
                default:
                    var at = trial.AtUtc!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                    return head + trial.Policy.Outcome + (trial.Policy.DecidingRules.Count > 0 ? " by " + Rules(trial) : "")
                        + (trial.IsDue ? ", due " + at + " UTC" : trial.Later ? ", send after " + at + " UTC" : "");
            }
        }

        private static string Rules(ChannelTrial trial) => string.Join(", ", trial.Policy.DecidingRules);
    }
}
