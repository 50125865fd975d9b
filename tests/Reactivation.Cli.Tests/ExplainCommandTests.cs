namespace Reactivation.Cli.Tests;

/// <summary>`reactivation explain --facts FILE`: one decision with the rules that matched, from the shipped or another ruleset.</summary>
[TestClass]
public sealed class ExplainCommandTests
{
    private const string SleepingCompetitor = """
        {
          "Stage": "Silent",
          "PurchaseCount": 3,
          "DaysSinceLastPurchase": 120,
          "DormancyReason": "Competitor",
          "ConsentPhone": true,
          "ConsentSms": false
        }
        """;

    [TestMethod]
    public void Explain_prints_the_stage_the_policy_per_channel_and_the_offer_with_the_rules_and_facts_they_saw()
    {
        var file = SimulationRun.TempFile(".json", SleepingCompetitor);

        var (code, output, errors) = SimulationRun.Run("explain", "--facts", file);

        Assert.AreEqual(0, code, errors);
        StringAssert.Contains(output, "Stage: Sleeping by rule 'Sleeping' (was Silent)");
        StringAssert.Contains(output, "    Sleeping matched (DaysSinceLastPurchase=120)");
        StringAssert.Contains(output, "  Phone   Cap by SleepingOnePer14Days, SleepingTwoPer30Days\n");
        StringAssert.Contains(output, "  Sms     Block by NoConsent (OptedOut), may not contact now");
        StringAssert.Contains(output, "Offer: WinBackPrice by rule 'CompetitorWinBackPrice'");
        StringAssert.Contains(output, "    CompetitorWinBackPrice matched (DormancyReason=Competitor)");
    }

    [TestMethod]
    public void Consent_a_facts_file_does_not_mention_is_given_as_on_a_contact_without_do_not_flags()
    {
        var file = SimulationRun.TempFile(".json", """{ "PurchaseCount": 3, "DaysSinceLastPurchase": 120, "ConsentPhone": false }""");

        var (code, output, errors) = SimulationRun.Run("explain", "--facts", file);

        Assert.AreEqual(0, code, errors);
        StringAssert.Contains(output, "  Phone   Block by NoConsent (OptedOut)");
        Assert.DoesNotContain("  Sms     Block by NoConsent", output, "SMS consent was not withdrawn");
        StringAssert.Contains(output, "ConsentSms=true");
    }

    [TestMethod]
    public void Explain_with_a_preset_decides_by_that_preset()
    {
        var file = SimulationRun.TempFile(".json", """{ "PurchaseCount": 1, "DaysSinceLastPurchase": 40 }""");

        var shipped = SimulationRun.Run("explain", "--facts", file);
        var restaurant = SimulationRun.Run("explain", "--facts", file, "--preset", "restaurant");

        Assert.AreEqual(0, restaurant.Code, restaurant.Err);
        StringAssert.Contains(shipped.Out, "Stage: New by rule 'New'");
        StringAssert.StartsWith(restaurant.Out, "Stage: Silent by rule 'Silent' (was Prospect) — Silent (30–60 days)", "a restaurant's 30-day cycle makes 40 days Silent");
    }

    [TestMethod]
    public void An_unknown_fact_is_named_with_file_line_column_and_a_hint()
    {
        var file = SimulationRun.TempFile(".json", "{\n  \"PurchaseCount\": 2,\n  \"DaysSinceLastPurchse\": 120\n}");

        var (code, output, errors) = SimulationRun.Run("explain", "--facts", file);

        Assert.AreEqual(1, code);
        StringAssert.Contains(errors, file + "(3,25): unknown fact 'DaysSinceLastPurchse'. Hint: did you mean DaysSinceLastPurchase?");
        Assert.AreEqual("", output);
    }

    [TestMethod]
    public void A_value_of_the_wrong_type_or_invalid_JSON_is_named_with_its_position()
    {
        var wrongType = SimulationRun.TempFile(".json", "{ \"PurchaseCount\": \"many\" }");
        var notNull = SimulationRun.TempFile(".json", "{ \"PurchaseCount\": null }");
        var broken = SimulationRun.TempFile(".json", "{ \"PurchaseCount\": 2,, }");

        StringAssert.Contains(SimulationRun.Run("explain", "--facts", wrongType).Err, wrongType + "(1,18): 'many' is not a int for PurchaseCount");
        StringAssert.Contains(SimulationRun.Run("explain", "--facts", notNull).Err, notNull + "(1,18): PurchaseCount is a int and cannot be null.");
        var (code, _, errors) = SimulationRun.Run("explain", "--facts", broken);
        Assert.AreEqual(1, code);
        StringAssert.Contains(errors, broken + "(1,");
        StringAssert.Contains(errors, "invalid JSON");
    }

    [TestMethod]
    public void Usage_errors_exit_2()
    {
        Assert.AreEqual(2, SimulationRun.Run("explain").Code);
        Assert.AreEqual(2, SimulationRun.Run("explain", "--facts").Code);
        Assert.AreEqual(2, SimulationRun.Run("explain", "--facts", "a.json", "--color").Code);
    }
}
