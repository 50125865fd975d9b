using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// The restaurant's win-back story through the plugins with the restaurant preset: Silent after 30 days without a
/// visit, messages 10–11 and 16–17 h in the guest's time (before the rushes); the organisation on UTC, the guest in
/// Shanghai, the daily job at 11:30 Shanghai time.
/// </summary>
[TestClass]
public sealed class WinBackStoriesRestaurant : WinBackStory
{
    protected override string? Industry => "restaurant";

    /// <summary>
    /// Mr Wu ate with us every month and has not been back for 30 days. The next morning he is Silent and gets the
    /// restaurant's greeting on WeChat, held for the 16:00 window; he replies at 17:30, and the promised ¥30 meal
    /// voucher is held for the next morning's 10:00 window. Two days later he comes for dinner with the code: the
    /// attempt is converted, the voucher redeemed.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void A_guest_away_for_30_days_gets_the_greeting_replies_gets_the_meal_voucher_and_comes_back_with_its_code(string language)
    {
        var zh = language == "zh-CN";
        var guest = zh ? Customer([90, 60, 30, 0], SpeaksChinese, InShanghai) : Customer([90, 60, 30, 0], InShanghai);
        var owner = Owner(Contact(guest));

        var evaluated = DailyRuns("Restaurant story, a month", guest, days: 31);

        CollectionAssert.AreEqual(new[] { (31, Option.Silent) }, evaluated, "Silent the day after 30 days without a visit");
        var greeting = OnlyRow("rx_outreachmessage");
        Assert.AreEqual(Option.WeChat, Choice(greeting, "rx_channel"));
        Assert.AreEqual(zh ? "问候：回复 1 领券" : "Greeting: reply 1 for a voucher", Text(greeting, "subject"));
        Assert.AreEqual(zh ? "好久不见！回复 1 领取下次用餐代金券。" : "We miss you! Reply 1 for a voucher on your next meal.", Text(greeting, "rx_renderedtext"));
        Assert.AreEqual(new DateTime(2026, 4, 10, 8, 0, 0), When(greeting, "rx_sendafter"), "11:30 is past the 10-11 window: 16:00 Shanghai time");
        Assert.AreEqual(Option.Pending, Choice(greeting, "rx_messagestatus"));
        Assert.AreEqual(owner, Owner(greeting));
        Assert.IsEmpty(All("rx_incentive"));
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("GreetingWithVoucher", Text(attempt, "rx_offer"));
        Assert.AreEqual(Option.Activate, Choice(attempt, "rx_currentstep"));
        Assert.AreEqual("202604100800 Activate WeChat", Text(attempt, "rx_steps"));
        if (zh)
        {
            AssertWholeChinese(Text(greeting, "subject"), "the greeting's subject");
            AssertWholeChinese(Text(greeting, "rx_renderedtext"), "the greeting");
        }

        // 17:30 Shanghai time: he replies.
        Now = Now.AddHours(6);
        Reply(greeting, "Restaurant story, he replies");
        var thanks = All("rx_outreachmessage")[1];
        var voucher = OnlyRow("rx_incentive");
        var code = Text(voucher, "rx_code");
        Assert.AreEqual(Option.WeChat, Choice(thanks, "rx_channel"));
        Assert.AreEqual(zh ? "已回复：送上承诺的 30 元用餐券" : "Reply received: the promised ¥30 meal voucher", Text(thanks, "subject"));
        if (zh)
        {
            Assert.AreEqual(
                "感谢回复！送您 30 元用餐代金券，14 天内有效。\n优惠：已回复：送上承诺的 30 元用餐券（面值 30 的代金券），券码 " + code + "，有效期至 2026-04-24",
                Text(thanks, "rx_renderedtext"));
            AssertWholeChinese(Text(thanks, "subject"), "the thank-you's subject");
            AssertWholeChinese(Text(thanks, "rx_renderedtext"), "the thank-you");
        }
        else
        {
            StringAssert.StartsWith(Text(thanks, "rx_renderedtext"), "Thanks for replying! Here is your ¥30 voucher for your next meal, valid 14 days.\nOffer: Reply received: the promised ¥30 meal voucher");
            StringAssert.EndsWith(Text(thanks, "rx_renderedtext"), "code " + code + ", valid until 2026-04-24");
        }

        Assert.AreEqual(new DateTime(2026, 4, 11, 2, 0, 0), When(thanks, "rx_sendafter"), "17:30 is past the 16-17 window: 10:00 the next morning");
        Assert.AreEqual(Option.High, Choice(thanks, "prioritycode"));
        Assert.AreEqual(Option.Voucher, Choice(voucher, "rx_type"));
        Assert.AreEqual(30m, voucher.GetAttributeValue<decimal>("rx_value"));
        Assert.AreEqual(new DateTime(2026, 4, 24, 23, 59, 0), When(voucher, "rx_validuntil"));
        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Wake, Choice(attempt, "rx_currentstep"));
        Assert.AreEqual("202604100800 Activate WeChat\n202604100930 Replied WeChat", Text(attempt, "rx_steps"));
        Assert.AreEqual("202604110200 Wake WeChat\nby WakeAfterReply (ThankYouVoucher)", Text(attempt, "rx_wakestep"));

        // Two days later he comes for dinner with the code.
        Now = Now.AddDays(2);
        var dinner = Visit(guest, 268m, code, "Restaurant story, dinner with the voucher");
        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Converted, Choice(attempt, "rx_outcome"));
        Assert.AreEqual(dinner, attempt.GetAttributeValue<EntityReference>("rx_convertingorderid").Id);
        Assert.AreEqual(268m, attempt.GetAttributeValue<Money>("rx_revenue").Value);
        Assert.AreEqual(Option.Redeemed, Choice(OnlyRow("rx_incentive"), "rx_incentivestatus"));
        Assert.AreEqual(Option.Active, Stage(guest));
        Assert.IsEmpty(All("phonecall"), "phone only for members above Standard");
        Assert.IsEmpty(All("task"));
    }
    /// <summary>
    /// Mr Ma also replies to the greeting and gets the meal voucher, but does not come. Nothing follows his answer: no
    /// reminder three days later, no second channel. The attempt waits while the voucher is valid and closes Responded
    /// the morning after it expires; the voucher is left unused.
    /// </summary>
    [TestMethod]
    public void A_guest_who_replies_but_does_not_come_is_not_followed_up_and_the_attempt_closes_Responded_when_the_voucher_expires()
    {
        var guest = Customer([90, 60, 30, 0], InShanghai);
        DailyRuns("Restaurant story 2, a month", guest, days: 31);
        Now = Now.AddHours(6);
        Reply(OnlyRow("rx_outreachmessage"), "Restaurant story 2, he replies");
        var voucher = OnlyRow("rx_incentive");
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(When(voucher, "rx_validuntil"), When(attempt, "rx_deadline"), "after an answer the attempt waits as long as its voucher is valid");

        var evaluated = DailyRuns("Restaurant story 2, two weeks without a visit", guest, days: 20);

        CollectionAssert.AreEqual(new[] { (15, Option.Silent) }, evaluated, "only 25 April, the morning after the voucher's last day");
        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Responded, Choice(attempt, "rx_outcome"));
        StringAssert.EndsWith(Text(attempt, "rx_closingreason"), "Responded: the customer answered; the offer that followed ran its course without a purchase, and an answer is not followed up");
        Assert.IsNull(attempt.GetAttributeValue<string>("rx_followupstep"));
        Assert.HasCount(2, All("rx_outreachmessage"), "the greeting and the voucher: nothing after his answer");
        Assert.AreEqual(Option.Issued, Choice(OnlyRow("rx_incentive"), "rx_incentivestatus"));
        Assert.IsNull(Contact(guest).GetAttributeValue<EntityReference>("rx_openattemptid"));
    }
}
