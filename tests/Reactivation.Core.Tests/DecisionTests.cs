using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

[TestClass]
public sealed class ContactPolicyTests
{
    private static CustomerFacts Facts(string stage, string channel, string purpose = "Offer", int localHour = 11, bool consent = true, bool inCampaign = false) => new()
    {
        Stage = stage,
        Channel = channel,
        Purpose = purpose,
        LocalHour = localHour,
        InCampaign = inCampaign,
        ConsentPhone = consent,
        ConsentSms = consent,
        ConsentEmail = consent,
        ConsentWeChat = consent,
        ConsentWeCom = consent,
        ConsentPush = consent,
    };

    [TestMethod]
    public void A_channel_the_customer_opted_out_of_is_blocked_with_a_reason()
    {
        var decision = ContactPolicyEvaluator.Evaluate(Policy, Facts("Silent", "Sms", consent: false));
        Assert.AreEqual(PolicyOutcome.Block, decision.Outcome);
        CollectionAssert.AreEqual(new[] { "OptedOut" }, decision.ReasonCodes.ToArray());
        CollectionAssert.AreEqual(new[] { "NoConsent" }, decision.DecidingRules.ToArray());
    }

    [TestMethod]
    public void Active_customers_get_care_but_no_promotions()
    {
        Assert.AreEqual(PolicyOutcome.Block, ContactPolicyEvaluator.Evaluate(Policy, Facts("Active", "Phone", "Offer")).Outcome);
        var care = ContactPolicyEvaluator.Evaluate(Policy, Facts("Active", "Phone", "Care"));
        Assert.AreEqual(PolicyOutcome.Allow, care.Outcome);
        Assert.IsTrue(care.MayContactNow);
    }

    [TestMethod]
    public void Silent_customers_get_light_offers_but_no_campaigns()
    {
        Assert.AreEqual(PolicyOutcome.Allow, ContactPolicyEvaluator.Evaluate(Policy, Facts("Silent", "Sms", "Offer")).Outcome);
        Assert.AreEqual("SilentLightOffersOnly", ContactPolicyEvaluator.Evaluate(Policy, Facts("Silent", "Sms", "Campaign")).ReasonCodes.Single());
    }

    [TestMethod]
    public void Sleeping_customers_are_capped_at_one_touch_per_14_days_and_two_per_30()
    {
        var decision = ContactPolicyEvaluator.Evaluate(Policy, Facts("Sleeping", "Phone"));
        Assert.AreEqual(PolicyOutcome.Cap, decision.Outcome);
        CollectionAssert.AreEquivalent(new[] { "1/14", "2/30" }, decision.Caps.Select(c => c.Definition.MaxTouches + "/" + c.Definition.WindowDays).ToArray());
    }

    [TestMethod]
    public void A_reached_cap_blocks_and_names_the_cap_rule()
    {
        var decision = ContactPolicyEvaluator.Evaluate(Policy, Facts("Sleeping", "Phone"), (channels, days) => days >= 14 ? 1 : 0);
        Assert.AreEqual(PolicyOutcome.Block, decision.Outcome);
        CollectionAssert.AreEqual(new[] { "SleepingOnePer14Days" }, decision.DecidingRules.ToArray());
        CollectionAssert.AreEqual(new[] { ContactPolicyDecision.CapReachedReason }, decision.ReasonCodes.ToArray());
    }

    [TestMethod]
    public void Messages_outside_the_send_windows_are_deferred_until_the_next_window()
    {
        var decision = ContactPolicyEvaluator.Evaluate(Policy, Facts("Silent", "Sms", localHour: 15));
        Assert.AreEqual(PolicyOutcome.Defer, decision.Outcome);
        Assert.AreEqual(new DateTime(2025, 6, 15, 19, 0, 0), decision.DeferUntil(new DateTime(2025, 6, 15, 15, 20, 0)));
        Assert.AreEqual(new DateTime(2025, 6, 16, 11, 0, 0), decision.DeferUntil(new DateTime(2025, 6, 15, 21, 5, 0)));
    }

    [TestMethod]
    public void Phone_calls_are_not_bound_to_message_send_windows() =>
        Assert.AreEqual(PolicyOutcome.Allow, ContactPolicyEvaluator.Evaluate(Policy, Facts("Silent", "Phone", localHour: 15)).Outcome);

    [TestMethod]
    public void The_most_restrictive_verdict_wins_and_only_its_rules_decide()
    {
        var decision = ContactPolicyEvaluator.Evaluate(Policy, Facts("Sleeping", "Sms", localHour: 15, consent: false));
        Assert.AreEqual(PolicyOutcome.Block, decision.Outcome);
        CollectionAssert.AreEqual(new[] { "NoConsent" }, decision.DecidingRules.ToArray());
        Assert.IsTrue(decision.Verdicts.Any(v => v.Kind == VerdictKind.Defer));
        Assert.IsTrue(decision.Verdicts.Any(v => v.Kind == VerdictKind.Cap));
    }

    [TestMethod]
    public void Lost_customers_are_contacted_only_in_flagged_campaigns_by_the_reactivation_team()
    {
        Assert.AreEqual("LostOutsideCampaign", ContactPolicyEvaluator.Evaluate(Policy, Facts("Lost", "Phone")).ReasonCodes.Single());
        var campaign = ContactPolicyEvaluator.Evaluate(Policy, Facts("Lost", "Phone", "Campaign", inCampaign: true));
        Assert.AreEqual(PolicyOutcome.Allow, campaign.Outcome);
        Assert.AreEqual("Reactivation", campaign.Team);
    }

    [TestMethod]
    public void Escalation_goes_push_sms_email_phone_and_follows_up_after_3_days()
    {
        var escalation = ContactPolicyEvaluator.Evaluate(Policy, Facts("Silent", "Phone")).Escalation!;
        CollectionAssert.AreEqual(new[] { "Push", "Sms", "Email", "Phone" }, escalation.Order.ToArray());
        Assert.AreEqual(3, escalation.FollowUpAfterDays);
    }

    [TestMethod]
    public void A_touch_waits_3_days_for_a_response_to_an_open_attempt()
    {
        var facts = Facts("Silent", "Phone");
        facts.HasOpenAttempt = true;
        facts.DaysSinceAttemptStarted = 2;
        Assert.AreEqual("AwaitingResponse", ContactPolicyEvaluator.Evaluate(Policy, facts).ReasonCodes.Single());
        facts.DaysSinceAttemptStarted = 3;
        Assert.AreEqual(PolicyOutcome.Allow, ContactPolicyEvaluator.Evaluate(Policy, facts).Outcome);
    }

    [TestMethod]
    public void The_explanation_lists_the_matched_rules_with_their_facts()
    {
        var decision = ContactPolicyEvaluator.Evaluate(Policy, Facts("Lost", "Sms", localHour: 11));
        var trace = decision.Explanation.Rules.First(r => r.RuleName == "LostOnlyInCampaigns");
        CollectionAssert.AreEqual(new[] { "Stage=Lost", "InCampaign=false" }, trace.Facts.Select(f => f.ToString()).ToArray());
    }

    [TestMethod]
    public void The_explanation_keeps_the_values_the_rules_saw_when_the_facts_change_afterwards()
    {
        // Explanations are formatted when read; the values must be those of evaluation time.
        var facts = Facts("Lost", "Sms", localHour: 11);
        var decision = ContactPolicyEvaluator.Evaluate(Policy, facts);
        var before = decision.Explanation.ToString();
        facts.Stage = "Active";
        facts.InCampaign = true;
        facts.LocalHour = 3;
        var trace = decision.Explanation.Rules.First(r => r.RuleName == "LostOnlyInCampaigns");
        CollectionAssert.AreEqual(new[] { "Stage=Lost", "InCampaign=false" }, trace.Facts.Select(f => f.ToString()).ToArray());
        Assert.AreEqual(before, decision.Explanation.ToString());
        StringAssert.Contains(before, "LostOnlyInCampaigns matched (Stage=Lost, InCampaign=false)");
    }
}

[TestClass]
public sealed class OfferTests
{
    private static OfferDecision Offer(string reason, Action<CustomerFacts>? tweak = null)
    {
        var facts = new CustomerFacts { Stage = "Sleeping", DormancyReason = reason, DaysSinceLastPurchase = 120 };
        tweak?.Invoke(facts);
        return OfferEvaluator.Evaluate(Offers, facts)!;
    }

    [TestMethod]
    public void A_dissatisfied_customer_gets_an_apology_call_and_a_free_trial_with_another_staff_member()
    {
        var offer = Offer("Dissatisfied").Offer;
        Assert.AreEqual("ApologyFreeTrial", offer.Name);
        Assert.AreEqual(AttemptStep.Wake, offer.Step);
        Assert.AreEqual("Team:CustomerCare", offer.PhoneCall!.Owner.ToString());
        Assert.AreEqual(IncentiveType.FreeTrial, offer.Incentive!.Type);
    }

    [TestMethod]
    public void A_low_satisfaction_score_counts_as_dissatisfied_even_with_an_unknown_reason() =>
        Assert.AreEqual("ApologyFreeTrial", Offer("Unknown", f => f.Satisfaction = 2).OfferName);

    [TestMethod]
    public void An_unused_package_reminds_what_is_left_in_the_script()
    {
        var decision = Offer("UnusedPackage", f => f.RemainingSessions = 3);
        Assert.AreEqual("UnusedPackageReminder", decision.OfferName);
        var facts = new CustomerFacts { RemainingSessions = 3 };
        Assert.AreEqual("提醒：套餐还剩 3 次", TemplateRenderer.Render(decision.Offer.PhoneCall!.Subject.For("zh-CN"), facts));
        Assert.AreEqual("Remind: 3 sessions left on the package", TemplateRenderer.Render(decision.Offer.PhoneCall.Subject.For("en"), facts));
        Assert.AreEqual("Sms", decision.Offer.Message!.Channel);
    }

    [TestMethod]
    public void A_customer_lost_to_a_competitor_gets_a_win_back_price()
    {
        var offer = Offer("Competitor").Offer;
        Assert.AreEqual("WinBackPrice", offer.Name);
        Assert.AreEqual(IncentiveType.DiscountPercent, offer.Incentive!.Type);
        Assert.AreEqual(20m, offer.Incentive.Value);
        Assert.AreEqual(14, offer.Incentive.ValidityDays);
    }

    [TestMethod]
    public void A_customer_whose_habit_changed_gets_a_personal_anniversary_activation() =>
        Assert.AreEqual(AttemptStep.Activate, Offer("HabitChanged").Offer.Step);

    [TestMethod]
    public void An_unknown_reason_gets_a_call_whose_first_job_is_to_ask_why()
    {
        var decision = Offer("Unknown");
        Assert.AreEqual("AskWhyCall", decision.OfferName);
        Assert.AreEqual("UnknownReasonCall", decision.RuleName);
        Assert.IsTrue(decision.Offer.PhoneCall!.Owner.IsContactOwner);
    }

    [TestMethod]
    public void No_response_three_days_into_an_attempt_gets_a_follow_up_call_first()
    {
        var decision = Offer("Competitor", f =>
        {
            f.HasOpenAttempt = true;
            f.DaysSinceAttemptStarted = 3;
        });
        Assert.AreEqual("FollowUpCall", decision.OfferName);
        Assert.AreEqual(0, decision.Offer.PhoneCall!.DueInDays);
    }
}

[TestClass]
public sealed class NextChangeTests
{
    [TestMethod]
    public void An_Active_customer_who_bought_10_days_ago_turns_Silent_in_36_days()
    {
        var next = NextChangeFinder.Find(Lifecycle, InputWithPurchasesDaysAgo(10, 30))!;
        Assert.AreEqual(36, next.DaysAhead);
        Assert.AreEqual("Active", next.From);
        Assert.AreEqual("Silent", next.To);
        Assert.AreEqual(new DateTime(2025, 7, 21), next.Date);
    }

    [TestMethod]
    public void A_Sleeping_customer_turns_Lost_the_day_after_day_180()
    {
        var next = NextChangeFinder.Find(Lifecycle, InputWithPurchasesDaysAgo(100, 130))!;
        Assert.AreEqual(81, next.DaysAhead);
        Assert.AreEqual("Lost", next.To);
    }

    [TestMethod]
    public void A_Loyal_customer_stops_being_Loyal_when_an_order_leaves_the_365_day_window()
    {
        var next = NextChangeFinder.Find(Lifecycle, InputWithPurchasesDaysAgo(1, 2, 3, 4, 360))!;
        Assert.AreEqual(5, next.DaysAhead);
        Assert.AreEqual("Loyal", next.From);
        Assert.AreEqual("Active", next.To);
    }

    [TestMethod]
    public void Prospects_and_Lost_customers_never_change_without_an_event()
    {
        Assert.IsNull(NextChangeFinder.Find(Lifecycle, InputWithPurchasesDaysAgo()));
        Assert.IsNull(NextChangeFinder.Find(Lifecycle, InputWithPurchasesDaysAgo(200)));
    }

    [TestMethod]
    public void With_a_policy_the_first_day_its_matched_rules_change_counts_too()
    {
        var input = InputWithPurchasesDaysAgo(10, 30);
        input.Channel = "Phone";
        input.HasOpenAttempt = true;
        input.AttemptStartedUtc = Now.AddDays(-1);
        var next = NextChangeFinder.Find(Lifecycle, input, Policy)!;
        Assert.AreEqual("ContactPolicy", next.What);
        Assert.AreEqual(2, next.DaysAhead);
    }
}

[TestClass]
public sealed class CapturedFactTests
{
    [TestMethod]
    public void A_captured_value_formats_exactly_as_FormatValue_for_every_fact_set_and_unset()
    {
        var empty = new CustomerFacts { Stage = null!, Tier = null! };
        var full = new CustomerFacts
        {
            PurchaseCount = -3, PurchasesLast365Days = int.MinValue, Recency = int.MaxValue, DaysSinceLastPurchase = 0, AverageDaysBetweenPurchases = 12.50m, OverdueFactor = 1.05m,
            TotalSpend = 1234.5600m, AverageOrderValue = 0.01m, Satisfaction = 5, CreditLimit = 100000m,
            InterestRatePercent = 3.999m, ConsentPhone = true, Responded = true, DaysToBirthday = 365, LocalHour = 23,
            Stage = "Lost", Channel = "Sms", FunnelStep = "",
        };
        foreach (var facts in new[] { empty, full })
        {
            foreach (var fact in FactCatalog.All)
            {
                Assert.AreEqual(fact.FormatValue(facts), CapturedFact.Capture(fact, facts).Format(fact), fact.Name);
            }
        }
    }
}
