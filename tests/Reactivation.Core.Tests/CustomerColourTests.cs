using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>
/// Customer colour (issue 14, item 5): staff record a customer as rational or emotional, and an offer's texts may carry a
/// wording for each, in both languages. A customer whose colour is not recorded reads the text itself.
/// </summary>
[TestClass]
public sealed class CustomerColourTests
{
    private static string Offers(string script) => """
        {
          "WorkflowName": "Offers",
          "Rules": [
            {
              "RuleName": "Call",
              "SuccessEvent": "CallBack",
              "Expression": "true",
              "Properties": {
                "PhoneCall": {
                  "Subject": { "en": "Call", "zh-CN": "致电" }, "DueInDays": 1, "Owner": "ContactOwner",
                  "Script":
        """ + script + """

                }
              }
            }
          ]
        }
        """;

    private const string Worded = """
        { "en": "Ask why.", "zh-CN": "询问原因。",
          "Rational": { "en": "Show the results.", "zh-CN": "展示效果数据。" },
          "Emotional": { "en": "Ask how she has been.", "zh-CN": "先问候近况。" } }
        """;

    private static LocalizedText Script(string script) =>
        RulesetLoader.Load(Offers(script), "offers.json").GetRulesetOrThrow().Rules[0].Offer!.PhoneCall!.Script!;

    [TestMethod]
    [DataRow("Rational", "en", "Show the results.")]
    [DataRow("Rational", "zh-CN", "展示效果数据。")]
    [DataRow("Emotional", "en", "Ask how she has been.")]
    [DataRow("Emotional", "zh-CN", "先问候近况。")]
    [DataRow("", "en", "Ask why.", DisplayName = "colour not recorded: the text itself")]
    [DataRow("", "zh-CN", "询问原因。", DisplayName = "colour not recorded, in Chinese")]
    public void Each_colour_reads_its_wording_in_its_language(string colour, string language, string expected)
    {
        Assert.AreEqual(expected, Script(Worded).For(language, colour));
    }

    [TestMethod]
    public void A_text_with_a_wording_for_one_colour_only_serves_the_other_with_the_text_itself()
    {
        var script = Script("""{ "en": "Ask why.", "zh-CN": "询问原因。", "Emotional": { "en": "Ask how she has been.", "zh-CN": "先问候近况。" } }""");

        Assert.AreEqual("Ask why.", script.For("en", "Rational"));
        Assert.AreEqual("先问候近况。", script.For("zh-CN", "Emotional"));
    }

    [TestMethod]
    [DataRow("""{ "en": "Ask why.", "zh-CN": "询问原因。", "Rational": { "en": "Show the results." } }""", "RX012", "Script.Rational needs a Chinese text (\"zh-CN\")", DisplayName = "a wording without its Chinese")]
    [DataRow("""{ "en": "Ask why.", "zh-CN": "询问原因。", "Rationnal": { "en": "a", "zh-CN": "甲" } }""", "RX010", "unknown property 'Rationnal' in Script", DisplayName = "a misspelt colour")]
    [DataRow("""{ "en": "Ask why.", "zh-CN": "询问原因。", "Rational": "Show the results." }""", "RX011", "Script.Rational must be an object with \"en\" and \"zh-CN\" texts", DisplayName = "a wording that is one string")]
    [DataRow("""{ "en": "Ask why.", "zh-CN": "询问原因。", "Rational": { "en": "a", "zh-CN": "甲", "Emotional": { "en": "b", "zh-CN": "乙" } } }""", "RX010", "unknown property 'Emotional' in Script.Rational", DisplayName = "a wording inside a wording")]
    public void A_bad_wording_is_refused_on_the_scripts_line_saying_what_is_wrong(string script, string code, string message)
    {
        var error = SingleError(RulesetLoader.Load(Offers(script), "offers.json"));

        Assert.AreEqual(code, error.Code, error.ToString());
        Assert.AreEqual("Call", error.RuleName);
        Assert.AreEqual(11, error.Line, error.ToString());
        StringAssert.Contains(error.Message, message);
    }

    [TestMethod]
    public void The_fact_is_the_colour_staff_recorded_and_a_misspelt_colour_in_a_rule_is_refused()
    {
        var input = InputWithPurchasesDaysAgo(10);
        Assert.AreEqual("", CustomerFactsBuilder.Build(input).Colour);
        input.Colour = CustomerColours.Emotional;
        Assert.AreEqual("Emotional", CustomerFactsBuilder.Build(input).Colour);

        var error = SingleError(LoadOne("customer.Colour == \"Emotinal\""));
        Assert.AreEqual(DiagnosticCodes.UnknownValue, error.Code);
        StringAssert.Contains(error.ToString(), "'Emotinal' is not a customer colour");
        StringAssert.Contains(error.ToString(), "did you mean 'Emotional'?");
    }
}
