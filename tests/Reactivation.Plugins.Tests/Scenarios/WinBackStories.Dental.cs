using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// The dental practice's win-back story through the plugins with the dental preset: a six-month recall, Silent after
/// 180 days, reception hours 9–12 and 13–18 h, 7 days between sales touches; the organisation on UTC, the patient
/// in Shanghai. The preset's Team:Reception is not among the teams the shop's outreach step lists, so the reception's
/// calls fall back to the patient's owner.
/// </summary>
[TestClass]
public sealed class WinBackStoriesDental : WinBackStory
{
    protected override string? Industry => "dental";

    /// <summary>
    /// When a call or task made on <paramref name="madeOn"/> with the rule's DueInDays is due, as stored (UTC). Today:
    /// the organisation's end of day (23:59, the organisation on UTC). The one place to change when due times move
    /// into the reception hours in the patient's time.
    /// </summary>
    /// <summary>The line under a call's script that tells the rep when the customer may be called (the preset's call hours, her time).</summary>
    private static string CallHours(bool zh) => zh ? "\n可联系时段（客户当地时间）：09:00–12:00、13:00–18:00" : "\nCall window (customer's time): 09:00–12:00, 13:00–18:00";

    /// <summary>A call made at <paramref name="madeOn"/> (UTC) is due on its day by the end of the call hours in the customer's
    /// time (Shanghai, +8): reception calls until 18:00, the last callable hour the preset's hour rule leaves.</summary>
    private static DateTime Due(DateTime madeOn, int dueInDays) => madeOn.AddHours(8).Date.AddDays(dueInDays).AddHours(18 - 8);

    /// <summary>
    /// Ms Gao comes twice a year. 165 days after her visit the practice reminds her by SMS that her check-up is due — a
    /// care touch, no offer; she does not answer, and care is not followed up. The day after six months she is Silent; why is not
    /// known, so reception gets the call to ask why, due in three days. Reception reaches her the next day: the
    /// attempt wakes with the free check-up call, its code valid 30 days; she comes a week later with the code: the
    /// attempt is converted, the free check-up redeemed, she is an active patient again.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void A_patient_past_her_six_month_recall_gets_the_receptions_call_is_reached_gets_the_free_check_up_and_comes_with_its_code(string language)
    {
        var zh = language == "zh-CN";
        var patient = zh ? Customer([360, 180, 0], SpeaksChinese, InShanghai) : Customer([360, 180, 0], InShanghai);
        var owner = Owner(Contact(patient));

        // 165 days after her visit she is still an active patient: the practice keeps in touch with a recall reminder,
        // a care touch — no offer, nothing to redeem.
        var evaluated = DailyRuns("Dental story, the recall reminder", patient, days: 165);
        CollectionAssert.AreEqual(new[] { (165, Option.Active) }, evaluated, "the morning 165 days after her visit");
        var reminder = OnlyRow("rx_outreachmessage");
        Assert.AreEqual(Option.Sms, Choice(reminder, "rx_channel"));
        Assert.AreEqual(zh ? "半年复查提醒" : "6-month recall reminder", Text(reminder, "subject"));
        Assert.AreEqual(zh ? "您的半年口腔检查快到期了，回复 1 我们致电为您预约。" : "Your 6-month check-up is due. Reply 1 and we'll call to book.", Text(reminder, "rx_renderedtext"));
        if (zh) AssertWholeChinese(Text(reminder, "rx_renderedtext"), "the recall reminder");
        var care = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual((Option.Care, Option.Active), (Choice(care, "rx_purpose"), Choice(care, "rx_stageatstart")));
        Assert.IsEmpty(All("rx_incentive"), "care makes no offer");

        // She does not answer. Care is made once: its deadline closes it, no follow-up; the day after six months she is Silent.
        evaluated = DailyRuns("Dental story, six months", patient, days: 16);
        CollectionAssert.AreEqual(new[] { (8, Option.Active), (16, Option.Silent) }, evaluated, "the reminder's deadline (day 173), then Silent the day after six months (day 181)");
        care = All("rx_reactivationattempt")[0];
        Assert.AreEqual(Option.NoResponse, Choice(care, "rx_outcome"));
        StringAssert.EndsWith(Text(care, "rx_closingreason"), "NoResponse: a care touch, made once and not followed up");
        Assert.HasCount(1, All("rx_outreachmessage"), "no follow-up of the reminder");
        Assert.AreEqual(new DateTime(2026, 9, 7, 3, 30, 0), Now);
        var askWhy = OnlyRow("phonecall");
        Assert.AreEqual(zh ? "了解患者未按时复查的原因" : "Ask why the recall was missed", Text(askWhy, "subject"));
        Assert.AreEqual(
            (zh ? "先询问并记录未复查的原因（害怕、费用、时间、搬家），再提供方便的预约时段。" : "First ask why they missed the check-up (fear, cost, time, moved) and note it; then offer a convenient slot.") + CallHours(zh),
            Text(askWhy, "description"));
        Assert.AreEqual(owner, Owner(askWhy), "Team:Reception is not configured: the patient's owner");
        Assert.AreEqual(Due(Now, 3), When(askWhy, "scheduledend"), "due in three days");
        Assert.AreEqual(Option.Normal, Choice(askWhy, "prioritycode"));
        var attempt = All("rx_reactivationattempt")[1];
        Assert.AreEqual("AskWhyCall", Text(attempt, "rx_offer"));
        Assert.AreEqual(Option.OfferPurpose, Choice(attempt, "rx_purpose"));
        Assert.AreEqual(Option.Activate, Choice(attempt, "rx_currentstep"));
        Assert.AreEqual(new DateTime(2026, 9, 14, 23, 59, 0), When(attempt, "rx_deadline"), "the practice follows up after 7 days");
        Assert.IsEmpty(All("rx_incentive"));
        Assert.HasCount(1, All("rx_outreachmessage"), "only the recall reminder");
        if (zh)
        {
            AssertWholeChinese(Text(askWhy, "subject"), "the ask-why call's subject");
            AssertWholeChinese(Text(askWhy, "description"), "the ask-why call's script");
        }

        // The next day reception reaches her.
        Now = Now.AddDays(1);
        CompleteCall(askWhy, Option.Reached, "Dental story, reception reaches her");
        var calls = All("phonecall");
        Assert.HasCount(2, calls);
        var booking = calls[1];
        var checkUp = OnlyRow("rx_incentive");
        var code = Text(checkUp, "rx_code");
        Assert.AreEqual(zh ? "为患者预约免费检查" : "Book the patient's free check-up", Text(booking, "subject"));
        Assert.AreEqual(
            (zh
                ? "患者已回复我们的短信。请提供本周两个可预约时段；30 天内就诊可享受免费检查。\n\n优惠：已回复：前台预约免费检查（免费体验 1 次），券码 " + code + "，有效期至 2026-10-08"
                : "The patient replied to our message. Offer two appointment slots this week; the check-up is free if they come within 30 days.\n\nOffer: Reply received: reception books the free check-up (1 free trial session), code " + code + ", valid until 2026-10-08") + CallHours(zh),
            Text(booking, "description"),
            "the rep names the code");
        Assert.AreEqual(owner, Owner(booking));
        Assert.AreEqual(Due(Now, 1), When(booking, "scheduledend"), "due tomorrow");
        Assert.AreEqual(Option.High, Choice(booking, "prioritycode"), "a wake offer");
        Assert.AreEqual(Option.FreeTrial, Choice(checkUp, "rx_type"));
        Assert.AreEqual(new DateTime(2026, 10, 8, 23, 59, 0), When(checkUp, "rx_validuntil"), "30 days");
        attempt = All("rx_reactivationattempt")[1];
        Assert.AreEqual(Option.Wake, Choice(attempt, "rx_currentstep"));
        StringAssert.StartsWith(Text(attempt, "rx_wakestep"), "202609091000 Wake Phone");
        if (zh)
        {
            AssertWholeChinese(Text(booking, "subject"), "the booking call's subject");
            AssertWholeChinese(Text(booking, "description"), "the booking call's script");
        }

        // A week later she comes for the check-up with the code.
        Now = Now.AddDays(7);
        var visit = Visit(patient, 0m, code, "Dental story, the free check-up");
        attempt = All("rx_reactivationattempt")[1];
        Assert.AreEqual(Option.Converted, Choice(attempt, "rx_outcome"));
        Assert.AreEqual(visit, attempt.GetAttributeValue<EntityReference>("rx_convertingorderid").Id);
        Assert.AreEqual(Option.Redeemed, Choice(OnlyRow("rx_incentive"), "rx_incentivestatus"));
        Assert.AreEqual(Option.Active, Stage(patient));
    }
    /// <summary>
    /// Mr Sun also comes twice a year. The recall reminder reaches him 165 days after his visit and he replies 1: care
    /// makes no offer, so no voucher follows and no wake step — reception books him. He comes two days later: the care
    /// touch is converted, and he is still an active patient.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void An_active_patient_who_answers_the_recall_reminder_gets_no_offer_and_books_his_check_up(string language)
    {
        var zh = language == "zh-CN";
        var patient = zh ? Customer([360, 180, 0], SpeaksChinese, InShanghai) : Customer([360, 180, 0], InShanghai);
        DailyRuns("Dental care story, the recall reminder", patient, days: 165);
        var reminder = OnlyRow("rx_outreachmessage");

        Now = Now.AddHours(3);
        Reply(reminder, "Dental care story, he replies 1");

        var care = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual((Option.Care, Option.Open, Option.Activate), (Choice(care, "rx_purpose"), Choice(care, "rx_outcome"), Choice(care, "rx_currentstep")), "answered, still open: no wake step");
        Assert.IsNull(care.GetAttributeValue<string>("rx_wakestep"));
        Assert.IsEmpty(All("rx_incentive"), "no voucher for an answer to care");
        Assert.HasCount(1, All("rx_outreachmessage"), "nothing more is sent");
        Assert.IsEmpty(All("phonecall"));

        Now = Now.AddDays(2);
        var visit = Visit(patient, 300m, null, "Dental care story, the check-up");

        care = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Converted, Choice(care, "rx_outcome"), "the visit after the reminder converts it");
        Assert.AreEqual(visit, care.GetAttributeValue<EntityReference>("rx_convertingorderid").Id);
        Assert.AreEqual(Option.Active, Stage(patient));
    }
}
