using System.Collections.Generic;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// Seed 000's relationship chain: a touch of a customer in a social-proof stage (Sleeping) whose referral
    /// friends bought recently — at least <see cref="JoinSettings.SocialProofMinFriends"/> of them — carries
    /// "N of your friends chose X" (<see cref="FriendsChoice.Message"/>). Blocked touches carry nothing.
    /// </summary>
    internal static class SocialProofRule
    {
        public static void Apply(List<TouchOutcome> outcomes, JoinPage page, JoinSettings settings)
        {
            if (page.Friends is null) return;
            var stages = new bool[(int)LifecycleStage.Reactivated + 1];
            foreach (var stage in settings.SocialProofStages)
            {
                if ((int)stage >= 0 && (int)stage < stages.Length) stages[(int)stage] = true;
            }

            var window = new FactValue("WindowDays", JoinDecision.Number(page.Friends.WindowDays));
            foreach (var outcome in outcomes)
            {
                var touch = outcome.Touch;
                if (outcome.Verdict == TouchVerdict.Blocked || !stages[(int)touch.Stage]) continue;
                var choice = page.Friends.For(touch.ContactId);
                if (choice.FriendsBoughtRecently < settings.SocialProofMinFriends) continue;
                outcome.SocialProof = choice;
                var count = new FactValue("FriendsBoughtRecently", JoinDecision.Number(choice.FriendsBoughtRecently));
                outcome.Add(new JoinDecision(
                    JoinRule.RelationshipChain,
                    JoinCodes.FriendsChoseRecently,
                    choice.TopChoice.Length > 0 ? new[] { count, window, new FactValue("TopChoice", choice.TopChoice) } : new[] { count, window }));
            }
        }
    }
}
