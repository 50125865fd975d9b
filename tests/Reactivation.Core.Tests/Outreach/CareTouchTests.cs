using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests.Outreach;

/// <summary>
/// Care touches: an offer rule whose Purpose is Care keeps in touch without selling. It may reach a customer in a stage
/// that starts no win-back outreach (an Active patient whose six-month recall is near), the contact policy is asked with
/// customer.Purpose = Care, and the attempt it starts is made once: an answer brings no wake offer, its deadline no
/// follow-up. The dental preset on Sunday 15 June 2025, 12:00 UTC.
/// </summary>
[TestClass]
public sealed class CareTouchTests
{
    private static readonly Guid PatientId = new("5d2b7c1e-8f3a-4b6d-9e21-0a4c6b8d2f13");

    private static Ruleset Preset(string file) =>
        RulesetLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "presets", "dental", file)), file).GetRulesetOrThrow();

    private static readonly Ruleset Lifecycle = Preset("lifecycle.json");
    private static readonly Ruleset Policy = Preset("contact-policy.json");
    private static readonly Ruleset Offers = Preset("offers.json");

    [TestMethod]
    public void An_Active_patient_170_days_after_her_check_up_gets_the_recall_reminder_as_a_care_touch_with_no_offer()
    {
        var course = Outreach(Patient170DaysOn(), OutreachEvent.OutreachDue);

        Assert.AreEqual(OutreachMove.Start, course.Move);
        var plan = course.Plan!;
        Assert.AreEqual(("RecallReminder", TouchPurposes.Care), (plan.Offer.OfferName, plan.Purpose));
        Assert.IsNull(plan.Incentive, "care makes no offer");
        var sms = plan.Touches.Single();
        Assert.AreEqual("Sms", sms.Channel);
        Assert.AreEqual("Your 6-month check-up is due. Reply 1 and we'll call to book.", sms.Text);
        Assert.AreEqual((AttemptOutcome.Open, TouchPurposes.Care), (course.Attempt!.Outcome, course.Attempt.Purpose));
        Assert.IsTrue(course.OnContact!.IsCare, "the contact carries it as a care touch");
        StringAssert.Contains(PlanExplanation.Render(plan), "Offer RecallReminder (Activate) by RecallDueSoon matched");
    }

    [TestMethod]
    public void The_policy_is_asked_with_the_care_purpose_so_the_one_offer_a_quarter_cap_for_Active_patients_does_not_count_it()
    {
        var facts = CustomerFactsBuilder.Build(Patient170DaysOn().Facts);
        facts.Stage = "Active";
        facts.Channel = "Sms";

        facts.Purpose = TouchPurposes.Offer;
        var asOffer = ContactPolicyEvaluator.Evaluate(Policy, facts).Verdicts.Select(v => v.RuleName).ToList();
        facts.Purpose = TouchPurposes.Care;
        var asCare = ContactPolicyEvaluator.Evaluate(Policy, facts).Verdicts.Select(v => v.RuleName).ToList();

        CollectionAssert.Contains(asOffer, "ActiveRecallOnly", "an offer to an Active patient is capped at one a quarter");
        CollectionAssert.DoesNotContain(asCare, "ActiveRecallOnly", "the recall reminder is care");
    }

    [TestMethod]
    public void An_answer_to_a_care_touch_brings_no_wake_offer_and_its_deadline_closes_it_without_a_follow_up()
    {
        var care = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-8), AttemptStep.Activate, Now.AddHours(-1), Now.AddDays(-2), Now, purpose: TouchPurposes.Care)!;

        var answered = Outreach(Patient170DaysOn(open: care), OutreachEvent.Responded);
        Assert.AreEqual((OutreachMove.None, OutreachSkip.NotAResponseToActivate), (answered.Move, answered.Skipped), "the reception books her; no voucher follows");

        var deadline = Outreach(Patient170DaysOn(open: care), OutreachEvent.DeadlinePassed);
        Assert.AreEqual((OutreachMove.Close, ClosingReason.CareTouchMade), (deadline.Move, deadline.Closing));
        Assert.AreEqual("NoResponse: a care touch, made once and not followed up", ClosingReasons.Describe(ClosingReason.CareTouchMade));
        Assert.AreEqual("a care touch is not followed up: it keeps in touch once", care.FollowUp(Now.AddDays(7)).Refusal);
    }

    [TestMethod]
    public void Outside_the_stages_that_start_outreach_an_offer_rule_is_not_acted_on_only_a_care_rule_is()
    {
        const string priceFirst = """
            {
              "WorkflowName": "Offers",
              "Rules": [
                { "RuleName": "PriceVoucher", "Expression": "customer.DormancyReason == \"PriceSensitive\"", "SuccessEvent": "PriceVoucher",
                  "Properties": { "Message": { "Channel": "Sms", "Template": "PriceVoucher", "Text": { "en": "20 off", "zh-CN": "减 20" } }, "Incentive": { "Type": "Voucher", "Value": 20, "ValidityDays": 7 } } },
                { "RuleName": "KeepInTouch", "Expression": "true", "SuccessEvent": "KeepInTouch",
                  "Properties": { "Purpose": "Care", "Message": { "Channel": "Sms", "Template": "KeepInTouch", "Text": { "en": "How are your teeth?", "zh-CN": "牙齿还好吗？" } } } }
              ]
            }
            """;
        var offers = RulesetLoader.Load(priceFirst, "price-first.json").GetRulesetOrThrow();

        var priceSensitive = Outreach(Patient(daysSinceVisit: 120, reason: "PriceSensitive"), OutreachEvent.ContactChanged, offers);
        Assert.AreEqual((OutreachMove.None, OutreachSkip.StageStartsNoOutreach), (priceSensitive.Move, priceSensitive.Skipped), "the voucher rule matches first, and an Active patient gets no offer");

        var other = Outreach(Patient(daysSinceVisit: 120, reason: "Forgot"), OutreachEvent.ContactChanged, offers);
        Assert.AreEqual(("KeepInTouch", TouchPurposes.Care), (other.Plan!.Offer.OfferName, other.Attempt!.Purpose));
        Assert.IsTrue(offers.HasCareOffers);
        Assert.IsFalse(Default("offers.json").HasCareOffers, "the shipped defaults have no care rule: Active contacts are skipped before any facts are built");
    }

    [TestMethod]
    public void The_next_evaluation_of_an_Active_patient_is_the_morning_her_recall_reminder_is_due()
    {
        var customer = Patient(daysSinceVisit: 100);
        var decision = ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, Lifecycle).WithOutreachScan(Policy, Offers, DormantStages()));

        Assert.AreEqual(("Offers", 65, true), (decision.NextChange!.What, decision.NextChange.DaysAhead, decision.NextChange.ChangesOutreach), "165 days after the visit");
        Assert.AreEqual(new DateTime(2025, 8, 19, 0, 0, 0, DateTimeKind.Utc), decision.OutreachDue.DueOn, "due that morning");
    }

    [TestMethod]
    public void Lint_names_a_mistyped_purpose_and_refuses_an_incentive_on_a_care_touch()
    {
        var typo = RulesetLoader.Load(OneOffer("\"Purpose\": \"Cares\","), "care.json");
        var error = SingleError(typo);
        Assert.AreEqual(("RX013", "Purpose must be Care, Offer or Campaign"), (error.Code, error.Message), error.ToString());
        StringAssert.StartsWith(error.Hint, "did you mean 'Care'?");
        Assert.AreEqual((7, 20), (error.Line, error.Column));

        var selling = RulesetLoader.Load(OneOffer("\"Purpose\": \"Care\", \"Incentive\": { \"Type\": \"Voucher\", \"Value\": 20, \"ValidityDays\": 7 },"), "care.json");
        Assert.AreEqual("a Care touch carries no Incentive: it keeps in touch without selling", SingleError(selling).Message);
        Assert.AreEqual("Care", RulesetLoader.Load(OneOffer("\"Purpose\": \"Care\","), "care.json").GetRulesetOrThrow().Rules[0].Offer!.Purpose);
    }

    private static string OneOffer(string properties) =>
        "{\n  \"WorkflowName\": \"Offers\",\n  \"Rules\": [\n    {\n      \"RuleName\": \"Hello\", \"Expression\": \"true\", \"SuccessEvent\": \"Hello\",\n      \"Properties\": {\n        " + properties +
        "\n        \"Message\": { \"Channel\": \"Sms\", \"Template\": \"Hello\", \"Text\": { \"en\": \"Hello\", \"zh-CN\": \"您好\" } }\n      }\n    }\n  ]\n}";

    private static OutreachCourse Outreach(CustomerRecord customer, OutreachEvent change, Ruleset? offers = null) =>
        ContactDecisions.Decide(OutreachRequest(customer, change, Lifecycle, Policy, offers ?? Offers)).Outreach!;

    private static CustomerRecord Patient170DaysOn(ReactivationAttempt? open = null) => Patient(daysSinceVisit: 170, open: open);

    /// <summary>A patient who came every six months and last came <paramref name="daysSinceVisit"/> days ago.</summary>
    private static CustomerRecord Patient(int daysSinceVisit, string reason = "Unknown", ReactivationAttempt? open = null)
    {
        var input = InputWithPurchasesDaysAgo(daysSinceVisit, daysSinceVisit + 182, daysSinceVisit + 365);
        input.Stage = "Active";
        input.StageSinceUtc = Now.AddDays(-daysSinceVisit);
        input.DormancyReason = reason;
        input.ConsentPhone = input.ConsentSms = input.ConsentEmail = input.ConsentWeChat = input.ConsentWeCom = input.ConsentPush = true;
        return new CustomerRecord(PatientId, input, TouchLedger.Parse(null), FixedOffsetZone.Utc)
        {
            Stage = LifecycleStage.Active,
            OpenAttempt = open,
            ResponseRecordedOn = open?.RespondedOn,
            DeadlineSignalledOn = open?.FollowUpSignalledOn,
        };
    }
}
