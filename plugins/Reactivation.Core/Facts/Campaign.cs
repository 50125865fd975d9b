using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;
using Reactivation.Core.Rules.Loading;

namespace Reactivation.Core.Facts
{
    /// <summary>
    /// A win-back campaign as the organisation records it (rx_campaign): from its first to its last day (organisation-local
    /// dates, both included) customers in its stages may be contacted in the campaign — the InCampaign fact the contact
    /// policy reads (the shipped policies contact Lost customers only then, and their Assign verdicts name the team that
    /// works them). A campaign covers a customer on a day when it runs that day for the stage the customer holds and has
    /// them in its audience (<see cref="CampaignAudience"/>; none = everyone in its stages); the customer's InCampaign on
    /// a day is whether one does. An attempt started in a campaign with an owner team is that team's, and so are its
    /// calls and tasks.
    /// </summary>
    public sealed class Campaign
    {
        private readonly List<LifecycleStage> _stages;

        /// <param name="audience">Who among the customers in its stages; null for all of them.</param>
        /// <param name="ownerTeamId">The team that owns the attempts started in it and works their calls and tasks; null
        /// for the team the contact policy's Assign verdict names (or whoever works them without one).</param>
        /// <param name="ownerTeamName">That team's name, for the trace.</param>
        public Campaign(Guid id, string name, DateTime firstDay, DateTime lastDay, IEnumerable<LifecycleStage> stages, CampaignAudience? audience = null, Guid? ownerTeamId = null, string? ownerTeamName = null)
        {
            if (stages is null) throw new ArgumentNullException(nameof(stages));
            if (lastDay.Date < firstDay.Date) throw new ArgumentException("A campaign's last day is on or after its first day.", nameof(lastDay));
            Id = id;
            Name = name ?? "";
            FirstDay = firstDay.Date;
            LastDay = lastDay.Date;
            _stages = new List<LifecycleStage>(stages);
            Audience = audience;
            OwnerTeamId = ownerTeamId;
            OwnerTeamName = ownerTeamId is null ? null : string.IsNullOrEmpty(ownerTeamName) ? ownerTeamId.Value.ToString("D") : ownerTeamName;
        }

        public Guid Id { get; }

        public string Name { get; }

        /// <summary>The first day of outreach, organisation-local.</summary>
        public DateTime FirstDay { get; }

        /// <summary>The last day of outreach, organisation-local (included).</summary>
        public DateTime LastDay { get; }

        public IReadOnlyList<LifecycleStage> Stages => _stages;

        /// <summary>Who among the customers in its stages; null for all of them.</summary>
        public CampaignAudience? Audience { get; }

        /// <summary>The team that owns the attempts started in it and works their calls and tasks; null when the contact policy decides.</summary>
        public Guid? OwnerTeamId { get; }

        /// <summary>That team's name (its id when the record did not carry the name); null without an owner team.</summary>
        public string? OwnerTeamName { get; }

        /// <summary>The campaign runs on <paramref name="localDate"/> for a customer in <paramref name="stage"/>.</summary>
        public bool Covers(string stage, DateTime localDate)
        {
            if (localDate.Date < FirstDay || localDate.Date > LastDay) return false;
            foreach (var s in _stages)
            {
                if (string.Equals(s.ToString(), stage, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        /// <summary>
        /// The first campaign of <paramref name="campaigns"/> that runs on the day for the customer's stage and has them in
        /// its audience (read from <paramref name="facts"/>, that day's); null when none does.
        /// </summary>
        public static Campaign? Covering(IEnumerable<Campaign> campaigns, CustomerFacts facts, DateTime localDate)
        {
            if (campaigns is null) return null;
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            foreach (var campaign in campaigns)
            {
                if (campaign.Covers(facts.Stage, localDate) && (campaign.Audience is null || campaign.Audience.Includes(facts))) return campaign;
            }

            return null;
        }

        /// <summary>
        /// Reads the stages a campaign record names (rx_stages): stage names separated by commas, spaces around them
        /// ignored. Returns the problem in words, null when the text is good.
        /// </summary>
        public static string? TryParseStages(string? text, out List<LifecycleStage> stages)
        {
            stages = new List<LifecycleStage>();
            if (string.IsNullOrWhiteSpace(text)) return "names no stage in Stages: write the stages it reaches, e.g. Lost, or Sleeping, Lost";
            foreach (var part in text!.Split(','))
            {
                var name = part.Trim();
                if (name.Length == 0) return "has an empty stage between two commas in Stages";
                if (!TryStage(name, out var stage))
                {
                    var known = string.Join(", ", Enum.GetNames(typeof(LifecycleStage)));
                    var suggestion = Names.Suggest(name, Enum.GetNames(typeof(LifecycleStage)));
                    return "names an unknown stage '" + name + "' in Stages" + (suggestion is null ? "" : " (" + suggestion + ")") + "; the stages are " + known;
                }

                if (!stages.Contains(stage)) stages.Add(stage);
            }

            return null;
        }

        private static bool TryStage(string name, out LifecycleStage stage)
        {
            foreach (LifecycleStage candidate in Enum.GetValues(typeof(LifecycleStage)))
            {
                if (string.Equals(candidate.ToString(), name, StringComparison.Ordinal))
                {
                    stage = candidate;
                    return true;
                }
            }

            stage = default;
            return false;
        }
    }
}
