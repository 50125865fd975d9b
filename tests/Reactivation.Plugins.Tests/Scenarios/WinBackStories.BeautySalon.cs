using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// The beauty salon's win-back stories as its beautician and its customers live them, through the plugins with the
/// beauty-salon preset, day by day: the daily job runs at 11:30 Shanghai time (03:30 UTC), the organisation is on UTC.
/// </summary>
[TestClass]
public sealed class WinBackStoriesBeautySalon : WinBackStory
{
    protected override string? Industry => "beauty-salon";

    /// <summary>
    /// When a call or task made on <paramref name="madeOn"/> with the rule's DueInDays is due, as stored (UTC). Today:
    /// the organisation's end of day (23:59, the organisation on UTC). The one place to change when due times move
    /// into the salon's call window in the customer's time.
    /// </summary>
    /// <summary>The line under a call's script that tells the rep when the customer may be called (the preset's call hours, her time).</summary>
    private static string CallHours(bool zh) => zh ? "\n可联系时段（客户当地时间）：10:00–21:00" : "\nCall window (customer's time): 10:00–21:00";

    /// <summary>A call made at <paramref name="madeOn"/> (UTC) is due on its day by the end of the call hours in the customer's
    /// time (Shanghai, +8): the salon's call hours end at 21:00, the last callable hour the preset's hour rule leaves.</summary>
    private static DateTime Due(DateTime madeOn, int dueInDays) => madeOn.AddHours(8).Date.AddDays(dueInDays).AddHours(21 - 8);

    /// <summary>
    /// Ms Li visited every month and stops. A month later she is a B customer and gets the salon's WeChat greeting,
    /// "reply 1 for a voucher"; she replies at lunchtime, and at 19:00 (the salon's evening window) the promised ¥50
    /// voucher comes, valid 14 days. Three days later she comes in and shows the code: the attempt is converted with her
    /// visit, the voucher is redeemed, and she is an A customer again.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void A_B_customer_answers_the_WeChat_greeting_with_1_gets_the_promised_voucher_and_visits_with_its_code(string language)
    {
        var zh = language == "zh-CN";
        var member = zh ? Customer([60, 30, 0], SpeaksChinese, InShanghai) : Customer([60, 30, 0], InShanghai);
        var beautician = Owner(Contact(member));
        Assert.AreEqual(Option.Active, Stage(member), "A: she visited today");

        // Day 31, 11:30 in Shanghai: B, and the greeting.
        Morning(31, "Salon story, B");
        Assert.AreEqual(Option.Silent, Stage(member), "B: a month without a visit");
        var greeting = OnlyRow("rx_outreachmessage");
        Assert.AreEqual(Option.WeChat, Choice(greeting, "rx_channel"));
        Assert.AreEqual(zh ? "问候：回复 1 领券" : "Greeting: reply 1 for a voucher", Text(greeting, "subject"));
        Assert.AreEqual(zh ? "好久不见！回复 1 领取到店代金券。" : "We miss you! Reply 1 for a voucher for your next visit.", Text(greeting, "rx_renderedtext"));
        Assert.AreEqual(new DateTime(2026, 4, 10, 3, 30, 0), When(greeting, "rx_sendafter"), "11:30 in Shanghai is inside the 11-12 window: at once");
        Assert.AreEqual(Option.Pending, Choice(greeting, "rx_messagestatus"));
        Assert.AreEqual(beautician, Owner(greeting), "her beautician's");
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("GreetingWithVoucher", Text(attempt, "rx_offer"));
        Assert.AreEqual(Option.Open, Choice(attempt, "rx_outcome"));
        Assert.AreEqual(Option.Activate, Choice(attempt, "rx_currentstep"));
        Assert.AreEqual("202604100330 Activate WeChat", Text(attempt, "rx_steps"));
        Assert.AreEqual(new DateTime(2026, 4, 13, 23, 59, 0), When(attempt, "rx_deadline"), "followed up after the salon's 3 days without an answer");
        Assert.IsEmpty(All("rx_incentive"), "the greeting promises the voucher; it comes with her answer");
        if (zh)
        {
            AssertWholeChinese(Text(greeting, "subject"), "the greeting's subject");
            AssertWholeChinese(Text(greeting, "rx_renderedtext"), "the greeting");
        }

        // 13:30 the same day: she replies "1".
        Now = Now.AddHours(2);
        Reply(greeting, "Salon story, she replies 1");
        var messages = All("rx_outreachmessage");
        Assert.HasCount(2, messages);
        var thanks = messages[1];
        var voucher = OnlyRow("rx_incentive");
        var code = Text(voucher, "rx_code");
        Assert.AreEqual(Option.WeChat, Choice(thanks, "rx_channel"), "on the channel she answered on");
        Assert.AreEqual(zh ? "已回复：送上承诺的 50 元代金券" : "Reply received: the promised ¥50 voucher", Text(thanks, "subject"));
        if (zh)
        {
            Assert.AreEqual(
                "感谢您的回复！送您 50 元到店代金券，14 天内有效。回复方便的日期，我们为您预约。\n" +
                "优惠：已回复：送上承诺的 50 元代金券（面值 50 的代金券），券码 " + code + "，有效期至 2026-04-24",
                Text(thanks, "rx_renderedtext"));
            AssertWholeChinese(Text(thanks, "subject"), "the thank-you's subject");
            AssertWholeChinese(Text(thanks, "rx_renderedtext"), "the thank-you");
        }
        else
        {
            StringAssert.StartsWith(Text(thanks, "rx_renderedtext"), "Thank you for your reply! Here is your ¥50 voucher for your next visit, valid 14 days. Reply with a day that suits you and we'll book it.\nOffer: Reply received: the promised ¥50 voucher");
            StringAssert.EndsWith(Text(thanks, "rx_renderedtext"), "code " + code + ", valid until 2026-04-24");
        }

        Assert.AreEqual(new DateTime(2026, 4, 10, 11, 0, 0), When(thanks, "rx_sendafter"), "13:30 is between the windows: it goes at 19:00 Shanghai time");
        Assert.AreEqual(Option.High, Choice(thanks, "prioritycode"), "a wake offer");
        Assert.AreEqual(Option.Replied, Choice(All("rx_outreachmessage")[0], "rx_messagestatus"));
        Assert.AreEqual(Option.Voucher, Choice(voucher, "rx_type"));
        Assert.AreEqual(50m, voucher.GetAttributeValue<decimal>("rx_value"));
        Assert.AreEqual(new DateTime(2026, 4, 24, 23, 59, 0), When(voucher, "rx_validuntil"), "14 days");
        Assert.AreEqual(Option.Issued, Choice(voucher, "rx_incentivestatus"));
        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Wake, Choice(attempt, "rx_currentstep"));
        Assert.AreEqual("202604100330 Activate WeChat\n202604100530 Replied WeChat", Text(attempt, "rx_steps"));
        Assert.AreEqual("202604101100 Wake WeChat\nby WakeAfterReply (ThankYouVoucher)", Text(attempt, "rx_wakestep"));
        Assert.IsNull(attempt.GetAttributeValue<string>("rx_followupstep"));
        Assert.AreEqual(attempt.Id, voucher.GetAttributeValue<EntityReference>("rx_attemptid").Id);

        // Day 34: she comes in for a facial and shows the code.
        Now = Now.AddDays(3);
        var visit = Visit(member, 380m, code, "Salon story, the visit with the voucher");
        attempt = OnlyRow("rx_reactivationattempt");
        voucher = OnlyRow("rx_incentive");
        Assert.AreEqual(Option.Converted, Choice(attempt, "rx_outcome"));
        Assert.AreEqual(visit, attempt.GetAttributeValue<EntityReference>("rx_convertingorderid").Id);
        Assert.AreEqual(380m, attempt.GetAttributeValue<Money>("rx_revenue").Value);
        Assert.AreEqual(Option.Redeemed, Choice(voucher, "rx_incentivestatus"));
        Assert.AreEqual(visit, voucher.GetAttributeValue<EntityReference>("rx_redeemedbyorderid").Id);
        Assert.AreEqual(Option.Active, Stage(member), "an A customer again");
        Assert.IsNull(Contact(member).GetAttributeValue<EntityReference>("rx_openattemptid"), "nothing left open");
        Assert.IsEmpty(All("phonecall"));
        Assert.IsEmpty(All("task"));
    }

    /// <summary>
    /// Ms Chen came every two weeks (three visits, 14 days apart) and stops. She is still an A customer 14 days after
    /// her last visit; on the 15th she is overdue by her own rhythm (15 / 14 = 1.07), a B customer two weeks before the
    /// salon's 31-day band would make a monthly customer one, and the B greeting comes that morning.
    /// </summary>
    [TestMethod]
    public void A_member_who_came_every_two_weeks_is_B_on_the_15th_day_by_her_own_rhythm_and_gets_the_B_greeting_then()
    {
        var member = Customer([28, 14, 0], InShanghai);
        var beautician = Owner(Contact(member));
        Assert.AreEqual(Option.Active, Stage(member), "A: she visited today");

        var evaluated = DailyRuns("Salon story, own rhythm", member, days: 15);

        CollectionAssert.AreEqual(new[] { (15, Option.Silent) }, evaluated, "A until day 14, B on day 15: the day her rhythm says she is overdue");
        var greeting = OnlyRow("rx_outreachmessage");
        Assert.AreEqual(Option.WeChat, Choice(greeting, "rx_channel"));
        Assert.AreEqual("Greeting: reply 1 for a voucher", Text(greeting, "subject"));
        Assert.AreEqual("We miss you! Reply 1 for a voucher for your next visit.", Text(greeting, "rx_renderedtext"));
        Assert.AreEqual(new DateTime(2026, 3, 25, 3, 30, 0), When(greeting, "rx_sendafter"), "day 15, 11:30 in Shanghai, inside the 11-12 window");
        Assert.AreEqual(beautician, Owner(greeting), "her beautician's");
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("GreetingWithVoucher", Text(attempt, "rx_offer"));
        Assert.AreEqual("202603250330 Activate WeChat", Text(attempt, "rx_steps"));
    }

    /// <summary>
    /// Ms Sun came about once a week (five visits over 31 days, an average of 7.75 days) and never answers. By her
    /// rhythm she moves fast: B on day 8 (8 / 7.75 = 1.03), C on day 16 (2.06), D on day 24 (3.10). Her B greeting's
    /// deadline passes the night before she turns C, so the morning's run brings the deadline and the stage change in one
    /// update; C's attempt is suppressed, and the B attempt still closes at its deadline instead of staying open past it.
    /// </summary>
    [TestMethod]
    public void A_member_whose_attempt_deadline_passes_the_morning_she_turns_C_by_her_rhythm_has_that_attempt_closed()
    {
        var member = Customer([31, 23, 15, 8, 0], InShanghai);

        var evaluated = DailyRuns("Salon story, deadline and stage change together", member, days: 40);

        var stages = evaluated.Where(e => e.Stage != Option.Active).GroupBy(e => e.Stage).Select(g => (g.First().Day, g.Key)).ToArray();
        CollectionAssert.AreEqual(new[] { (8, Option.Silent), (16, Option.Sleeping), (24, Option.Lost) }, stages);
        var attempts = All("rx_reactivationattempt");
        CollectionAssert.AreEqual(
            new[] { (Option.Silent, Option.NoResponse), (Option.Sleeping, Option.Suppressed), (Option.Lost, Option.Suppressed) },
            attempts.Select(a => (Choice(a, "rx_stageatstart"), Choice(a, "rx_outcome"))).ToArray(),
            "the B attempt closes at its deadline on the morning she turns C; the C and D attempts are suppressed");
        Assert.AreEqual(new DateTime(2026, 3, 25, 23, 59, 0), When(attempts[0], "rx_deadline"));
        Assert.AreEqual("202603260330 NoResponse: its deadline passed as the customer changed stage", Text(attempts[0], "rx_closingreason"));
        Assert.IsNull(Contact(member).GetAttributeValue<EntityReference>("rx_openattemptid"), "nothing is left open");
        Assert.AreEqual("202603180330 Activate WeChat", Text(attempts[0], "rx_steps"), "the B greeting on day 8");
    }

    /// <summary>
    /// Ms Zhou never answers: B brings the WeChat greeting, its SMS follow-up and then her beautician's call; C the
    /// ask-why call, once B's touches leave the stage's cap window; and D (after 90 days) nothing — lost customers are contacted only in a campaign. Two months later the store manager plans a
    /// summer win-back week for Lost customers, starting tomorrow; the next morning's daily evaluation brings her in: the
    /// reactivation team gets the ask-why call, due by the preset's three days.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void A_customer_who_never_answers_goes_A_B_C_D_and_only_the_store_managers_campaign_brings_her_in_for_the_reactivation_team(string language)
    {
        var zh = language == "zh-CN";
        var member = zh ? Customer([90, 60, 30, 0], SpeaksChinese, InShanghai) : Customer([90, 60, 30, 0], InShanghai);
        var beautician = Owner(Contact(member));

        var evaluated = DailyRuns("Salon story, A-B-C-D", member, days: 95);

        CollectionAssert.AreEqual(
            new[] { (31, Option.Silent), (35, Option.Silent), (39, Option.Silent), (43, Option.Silent), (61, Option.Sleeping), (65, Option.Sleeping), (69, Option.Sleeping), (91, Option.Lost) },
            evaluated, "B, C, D on the preset's days; in between the attempts' deadlines and the day C's block lifts");
        var attempts = All("rx_reactivationattempt");
        CollectionAssert.AreEqual(new[] { "GreetingWithVoucher", "AskWhyCall", "AskWhyCall" }, attempts.Select(a => Text(a, "rx_offer")).ToArray());
        CollectionAssert.AreEqual(new[] { Option.NoResponse, Option.NoResponse, Option.Suppressed }, attempts.Select(a => Choice(a, "rx_outcome")).ToArray());
        // B climbs the salon's escalation: the WeChat greeting, the SMS three days later, then her beautician's call.
        Assert.AreEqual("202604140330 FollowUp Sms\n202604181300 FollowUp Phone\nby MissYouGreeting (GreetingWithVoucher)", Text(attempts[0], "rx_followupstep"));
        var calls = All("phonecall");
        Assert.HasCount(2, calls, "B's last rung and C's ask-why call");
        var greetingCall = calls[0];
        Assert.AreEqual(zh ? "电话代替消息：问候：回复 1 领券" : "Call instead of a message: Greeting: reply 1 for a voucher", Text(greetingCall, "subject"));
        Assert.AreEqual(
            (zh ? "好久不见！回复 1 领取到店代金券。" : "We miss you! Reply 1 for a voucher for your next visit.") + CallHours(zh),
            Text(greetingCall, "description"),
            "the rep says what the greeting said");
        Assert.AreEqual(beautician, Owner(greetingCall));
        Assert.AreEqual("202604220330 NoResponse: no response after the last follow-up of its escalation", Text(attempts[0], "rx_closingreason"));
        // C: the ask-why call waits until B's SMS leaves the stage's 30-day cap window (day 65), then goes out.
        var askWhy = calls[1];
        Assert.AreEqual(zh ? "了解客户为何不再到店" : "Ask the customer why they stopped coming", Text(askWhy, "subject"));
        Assert.AreEqual(
            (zh ? "先询问并记录对方未再到店的原因（服务、价格、搬家、时间），再介绍店内新项目。" : "First ask, and note, why they have not been back (service, price, moved, time). Only then mention what is new.") + CallHours(zh),
            Text(askWhy, "description"));
        Assert.AreEqual(beautician, Owner(askWhy), "C: her beautician calls");
        Assert.AreEqual(Due(new DateTime(2026, 5, 14), 3), When(askWhy, "scheduledend"));
        var lost = attempts[2];
        Assert.AreEqual(Option.Lost, Choice(lost, "rx_stageatstart"));
        Assert.AreEqual("PhoneCall Phone LostOnlyCampaigns\nPhoneCall Sms LostOnlyCampaigns\nPhoneCall WeChat LostOnlyCampaigns", Text(lost, "rx_blockreasons"), "D: contacted only in a campaign");
        Assert.IsNull(lost.GetAttributeValue<DateTime?>("rx_retryon"), "no campaign planned: no day lifts the block");
        CollectionAssert.AreEqual(new[] { "2026-04-10 WeChat", "2026-04-14 Sms", "2026-04-18 Phone", "2026-05-17 Phone" }, Touches(member), "four touches in three months, each once");
        Assert.IsEmpty(All("task"));
        Assert.IsEmpty(All("rx_incentive"), "no offer of this ladder carries an incentive");
        Assert.IsNull(Contact(member).GetAttributeValue<DateTime?>("rx_nextevaluationon"), "D: no change ahead until she comes back or a campaign comes");

        // Day 131 (19 July): in the campaign cap's 90-day window only the May call is left (B's call of 18 April has
        // left it). The store manager plans a win-back week for Lost customers from tomorrow.
        DailyRuns("Salon story, D", member, days: 36);
        Assert.HasCount(3, All("rx_reactivationattempt"), "nothing happens to a lost customer on her own");
        KeyEvent("Salon story, the campaign planned", () => Service.Create(new Entity("rx_campaign")
        {
            ["rx_name"] = "Summer win-back", ["rx_startson"] = new DateTime(2026, 7, 20, 0, 0, 0, DateTimeKind.Utc),
            ["rx_endson"] = new DateTime(2026, 7, 26, 0, 0, 0, DateTimeKind.Utc), ["rx_stages"] = "Lost",
        }));

        Morning(1, "Salon story, the campaign's first morning");

        Assert.AreEqual(new DateTime(2026, 7, 20, 3, 30, 0), Now);
        calls = All("phonecall");
        Assert.HasCount(3, calls, "the campaign brings her in");
        var campaignCall = calls[2];
        Assert.AreEqual(zh ? "了解客户为何不再到店" : "Ask the customer why they stopped coming", Text(campaignCall, "subject"));
        Assert.AreEqual(Text(askWhy, "description"), Text(campaignCall, "description"));
        Assert.AreEqual(ReactivationTeam, Owner(campaignCall), "lost customers are the reactivation team's");
        Assert.AreEqual(Due(Now, 3), When(campaignCall, "scheduledend"));
        var inCampaign = All("rx_reactivationattempt")[2];
        Assert.AreEqual(lost.Id, inCampaign.Id, "the same attempt of her D stint, now out");
        Assert.AreEqual(Option.Open, Choice(inCampaign, "rx_outcome"));
        Assert.AreEqual(ReactivationTeam, Owner(inCampaign));
        Assert.AreEqual(campaignCall.GetAttributeValue<EntityReference>("rx_attemptid").Id, inCampaign.Id);
        Assert.IsNull(inCampaign.GetAttributeValue<DateTime?>("rx_retryon"));
        if (zh)
        {
            AssertWholeChinese(Text(campaignCall, "subject"), "the campaign call's subject");
            AssertWholeChinese(Text(campaignCall, "description"), "the campaign call's script");
        }

        var counts = Counts();
        Now = Now.AddHours(1);
        KeyEvent("Salon story, the morning run again", () => DailyRun());
        CollectionAssert.AreEqual(counts, Counts(), "nobody is brought in twice");
    }

    /// <summary>
    /// The alert customer (seed 003, issue 14): Ms Lin comes every week and is an A customer. She rates her last visit 2 of
    /// 5. She is not leaving yet, so there is no offer: her beautician gets a care call for tomorrow that says one sign
    /// suggests she may drift away, and asks to listen. The attempt is a care touch: no incentive, no message, not
    /// followed up; when its deadline passes it closes as a care touch made.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void A_regular_who_rates_her_visit_low_gets_her_beauticians_care_call_and_no_offer(string language)
    {
        var zh = language == "zh-CN";
        var lin = zh ? Customer([21, 14, 7, 3], SpeaksChinese, InShanghai) : Customer([21, 14, 7, 3], InShanghai);
        Assert.AreEqual(Option.Active, Stage(lin));
        Assert.IsEmpty(All("phonecall"));

        KeyEvent("Salon story, a low rating from a regular", () => Set(lin, "rx_satisfaction", 2));

        Assert.AreEqual(Option.Active, Stage(lin), "still in her rhythm");
        var call = OnlyRow("phonecall");
        Assert.AreEqual(zh ? "关怀回访：老顾客出现流失迹象" : "Care call: check in with a regular showing signs of leaving", Text(call, "subject"));
        Assert.AreEqual(
            (zh
                ? "她仍是常客，但出现了 1 个流失迹象（评价偏低、消费减少、预约未到或间隔比平时长）。请问问她上次到店的感受、有没有不满意的地方。不推销优惠：认真倾听，并记录她的反馈。"
                : "She is still a regular, but 1 sign(s) suggest she may drift away (a low rating, spending less, a missed appointment, or a longer gap than usual). Ask how her last visit went and whether anything bothers her. No offer: listen, and record what she says.")
            + CallHours(zh),
            Text(call, "description"));
        if (zh) AssertWholeChinese(Text(call, "description"), "the care call's script");
        Assert.AreEqual(Owner(Contact(lin)), Owner(call), "her own beautician calls");
        Assert.AreEqual(Due(Now, 1), When(call, "scheduledend"));
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(("AlertCheckIn", Option.Care), (Text(attempt, "rx_offer"), Choice(attempt, "rx_purpose")));
        Assert.IsEmpty(All("rx_incentive"), "a care call carries no offer");
        Assert.IsEmpty(All("rx_outreachmessage"));
    }
}
