using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Reactivation.Cli;

namespace Reactivation.Cli.Tests;

[TestClass]
public sealed class LintCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "rx-lint-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }

    [TestMethod]
    public void Lint_accepts_every_shipped_ruleset_with_exit_code_0()
    {
        var (code, output, _) = Run("lint", RulesPath("lifecycle.json"), RulesPath("contact-policy.json"), RulesPath("offers.json"));
        Assert.AreEqual(0, code, output);
        StringAssert.Contains(output, "0 error(s), 0 warning(s)");
    }

    [TestMethod]
    public void Lint_prints_compiler_style_lines_and_exits_1_on_errors()
    {
        var file = TempFile(OneRule("customer.Stage > 5"));
        var (code, output, _) = Run("lint", file);
        Assert.AreEqual(1, code);
        StringAssert.Matches(output, new Regex(Regex.Escape(file) + @"\(4,54\): error RX023: rule 'R': .*Hint: "));
    }

    [TestMethod]
    public void Lint_in_json_format_prints_an_array_of_diagnostics()
    {
        var file = TempFile("{ \"WorkflowName\": \"Lifecycle\", ");
        var (code, output, _) = Run("lint", "--format", "json", file);
        Assert.AreEqual(1, code);
        var diagnostic = (JObject)JArray.Parse(output).Single();
        Assert.AreEqual("RX001", (string?)diagnostic["code"]);
        Assert.AreEqual(1, (int)diagnostic["line"]!);
        Assert.AreEqual("error", (string?)diagnostic["severity"]);
    }

    [TestMethod]
    public void Lint_names_a_missing_file_and_exits_1()
    {
        var (code, output, _) = Run("lint", "no-such-ruleset.json");
        Assert.AreEqual(1, code);
        StringAssert.Contains(output, "no-such-ruleset.json: error RX000: file not found");
    }

    [TestMethod]
    public void Usage_errors_exit_2()
    {
        Assert.AreEqual(2, Run().Code);
        Assert.AreEqual(2, Run("lint").Code);
        Assert.AreEqual(2, Run("lint", "--format", "xml", "a.json").Code);
        Assert.AreEqual(2, Run("frobnicate").Code);
    }

    [TestMethod]
    public void Warnings_alone_keep_exit_code_0()
    {
        var file = TempFile("{ \"WorkflowName\": \"Offers\", \"Rules\": [ { \"RuleName\": \"All\", \"Expression\": \"true\", \"SuccessEvent\": \"A\" }, { \"RuleName\": \"Later\", \"Expression\": \"true\", \"SuccessEvent\": \"B\" } ] }");
        var (code, output, _) = Run("lint", file);
        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "warning RX060: rule 'Later'");
    }

    [TestMethod]
    public void Lint_rejects_the_misspelt_reason_and_stage_of_issue_12_naming_rule_line_and_column()
    {
        var offers = TempFile("{\n  \"WorkflowName\": \"Offers\",\n  \"Rules\": [\n    { \"RuleName\": \"Apology\", \"Expression\": \"customer.DormancyReason == \\\"Dissatisfed\\\"\", \"SuccessEvent\": \"DissatisfiedApology\" }\n  ]\n}");
        var lifecycle = TempFile(OneRule("customer.Stage == \"Sleepng\""));

        var (code, output, _) = Run("lint", offers, lifecycle);

        Assert.AreEqual(1, code);
        StringAssert.Contains(output, offers + "(4,72): error RX024: rule 'Apology': 'Dissatisfed' is not a dormancy reason, so customer.DormancyReason == \"Dissatisfed\" is never true. Hint: did you mean 'Dissatisfied'?");
        StringAssert.Contains(output, lifecycle + "(4,57): error RX024: rule 'R': 'Sleepng' is not a lifecycle stage, so customer.Stage == \"Sleepng\" is never true. Hint: did you mean 'Sleeping'?");
        StringAssert.Contains(output, "2 file(s): 2 error(s), 0 warning(s).");

        var (_, json, _) = Run("lint", "--format", "json", lifecycle);
        var diagnostic = (JObject)JArray.Parse(json).Single();
        Assert.AreEqual(("RX024", "R", 4, 57), ((string?)diagnostic["code"], (string?)diagnostic["rule"], (int)diagnostic["line"]!, (int)diagnostic["column"]!));
        Assert.AreEqual("did you mean 'Sleeping'?", (string?)diagnostic["hint"]);
    }

    [TestMethod]
    public void An_offers_ruleset_missing_reasons_warns_naming_the_ruleset_and_the_reasons_and_exits_0()
    {
        var offers = TempFile("{\n  \"WorkflowName\": \"Offers.Bakery\",\n  \"Rules\": [\n    { \"RuleName\": \"Sorry\", \"Expression\": \"customer.DormancyReason in (\\\"Dissatisfied\\\", \\\"Unknown\\\", \\\"UnusedPackage\\\", \\\"Relocated\\\", \\\"Competitor\\\", \\\"PriceSensitive\\\", \\\"Forgot\\\")\", \"SuccessEvent\": \"Apology\" }\n  ]\n}");

        var (code, output, _) = Run("lint", offers);

        Assert.AreEqual(0, code, output);
        StringAssert.Contains(output, offers + "(2,19): warning RX061: ruleset 'Offers.Bakery' has no offer rule for the dormancy reasons NoLongerNeeded, HabitChanged: a customer who stopped for one of them gets no offer of their own.");
        StringAssert.Contains(output, "1 file(s): 0 error(s), 1 warning(s).");
    }

    [TestMethod]
    public void Lint_accepts_every_preset_without_a_warning()
    {
        var presets = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "rules", "presets"), "*.json", SearchOption.AllDirectories);
        Assert.HasCount(15, presets, "five industries, three rulesets each");

        var (code, output, _) = Run(["lint", .. presets]);

        Assert.AreEqual(0, code, output);
        StringAssert.Contains(output, "15 file(s): 0 error(s), 0 warning(s).");
    }

    private static string RulesPath(string file) => Path.Combine(AppContext.BaseDirectory, "rules", "default", file);

    private static string OneRule(string expression) =>
        "{\n  \"WorkflowName\": \"Lifecycle\",\n  \"Rules\": [\n    { \"RuleName\": \"R\", \"Expression\": " + JsonConvert.ToString(expression) + ", \"SuccessEvent\": \"Active\" }\n  ]\n}";
}
