using Reactivation.Core.Facts;
using Reactivation.Core.Measurement;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Tests.Measurement;

/// <summary>What an order inside an attempt's window says about the attempt.</summary>
[TestClass]
public sealed class AttributionTests
{
    private static readonly DateTime Start = new(2025, 3, 14, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Until = new(2025, 4, 13, 15, 59, 0, DateTimeKind.Utc);
    private static readonly Guid Order1 = Guid.Parse("00000000-0000-4000-8000-00000000000a");
    private static readonly Guid Order2 = Guid.Parse("00000000-0000-4000-8000-00000000000b");

    [TestMethod]
    public void The_window_ends_at_the_end_of_the_organisation_local_day_thirty_days_on()
    {
        var china = new FixedOffsetZone(TimeSpan.FromHours(8));

        Assert.AreEqual(Until, AttributionRules.WindowEnd(Start, AttributionRules.DefaultWindowDays, china), "14 March 10:00 in China + 30 days: 13 April 23:59 China = 15:59 UTC");
    }

    [TestMethod]
    public void An_order_redeeming_the_attempts_code_is_attributed_whatever_reached_the_customer()
    {
        var window = new AttemptWindow(Guid.NewGuid(), heldOut: false, Start, Until, respondedOn: null);

        var result = AttributionRules.Attribute(window, Order1, Start.AddDays(3), 120m, newlyCounted: true, redeemsAttemptIncentive: true, Never);

        Assert.AreEqual(AttemptAttribution.Redeemed, result!.Attribution);
        Assert.AreEqual(AttemptAttribution.Redeemed, window.Attribution);
        Assert.AreEqual(Order1, window.AttributedOrderId);
        Assert.AreEqual(120m, window.Revenue);
        Assert.AreEqual(Start.AddDays(3), window.FirstPurchaseOn);
    }

    [TestMethod]
    public void An_order_after_a_message_went_out_is_influenced_and_one_before_anything_reached_the_customer_is_not_attributed()
    {
        var sentOn = Start.AddDays(2);
        bool SentBefore(DateTime purchase) => sentOn <= purchase;

        var before = new AttemptWindow(Guid.NewGuid(), false, Start, Until, null);
        var after = new AttemptWindow(Guid.NewGuid(), false, Start, Until, null);

        Assert.AreEqual(AttemptAttribution.NotReached, AttributionRules.Attribute(before, Order1, Start.AddDays(1), 80m, true, false, SentBefore)!.Attribution);
        Assert.AreEqual(AttemptAttribution.Influenced, AttributionRules.Attribute(after, Order1, Start.AddDays(5), 80m, true, false, SentBefore)!.Attribution);
        Assert.IsFalse(AttributionRules.Credits(before.Attribution), "nothing is attributed to an attempt that had not reached the customer");
        Assert.IsTrue(AttributionRules.Credits(after.Attribution));
        Assert.AreEqual(80m, before.Revenue, "the purchase still counts as the attempt's conversion when groups are compared");
    }

    [TestMethod]
    public void A_call_that_reached_the_customer_before_the_order_is_enough_without_asking_for_messages()
    {
        var window = new AttemptWindow(Guid.NewGuid(), false, Start, Until, respondedOn: Start.AddDays(1));
        var asked = false;

        var result = AttributionRules.Attribute(window, Order1, Start.AddDays(4), 80m, true, false, _ => asked = true);

        Assert.AreEqual(AttemptAttribution.Influenced, result!.Attribution);
        Assert.IsFalse(asked, "the messages are read only when nothing else settles the claim");
    }

    [TestMethod]
    public void An_order_outside_the_window_is_not_the_attempts()
    {
        var window = new AttemptWindow(Guid.NewGuid(), false, Start, Until, Start.AddDays(1));

        Assert.IsNull(AttributionRules.Attribute(window, Order1, Until.AddMinutes(1), 80m, true, true, Never));
        Assert.IsNull(AttributionRules.Attribute(window, Order1, Start.AddMinutes(-1), 80m, true, true, Never));
        Assert.IsNull(window.Attribution);
        Assert.AreEqual(0m, window.Revenue);
    }

    [TestMethod]
    public void A_held_out_customers_order_in_the_window_counts_for_the_comparison_and_credits_nobody()
    {
        var window = new AttemptWindow(Guid.NewGuid(), heldOut: true, Start, Until, null);

        var result = AttributionRules.Attribute(window, Order1, Start.AddDays(10), 60m, true, false, Never);

        Assert.AreEqual(AttemptAttribution.Holdout, result!.Attribution);
        Assert.IsFalse(AttributionRules.Credits(window.Attribution));
        Assert.AreEqual(Start.AddDays(10), window.FirstPurchaseOn);
    }

    [TestMethod]
    public void A_later_stronger_claim_takes_the_attribution_while_the_first_purchase_and_the_revenue_add_up()
    {
        var window = new AttemptWindow(Guid.NewGuid(), false, Start, Until, null);
        AttributionRules.Attribute(window, Order1, Start.AddDays(1), 50m, true, false, Never);

        AttributionRules.Attribute(window, Order2, Start.AddDays(8), 70m, true, true, Never);

        Assert.AreEqual(AttemptAttribution.Redeemed, window.Attribution);
        Assert.AreEqual(Order2, window.AttributedOrderId);
        Assert.AreEqual(Start.AddDays(8), window.AttributedOn);
        Assert.AreEqual(Start.AddDays(1), window.FirstPurchaseOn);
        Assert.AreEqual(120m, window.Revenue);

        AttributionRules.Attribute(window, Order1, Start.AddDays(1), 50m, newlyCounted: false, false, Never);
        Assert.AreEqual(120m, window.Revenue, "an order counted before adds no revenue again");
        Assert.AreEqual(Order2, window.AttributedOrderId, "a weaker claim does not replace a stronger one");
    }

    [TestMethod]
    public void An_order_in_two_windows_is_the_attempt_it_credits_most_else_the_latest_attempts()
    {
        var earlier = new AttemptWindow(Guid.NewGuid(), false, Start, Until, respondedOn: Start.AddDays(1));
        var later = new AttemptWindow(Guid.NewGuid(), false, Start.AddDays(5), Until.AddDays(5), null);
        var purchase = Start.AddDays(6);
        var influenced = AttributionRules.Attribute(earlier, Order1, purchase, 40m, true, false, Never)!;
        var notReached = AttributionRules.Attribute(later, Order1, purchase, 40m, true, false, Never)!;

        Assert.AreSame(influenced, AttributionRules.ForOrder([notReached, influenced]), "the attempt whose call reached the customer");

        var heldOut = AttributionRules.Attribute(new AttemptWindow(Guid.NewGuid(), true, Start.AddDays(5), Until.AddDays(5), null), Order2, purchase, 40m, true, false, Never)!;
        var alsoNotReached = AttributionRules.Attribute(new AttemptWindow(Guid.NewGuid(), false, Start, Until, null), Order2, purchase, 40m, true, false, Never)!;
        Assert.AreSame(heldOut, AttributionRules.ForOrder([alsoNotReached, heldOut]), "crediting none: the latest started attempt's verdict");
        Assert.IsNull(AttributionRules.ForOrder([]));
    }

    [TestMethod]
    public void An_offer_rules_AttributionDays_is_its_window_and_a_day_count_out_of_range_is_refused_with_the_rule_and_line()
    {
        Assert.AreEqual(AttributionRules.DefaultWindowDays, Offer("").Offer!.AttributionDays, "30 when the rule says nothing");
        Assert.AreEqual(7, Offer("\"AttributionDays\": 7,").Offer!.AttributionDays);

        var refused = RulesetLoader.Load(OneOffer("\"AttributionDays\": 400,"), "offers.json");
        var error = refused.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual(("Hello", 6), (error.RuleName, error.Line), error.ToString());
        StringAssert.Contains(error.Message, "AttributionDays");
        StringAssert.Contains(error.Message, "365");
    }

    private static RuleDefinition Offer(string properties) => RulesetLoader.Load(OneOffer(properties), "offers.json").GetRulesetOrThrow().Rules[0];

    private static string OneOffer(string properties) =>
        "{\n  \"WorkflowName\": \"Offers\",\n  \"Rules\": [\n    {\n      \"RuleName\": \"Hello\", \"Expression\": \"true\", \"SuccessEvent\": \"Hello\",\n      \"Properties\": { " + properties +
        "\n        \"Message\": { \"Channel\": \"Sms\", \"Template\": \"Hello\", \"Text\": { \"en\": \"Hello\", \"zh-CN\": \"您好\" } }\n      }\n    }\n  ]\n}";

    private static bool Never(DateTime purchase) => false;
}
