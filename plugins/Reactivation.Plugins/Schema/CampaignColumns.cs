namespace Reactivation.Plugins.Schema
{
    /// <summary>The rx_campaign columns (solution/Entities/rx_Campaign): a win-back campaign's window, the stages and audience it reaches, the team that works it.</summary>
    public static class CampaignColumns
    {
        public const string Table = "rx_campaign";
        public const string Name = "rx_name";
        public const string StartsOn = "rx_startson";
        public const string EndsOn = "rx_endson";
        /// <summary>The stages it reaches, by name, separated by commas (Core's Campaign.TryParseStages reads them).</summary>
        public const string Stages = "rx_stages";
        /// <summary>Who among the customers in its stages: one condition in the rulesets' expression language (Core's CampaignAudience reads it); empty for all of them.</summary>
        public const string Audience = "rx_audience";
        /// <summary>The team (lookup) that owns the attempts started in the campaign and works their calls and tasks; empty for the contact policy's team.</summary>
        public const string OwnerTeam = "rx_ownerteamid";
        /// <summary>When the daily evaluation had brought every customer in its stages to the outreach step (empty until then).</summary>
        public const string BroughtInOn = "rx_broughtinon";
        /// <summary>The last contact the daily evaluation brought in so far (a contactid), so an interrupted run resumes after it.</summary>
        public const string BroughtInThrough = "rx_broughtinthrough";
        /// <summary>0 Active, 1 Inactive: an inactive campaign reaches nobody.</summary>
        public const string State = "statecode";
        public const int Active = 0;
    }
}
