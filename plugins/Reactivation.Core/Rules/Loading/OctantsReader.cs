using Reactivation.Core.Facts;
using Reactivation.Core.Json;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// The lifecycle ruleset's <c>Octants</c>: the business's split points for the Octant fact, the product's one property
    /// beside RulesEngine's workflow schema (RulesEngine ignores it). Only a lifecycle ruleset may carry it; all three
    /// split points are required, whole numbers of days and orders, a spend of at least 0.
    /// </summary>
    internal static class OctantsReader
    {
        public const string Property = "Octants";
        private static readonly string[] Properties = { "SpendAbove", "PurchasesAbove", "RecentWithinDays" };
        private const string Example = "\"Octants\": { \"SpendAbove\": 1200, \"PurchasesAbove\": 2, \"RecentWithinDays\": 60 }";

        public static OctantSplits? Read(JsonObject workflow, RulesetKind kind, bool kindKnown, FieldReader fields)
        {
            var property = workflow.Property(Property);
            if (property is null) return null;
            var value = workflow[Property]!;
            if (kindKnown && kind != RulesetKind.Lifecycle)
            {
                fields.Diagnostics.ErrorAt(DiagnosticCodes.UnknownProperty, property, null, "only a lifecycle ruleset sets the Octants split points", "move Octants to the lifecycle ruleset");
                return null;
            }

            if (value is not JsonObject splits)
            {
                fields.Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, null, "Octants must be an object", Example);
                return null;
            }

            fields.CheckProperties(splits, Properties, null, "Octants");
            decimal? spend = null;
            var spendValue = splits["SpendAbove"];
            if (spendValue is null) fields.Diagnostics.ErrorAt(DiagnosticCodes.Missing, splits, null, "Octants.SpendAbove is missing", Example);
            else if (spendValue is not JsonNumber number) fields.Diagnostics.ErrorAt(DiagnosticCodes.WrongType, spendValue, null, "Octants.SpendAbove must be a number", Example);
            else if (number.Value < 0m) fields.Diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, spendValue, null, "Octants.SpendAbove cannot be negative", Example);
            else spend = number.Value;

            var purchases = fields.RequiredInt(splits, "PurchasesAbove", null, splits, 0, 10000, Example);
            var days = fields.RequiredInt(splits, "RecentWithinDays", null, splits, 0, 3650, Example);
            return spend.HasValue && purchases.HasValue && days.HasValue ? new OctantSplits(spend.Value, purchases.Value, days.Value) : null;
        }
    }
}
