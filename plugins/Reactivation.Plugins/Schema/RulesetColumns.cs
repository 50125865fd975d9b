using Reactivation.Core.Rules;

namespace Reactivation.Plugins.Schema
{
    /// <summary>The rx_ruleset columns (solution/Entities/rx_Ruleset) and the rx_kind choice values.</summary>
    public static class RulesetColumns
    {
        public const string Table = "rx_ruleset";
        public const string Id = "rx_rulesetid";
        public const string Name = "rx_name";
        public const string Kind = "rx_kind";
        public const string Definition = "rx_definition";
        public const string Version = "rx_version";
        public const string IsActive = "rx_isactive";
        public const string ValidationResult = "rx_validationresult";
        public const string ModifiedOn = "modifiedon";

        /// <summary>rx_validationresult is multiline text of at most this many characters.</summary>
        public const int ValidationResultMaxLength = 100000;

        /// <summary>rx_kind.</summary>
        public static readonly Choice<RulesetKind> Kinds = Choice.FromPublisherBase(Table, Kind, RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers);
    }
}
