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

    private static string RulesPath(string file) => Path.Combine(AppContext.BaseDirectory, "rules", "default", file);

    private static string OneRule(string expression) =>
        "{\n  \"WorkflowName\": \"Lifecycle\",\n  \"Rules\": [\n    { \"RuleName\": \"R\", \"Expression\": " + JsonConvert.ToString(expression) + ", \"SuccessEvent\": \"Active\" }\n  ]\n}";
}
