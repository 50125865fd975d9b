using System.Diagnostics;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

[TestClass]
public sealed class ValidationTests
{
    [TestMethod]
    [DataRow("lifecycle.json")]
    [DataRow("contact-policy.json")]
    [DataRow("offers.json")]
    public void Every_shipped_ruleset_is_valid_without_warnings(string file)
    {
        var result = RulesetLoader.Load(File.ReadAllText(RulesPath(file)), file);
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.IsEmpty(result.Diagnostics, string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void Broken_JSON_is_reported_with_its_line_and_column()
    {
        var result = RulesetLoader.Load("{\n  \"WorkflowName\": \"Lifecycle\",\n  \"Rules\": [ { \"RuleName\": \"X\" \"Expression\": \"true\" } ]\n}", "broken.json");
        var error = SingleError(result);
        Assert.AreEqual(DiagnosticCodes.JsonSyntax, error.Code);
        Assert.AreEqual(3, error.Line);
        Assert.AreEqual(31, error.Column);
        StringAssert.StartsWith(error.ToString(), "broken.json(3,31): error RX001:");
    }

    [TestMethod]
    public void A_typo_in_a_property_name_is_an_unknown_property_with_a_suggestion()
    {
        var json = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [ { \"RuleName\": \"Typo\", \"Expresion\": \"true\", \"SuccessEvent\": \"Active\" } ] }";
        var diagnostics = RulesetLoader.Load(json).Diagnostics;
        var unknown = diagnostics.Single(d => d.Code == DiagnosticCodes.UnknownProperty);
        Assert.AreEqual("Typo", unknown.RuleName);
        StringAssert.Contains(unknown.Hint, "'Expression'");
        Assert.IsTrue(diagnostics.Any(d => d.Code == DiagnosticCodes.Missing && d.RuleName == "Typo"));
    }

    [TestMethod]
    [DataRow("\"Enabled\": \"yes\"", DiagnosticCodes.WrongType)]
    [DataRow("\"Operator\": \"Xor\", \"Rules\": [ { \"RuleName\": \"N\", \"Expression\": \"true\" } ]", DiagnosticCodes.InvalidValue)]
    [DataRow("\"Actions\": { \"OnSuccess\": { \"Name\": \"OutputExpression\" } }", DiagnosticCodes.UnknownProperty)]
    [DataRow("\"RuleExpressionType\": \"Other\"", DiagnosticCodes.InvalidValue)]
    public void Structure_errors_name_the_rule(string extra, string code)
    {
        var error = RulesetLoader.Load(OneRule("true", ", " + extra)).Diagnostics.First(d => d.Code == code);
        Assert.AreEqual("R", error.RuleName);
        Assert.IsGreaterThan(0, error.Line);
    }

    [TestMethod]
    public void A_rule_without_RuleName_or_SuccessEvent_is_reported()
    {
        var json = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [ { \"Expression\": \"true\" } ] }";
        var codes = RulesetLoader.Load(json).Diagnostics.Select(d => d.Code).ToList();
        CollectionAssert.AreEqual(new[] { DiagnosticCodes.Missing, DiagnosticCodes.Missing }, codes);
    }

    [TestMethod]
    public void A_workflow_name_without_a_known_kind_prefix_is_rejected()
    {
        var error = SingleError(RulesetLoader.Load(OneRule("true").Replace("\"Lifecycle\"", "\"Stages\"", StringComparison.Ordinal)));
        Assert.AreEqual(DiagnosticCodes.InvalidValue, error.Code);
        StringAssert.Contains(error.Message, "Stages");
    }

    [TestMethod]
    public void An_unknown_fact_is_reported_at_its_column_with_did_you_mean()
    {
        var error = SingleError(LoadOne("customer.DaysSinceLastPurchse > 45"));
        Assert.AreEqual(DiagnosticCodes.UnknownFact, error.Code);
        Assert.AreEqual("R", error.RuleName);
        Assert.AreEqual(4, error.Line);
        Assert.AreEqual(48, error.Column, "points at the fact name after 'customer.'");
        StringAssert.Contains(error.Hint, "customer.DaysSinceLastPurchase");
    }

    [TestMethod]
    public void A_fact_in_the_wrong_case_suggests_the_documented_spelling()
    {
        var error = SingleError(LoadOne("customer.purchasecount > 1"));
        Assert.AreEqual(DiagnosticCodes.UnknownFact, error.Code);
        StringAssert.Contains(error.Hint, "customer.PurchaseCount");
    }

    [TestMethod]
    [DataRow("customer.Stage > 5", DisplayName = "a string ordered against a number")]
    [DataRow("customer.PurchaseCount == \"x\"", DisplayName = "a number compared with a string")]
    [DataRow("customer.PurchaseCount + 1", DisplayName = "not a condition")]
    [DataRow("!customer.PurchaseCount", DisplayName = "! on a number")]
    [DataRow("customer.PurchaseCount && true", DisplayName = "&& on a number")]
    [DataRow("customer.Satisfaction >= 2.5", DisplayName = "int? against double, which Dynamic LINQ rejects")]
    [DataRow("customer.TotalSpend > customer.PurchaseCount * 1.5", DisplayName = "decimal against double")]
    [DataRow("customer.PurchaseCount == null", DisplayName = "a never-null fact against null")]
    [DataRow("Math.Min(customer.Satisfaction, 3) == 1", DisplayName = "Math with a nullable argument")]
    [DataRow("customer.Stage.HasValue", DisplayName = "HasValue on a string")]
    [DataRow("customer.Stage + \"x\" == \"y\"", DisplayName = "string concatenation")]
    [DataRow("customer.DormancyReason in (1, 2)", DisplayName = "in-list of the wrong type")]
    public void Type_errors_are_reported_with_the_rule_name(string expression)
    {
        var error = SingleError(LoadOne(expression));
        Assert.AreEqual(DiagnosticCodes.TypeError, error.Code, error.ToString());
        Assert.AreEqual("R", error.RuleName);
    }

    [TestMethod]
    [DataRow("customer.GetType().Assembly != null")]
    [DataRow("customer.Stage.GetType() == null")]
    [DataRow("typeof(string) != null")]
    [DataRow("System.IO.File.Exists(\"c:/x\")")]
    [DataRow("Process.Start(\"cmd\") != null")]
    [DataRow("Environment.GetEnvironmentVariable(\"PATH\") != null")]
    [DataRow("Activator.CreateInstance(null) != null")]
    [DataRow("Type.GetType(\"System.IO.File\") != null")]
    [DataRow("Enumerable.Range(0, 2147483647).Count() > 0")]
    [DataRow("new[] { 1, 2 }.Contains(customer.PurchaseCount)")]
    [DataRow("new DateTime(2020, 1, 1) != null")]
    [DataRow("x => x.PurchaseCount > 1")]
    [DataRow("customer.PurchaseCount = 5")]
    [DataRow("customer.Tags[0] == \"x\"")]
    [DataRow("customer.Stage.Length > 3")]
    [DataRow("customer.Stage.ToUpper() == \"X\"")]
    [DataRow("DateTime.Now.Hour > 3")]
    [DataRow("customer.PurchaseCount > 1 and true")]
    [DataRow("customer.Stage <> \"Lost\"")]
    [DataRow("customer.DaysSinceLastPurchase ?? 0 > 5")]
    [DataRow("'a' == 'a'")]
    [DataRow("1e3 > 5")]
    public void Constructs_outside_the_subset_are_rejected_with_the_rule_name(string expression)
    {
        var error = SingleError(LoadOne(expression));
        Assert.AreEqual(DiagnosticCodes.OutsideSubset, error.Code, error.ToString());
        Assert.AreEqual("R", error.RuleName);
        Assert.IsGreaterThan(0, error.Column);
    }

    [TestMethod]
    public void An_unknown_bare_name_is_reported_with_a_hint()
    {
        var error = SingleError(LoadOne("PurchaseCount > 3"));
        Assert.AreEqual(DiagnosticCodes.UnknownName, error.Code);
        StringAssert.Contains(error.Hint, "customer.PurchaseCount");
    }

    [TestMethod]
    public void Chained_comparisons_must_be_parenthesised_because_CSharp_and_Dynamic_LINQ_group_them_differently()
    {
        Assert.AreEqual(DiagnosticCodes.Syntax, SingleError(LoadOne("true == customer.PurchaseCount > 1")).Code);
        Assert.IsFalse(LoadOne("true == (customer.PurchaseCount > 1)").HasErrors);
    }

    [TestMethod]
    public void Duplicate_rule_names_are_reported_on_the_second_rule()
    {
        var json = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [\n { \"RuleName\": \"A\", \"Expression\": \"false\", \"SuccessEvent\": \"Lost\" },\n { \"RuleName\": \"A\", \"Expression\": \"true\", \"SuccessEvent\": \"Active\" } ] }";
        var error = SingleError(RulesetLoader.Load(json));
        Assert.AreEqual(DiagnosticCodes.DuplicateName, error.Code);
        Assert.AreEqual(3, error.Line);
        Assert.AreEqual("A", error.RuleName);
    }

    [TestMethod]
    public void An_unknown_stage_suggests_the_closest_one()
    {
        var error = SingleError(RulesetLoader.Load(OneRule("true").Replace("\"Active\"", "\"Slient\"", StringComparison.Ordinal)));
        Assert.AreEqual(DiagnosticCodes.UnknownStage, error.Code);
        StringAssert.Contains(error.Hint, "Silent");
    }

    [TestMethod]
    public void An_unknown_verdict_and_an_unknown_channel_are_reported()
    {
        var json = """
            { "WorkflowName": "ContactPolicy", "Rules": [
              { "RuleName": "V", "Expression": "true", "SuccessEvent": "Blok", "Properties": { "ReasonCode": "X" } },
              { "RuleName": "C", "Expression": "true", "SuccessEvent": "Block", "Properties": { "ReasonCode": "X", "Channels": [ "Fax" ] } },
              { "RuleName": "W", "Expression": "true", "SuccessEvent": "Defer", "Properties": { "SendWindows": [ "21:00-19:00" ] } },
              { "RuleName": "K", "Expression": "true", "SuccessEvent": "Cap", "Properties": { "MaxTouches": 1 } }
            ] }
            """;
        var diagnostics = RulesetLoader.Load(json).Diagnostics;
        Assert.IsTrue(diagnostics.Any(d => d.RuleName == "V" && d.Code == DiagnosticCodes.UnknownVerdictOrChannel && d.Hint!.Contains("Block", StringComparison.Ordinal)));
        Assert.IsTrue(diagnostics.Any(d => d.RuleName == "C" && d.Code == DiagnosticCodes.UnknownVerdictOrChannel && d.Message.Contains("Fax", StringComparison.Ordinal)));
        Assert.IsTrue(diagnostics.Any(d => d.RuleName == "W" && d.Code == DiagnosticCodes.InvalidValue));
        Assert.IsTrue(diagnostics.Any(d => d.RuleName == "K" && d.Code == DiagnosticCodes.Missing && d.Message.Contains("WindowDays", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Offer_actions_are_checked_for_fields_owners_and_template_placeholders()
    {
        var json = """
            { "WorkflowName": "Offers", "Rules": [
              { "RuleName": "O", "Expression": "true", "SuccessEvent": "Call",
                "Properties": {
                  "PhoneCall": { "Subject": { "en": "{{RemainingSesions}} left", "zh-CN": "剩余 {{RemainingSessions}} 次" }, "DueInDays": 1, "Owner": "Boss", "Priority": 1 },
                  "Incentive": { "Type": "Coupon", "Value": 5, "ValidityDays": 30 }
                } }
            ] }
            """;
        var diagnostics = RulesetLoader.Load(json).Diagnostics;
        var placeholder = diagnostics.Single(d => d.Message.Contains("{{RemainingSesions}}", StringComparison.Ordinal));
        StringAssert.Contains(placeholder.Hint, "{{RemainingSessions}}");
        Assert.AreEqual("O", placeholder.RuleName);
        Assert.IsTrue(diagnostics.Any(d => d.Code == DiagnosticCodes.UnknownOfferItem && d.Message.Contains("Boss", StringComparison.Ordinal)));
        Assert.IsTrue(diagnostics.Any(d => d.Code == DiagnosticCodes.UnknownProperty && d.Message.Contains("Priority", StringComparison.Ordinal)));
        Assert.IsTrue(diagnostics.Any(d => d.Code == DiagnosticCodes.UnknownOfferItem && d.Message.Contains("Coupon", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Offer_names_are_checked_against_the_catalogue_when_one_is_given()
    {
        var json = File.ReadAllText(RulesPath("offers.json"));
        var options = new RulesetValidationOptions { KnownOffers = new[] { "AskWhyCall" } };
        var diagnostics = RulesetLoader.Load(json, "offers.json", options).Diagnostics;
        Assert.IsTrue(diagnostics.Any(d => d.Code == DiagnosticCodes.UnknownOfferItem && d.RuleName == "CompetitorWinBackPrice"));
        Assert.IsFalse(diagnostics.Any(d => d.RuleName == "UnknownReasonCall"));
    }

    [TestMethod]
    public void A_rule_after_a_catch_all_is_a_warning_and_the_ruleset_stays_usable()
    {
        var json = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [\n { \"RuleName\": \"All\", \"Expression\": \"true\", \"SuccessEvent\": \"Active\" },\n { \"RuleName\": \"Never\", \"Expression\": \"customer.PurchaseCount == 0\", \"SuccessEvent\": \"Prospect\" } ] }";
        var result = RulesetLoader.Load(json);
        Assert.IsFalse(result.HasErrors);
        var warning = result.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(DiagnosticCodes.Unreachable, warning.Code);
        Assert.AreEqual("Never", warning.RuleName);
        Assert.HasCount(1, result.Ruleset!.Warnings);
    }

    [TestMethod]
    public void A_hundred_thousand_nested_parentheses_end_in_a_diagnostic_not_a_stack_overflow()
    {
        var expression = new string('(', 100_000) + "true" + new string(')', 100_000);
        var watch = Stopwatch.StartNew();
        var error = SingleError(RulesetLoader.Load(OneRule(expression)));
        Assert.IsTrue(error.Code is DiagnosticCodes.TooLong or DiagnosticCodes.TooDeep, error.ToString());
        Assert.AreEqual("R", error.RuleName);
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [TestMethod]
    public void Nesting_deeper_than_the_cap_within_the_length_limit_is_too_deep()
    {
        var expression = new string('(', 40) + "true" + new string(')', 40);
        Assert.AreEqual(DiagnosticCodes.TooDeep, SingleError(LoadOne(expression)).Code);
        Assert.AreEqual(DiagnosticCodes.TooDeep, SingleError(LoadOne(new string('!', 40) + "true")).Code);
        Assert.AreEqual(DiagnosticCodes.TooDeep, SingleError(LoadOne(string.Join(" + ", Enumerable.Repeat("1", 80)) + " > 0")).Code);
    }

    [TestMethod]
    public void A_one_megabyte_expression_is_rejected_quickly_as_too_long()
    {
        var expression = string.Join(" || ", Enumerable.Repeat("customer.PurchaseCount > 1", 40_000));
        Assert.IsGreaterThan(1_000_000, expression.Length);
        var watch = Stopwatch.StartNew();
        var error = SingleError(LoadOne(expression));
        Assert.AreEqual(DiagnosticCodes.TooLong, error.Code);
        Assert.AreEqual("R", error.RuleName);
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [TestMethod]
    public void Deeply_nested_JSON_is_a_syntax_error_not_a_crash()
    {
        var error = SingleError(RulesetLoader.Load(new string('[', 100_000)));
        Assert.AreEqual(DiagnosticCodes.JsonSyntax, error.Code);
    }

    [TestMethod]
    public void Rules_nested_deeper_than_the_cap_are_rejected()
    {
        var inner = "{ \"RuleName\": \"L5\", \"Expression\": \"true\" }";
        for (var i = 4; i >= 2; i--) inner = "{ \"RuleName\": \"L" + i + "\", \"Operator\": \"And\", \"Rules\": [ " + inner + " ] }";
        var json = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [ { \"RuleName\": \"L1\", \"Operator\": \"And\", \"SuccessEvent\": \"Active\", \"Rules\": [ " + inner + " ] } ] }";
        var error = SingleError(RulesetLoader.Load(json));
        Assert.AreEqual(DiagnosticCodes.TooMany, error.Code);
        Assert.AreEqual("L4", error.RuleName);
    }

    [TestMethod]
    public void Nested_rules_may_not_carry_outcomes()
    {
        var json = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [ { \"RuleName\": \"P\", \"Operator\": \"Or\", \"SuccessEvent\": \"Active\", \"Rules\": [ { \"RuleName\": \"C\", \"Expression\": \"true\", \"SuccessEvent\": \"Lost\" } ] } ] }";
        var error = SingleError(RulesetLoader.Load(json));
        Assert.AreEqual(DiagnosticCodes.UnknownProperty, error.Code);
        Assert.AreEqual("C", error.RuleName);
    }

    [TestMethod]
    public void Every_problem_in_a_file_is_reported_in_file_order()
    {
        var json = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [\n { \"RuleName\": \"A\", \"Expression\": \"customer.Nope\", \"SuccessEvent\": \"Active\" },\n { \"RuleName\": \"B\", \"Expression\": \"customer.Stage > 1\", \"SuccessEvent\": \"Gone\" } ] }";
        var diagnostics = RulesetLoader.Load(json).Diagnostics;
        CollectionAssert.AreEqual(new[] { DiagnosticCodes.UnknownFact, DiagnosticCodes.TypeError, DiagnosticCodes.UnknownStage }, diagnostics.Select(d => d.Code).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 3, 3 }, diagnostics.Select(d => d.Line).ToArray());
    }

    [TestMethod]
    public void An_invalid_ruleset_cannot_be_evaluated_and_the_exception_lists_the_faults()
    {
        var exception = Assert.ThrowsExactly<RulesetInvalidException>(() => LoadOne("customer.Nope > 1").GetRulesetOrThrow());
        Assert.AreEqual(DiagnosticCodes.UnknownFact, exception.Diagnostics.Single().Code);
        StringAssert.Contains(exception.Message, "rule 'R'");
    }
}
