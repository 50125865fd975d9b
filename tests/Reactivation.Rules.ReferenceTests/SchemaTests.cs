using NJsonSchema;
using Reactivation.Core.Rules;

namespace Reactivation.Rules.ReferenceTests;

/// <summary>
/// rules/schema/ruleset.schema.json is what editors validate against while a business user types. It must
/// accept every shipped ruleset and reject what the interpreter's validator rejects for its structure
/// (expressions are the validator's alone: a schema cannot parse them).
/// </summary>
[TestClass]
public sealed class SchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFileAsync(RepositoryLayout.SchemaPath).GetAwaiter().GetResult());

    private const string Lifecycle = """
        {
          "WorkflowName": "Lifecycle.Sample",
          "Rules": [
            { "RuleName": "Lost", "Expression": "customer.DaysSinceLastPurchase > 180", "SuccessEvent": "Lost", "Properties": { "Label": "D", "LabelZh": "D 类客户" } },
            { "RuleName": "Recent", "Operator": "AndAlso", "SuccessEvent": "Active",
              "Rules": [ { "RuleName": "Bought", "Expression": "customer.PurchaseCount > 0" }, { "RuleName": "Lately", "Expression": "customer.DaysSinceLastPurchase <= 30" } ] }
          ]
        }
        """;

    private const string ContactPolicy = """
        {
          "WorkflowName": "ContactPolicy.Sample",
          "Rules": [
            { "RuleName": "NoSms", "Expression": "!customer.ConsentSms", "SuccessEvent": "Block", "Properties": { "Channels": ["Sms"], "ReasonCode": "NoConsent" } },
            { "RuleName": "Quiet", "Expression": "customer.LocalHour < 9", "SuccessEvent": "Defer", "Properties": { "SendWindows": ["11:00-12:00"] } },
            { "RuleName": "Weekly", "Expression": "true", "SuccessEvent": "Cap", "Properties": { "MaxTouches": 2, "WindowDays": 7 } },
            { "RuleName": "Escalate", "Expression": "true", "SuccessEvent": "Escalation", "Properties": { "Order": ["Push", "Sms", "Phone"], "FollowUpAfterDays": 3 } },
            { "RuleName": "Team", "Expression": "customer.Stage == \"Lost\"", "SuccessEvent": "Assign", "Properties": { "Team": "Reactivation" } }
          ]
        }
        """;

    private const string Offers = """
        {
          "WorkflowName": "Offers",
          "Rules": [
            { "RuleName": "Voucher", "Expression": "customer.DormancyReason == \"PriceSensitive\"", "SuccessEvent": "WinBackVoucher",
              "Properties": {
                "AttemptStep": "Wake",
                "PhoneCall": { "Subject": { "en": "Call", "zh-CN": "致电" }, "DueInDays": 1, "Owner": "Team:Store" },
                "Message": { "Channel": "Sms", "Template": "WinBackVoucher", "Text": { "en": "A voucher", "zh-CN": "代金券" } },
                "Incentive": { "Type": "Voucher", "Value": 50, "ValidityDays": 30 } } }
          ]
        }
        """;

    public static IEnumerable<object[]> BrokenSamples =>
    [
        ["a misspelt rule property", Lifecycle.Replace("\"Expression\": \"customer.DaysSinceLastPurchase > 180\"", "\"Expresion\": \"customer.DaysSinceLastPurchase > 180\"", StringComparison.Ordinal)],
        ["an unknown workflow property", Lifecycle.Replace("\"WorkflowName\"", "\"Owner\": \"me\", \"WorkflowName\"", StringComparison.Ordinal)],
        ["RulesEngine actions (outcomes are data)", Lifecycle.Replace("\"SuccessEvent\": \"Lost\",", "\"SuccessEvent\": \"Lost\", \"Actions\": { \"OnSuccess\": { \"Name\": \"OutputExpression\" } },", StringComparison.Ordinal)],
        ["WorkflowsToInject", Lifecycle.Replace("\"Rules\": [", "\"WorkflowsToInject\": [\"Other\"], \"Rules\": [", StringComparison.Ordinal)],
        ["a WorkflowName of no kind", Lifecycle.Replace("Lifecycle.Sample", "Stages", StringComparison.Ordinal)],
        ["no rules", """{ "WorkflowName": "Lifecycle", "Rules": [] }"""],
        ["a stage that does not exist", Lifecycle.Replace("\"SuccessEvent\": \"Lost\"", "\"SuccessEvent\": \"Dormant\"", StringComparison.Ordinal)],
        ["a top-level rule without SuccessEvent", Lifecycle.Replace("\"SuccessEvent\": \"Lost\",", "", StringComparison.Ordinal)],
        ["an unknown lifecycle property", Lifecycle.Replace("\"Label\": \"D\"", "\"Colour\": \"red\"", StringComparison.Ordinal)],
        ["a rule with both Expression and Operator", Lifecycle.Replace("\"Operator\": \"AndAlso\",", "\"Operator\": \"AndAlso\", \"Expression\": \"true\",", StringComparison.Ordinal)],
        ["an Operator spelt in the wrong case", Lifecycle.Replace("\"AndAlso\"", "\"andalso\"", StringComparison.Ordinal)],
        ["a nested rule with a SuccessEvent", Lifecycle.Replace("{ \"RuleName\": \"Bought\",", "{ \"RuleName\": \"Bought\", \"SuccessEvent\": \"New\",", StringComparison.Ordinal)],
        ["Enabled as text", Lifecycle.Replace("\"RuleName\": \"Lost\",", "\"RuleName\": \"Lost\", \"Enabled\": \"no\",", StringComparison.Ordinal)],
        ["an Expression that is not a string", Lifecycle.Replace("\"customer.PurchaseCount > 0\"", "true", StringComparison.Ordinal)],
        ["a Block without ReasonCode", ContactPolicy.Replace(", \"ReasonCode\": \"NoConsent\"", "", StringComparison.Ordinal)],
        ["an unknown verdict", ContactPolicy.Replace("\"SuccessEvent\": \"Block\"", "\"SuccessEvent\": \"Deny\"", StringComparison.Ordinal)],
        ["an unknown channel", ContactPolicy.Replace("[\"Sms\"]", "[\"Fax\"]", StringComparison.Ordinal)],
        ["a send window that is no time", ContactPolicy.Replace("11:00-12:00", "25:00-26:00", StringComparison.Ordinal)],
        ["a Defer without SendWindows", ContactPolicy.Replace("\"Properties\": { \"SendWindows\": [\"11:00-12:00\"] }", "\"Properties\": { \"ReasonCode\": \"Quiet\" }", StringComparison.Ordinal)],
        ["MaxTouches as text", ContactPolicy.Replace("\"MaxTouches\": 2", "\"MaxTouches\": \"2\"", StringComparison.Ordinal)],
        ["WindowDays of 0", ContactPolicy.Replace("\"WindowDays\": 7", "\"WindowDays\": 0", StringComparison.Ordinal)],
        ["Channels on an Escalation", ContactPolicy.Replace("\"Order\": [", "\"Channels\": [\"Sms\"], \"Order\": [", StringComparison.Ordinal)],
        ["a ReasonCode on a Cap", ContactPolicy.Replace("\"MaxTouches\": 2,", "\"MaxTouches\": 2, \"ReasonCode\": \"Weekly\",", StringComparison.Ordinal)],
        ["an Assign without Team", ContactPolicy.Replace("\"Properties\": { \"Team\": \"Reactivation\" }", "\"Properties\": { \"Channels\": [\"Phone\"] }", StringComparison.Ordinal)],
        ["a message on the phone channel", Offers.Replace("\"Channel\": \"Sms\"", "\"Channel\": \"Phone\"", StringComparison.Ordinal)],
        ["an unknown incentive type", Offers.Replace("\"Type\": \"Voucher\"", "\"Type\": \"Cashback\"", StringComparison.Ordinal)],
        ["a negative incentive value", Offers.Replace("\"Value\": 50", "\"Value\": -5", StringComparison.Ordinal)],
        ["a text without Chinese", Offers.Replace(", \"zh-CN\": \"致电\"", "", StringComparison.Ordinal)],
        ["an unknown owner strategy", Offers.Replace("\"Team:Store\"", "\"Nobody\"", StringComparison.Ordinal)],
        ["an attempt step that does not exist", Offers.Replace("\"Wake\"", "\"Nudge\"", StringComparison.Ordinal)],
        ["an unknown offer property", Offers.Replace("\"AttemptStep\"", "\"Priority\": 1, \"AttemptStep\"", StringComparison.Ordinal)],
        ["an offer name with spaces", Offers.Replace("\"SuccessEvent\": \"WinBackVoucher\"", "\"SuccessEvent\": \"Win back voucher\"", StringComparison.Ordinal)],
    ];

    [TestMethod]
    [DynamicData(nameof(ShippedRulesets.All), typeof(ShippedRulesets), DynamicDataDisplayName = nameof(ShippedRulesets.DisplayNameOf), DynamicDataDisplayNameDeclaringType = typeof(ShippedRulesets))]
    public void The_schema_accepts_every_shipped_ruleset(string ruleset)
    {
        var errors = Schema.Value.Validate(File.ReadAllText(ShippedRulesets.PathOf(ruleset)));
        Assert.IsEmpty(errors, $"{ruleset}: {string.Join("; ", errors.Select(Describe))}");
    }

    [TestMethod]
    [DataRow("lifecycle")]
    [DataRow("contact policy")]
    [DataRow("offers")]
    public void The_schema_and_the_validator_both_accept_the_valid_samples(string kind)
    {
        var json = kind switch { "lifecycle" => Lifecycle, "contact policy" => ContactPolicy, _ => Offers };
        var errors = Schema.Value.Validate(json);
        Assert.IsEmpty(errors, string.Join("; ", errors.Select(Describe)));
        var loaded = RulesetLoader.Load(json, kind + ".json");
        Assert.IsFalse(loaded.HasErrors, string.Join(Environment.NewLine, loaded.Diagnostics));
    }

    [TestMethod]
    [DynamicData(nameof(BrokenSamples))]
    public void The_schema_and_the_validator_both_reject(string what, string json)
    {
        var loaded = RulesetLoader.Load(json, "sample.json");
        Assert.IsTrue(loaded.HasErrors, $"the validator accepts {what}");
        var errors = Schema.Value.Validate(json);
        Assert.IsNotEmpty(errors, $"the schema accepts {what}; the validator says: {string.Join(" | ", loaded.Diagnostics)}");
    }

    [TestMethod]
    public void Every_shipped_ruleset_names_the_schema_relative_to_itself()
    {
        foreach (var path in RepositoryLayout.ShippedRulesets())
        {
            var root = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path));
            var reference = (string?)root["$schema"];
            Assert.IsNotNull(reference, $"{RepositoryLayout.DisplayName(path)} has no \"$schema\"");
            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference));
            Assert.AreEqual(Path.GetFullPath(RepositoryLayout.SchemaPath), resolved, RepositoryLayout.DisplayName(path));
        }
    }

    private static string Describe(NJsonSchema.Validation.ValidationError error) => $"{error.Kind} at {error.Path} (line {error.LineNumber})";
}
