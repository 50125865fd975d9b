using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>
/// The spend / frequency / recency octants (issue 14, item 2): each dimension high or low against the business's own
/// split points, set in its lifecycle ruleset's <c>Octants</c> and computed there from its customers' quantiles. Every
/// expectation is worked by hand.
/// </summary>
[TestClass]
public sealed class OctantTests
{
    // Spend above 1,000, more than 2 orders a year, last purchase within 60 days.
    private static readonly OctantSplits Splits = new(1000m, 2, 60);

    private const string LifecycleWithOctants = """
        {
          "WorkflowName": "Lifecycle.Test",
          "Octants": { "SpendAbove": 250, "PurchasesAbove": 1, "RecentWithinDays": 30 },
          "Rules": [
            { "RuleName": "KeepTheBest", "Expression": "customer.Octant == \"ImportantRetention\"", "SuccessEvent": "Silent" },
            { "RuleName": "Rest", "Expression": "true", "SuccessEvent": "Active" }
          ]
        }
        """;

    [TestMethod]
    [DataRow(1500, 3, 10, Octant.ImportantValue, DisplayName = "high spend, frequent, recent")]
    [DataRow(1500, 1, 10, Octant.ImportantDevelopment, DisplayName = "high spend, infrequent, recent")]
    [DataRow(1500, 3, 61, Octant.ImportantRetention, DisplayName = "high spend, frequent, not recent")]
    [DataRow(1500, 1, 61, Octant.ImportantWinBack, DisplayName = "high spend, infrequent, not recent")]
    [DataRow(400, 3, 60, Octant.GeneralValue, DisplayName = "low spend, frequent, 60 days is still recent")]
    [DataRow(400, 2, 0, Octant.GeneralDevelopment, DisplayName = "low spend, 2 orders is not more than 2")]
    [DataRow(1000, 5, 90, Octant.GeneralRetention, DisplayName = "a spend of exactly 1,000 is not above it")]
    [DataRow(20, 0, 400, Octant.GeneralWinBack, DisplayName = "low spend, no order this year, long ago")]
    public void Each_corner_of_the_cube_has_its_octant(int spend, int ordersThisYear, int daysSince, Octant expected)
    {
        Assert.AreEqual(expected, Splits.Of(spend, ordersThisYear, daysSince));
    }

    [TestMethod]
    public void The_split_points_are_the_medians_of_the_business_own_customers_by_nearest_rank()
    {
        // Sorted: spend 100, 200, 300, 500; orders 1, 1, 2, 5; days 10, 40, 90, 200. n = 4, rank ceil(0.5 * 4) = 2.
        var splits = OctantSplits.FromCustomers(
        [
            new OctantInput(300m, 2, 90), new OctantInput(100m, 1, 200), new OctantInput(500m, 5, 10), new OctantInput(200m, 1, 40),
        ])!;

        Assert.AreEqual((200m, 1, 40), (splits.SpendAbove, splits.PurchasesAbove, splits.RecentWithinDays));
        // The customer with 300, 2 orders, 90 days: spend above 200, orders above 1, 90 days is not within 40.
        Assert.AreEqual(Octant.ImportantRetention, splits.Of(300m, 2, 90));
    }

    [TestMethod]
    public void Other_quantiles_move_the_split_points_and_a_business_without_buyers_has_none()
    {
        var customers = Enumerable.Range(1, 10).Select(i => new OctantInput(i * 100m, i, i * 10)).ToList();

        var upperQuartile = OctantSplits.FromCustomers(customers, 0.75)!;

        Assert.AreEqual((800m, 8, 80), (upperQuartile.SpendAbove, upperQuartile.PurchasesAbove, upperQuartile.RecentWithinDays), "rank ceil(0.75 * 10) = 8");
        Assert.IsNull(OctantSplits.FromCustomers([]));
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => OctantSplits.FromCustomers(customers, 1.0));
        StringAssert.Contains(error.Message, "strictly between 0 and 1 (got 1)");
    }

    [TestMethod]
    public void The_fact_places_a_buyer_and_stays_empty_for_a_prospect_or_without_split_points()
    {
        // Two orders of 100 (the helper's amount), 10 and 70 days ago: spend 200, 2 orders this year, last 10 days ago.
        var input = InputWithPurchasesDaysAgo(10, 70);
        Assert.AreEqual("", CustomerFactsBuilder.Build(input).Octant, "no split points set");

        input.OctantSplits = new OctantSplits(150m, 1, 30);
        Assert.AreEqual("ImportantValue", CustomerFactsBuilder.Build(input).Octant);

        input.OctantSplits = new OctantSplits(150m, 2, 5);
        Assert.AreEqual("ImportantWinBack", CustomerFactsBuilder.Build(input).Octant, "spend 200 > 150, but 2 orders is not more than 2 and 10 days is not within 5");

        var prospect = new CustomerFactsInput { UtcNow = Now, OctantSplits = Splits };
        Assert.AreEqual("", CustomerFactsBuilder.Build(prospect).Octant);
    }

    [TestMethod]
    public void A_lifecycle_ruleset_carries_its_split_points_and_its_rules_read_the_octant()
    {
        var lifecycle = RulesetLoader.Load(LifecycleWithOctants, "lifecycle.json").GetRulesetOrThrow();
        Assert.AreEqual((250m, 1, 30), (lifecycle.Octants!.SpendAbove, lifecycle.Octants.PurchasesAbove, lifecycle.Octants.RecentWithinDays));

        // Three orders of 100, 40, 50 and 60 days ago: spend 300 > 250, 3 orders > 1, 40 days not within 30.
        var customer = new CustomerRecord(Guid.NewGuid(), InputWithPurchasesDaysAgo(40, 50, 60), Reactivation.Core.Ledgers.TouchLedger.Empty, FixedOffsetZone.Utc);
        var decision = ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, lifecycle));

        Assert.AreEqual("ImportantRetention", decision.Facts!.Octant);
        Assert.AreEqual(LifecycleStage.Silent, decision.NewStage);
        Assert.AreEqual("KeepTheBest", decision.Lifecycle!.RuleName);
    }

    [TestMethod]
    public void A_misspelt_octant_is_refused_with_the_one_meant()
    {
        var error = SingleError(LoadOne("customer.Octant == \"ImportantWinback\""));

        Assert.AreEqual(DiagnosticCodes.UnknownValue, error.Code);
        StringAssert.Contains(error.ToString(), "'ImportantWinback' is not a customer octant");
        StringAssert.Contains(error.ToString(), "did you mean 'ImportantWinBack'?");
    }

    [TestMethod]
    [DataRow("\"Octants\": { \"SpendAbove\": 250, \"PurchasesAbove\": 1 }", "RX012", "RecentWithinDays is missing", DisplayName = "a split point missing")]
    [DataRow("\"Octants\": { \"SpendAbove\": -1, \"PurchasesAbove\": 1, \"RecentWithinDays\": 30 }", "RX013", "Octants.SpendAbove cannot be negative", DisplayName = "a negative spend")]
    [DataRow("\"Octants\": { \"SpendAbove\": 250, \"PurchasesAbove\": 1.5, \"RecentWithinDays\": 30 }", "RX011", "PurchasesAbove must be a whole number", DisplayName = "a fraction of an order")]
    [DataRow("\"Octants\": { \"SpendAbove\": 250, \"PurchasesAbove\": 1, \"RecentWithinDays\": 30, \"Recency\": 2 }", "RX010", "unknown property 'Recency' in Octants", DisplayName = "a property of its own")]
    [DataRow("\"Octants\": [250, 1, 30]", "RX011", "Octants must be an object", DisplayName = "a list instead of an object")]
    public void Bad_split_points_are_refused_on_line_3_saying_what_is_wrong(string octants, string code, string message)
    {
        var json = "{\n  \"WorkflowName\": \"Lifecycle\",\n  " + octants + ",\n  \"Rules\": [ { \"RuleName\": \"R\", \"Expression\": \"true\", \"SuccessEvent\": \"Active\" } ]\n}";

        var error = SingleError(RulesetLoader.Load(json, "lifecycle.json"));

        Assert.AreEqual(code, error.Code);
        Assert.AreEqual(3, error.Line, error.ToString());
        StringAssert.Contains(error.Message, message);
    }

    [TestMethod]
    public void Only_the_lifecycle_ruleset_sets_split_points()
    {
        var json = "{\n  \"WorkflowName\": \"Offers\",\n  \"Octants\": { \"SpendAbove\": 250, \"PurchasesAbove\": 1, \"RecentWithinDays\": 30 },\n  \"Rules\": [ { \"RuleName\": \"R\", \"Expression\": \"true\", \"SuccessEvent\": \"Hello\" } ]\n}";

        var error = SingleError(RulesetLoader.Load(json, "offers.json"));

        Assert.AreEqual((DiagnosticCodes.UnknownProperty, 3), (error.Code, error.Line));
        StringAssert.Contains(error.Message, "only a lifecycle ruleset sets the Octants split points");
    }
}

/// <summary>The octant column stays true between events: the next evaluation comes on the day the octant changes.</summary>
[TestClass]
public sealed class OctantNextEvaluationTests
{
    private const string Lifecycle = """
        {
          "WorkflowName": "Lifecycle.Test",
          "Octants": { "SpendAbove": 250, "PurchasesAbove": 1, "RecentWithinDays": 30 },
          "Rules": [ { "RuleName": "Buyer", "Expression": "customer.PurchaseCount > 0", "SuccessEvent": "Active" } ]
        }
        """;

    private static ContactDecision Decide(string octantOnRow, params int[] daysAgo)
    {
        var customer = new CustomerRecord(Guid.NewGuid(), InputWithPurchasesDaysAgo(daysAgo), Reactivation.Core.Ledgers.TouchLedger.Empty, FixedOffsetZone.Utc) { Stage = LifecycleStage.Active, Octant = octantOnRow };
        return ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, RulesetLoader.Load(Lifecycle, "lifecycle.json").GetRulesetOrThrow()));
    }

    [TestMethod]
    public void A_recent_buyer_is_evaluated_again_the_day_her_last_purchase_is_31_days_old()
    {
        // Three orders of 100, 10, 20 and 40 days ago: 300 > 250, 3 orders > 1, 10 days within 30: ImportantValue.
        var decision = Decide("ImportantValue", 10, 20, 40);

        Assert.AreEqual(("ImportantValue", false), (decision.Octant, decision.OctantChanged), "the row already holds it");
        // On day 31 after the last purchase (21 days from today) she is no longer recent; the stage never changes.
        Assert.AreEqual(Now.Date.AddDays(21), decision.OctantChangesOn);
        Assert.AreEqual(Now.Date.AddDays(21), decision.NextEvaluationOn);
        Assert.IsTrue(decision.ChangesRow, "the row's next evaluation (none) moves to that day");
    }

    [TestMethod]
    public void A_frequent_buyer_who_stopped_is_evaluated_again_when_an_order_leaves_the_year_and_she_is_no_longer_frequent()
    {
        // Orders 300, 340 and 360 days ago: 3 orders in the year; the one 360 days ago leaves on day 365 (5 days from today),
        // the one 340 days ago 25 days from today, leaving 1, which is not more than 1. Not recent either way.
        var decision = Decide("", 300, 340, 360);

        Assert.AreEqual(("ImportantRetention", true), (decision.Octant, decision.OctantChanged), "the row holds none yet: stamped");
        Assert.AreEqual(Now.Date.AddDays(25), decision.OctantChangesOn);
    }

    [TestMethod]
    public void A_customer_whose_octant_cannot_change_without_an_order_has_no_octant_evaluation()
    {
        // One order of 100, 400 days ago: low spend, none in the year, not recent: nothing can change without an order.
        var decision = Decide("GeneralWinBack", 400);

        Assert.AreEqual("GeneralWinBack", decision.Octant);
        Assert.IsNull(decision.OctantChangesOn);
    }
}
