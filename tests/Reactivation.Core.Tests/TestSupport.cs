using Newtonsoft.Json;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Tests;

/// <summary>Shared inputs: a fixed "now", the shipped rulesets, one-rule rulesets for expression tests.</summary>
internal static class TestSupport
{
    /// <summary>Sunday 15 June 2025, 12:00 UTC.</summary>
    public static readonly DateTime Now = new(2025, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    public static string RulesPath(string file) => Path.Combine(AppContext.BaseDirectory, "rules", "default", file);

    public static Ruleset Default(string file) => RulesetLoader.Load(File.ReadAllText(RulesPath(file)), file).GetRulesetOrThrow();

    public static Ruleset Lifecycle => Default("lifecycle.json");

    public static Ruleset Policy => Default("contact-policy.json");

    public static Ruleset Offers => Default("offers.json");

    /// <summary>The outreach step's default configuration: outreach starts in Silent, Sleeping and Lost; the teams given by name.</summary>
    public static OutreachSettings DormantStages(IReadOnlyDictionary<string, Guid>? teams = null) =>
        new([LifecycleStage.Silent, LifecycleStage.Sleeping, LifecycleStage.Lost], teams ?? new Dictionary<string, Guid>());

    /// <summary>
    /// What an outreach event decides for <paramref name="customer"/> with these rulesets (the shipped defaults where
    /// none is given) and the default outreach configuration.
    /// </summary>
    public static DecisionRequest OutreachRequest(CustomerRecord customer, OutreachEvent change, Ruleset? lifecycle = null, Ruleset? policy = null, Ruleset? offers = null, IReadOnlyDictionary<string, Guid>? teams = null) =>
        DecisionRequest.ForOutreach(customer, kind => kind switch { RulesetKind.Lifecycle => lifecycle ?? Lifecycle, RulesetKind.ContactPolicy => policy ?? Policy, _ => offers ?? Offers }, change, DormantStages(teams));

    public static CustomerFactsInput InputWithPurchasesDaysAgo(params int[] daysAgo)
    {
        var input = new CustomerFactsInput { UtcNow = Now };
        foreach (var d in daysAgo) input.Purchases.Add(new Purchase(Now.AddDays(-d).AddHours(-2), 100m));
        return input;
    }

    public static LifecycleStage? StageFor(params int[] daysAgo) =>
        LifecycleEvaluator.Evaluate(Lifecycle, CustomerFactsBuilder.Build(InputWithPurchasesDaysAgo(daysAgo))).Stage;

    /// <summary>A Lifecycle ruleset with one rule whose expression is <paramref name="expression"/>.</summary>
    public static string OneRule(string expression, string extraRuleJson = "") =>
        "{\n  \"WorkflowName\": \"Lifecycle\",\n  \"Rules\": [\n    { \"RuleName\": \"R\", \"Expression\": " + JsonConvert.ToString(expression) + ", \"SuccessEvent\": \"Active\"" + extraRuleJson + " }\n  ]\n}";

    public static RulesetLoadResult LoadOne(string expression) => RulesetLoader.Load(OneRule(expression), "test.json");

    public static RuleResult Evaluate(string expression, CustomerFacts facts)
    {
        var result = LoadOne(expression);
        var ruleset = result.GetRulesetOrThrow();
        return ruleset.EvaluateAll(facts).Single();
    }

    public static RulesetDiagnostic SingleError(RulesetLoadResult result)
    {
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.IsGreaterThanOrEqualTo(1, errors.Count, "expected an error, got none");
        return errors[0];
    }

    public static CustomerFacts SampleFacts() => new()
    {
        PurchaseCount = 3,
        PurchasesLast365Days = 3,
        TotalSpend = 100.5m,
        OverdueFactor = 1.5m,
        Stage = "Silent",
        DormancyReason = "Competitor",
        Satisfaction = 2,
        DaysSinceLastPurchase = null,
    };
}
