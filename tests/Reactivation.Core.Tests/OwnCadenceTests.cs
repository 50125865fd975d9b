using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>
/// Own cadence in the presets' lifecycles: a customer with 3 or more purchases is Silent, Sleeping and Lost by her
/// OverdueFactor (days since the last purchase / her average days between purchases); a customer with one or two
/// purchases keeps the fixed day bands. Every expectation is worked by hand from the purchase days: visits 7 days
/// apart average 7, so 8 days later the factor is 8 / 7 = 1.14.
/// </summary>
[TestClass]
public sealed class OwnCadenceTests
{
    private static Ruleset Lifecycle(string preset) =>
        RulesetLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "presets", preset, "lifecycle.json")), preset).GetRulesetOrThrow();

    private static readonly Ruleset Salon = Lifecycle("beauty-salon");
    private static readonly Ruleset MedAesthetics = Lifecycle("med-aesthetics");
    private static readonly Ruleset Restaurant = Lifecycle("restaurant");
    private static readonly Ruleset Dental = Lifecycle("dental");

    /// <summary>Stage and deciding rule of a customer who bought <paramref name="daysAgo"/> days ago (one order each).</summary>
    private static (LifecycleStage?, string?) Decide(Ruleset lifecycle, params int[] daysAgo)
    {
        var decision = LifecycleEvaluator.Evaluate(lifecycle, CustomerFactsBuilder.Build(InputWithPurchasesDaysAgo(daysAgo)));
        return (decision.Stage, decision.RuleName);
    }

    /// <summary>Three visits a week apart, the last <paramref name="away"/> days ago.</summary>
    private static int[] Weekly(int away) => [away, away + 7, away + 14];

    [TestMethod]
    public void A_weekly_salon_customer_is_B_after_8_days_C_after_15_and_D_after_22()
    {
        Assert.AreEqual((LifecycleStage.Active, "A"), Decide(Salon, Weekly(7)), "7 / 7 = 1.00 is not overdue");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmB"), Decide(Salon, Weekly(8)), "8 / 7 = 1.14");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmB"), Decide(Salon, Weekly(14)), "14 / 7 = 2.00 is not more than twice");
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmC"), Decide(Salon, Weekly(15)), "15 / 7 = 2.14");
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmC"), Decide(Salon, Weekly(21)), "21 / 7 = 3.00");
        Assert.AreEqual((LifecycleStage.Lost, "OwnRhythmD"), Decide(Salon, Weekly(22)), "22 / 7 = 3.14");
    }

    [TestMethod]
    public void The_label_of_the_weekly_salon_customer_says_she_is_overdue_by_her_usual_interval()
    {
        var decision = LifecycleEvaluator.Evaluate(Salon, CustomerFactsBuilder.Build(InputWithPurchasesDaysAgo(Weekly(8))));

        Assert.AreEqual("B customer (overdue by her usual interval)", decision.Label);
        Assert.AreEqual("B 类客户（超过平时到店间隔未到店）", decision.LabelZh);
    }

    [TestMethod]
    public void A_one_visit_salon_customer_keeps_the_31_day_band_and_so_does_one_with_two_visits_a_week_apart()
    {
        Assert.AreEqual((LifecycleStage.New, "FirstVisitA"), Decide(Salon, 8));
        Assert.AreEqual((LifecycleStage.New, "FirstVisitA"), Decide(Salon, 30));
        Assert.AreEqual((LifecycleStage.Silent, "B"), Decide(Salon, 31));
        Assert.AreEqual((LifecycleStage.Active, "A"), Decide(Salon, 8, 15), "two purchases: factor 8 / 7, but the fixed band decides");
        Assert.AreEqual((LifecycleStage.Silent, "B"), Decide(Salon, 31, 38));
        Assert.AreEqual((LifecycleStage.Sleeping, "C"), Decide(Salon, 61, 68));
        Assert.AreEqual((LifecycleStage.Lost, "D"), Decide(Salon, 91, 98));
    }

    [TestMethod]
    public void A_monthly_salon_customer_moves_on_the_same_days_by_her_rhythm_as_by_the_fixed_bands()
    {
        int[] Monthly(int away) => [away, away + 30, away + 60, away + 90];

        Assert.AreEqual((LifecycleStage.Active, "A"), Decide(Salon, Monthly(30)), "30 / 30 = 1.00");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmB"), Decide(Salon, Monthly(31)), "31 / 30 = 1.03, the B band starts at 31 too");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmB"), Decide(Salon, Monthly(60)));
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmC"), Decide(Salon, Monthly(61)));
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmC"), Decide(Salon, Monthly(90)));
        Assert.AreEqual((LifecycleStage.Lost, "OwnRhythmD"), Decide(Salon, Monthly(91)));
    }

    [TestMethod]
    public void A_salon_customer_who_comes_every_6_weeks_is_still_A_at_40_days_and_B_at_43()
    {
        Assert.AreEqual((LifecycleStage.Active, "OwnRhythmA"), Decide(Salon, 40, 82, 124), "average (124 - 40) / 2 = 42; 40 / 42 = 0.95");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmB"), Decide(Salon, 43, 85, 127), "43 / 42 = 1.02");
    }

    [TestMethod]
    public void Three_orders_on_one_day_give_no_rhythm_so_the_fixed_bands_decide()
    {
        Assert.AreEqual((LifecycleStage.Active, "A"), Decide(Salon, 10, 10, 10), "average 0: no OverdueFactor");
        Assert.AreEqual((LifecycleStage.Silent, "B"), Decide(Salon, 31, 31, 31));
    }

    [TestMethod]
    public void A_salon_customer_who_buys_again_after_falling_behind_her_rhythm_is_active_again()
    {
        Assert.AreEqual((LifecycleStage.Active, "A"), Decide(Salon, 0, 20, 27, 34), "0 days since the last visit: factor 0");
    }

    [TestMethod]
    public void A_med_aesthetics_client_treated_every_two_weeks_is_Silent_after_15_days_while_a_first_timer_keeps_the_46_day_band()
    {
        int[] Fortnightly(int away) => [away, away + 14, away + 28];

        Assert.AreEqual((LifecycleStage.Active, "Active"), Decide(MedAesthetics, Fortnightly(14)), "14 / 14 = 1.00");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmSilent"), Decide(MedAesthetics, Fortnightly(15)), "15 / 14 = 1.07");
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmSleeping"), Decide(MedAesthetics, Fortnightly(29)), "29 / 14 = 2.07");
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmSleeping"), Decide(MedAesthetics, Fortnightly(56)), "56 / 14 = 4.00");
        Assert.AreEqual((LifecycleStage.Lost, "OwnRhythmLost"), Decide(MedAesthetics, Fortnightly(57)), "57 / 14 = 4.07");

        Assert.AreEqual((LifecycleStage.New, "New"), Decide(MedAesthetics, 45));
        Assert.AreEqual((LifecycleStage.Silent, "Silent"), Decide(MedAesthetics, 46));
        Assert.AreEqual((LifecycleStage.Sleeping, "Sleeping"), Decide(MedAesthetics, 91));
        Assert.AreEqual((LifecycleStage.Lost, "Lost"), Decide(MedAesthetics, 181));
    }

    [TestMethod]
    public void A_weekly_restaurant_guest_is_overdue_after_8_days_while_a_first_time_guest_keeps_the_31_day_band()
    {
        Assert.AreEqual((LifecycleStage.Active, "Active"), Decide(Restaurant, Weekly(7)));
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmSilent"), Decide(Restaurant, Weekly(8)), "8 / 7 = 1.14");
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmSleeping"), Decide(Restaurant, Weekly(15)), "15 / 7 = 2.14");
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmSleeping"), Decide(Restaurant, Weekly(28)), "28 / 7 = 4.00");
        Assert.AreEqual((LifecycleStage.Lost, "OwnRhythmLost"), Decide(Restaurant, Weekly(29)), "29 / 7 = 4.14");

        Assert.AreEqual((LifecycleStage.New, "New"), Decide(Restaurant, 8));
        Assert.AreEqual((LifecycleStage.Silent, "Silent"), Decide(Restaurant, 31));
        Assert.AreEqual((LifecycleStage.Sleeping, "Sleeping"), Decide(Restaurant, 61, 70));
        Assert.AreEqual((LifecycleStage.Lost, "Lost"), Decide(Restaurant, 121, 130));
    }

    [TestMethod]
    public void A_dental_patient_on_a_3_month_recall_is_overdue_after_91_days_while_a_new_patient_keeps_the_181_day_band()
    {
        int[] Quarterly(int away) => [away, away + 90, away + 180];

        Assert.AreEqual((LifecycleStage.Active, "Active"), Decide(Dental, Quarterly(90)), "90 / 90 = 1.00");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmSilent"), Decide(Dental, Quarterly(91)), "91 / 90 = 1.01");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmSilent"), Decide(Dental, Quarterly(135)), "135 / 90 = 1.50");
        Assert.AreEqual((LifecycleStage.Sleeping, "OwnRhythmSleeping"), Decide(Dental, Quarterly(136)), "136 / 90 = 1.51");
        Assert.AreEqual((LifecycleStage.Lost, "OwnRhythmLost"), Decide(Dental, Quarterly(181)), "181 / 90 = 2.01");

        Assert.AreEqual((LifecycleStage.New, "New"), Decide(Dental, 91));
        Assert.AreEqual((LifecycleStage.Silent, "Silent"), Decide(Dental, 181));
        Assert.AreEqual((LifecycleStage.Sleeping, "Sleeping"), Decide(Dental, 271, 400));
        Assert.AreEqual((LifecycleStage.Lost, "Lost"), Decide(Dental, 366, 500));
    }

    [TestMethod]
    public void A_yearly_dental_patient_is_still_active_at_300_days_by_his_own_interval()
    {
        Assert.AreEqual((LifecycleStage.Active, "OwnRhythmActive"), Decide(Dental, 300, 665, 1030), "average 365; 300 / 365 = 0.82");
        Assert.AreEqual((LifecycleStage.Silent, "OwnRhythmSilent"), Decide(Dental, 370, 735, 1100), "370 / 365 = 1.01");
        Assert.AreEqual((LifecycleStage.Active, "OwnRhythmActive"), Decide(Dental, 366, 731, 1096), "366 / 365 = 1.0027 rounds to 1.00: not overdue yet");
    }
}
