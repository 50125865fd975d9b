using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// The thresholds of the join rules. Defaults are the product's; the daily evaluation's configuration may
    /// change them. <see cref="Validate"/> names the setting that is out of range.
    /// </summary>
    public sealed class JoinSettings
    {
        /// <summary>Friends' purchases made 0 to N-1 days ago count ("the last N days", as in the rulesets). Default 30.</summary>
        public int SocialProofWindowDays { get; set; } = 30;

        /// <summary>
        /// At least this many friends must have bought before a customer hears "N of your friends chose X".
        /// Default 2: with one, the message would tell the customer what that one friend bought.
        /// </summary>
        public int SocialProofMinFriends { get; set; } = 2;

        /// <summary>The stages whose touches carry the social-proof message. Default: Sleeping (seed 000).</summary>
        public IList<LifecycleStage> SocialProofStages { get; } = new List<LifecycleStage> { LifecycleStage.Sleeping };

        /// <summary>
        /// A household member blocked by the household rule may get the offer this many days after the planned
        /// day. Default 7, so one household does not hear the same offer on two days in a row.
        /// </summary>
        public int HouseholdRetryAfterDays { get; set; } = 7;

        /// <summary>The team that takes calls reps at capacity cannot make; null: such calls move to the rep's next day with room.</summary>
        public JoinTeam? OverflowTeam { get; set; }

        public void Validate()
        {
            if (SocialProofWindowDays < 1 || SocialProofWindowDays > 365) throw Invalid(nameof(SocialProofWindowDays), SocialProofWindowDays, "between 1 and 365 days");
            if (SocialProofMinFriends < 1 || SocialProofMinFriends > 1000) throw Invalid(nameof(SocialProofMinFriends), SocialProofMinFriends, "between 1 and 1000 friends");
            if (HouseholdRetryAfterDays < 1 || HouseholdRetryAfterDays > 365) throw Invalid(nameof(HouseholdRetryAfterDays), HouseholdRetryAfterDays, "between 1 and 365 days");
        }

        private static ArgumentException Invalid(string setting, int value, string range) =>
            new ArgumentException("Join rules: " + setting + " must be " + range + " (got " + value + ").", setting);
    }
}
