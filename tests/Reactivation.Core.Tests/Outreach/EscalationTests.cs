using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests.Outreach;

/// <summary>
/// How an unanswered attempt climbs the contact policy's Escalation (the shipped default: Push → Sms → Email → Phone),
/// one rung per deadline, and ends past the last one; and how a message nobody may receive on a message channel becomes
/// the rep's call. Sunday 15 June 2025, 12:00 UTC; a Silent customer whose last purchase was 46 days ago; the offer is a
/// push message with a voucher ("reply 1"), decided by a one-rule offers ruleset on the shipped policy.
/// </summary>
[TestClass]
public sealed class EscalationTests
{
    private static readonly Guid Contact = new("0c4e1f52-7a3b-4d2e-9f10-3b5a6c7d8e9f");

    private const string ReplyOneOffers = """
        {
          "WorkflowName": "Offers",
          "Rules": [
            {
              "RuleName": "ReplyOne",
              "Expression": "customer.Stage == \"Silent\"",
              "SuccessEvent": "ReplyOneVoucher",
              "Properties": {
                "Label": "Reply-1 voucher", "LabelZh": "回复 1 领券",
                "AttemptStep": "Activate",
                "Message": { "Channel": "Push", "Template": "ReplyOne", "Text": { "en": "We miss you! Reply 1 for a 30 voucher.", "zh-CN": "好久不见！回复 1 领取 30 元代金券。" } },
                "Incentive": { "Type": "Voucher", "Value": 30, "ValidityDays": 14 }
              }
            }
          ]
        }
        """;

    private static readonly Ruleset Offers = RulesetLoader.Load(ReplyOneOffers, "reply-one.json").GetRulesetOrThrow();

    [TestMethod]
    public void Each_deadline_without_a_response_sends_the_offer_one_channel_further_and_the_last_rung_is_the_reps_call()
    {
        var start = Outreach(Customer(), OutreachEvent.ContactChanged);
        Assert.AreEqual("Push", start.Plan!.Touches.Single().Channel);
        var attempt = start.Attempt!;

        var ledger = start.Plan.NewTouchLedger;
        var channels = new List<string>();
        var keys = new List<string>();
        for (var followUps = 0; followUps < 3; followUps++)
        {
            var open = ReactivationAttempt.CarriedByContact(attempt.Id, Now.AddDays(-3), followUps == 0 ? AttemptStep.Activate : AttemptStep.FollowUp, Now.AddHours(-1), null, Now, followUps);
            var course = Outreach(Customer(open: open, ledger: ledger), OutreachEvent.DeadlinePassed);
            Assert.AreEqual(OutreachMove.Continue, course.Move, "follow-up " + (followUps + 1));
            ledger = course.Plan!.NewTouchLedger;
            Assert.AreEqual((AttemptStep.FollowUp, followUps + 1), (course.Attempt!.Step, course.Attempt.FollowUps));
            var touch = course.Plan!.Touches.Single();
            channels.Add(touch.Channel!);
            keys.Add(touch.Key);
            Assert.IsTrue(course.Plan.Incentive!.IssuedAtStart, "the voucher of the start is named again, not issued twice");
        }

        CollectionAssert.AreEqual(new[] { "Sms", "Email", "Phone" }, channels);
        CollectionAssert.AreEqual(
            new[] { attempt.Id + "|FollowUp|FollowUp|Message", attempt.Id + "|FollowUp2|FollowUp2|Message", attempt.Id + "|FollowUp3|FollowUp3|Message" },
            keys,
            "each rung writes rows of its own");

        var afterLastRung = ReactivationAttempt.CarriedByContact(attempt.Id, Now.AddDays(-12), AttemptStep.FollowUp, Now.AddHours(-1), null, Now, 3);
        var closed = Outreach(Customer(open: afterLastRung, ledger: ledger), OutreachEvent.DeadlinePassed);
        Assert.AreEqual((OutreachMove.Close, ClosingReason.NoResponseAfterFollowUp, AttemptOutcome.NoResponse), (closed.Move, closed.Closing, closed.Attempt!.Outcome));
        Assert.AreEqual("NoResponse: no response after the last follow-up of its escalation", ClosingReasons.Describe(closed.Closing!.Value));
    }

    [TestMethod]
    public void On_the_phone_rung_the_rep_gets_a_call_that_reads_the_message_and_the_voucher_in_the_customers_language()
    {
        var attemptId = Guid.NewGuid();
        var open = ReactivationAttempt.CarriedByContact(attemptId, Now.AddDays(-9), AttemptStep.FollowUp, Now.AddHours(-1), null, Now, 2);

        var call = Outreach(Customer(open: open, language: "zh-CN"), OutreachEvent.DeadlinePassed).Plan!.Touches.Single();

        Assert.AreEqual(("Phone", true), (call.Channel, call.IsActivityRecord));
        Assert.AreEqual("电话代替消息：回复 1 领券", call.Subject);
        StringAssert.StartsWith(call.Text, "好久不见！回复 1 领取 30 元代金券。\n\n优惠：回复 1 领券（面值 30 的代金券），券码 RX-");
        StringAssert.StartsWith(call.WhyThisCustomer, "联系原因：沉默客户");
        Assert.AreEqual(new DateTime(2025, 6, 15, 23, 59, 0, DateTimeKind.Utc), call.AtUtc, "due at the end of the organisation's day");
    }

    [TestMethod]
    public void A_rung_the_customer_opted_out_of_is_stepped_over_to_the_next_one_up()
    {
        var open = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-3), AttemptStep.Activate, Now.AddHours(-1), null, Now);

        var course = Outreach(Customer(open: open, consentSms: false), OutreachEvent.DeadlinePassed);

        var touch = course.Plan!.Touches.Single();
        Assert.AreEqual("Email", touch.Channel, "Sms is refused, Email is the rung above it");
        Assert.AreEqual(ChannelVerdict.Blocked, touch.Trials[0].Verdict);
        Assert.AreEqual("Sms", touch.Trials[0].Channel);
        Assert.AreEqual(1, course.Attempt!.FollowUps, "it is still the first follow-up");
    }

    [TestMethod]
    public void A_customer_who_opted_out_of_every_message_channel_gets_the_reps_call_instead_of_a_suppressed_attempt()
    {
        var course = Outreach(Customer(consentMessages: false), OutreachEvent.ContactChanged);

        Assert.AreEqual(AttemptOutcome.Open, course.Attempt!.Outcome);
        var call = course.Plan!.Touches.Single();
        Assert.AreEqual((TouchKind.Message, "Phone", true), (call.Kind, call.Channel, call.IsActivityRecord));
        Assert.AreEqual("Call instead of a message: Reply-1 voucher", call.Subject);
        StringAssert.StartsWith(call.Text, "We miss you! Reply 1 for a 30 voucher.\n\nOffer: Reply-1 voucher (a voucher worth 30), code RX-");
        CollectionAssert.AreEqual(new[] { "Push", "Email", "Sms", "Phone" }, call.Trials.Select(t => t.Channel).ToArray(), "its own channel, the message channels most personal first, then the call");
        Assert.IsNotNull(course.Plan.Incentive, "the voucher goes with the call");
    }

    [TestMethod]
    public void An_offer_with_its_own_call_does_not_turn_its_message_into_a_second_call_to_the_same_customer()
    {
        // The shipped UnusedPackageReminder: the rep's call and an SMS. She opted out of every message channel.
        var customer = Customer(consentMessages: false, reason: "UnusedPackage", remainingSessions: 3);

        var plan = Outreach(customer, OutreachEvent.ContactChanged, TestSupport.Offers).Plan!;

        Assert.AreEqual("UnusedPackageReminder", plan.Offer.OfferName);
        var call = plan.Touches.Single(t => t.Kind == TouchKind.PhoneCall);
        var message = plan.Touches.Single(t => t.Kind == TouchKind.Message);
        Assert.AreEqual(("Phone", true), (call.Channel, call.IsActivityRecord));
        Assert.IsNull(message.Channel, "the call tells her what the SMS would have");
        CollectionAssert.DoesNotContain(message.Trials.Select(t => t.Channel).ToArray(), "Phone");
        Assert.HasCount(1, plan.Written, "one call, nothing else");
    }

    [TestMethod]
    public void Without_phone_consent_either_the_attempt_is_suppressed_and_no_day_lifts_the_block()
    {
        var course = Outreach(Customer(consentMessages: false, consentPhone: false), OutreachEvent.ContactChanged);

        Assert.AreEqual(AttemptOutcome.Suppressed, course.Attempt!.Outcome);
        Assert.IsNull(course.RetryOn, "consent is not given back by waiting");
    }

    [TestMethod]
    public void A_ladder_is_the_actions_own_channel_and_every_channel_after_it_in_the_escalation_order()
    {
        var escalation = new[] { "Push", "Sms", "Email", "Phone" };
        CollectionAssert.AreEqual(new[] { "Phone" }, OutreachPlanner.Ladder("Phone", escalation));
        CollectionAssert.AreEqual(new[] { "Push", "Sms", "Email", "Phone" }, OutreachPlanner.Ladder("Push", escalation));
        CollectionAssert.AreEqual(new[] { "Sms", "Email", "Phone" }, OutreachPlanner.Ladder("Sms", escalation));
        CollectionAssert.AreEqual(new[] { "WeChat" }, OutreachPlanner.Ladder("WeChat", escalation), "a channel the order does not name has no rungs above it");
        CollectionAssert.AreEqual(new[] { "Task" }, OutreachPlanner.Ladder("Task", escalation));
    }

    private static OutreachCourse Outreach(CustomerRecord customer, OutreachEvent change, Ruleset? offers = null) =>
        ContactDecisions.Decide(OutreachRequest(customer, change, offers: offers ?? Offers)).Outreach!;

    private static CustomerRecord Customer(ReactivationAttempt? open = null, bool consentMessages = true, bool consentSms = true, bool consentPhone = true, string language = "en", string? ledger = null, string reason = "Unknown", int remainingSessions = 0)
    {
        var input = InputWithPurchasesDaysAgo(46);
        input.Stage = "Silent";
        input.StageSinceUtc = Now.AddDays(-12);
        input.DormancyReason = reason;
        input.RemainingSessions = remainingSessions;
        input.ConsentPhone = consentPhone;
        input.ConsentSms = input.ConsentEmail = input.ConsentWeChat = input.ConsentWeCom = input.ConsentPush = consentMessages;
        input.ConsentSms &= consentSms;
        // The ledger the earlier steps wrote: the follow-up finds the start's touch in it (the facts, planned all at one
        // instant here, leave them out, so no cap of the default policy counts them).
        var touches = TouchLedger.Parse(ledger);
        return new CustomerRecord(Contact, input, touches, FixedOffsetZone.Utc)
        {
            Stage = LifecycleStage.Silent,
            OpenAttempt = open,
            Language = language,
            DeadlineSignalledOn = open?.FollowUpSignalledOn,
        };
    }
}
