using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

[TestClass]
public sealed class LifecycleTests
{
    [TestMethod]
    public void A_customer_without_purchases_is_a_Prospect() => Assert.AreEqual(LifecycleStage.Prospect, StageFor());

    [TestMethod]
    public void Exactly_one_purchase_ever_is_New() => Assert.AreEqual(LifecycleStage.New, StageFor(3));

    [TestMethod]
    public void A_single_purchase_today_is_New_because_today_is_0_days_ago() => Assert.AreEqual(LifecycleStage.New, StageFor(0));

    [TestMethod]
    public void Day_45_since_the_last_purchase_is_still_Active() => Assert.AreEqual(LifecycleStage.Active, StageFor(45, 60));

    [TestMethod]
    public void Day_46_since_the_last_purchase_is_Silent() => Assert.AreEqual(LifecycleStage.Silent, StageFor(46, 60));

    [TestMethod]
    public void Day_90_is_Silent_and_day_91_is_Sleeping()
    {
        Assert.AreEqual(LifecycleStage.Silent, StageFor(90, 120));
        Assert.AreEqual(LifecycleStage.Sleeping, StageFor(91, 120));
    }

    [TestMethod]
    public void Day_180_is_Sleeping_and_day_181_is_Lost()
    {
        Assert.AreEqual(LifecycleStage.Sleeping, StageFor(180, 200));
        Assert.AreEqual(LifecycleStage.Lost, StageFor(181, 200));
    }

    [TestMethod]
    public void A_single_old_purchase_is_Lost_not_New() => Assert.AreEqual(LifecycleStage.Lost, StageFor(400));

    [TestMethod]
    public void Five_orders_on_one_day_count_separately_and_make_the_customer_Loyal() =>
        Assert.AreEqual(LifecycleStage.Loyal, StageFor(2, 2, 2, 2, 2));

    [TestMethod]
    public void Two_orders_on_the_same_day_are_not_New() => Assert.AreEqual(LifecycleStage.Active, StageFor(5, 5));

    [TestMethod]
    public void An_order_364_days_ago_still_counts_towards_Loyal() => Assert.AreEqual(LifecycleStage.Loyal, StageFor(1, 10, 20, 30, 364));

    [TestMethod]
    public void An_order_365_days_ago_no_longer_counts_towards_Loyal() => Assert.AreEqual(LifecycleStage.Active, StageFor(1, 10, 20, 30, 365));

    [TestMethod]
    public void A_gap_of_91_days_before_the_last_purchase_date_is_Reactivated() => Assert.AreEqual(LifecycleStage.Reactivated, StageFor(0, 91));

    [TestMethod]
    public void A_gap_of_exactly_90_days_is_not_Reactivated() => Assert.AreEqual(LifecycleStage.Active, StageFor(0, 90));

    [TestMethod]
    public void Same_day_purchases_do_not_make_a_gap_so_the_earlier_date_decides_Reactivated() =>
        Assert.AreEqual(LifecycleStage.Reactivated, StageFor(0, 0, 100));

    [TestMethod]
    public void Silent_wins_over_Reactivated_because_the_first_matching_rule_wins() => Assert.AreEqual(LifecycleStage.Silent, StageFor(50, 200));

    [TestMethod]
    public void The_decision_names_the_rule_its_labels_and_the_facts_it_read()
    {
        var decision = LifecycleEvaluator.Evaluate(Lifecycle, CustomerFactsBuilder.Build(InputWithPurchasesDaysAgo(100, 130)));
        Assert.AreEqual("Sleeping", decision.RuleName);
        Assert.AreEqual("沉睡客户", decision.LabelZh);
        var trace = decision.Explanation.Rules.Single();
        Assert.AreEqual("DaysSinceLastPurchase=100", trace.Facts.Single().ToString());
    }

    [TestMethod]
    public void A_ruleset_without_a_catch_all_may_match_nothing_and_then_names_no_stage()
    {
        var ruleset = Reactivation.Core.Rules.RulesetLoader.Load(OneRule("customer.PurchaseCount > 100")).GetRulesetOrThrow();
        Assert.IsNull(LifecycleEvaluator.Evaluate(ruleset, new CustomerFacts()).Stage);
    }
}
