using System.Xml.Linq;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>
/// A string compared with a stage, dormancy reason, channel, purpose or tier is checked against the values that
/// fact takes (issue 12): a typo is refused when the ruleset is saved instead of making a rule silently dead.
/// </summary>
[TestClass]
public sealed class VocabularyTests
{
    private const string Offers = "{\n  \"WorkflowName\": \"Offers\",\n  \"Rules\": [\n    { \"RuleName\": \"Apology\", \"Expression\": \"customer.DormancyReason == \\\"Dissatisfed\\\"\", \"SuccessEvent\": \"DissatisfiedApology\" }\n  ]\n}";

    private static RulesetDiagnostic Single(RulesetLoadResult result)
    {
        Assert.HasCount(1, result.Diagnostics, string.Join("\n", result.Diagnostics));
        return result.Diagnostics[0];
    }

    [TestMethod]
    public void The_misspelt_reason_of_issue_12_is_refused_with_rule_line_column_and_the_reason_meant()
    {
        var result = RulesetLoader.Load(Offers, "offers.json");

        Assert.IsTrue(result.HasErrors);
        var error = Single(result);
        Assert.AreEqual(DiagnosticCodes.UnknownValue, error.Code);
        Assert.AreEqual("Apology", error.RuleName);
        Assert.AreEqual((4, 72), (error.Line, error.Column), "on the string literal inside the expression");
        Assert.AreEqual(
            "offers.json(4,72): error RX024: rule 'Apology': 'Dissatisfed' is not a dormancy reason, so customer.DormancyReason == \"Dissatisfed\" is never true. Hint: did you mean 'Dissatisfied'?",
            error.ToString());
    }

    [TestMethod]
    public void The_misspelt_stage_of_issue_12_is_refused_with_the_stage_meant()
    {
        var error = Single(LoadOne("customer.Stage == \"Sleepng\""));

        Assert.AreEqual(DiagnosticCodes.UnknownValue, error.Code);
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        Assert.AreEqual("R", error.RuleName);
        Assert.AreEqual((4, 57), (error.Line, error.Column));
        Assert.AreEqual("'Sleepng' is not a lifecycle stage, so customer.Stage == \"Sleepng\" is never true", error.Message);
        Assert.AreEqual("did you mean 'Sleeping'?", error.Hint);
    }

    [TestMethod]
    [DataRow("\"Sleepng\" == customer.Stage", 39, "is never true", DisplayName = "either operand order")]
    [DataRow("customer.Stage != \"Sleepng\"", 57, "is always true", DisplayName = "!= is checked too")]
    [DataRow("customer.PurchaseCount > 0 && customer.Stage in (\"Silent\", \"Sleepng\")", 100, "never matches it", DisplayName = "the bad value of an in-list")]
    [DataRow("(customer.Stage == \"Silent\") || !(customer.Stage == \"Sleepng\")", 93, "is never true", DisplayName = "anywhere in the expression")]
    public void Every_way_of_comparing_a_stage_is_checked(string expression, int column, string consequence)
    {
        var error = Single(LoadOne(expression));

        Assert.AreEqual(DiagnosticCodes.UnknownValue, error.Code);
        Assert.AreEqual((4, column), (error.Line, error.Column), error.ToString());
        StringAssert.EndsWith(error.Message, consequence);
        Assert.AreEqual("did you mean 'Sleeping'?", error.Hint);
    }

    [TestMethod]
    [DataRow("customer.Channel == \"SMS\"", "'SMS' is not a channel", "did you mean 'Sms'?")]
    [DataRow("customer.Purpose == \"Offers\"", "'Offers' is not a purpose", "did you mean 'Offer'?")]
    [DataRow("customer.DormancyReason in (\"Forgotten\")", "'Forgotten' is not a dormancy reason", "did you mean 'Forgot'?")]
    [DataRow("customer.Stage == \"Hibernating\"", "'Hibernating' is not a lifecycle stage", "the lifecycle stages are Prospect, New, Active, Silent, Sleeping, Lost, Loyal, Reactivated")]
    public void Each_closed_vocabulary_names_its_values(string expression, string message, string hint)
    {
        var error = Single(LoadOne(expression));

        Assert.AreEqual(DiagnosticCodes.UnknownValue, error.Code);
        StringAssert.StartsWith(error.Message, message);
        Assert.AreEqual(hint, error.Hint);
    }

    [TestMethod]
    [DataRow("customer.Stage == \"Sleeping\" || customer.Stage in (\"Lost\", \"Reactivated\")")]
    [DataRow("customer.DormancyReason != \"Forgot\" && customer.Channel == \"WeCom\" && customer.Purpose == \"Care\"")]
    [DataRow("customer.Channel == \"\"", DisplayName = "the empty string: not set")]
    [DataRow("customer.FunnelStep == \"Registred\"", DisplayName = "a fact without a vocabulary")]
    [DataRow("customer.Tier == \"Platinum\"", DisplayName = "a business's own tier")]
    [DataRow("customer.Stage.StartsWith(\"Sle\")", DisplayName = "a prefix is not a value")]
    public void Values_of_the_vocabulary_and_text_outside_one_pass(string expression)
    {
        var result = LoadOne(expression);

        Assert.IsEmpty(result.Diagnostics, string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void A_near_miss_of_a_usual_tier_is_a_warning_because_tiers_are_free_text()
    {
        var result = LoadOne("customer.Tier == \"Glod\"");

        Assert.IsFalse(result.HasErrors, "the ruleset stays usable");
        var warning = Single(result);
        Assert.AreEqual((DiagnosticSeverity.Warning, DiagnosticCodes.UnknownValue), (warning.Severity, warning.Code));
        Assert.AreEqual("'Glod' is not one of the usual values of customer.Tier (Standard, Silver, Gold, Vip)", warning.Message);
        Assert.AreEqual("did you mean 'Gold'? If your tiers include 'Glod', ignore this", warning.Hint);
        Assert.HasCount(1, result.Ruleset!.Warnings);
    }

    [TestMethod]
    public void A_param_that_holds_a_fact_is_checked_as_that_fact()
    {
        var json = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [ { \"RuleName\": \"P\", \"LocalParams\": [ { \"Name\": \"stage\", \"Expression\": \"customer.Stage\" } ], \"Expression\": \"stage == \\\"Lots\\\"\", \"SuccessEvent\": \"Lost\" } ] }";

        var error = Single(RulesetLoader.Load(json));

        Assert.AreEqual(DiagnosticCodes.UnknownValue, error.Code);
        Assert.AreEqual("'Lots' is not a lifecycle stage, so stage == \"Lots\" is never true", error.Message);
        Assert.AreEqual("did you mean 'Lost'?", error.Hint);
    }

    [TestMethod]
    public void Core_declares_the_choice_values_the_solution_declares()
    {
        // Core cannot read solution/; this keeps its lists from drifting from the choices an admin imports.
        CollectionAssert.AreEqual(Options("rx_dormancyreason"), DormancyReasons.All.ToArray(), "rx_dormancyreason, in option-value order");
        CollectionAssert.AreEqual(Options("rx_lifecyclestage"), Enum.GetNames<LifecycleStage>(), "rx_lifecyclestage, in option-value order");
        var messageChannels = ContactChannels.All.Where(c => c is not (ContactChannels.Phone or ContactChannels.Task)).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(Options("rx_channel").Order(StringComparer.Ordinal).ToArray(), messageChannels, "rx_channel holds the message channels; Phone and Task are activities");
        Assert.AreSame(DormancyReasons.All, FactCatalog.All.Single(f => f.Name == "DormancyReason").Vocabulary!.Values);
        Assert.AreSame(TouchPurposes.All, FactCatalog.All.Single(f => f.Name == "Purpose").Vocabulary!.Values);
    }

    /// <summary>A global choice's options in value order, as the names Core uses: the English label without spaces ("Unused package" → UnusedPackage).</summary>
    private static string[] Options(string choice)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reactivation.Plugins.sln"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "the repository root (Reactivation.Plugins.sln) above " + AppContext.BaseDirectory);
        var document = XDocument.Load(Path.Combine(dir.FullName, "solution", "OptionSets", choice + ".xml"));
        var names = new List<string>();
        foreach (var option in document.Descendants("option").OrderBy(o => (int)o.Attribute("value")!))
        {
            var english = (string)option.Descendants("label").Single(l => (string?)l.Attribute("languagecode") == "1033").Attribute("description")!;
            var words = english.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            names.Add(string.Concat(words.Select((w, i) => i == 0 && w.All(char.IsUpper) ? w[0] + w[1..].ToLowerInvariant() : char.ToUpperInvariant(w[0]) + w[1..])));
        }

        return names.ToArray();
    }
}
