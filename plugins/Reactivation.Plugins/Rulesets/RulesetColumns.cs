using Reactivation.Core.Rules;

namespace Reactivation.Plugins.Rulesets
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

        /// <summary>rx_validationresult is multiline text of at most this many characters.</summary>
        public const int ValidationResultMaxLength = 100000;

        /// <summary>rx_kind: 101770000 Lifecycle, 101770001 ContactPolicy, 101770002 Offers.</summary>
        public const int LifecycleKind = 101770000;
        public const int ContactPolicyKind = 101770001;
        public const int OffersKind = 101770002;

        /// <summary>The rx_kind value of a ruleset kind.</summary>
        public static int KindValue(RulesetKind kind) => kind switch
        {
            RulesetKind.ContactPolicy => ContactPolicyKind,
            RulesetKind.Offers => OffersKind,
            _ => LifecycleKind,
        };

        /// <summary>The ruleset kind of an rx_kind value; false for a value the choice does not have.</summary>
        public static bool TryKind(int value, out RulesetKind kind)
        {
            switch (value)
            {
                case LifecycleKind:
                    kind = RulesetKind.Lifecycle;
                    return true;
                case ContactPolicyKind:
                    kind = RulesetKind.ContactPolicy;
                    return true;
                case OffersKind:
                    kind = RulesetKind.Offers;
                    return true;
                default:
                    kind = RulesetKind.Lifecycle;
                    return false;
            }
        }
    }
}
