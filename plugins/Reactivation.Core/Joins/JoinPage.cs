using System;
using System.Collections.Generic;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// One page of the daily evaluation after the per-customer rulesets decided: the touches they planned and
    /// the facts about other customers, touches and people the join rules need. The plugin reads each kind of
    /// fact with at most one query per page.
    /// </summary>
    public sealed class JoinPage
    {
        public JoinPage(DateTime today)
        {
            Today = today.Date;
        }

        /// <summary>The evaluation's organisation-local day.</summary>
        public DateTime Today { get; }

        public IList<PlannedTouch> Touches { get; } = new List<PlannedTouch>();

        /// <summary>Households of the page's contacts (from the page's rows).</summary>
        public HouseholdDirectory Households { get; set; } = new HouseholdDirectory();

        /// <summary>Offers household members already got outside this page, on the days the page plans for.</summary>
        public IList<EarlierHouseholdTouch> EarlierHouseholdTouches { get; } = new List<EarlierHouseholdTouch>();

        /// <summary>The page's relationship facts (<see cref="RelationshipChain.Evaluate"/>, computed before the rulesets); null: none read.</summary>
        public RelationshipChainResult? Friends { get; set; }

        /// <summary>Reps whose calls per day are limited. A call owned by anyone else (a team, a user not listed) is not limited.</summary>
        public IList<RepCapacity> Reps { get; } = new List<RepCapacity>();

        /// <summary>Calls the listed reps already have, per day, from the first day the page plans for onwards.</summary>
        public IList<RepLoad> Loads { get; } = new List<RepLoad>();
    }
}
