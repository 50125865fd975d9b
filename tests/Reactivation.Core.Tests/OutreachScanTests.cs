using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>
/// The next evaluation over all three rulesets: a dormant contact is evaluated again, and left due for the outreach step,
/// on the first day the offers would decide another offer (a birthday, a festival), not only when the stage changes.
/// </summary>
[TestClass]
public sealed class OutreachScanTests
{
    private static readonly Guid Contact = new("b0e4a6a1-7c55-4a39-9a3c-5d0a3c1f2e77");
    private static readonly FixedOffsetZone China = new(TimeSpan.FromHours(8));
    private static readonly OutreachSettings Dormant = new([LifecycleStage.Silent, LifecycleStage.Sleeping, LifecycleStage.Lost], new Dictionary<string, Guid>());

    /// <summary>The shipped offers with a birthday rule first: an SMS in the week before the birthday.</summary>
    private static readonly Ruleset BirthdayOffers = WithFirstRule(
        """
        {
          "RuleName": "BirthdayWeek",
          "SuccessEvent": "BirthdayGift",
          "Expression": "customer.DaysToBirthday <= 7",
          "Properties": {
            "AttemptStep": "Wake",
            "Message": { "Channel": "Sms", "Template": "birthday", "Text": { "en": "Happy birthday! Your gift is waiting.", "zh-CN": "生日快乐！您的礼物已备好。" } }
          }
        },
        """);

    private static Ruleset WithFirstRule(string ruleJson)
    {
        var json = File.ReadAllText(RulesPath("offers.json"));
        var at = json.IndexOf("\"Rules\": [", StringComparison.Ordinal) + "\"Rules\": [".Length;
        return RulesetLoader.Load(json.Insert(at, ruleJson), "offers.json").GetRulesetOrThrow();
    }

    /// <summary>Sleeping: last bought 100 days ago (Lost at day 181, 81 days ahead), birthday 20 days ahead (5 July).</summary>
    private static CustomerRecord SleepingWithBirthdayIn20Days(FixedOffsetZone zone)
    {
        var input = InputWithPurchasesDaysAgo(100);
        input.OrganisationTimeZone = zone.Zone;
        input.Stage = "Sleeping";
        input.Birthday = new DateTime(1988, 7, 5);
        input.ConsentSms = true;
        return new CustomerRecord(Contact, input, TouchLedger.Parse(null), zone) { Stage = LifecycleStage.Sleeping };
    }

    [TestMethod]
    public void A_birthday_offer_rule_makes_the_day_it_first_matches_the_next_change()
    {
        var builder = new CustomerFactsBuilder(SleepingWithBirthdayIn20Days(FixedOffsetZone.Utc).Facts);

        var next = NextChangeFinder.FindWithOutreach(Lifecycle, builder, BirthdayOffers, Policy)!;

        Assert.AreEqual(("Offers", 13, "UnknownReasonCall", "BirthdayWeek"), (next.What, next.DaysAhead, next.From, next.To), "7 days before 5 July is 28 June");
        Assert.IsTrue(next.ChangesOutreach);
        Assert.AreEqual(81, NextChangeFinder.Find(Lifecycle, builder)!.DaysAhead, "the lifecycle alone sees only the turn to Lost");
    }

    [TestMethod]
    public void A_dormant_contact_whose_offer_changes_on_a_day_is_due_for_outreach_at_that_days_local_start()
    {
        var customer = SleepingWithBirthdayIn20Days(China);

        var decision = ContactDecisions.Decide(DecisionRequest.ForDailyEvaluation(customer, Lifecycle).WithOutreachScan(Policy, BirthdayOffers, Dormant));

        var june28AtLocalMidnight = new DateTime(2025, 6, 27, 16, 0, 0, DateTimeKind.Utc);
        Assert.AreEqual(june28AtLocalMidnight, decision.OutreachDue.DueOn);
        Assert.IsTrue(decision.OutreachDueChanged);
        Assert.AreEqual(june28AtLocalMidnight, decision.NextEvaluationOn);
        Assert.IsFalse(decision.SignalsOutreachDue, "nothing has come yet");
    }

    [TestMethod]
    public void On_the_morning_the_offer_changes_the_due_is_signalled_and_the_offers_next_change_is_left_due()
    {
        var customer = SleepingWithBirthdayIn20Days(FixedOffsetZone.Utc);
        var june28 = new DateTime(2025, 6, 28, 0, 0, 0, DateTimeKind.Utc);
        customer.OutreachDue = new OutreachDue(june28, null);
        customer.Facts.UtcNow = june28.AddHours(1);

        var decision = ContactDecisions.Decide(DecisionRequest.ForDailyEvaluation(customer, Lifecycle).WithOutreachScan(Policy, BirthdayOffers, Dormant));

        Assert.IsTrue(decision.SignalsOutreachDue);
        Assert.AreEqual(june28.AddHours(1), decision.OutreachDue.SignalledOn);
        Assert.AreEqual(new DateTime(2025, 7, 6, 0, 0, 0, DateTimeKind.Utc), decision.OutreachDue.DueOn, "the day after the birthday the offer is the ask-why call again");
        Assert.AreEqual(decision.OutreachDue.DueOn, decision.NextEvaluationOn);
    }

    [TestMethod]
    public void A_contact_in_a_stage_that_starts_no_outreach_is_scanned_for_its_stage_alone()
    {
        var input = InputWithPurchasesDaysAgo(10);
        input.Stage = "New";
        input.Birthday = new DateTime(1988, 7, 5);
        var customer = new CustomerRecord(Contact, input, TouchLedger.Parse(null), FixedOffsetZone.Utc) { Stage = LifecycleStage.New };

        var decision = ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, Lifecycle).WithOutreachScan(Policy, BirthdayOffers, Dormant));

        Assert.AreEqual(("Stage", 36), (decision.NextChange!.What, decision.NextChange.DaysAhead), "Silent after 45 days; the birthday on day 13 changes nothing for a New customer");
        Assert.IsNull(decision.OutreachDue.DueOn);
    }

    [TestMethod]
    public void An_earlier_pending_due_stands_and_a_later_one_gives_way_to_the_offers_day()
    {
        var customer = SleepingWithBirthdayIn20Days(FixedOffsetZone.Utc);
        var earlier = Now.AddDays(3);
        customer.OutreachDue = new OutreachDue(earlier, null);
        var request = DecisionRequest.ForLifecycle(customer, Lifecycle).WithOutreachScan(Policy, BirthdayOffers, Dormant);
        Assert.AreEqual(earlier, ContactDecisions.Decide(request).OutreachDue.DueOn);

        customer.OutreachDue = new OutreachDue(Now.AddDays(30), null);
        Assert.AreEqual(new DateTime(2025, 6, 28, 0, 0, 0, DateTimeKind.Utc), ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, Lifecycle).WithOutreachScan(Policy, BirthdayOffers, Dormant)).OutreachDue.DueOn);
    }

    [TestMethod]
    public void A_policy_rule_that_lifts_on_a_day_changes_what_the_outreach_step_would_decide_for_the_same_offer()
    {
        // Spring Festival week is quiet for SMS: no offer by SMS from 7 days before the festival to the day itself.
        var policyJson = File.ReadAllText(RulesPath("contact-policy.json"));
        var at = policyJson.IndexOf("\"Rules\": [", StringComparison.Ordinal) + "\"Rules\": [".Length;
        var quiet = RulesetLoader.Load(policyJson.Insert(at, """
            { "RuleName": "FestivalQuiet", "SuccessEvent": "Block", "Expression": "customer.DaysToSpringFestival <= 7", "Properties": { "ReasonCode": "FestivalQuiet", "Channels": [ "Sms" ] } },
            """), "contact-policy.json").GetRulesetOrThrow();
        var customer = SleepingWithBirthdayIn20Days(FixedOffsetZone.Utc);
        customer.Facts.UtcNow = new DateTime(2026, 2, 12, 12, 0, 0, DateTimeKind.Utc);   // 5 days before 17 Feb 2026
        customer.Facts.Purchases.Clear();
        customer.Facts.Purchases.Add(new Purchase(new DateTime(2025, 11, 1, 10, 0, 0, DateTimeKind.Utc), 80m));
        customer.Facts.Birthday = new DateTime(1988, 2, 20);                                  // the birthday offer holds from 13 Feb

        var next = NextChangeFinder.FindWithOutreach(Lifecycle, new CustomerFactsBuilder(customer.Facts), BirthdayOffers, quiet)!;

        Assert.AreEqual(("Offers", 1), (next.What, next.DaysAhead), "13 Feb: the birthday week begins");
        customer.Facts.UtcNow = new DateTime(2026, 2, 13, 12, 0, 0, DateTimeKind.Utc);
        next = NextChangeFinder.FindWithOutreach(Lifecycle, new CustomerFactsBuilder(customer.Facts), BirthdayOffers, quiet)!;
        Assert.AreEqual(("ContactPolicy", 5), (next.What, next.DaysAhead), "18 Feb: the festival's SMS block has lifted for the same birthday offer");
        Assert.IsTrue(next.ChangesOutreach);
    }

    [TestMethod]
    public void Every_fact_counted_as_the_same_every_day_is_the_same_on_every_day_ahead()
    {
        var input = InputWithPurchasesDaysAgo(400, 120, 40, 3);
        input.Stage = "Silent";
        input.StageSinceUtc = Now.AddDays(-5);
        input.Birthday = new DateTime(1990, 6, 20);
        input.MemberSince = new DateTime(2020, 1, 1);
        input.Touches.Add(new Touch(Now.AddDays(-2), "Sms"));
        input.Channel = "Sms";
        input.HasOpenAttempt = true;
        input.AttemptStartedUtc = Now.AddDays(-2);
        input.FunnelStep = "Applied";
        input.FunnelStepSinceUtc = Now.AddDays(-4);
        var builder = new CustomerFactsBuilder(input);
        var today = builder.Build();
        var moving = new List<string>();
        foreach (var fact in FactCatalog.All)
        {
            var values = new[] { 1, 30, 90, 200, 400 }.Select(d => fact.FormatValue(builder.BuildForDay(d))).Append(fact.FormatValue(today)).Distinct().Count();
            if (!CustomerFactsBuilder.MovesWithTheDay(fact.Name)) Assert.AreEqual(1, values, fact.Name + " is counted as the same every day but moves");
            else if (values > 1) moving.Add(fact.Name);
        }

        CollectionAssert.IsSubsetOf(new[] { "DaysSinceLastPurchase", "DaysToBirthday", "DaysToMemberAnniversary", "DaysToSpringFestival", "DaysInStage", "TouchesLast7Days", "LocalWeekday" }, moving);
    }

    [TestMethod]
    public void A_Lost_customer_is_due_on_the_first_day_of_a_campaign_planned_for_Lost_customers()
    {
        // Lost (200 days); the shipped policy blocks her outside a campaign; one for Lost runs 1-7 July.
        var input = InputWithPurchasesDaysAgo(200);
        input.Stage = "Lost";
        input.ConsentPhone = input.ConsentSms = true;
        input.Campaigns = [new Campaign(Guid.NewGuid(), "July win-back", new DateTime(2025, 7, 1), new DateTime(2025, 7, 7), [LifecycleStage.Lost])];
        var customer = new CustomerRecord(Contact, input, TouchLedger.Parse(null), FixedOffsetZone.Utc) { Stage = LifecycleStage.Lost };

        var decision = ContactDecisions.Decide(DecisionRequest.ForDailyEvaluation(customer, Lifecycle).WithOutreachScan(Policy, Offers, Dormant));

        Assert.AreEqual(new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc), decision.OutreachDue.DueOn, "the campaign's first day changes the policy's verdict on her call");
        Assert.AreEqual(decision.OutreachDue.DueOn, decision.NextEvaluationOn);

        input.Campaigns = [];
        var without = ContactDecisions.Decide(DecisionRequest.ForDailyEvaluation(new CustomerRecord(Contact, input, TouchLedger.Parse(null), FixedOffsetZone.Utc) { Stage = LifecycleStage.Lost }, Lifecycle).WithOutreachScan(Policy, Offers, Dormant));
        Assert.IsNull(without.OutreachDue.DueOn, "no campaign planned: nothing ahead lifts the block");
    }

    [TestMethod]
    public void The_outreach_scan_of_the_shipped_rulesets_costs_nothing_more_than_the_lifecycles()
    {
        var builder = new CustomerFactsBuilder(SleepingWithBirthdayIn20Days(FixedOffsetZone.Utc).Facts);
        DecisionWork.Reset();
        NextChangeFinder.Find(Lifecycle, builder);
        var lifecycleOnly = DecisionWork.ScanEvaluations;
        DecisionWork.Reset();
        NextChangeFinder.FindWithOutreach(Lifecycle, builder, Offers, Policy);
        var withOutreach = DecisionWork.ScanEvaluations;

        Assert.AreEqual(82, lifecycleOnly, "today and 81 days to the turn to Lost");
        Assert.AreEqual(lifecycleOnly, withOutreach, "the shipped offers and policy read no fact that moves with the day for a new attempt (its days since start are null): never asked");
    }

    [TestMethod]
    public void The_outreach_scan_with_a_birthday_rule_asks_the_offers_every_day_and_stops_at_its_day()
    {
        var builder = new CustomerFactsBuilder(SleepingWithBirthdayIn20Days(FixedOffsetZone.Utc).Facts);
        DecisionWork.Reset();
        NextChangeFinder.FindWithOutreach(Lifecycle, builder, BirthdayOffers, Policy);

        Assert.AreEqual(2 + (13 * 2), DecisionWork.ScanEvaluations, "today: lifecycle and offers (the policy is read by no moving fact: not asked); then lifecycle and offers on days 1-13");
    }
}
