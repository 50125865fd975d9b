using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// The lending app's win-back story through the plugins with the consumer-finance preset: stages from the funnel,
/// contact 09–21 h, escalation Push, Sms, Email, Phone; the organisation on UTC, the customer in Shanghai.
/// </summary>
[TestClass]
public sealed class WinBackStoriesConsumerFinance : WinBackStory
{
    protected override string? Industry => "consumer-finance";

    /// <summary>A task made on <paramref name="madeOn"/> is due at the end of the organisation's day (UTC) after its DueInDays: the app's hour rules concern calls, not its credit team's tasks.</summary>
    private static DateTime Due(DateTime madeOn, int dueInDays) => madeOn.Date.AddDays(dueInDays).AddHours(23).AddMinutes(59);

    /// <summary>
    /// Mr Zhou is approved for ¥20,000 and does not borrow. After 7 days he is a Sleeping customer and the app pushes
    /// an interest-free voucher; no response in 3 days, so the next morning the same voucher goes by SMS, three days
    /// later by e-mail, and three days after that a rep calls him with it (the preset's escalation: Push, Sms, Email,
    /// Phone). He answers none of them: three days after the call the attempt closes without a response.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void An_approved_customer_not_borrowing_for_7_days_gets_the_voucher_by_push_then_SMS_three_days_later_then_e_mail_then_a_reps_call(string language)
    {
        var zh = language == "zh-CN";
        (string, object?)[] columns = [("rx_funnelstep", "Approved"), ("rx_funnelstepon", Now), ("rx_creditlimit", new Money(20000m)), ("rx_interestrate", 15.6m), InShanghai];
        var customer = zh ? Customer([], [.. columns, SpeaksChinese]) : Customer([], columns);
        Assert.AreEqual(Option.New, Stage(customer));

        var evaluated = DailyRuns("Consumer finance story, week 1", customer, days: 8);
        CollectionAssert.AreEqual(new[] { (8, Option.Sleeping) }, evaluated, "approved more than 7 days ago and not borrowing");
        var push = OnlyRow("rx_outreachmessage");
        var voucher = OnlyRow("rx_incentive");
        var code = Text(voucher, "rx_code");
        Assert.AreEqual(Option.Push, Choice(push, "rx_channel"));
        Assert.AreEqual(zh ? "免息券" : "Interest-free voucher", Text(push, "subject"));
        // The offer line says what the message promises: the most interest waived, not a number of days.
        var text = Text(push, "rx_renderedtext");
        Assert.AreEqual(
            zh
                ? "您的额度已审批可用。14 天内借款，最高 50 元利息由我们承担。\n优惠：免息券（利息最高减免 50），券码 " + code + "，有效期至 2026-04-01"
                : "Your approved limit is ready. Borrow within 14 days and up to ¥50 of interest is on us.\nOffer: Interest-free voucher (up to 50 of interest waived), code " + code + ", valid until 2026-04-01",
            text);
        if (zh)
        {
            AssertWholeChinese(Text(push, "subject"), "the push's subject");
            AssertWholeChinese(Text(push, "rx_renderedtext"), "the push");
        }

        Assert.AreEqual(new DateTime(2026, 3, 18, 3, 30, 0), When(push, "rx_sendafter"), "11:30 in Shanghai, inside 09-21: at once");
        Assert.AreEqual(Option.High, Choice(push, "prioritycode"));
        Assert.AreEqual(Option.InterestFreeVoucher, Choice(voucher, "rx_type"));
        Assert.AreEqual(50m, voucher.GetAttributeValue<decimal>("rx_value"));
        Assert.AreEqual(new DateTime(2026, 4, 1, 23, 59, 0), When(voucher, "rx_validuntil"), "14 days");
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("InterestFreeVoucher", Text(attempt, "rx_offer"));
        Assert.AreEqual(Option.Wake, Choice(attempt, "rx_currentstep"));
        Assert.AreEqual(new DateTime(2026, 3, 21, 23, 59, 0), When(attempt, "rx_deadline"), "3 days");

        // Day 12: no response: the same voucher by SMS.
        evaluated = DailyRuns("Consumer finance story, the follow-up", customer, days: 4);
        CollectionAssert.AreEqual(new[] { (4, Option.Sleeping) }, evaluated);
        var messages = All("rx_outreachmessage");
        Assert.HasCount(2, messages);
        Assert.AreEqual(Option.Sms, Choice(messages[1], "rx_channel"), "the next channel of the escalation");
        Assert.AreEqual(text, Text(messages[1], "rx_renderedtext"), "the voucher the push issued, not a second one");
        Assert.AreEqual(new DateTime(2026, 3, 22, 3, 30, 0), When(messages[1], "rx_sendafter"));
        Assert.HasCount(1, All("rx_incentive"));
        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.FollowUp, Choice(attempt, "rx_currentstep"));
        Assert.AreEqual("202603220330 FollowUp Sms\nby ApprovedNotBorrowed (InterestFreeVoucher)", Text(attempt, "rx_followupstep"));
        Assert.AreEqual(new DateTime(2026, 3, 25, 23, 59, 0), When(attempt, "rx_deadline"));

        // Day 16: still nothing: the voucher climbs one channel further, by e-mail.
        evaluated = DailyRuns("Consumer finance story, the e-mail", customer, days: 4);
        CollectionAssert.AreEqual(new[] { (4, Option.Sleeping) }, evaluated, "the SMS's deadline");
        messages = All("rx_outreachmessage");
        Assert.HasCount(3, messages);
        Assert.AreEqual(Option.Email, Choice(messages[2], "rx_channel"), "the rung after Sms");
        Assert.AreEqual(text, Text(messages[2], "rx_renderedtext"), "the same voucher again");
        Assert.AreEqual(new DateTime(2026, 3, 26, 3, 30, 0), When(messages[2], "rx_sendafter"));
        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(2, Contact(customer).GetAttributeValue<int>("rx_attemptfollowups"), "the second follow-up");
        Assert.AreEqual(new DateTime(2026, 3, 29, 23, 59, 0), When(attempt, "rx_deadline"));

        // Day 20: the last rung is Phone: a rep calls Mr Zhou and reads him the offer, inside his call window.
        evaluated = DailyRuns("Consumer finance story, the call", customer, days: 4);
        CollectionAssert.AreEqual(new[] { (4, Option.Sleeping) }, evaluated, "the e-mail's deadline");
        var call = OnlyRow("phonecall");
        Assert.AreEqual(zh ? "电话代替消息：免息券" : "Call instead of a message: Interest-free voucher", Text(call, "subject"));
        var script = Text(call, "description");
        StringAssert.StartsWith(script, zh
            ? "您的额度已审批可用。14 天内借款，最高 50 元利息由我们承担。\n\n优惠：免息券（利息最高减免 50），券码 " + code + "，有效期至 2026-04-01"
            : "Your approved limit is ready. Borrow within 14 days and up to ¥50 of interest is on us.\n\nOffer: Interest-free voucher (up to 50 of interest waived), code " + code + ", valid until 2026-04-01");
        StringAssert.EndsWith(script, zh ? "可联系时段（客户当地时间）：09:00–21:00" : "Call window (customer's time): 09:00–21:00");
        Assert.AreEqual(new DateTime(2026, 3, 30, 13, 0, 0), When(call, "scheduledend"), "21:00 in Shanghai, the end of his call window");
        if (zh)
        {
            AssertWholeChinese(Text(call, "subject"), "the call's subject");
            AssertWholeChinese(script, "the call's script");
        }

        Assert.HasCount(1, All("rx_incentive"), "still the one voucher");
        Assert.AreEqual(3, Contact(customer).GetAttributeValue<int>("rx_attemptfollowups"));

        // Day 24: no answer on the phone either. Past the last rung the attempt closes; nothing is due after it.
        evaluated = DailyRuns("Consumer finance story, after the call", customer, days: 14);
        CollectionAssert.AreEqual(new[] { (4, Option.Sleeping) }, evaluated, "only the call's deadline; nothing is due after it");
        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.NoResponse, Choice(attempt, "rx_outcome"));
        Assert.AreEqual("202604030330 NoResponse: no response after the last follow-up of its escalation", Text(attempt, "rx_closingreason"));
        Assert.AreEqual(
            "202603220330 FollowUp Sms\n202603260330 FollowUp Email\n202603301300 FollowUp Phone\nby ApprovedNotBorrowed (InterestFreeVoucher)",
            Text(attempt, "rx_followupstep"),
            "after the push: SMS, e-mail and a call, one line per rung");
        Assert.HasCount(3, All("rx_outreachmessage"), "push, SMS, e-mail");
        Assert.HasCount(1, All("phonecall"), "and one call");
        Assert.IsEmpty(All("task"));
        Assert.IsNull(Contact(customer).GetAttributeValue<EntityReference>("rx_openattemptid"));
        Assert.AreEqual(0, Contact(customer).GetAttributeValue<int?>("rx_attemptfollowups") ?? 0, "the contact carries no attempt any more");
        Assert.AreEqual(Option.Issued, Choice(OnlyRow("rx_incentive"), "rx_incentivestatus"), "the voucher stays valid until 1 April");
    }

    /// <summary>
    /// Ms Qian is approved for only ¥3,000 and does not borrow. After 7 days the app offers her a limit increase by
    /// SMS instead of the voucher, and the credit team gets the task to review her limit, due in two days.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void An_approved_customer_with_a_low_limit_not_borrowing_gets_a_limit_increase_SMS_and_the_credit_team_a_review_task(string language)
    {
        var zh = language == "zh-CN";
        (string, object?)[] columns = [("rx_funnelstep", "Approved"), ("rx_funnelstepon", Now), ("rx_creditlimit", new Money(3000m)), ("rx_interestrate", 15.6m), InShanghai];
        var customer = zh ? Customer([], [.. columns, SpeaksChinese]) : Customer([], columns);

        var evaluated = DailyRuns("Consumer finance story, low limit", customer, days: 8);

        CollectionAssert.AreEqual(new[] { (8, Option.Sleeping) }, evaluated);
        var sms = OnlyRow("rx_outreachmessage");
        var review = OnlyRow("task");
        Assert.AreEqual(Option.Sms, Choice(sms, "rx_channel"));
        Assert.AreEqual(zh ? "提额" : "Limit increase", Text(sms, "subject"));
        Assert.AreEqual(zh ? "好消息：您可能符合提额条件，点击查看。" : "Good news: you may qualify for a higher limit. Tap to check.", Text(sms, "rx_renderedtext"));
        Assert.AreEqual(new DateTime(2026, 3, 18, 3, 30, 0), When(sms, "rx_sendafter"));
        Assert.AreEqual(zh ? "审核提额" : "Review a limit increase", Text(review, "subject"));
        Assert.AreEqual(
            zh ? "已授信未借款且额度低于 5000 元：评估是否可以提额。" : "Approved but not borrowing with a limit under ¥5,000: review whether the limit can be raised.",
            Text(review, "description"));
        Assert.AreEqual(CreditTeam, Owner(review), "the credit team reviews limits");
        Assert.AreEqual(Due(Now, 2), When(review, "scheduledend"), "due in two days");
        Assert.AreEqual(Option.High, Choice(review, "prioritycode"));
        if (zh)
        {
            foreach (var (what, value) in new[] { ("the SMS's subject", Text(sms, "subject")), ("the SMS", Text(sms, "rx_renderedtext")), ("the task's subject", Text(review, "subject")), ("the task's script", Text(review, "description")) })
            {
                AssertWholeChinese(value, what);
            }
        }

        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("LimitIncrease", Text(attempt, "rx_offer"));
        Assert.AreEqual(Option.Wake, Choice(attempt, "rx_currentstep"));
        Assert.IsEmpty(All("rx_incentive"), "a limit review, not a voucher");
        Assert.AreEqual(review.GetAttributeValue<EntityReference>("rx_attemptid").Id, attempt.Id);
    }
}
