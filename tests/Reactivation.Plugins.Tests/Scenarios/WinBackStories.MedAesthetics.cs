using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// The med-aesthetic clinic's win-back story through the plugins with the med-aesthetics preset: a 30–45-day
/// treatment cycle, complaints are the clinic manager's, the organisation on UTC, the client in Shanghai.
/// </summary>
[TestClass]
public sealed class WinBackStoriesMedAesthetics : WinBackStory
{
    protected override string? Industry => "med-aesthetics";

    /// <summary>
    /// When a call or task made on <paramref name="madeOn"/> with the rule's DueInDays is due, as stored (UTC). Today:
    /// the organisation's end of day (23:59, the organisation on UTC). The one place to change when due times move
    /// into the clinic's call window (10–12, 14–20 h) in the customer's time.
    /// </summary>
    /// <summary>The line under a call's script that tells the rep when the customer may be called (the preset's call hours, her time).</summary>
    private static string CallHours(bool zh) => zh ? "\n可联系时段（客户当地时间）：10:00–12:00、14:00–20:00" : "\nCall window (customer's time): 10:00–12:00, 14:00–20:00";

    /// <summary>A call made at <paramref name="madeOn"/> (UTC) is due on its day by the end of the call hours in the customer's
    /// time (Shanghai, +8): the clinic's afternoon call hours end at 20:00, the last callable hour the preset's hour rule leaves.</summary>
    private static DateTime Due(DateTime madeOn, int dueInDays) => madeOn.AddHours(8).Date.AddDays(dueInDays).AddHours(20 - 8);

    /// <summary>
    /// Ms Sun has not been back for 50 days; the front desk reaches her and she rates her last treatment 1 of 5. The
    /// clinic manager's team gets the apology call for tomorrow, with a script that offers another doctor and names
    /// the free trial's code. The manager calls, she is interested; four days later she comes for the free
    /// consultation with the code: the attempt is converted, the trial redeemed, she is an active client again.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void A_dissatisfied_client_gets_the_clinic_managers_apology_with_another_doctor_and_a_free_trial_and_comes_back_with_its_code(string language)
    {
        var zh = language == "zh-CN";
        var client = zh ? Customer([120, 85, 50], SpeaksChinese, InShanghai) : Customer([120, 85, 50], InShanghai);
        Assert.AreEqual(Option.Silent, Stage(client), "50 days: past the treatment cycle");

        KeyEvent("Med-aesthetics story, satisfaction 1 recorded", () => Set(client, "rx_satisfaction", 1));

        var call = OnlyRow("phonecall");
        var trial = OnlyRow("rx_incentive");
        var code = Text(trial, "rx_code");
        Assert.AreEqual(zh ? "院长致电客户致歉" : "Clinic manager: apologise to the customer", Text(call, "subject"));
        if (zh)
        {
            Assert.AreEqual(
                "诚恳致歉，耐心倾听不满，不争辩；邀请对方免费复诊，可更换主诊医生。\n\n优惠：致歉并免费复诊（免费体验 1 次），券码 " + code + "，有效期至 2026-05-09" + CallHours(zh),
                Text(call, "description"));
            AssertWholeChinese(Text(call, "subject"), "the apology call's subject");
            AssertWholeChinese(Text(call, "description"), "the apology call's script");
        }
        else
        {
            StringAssert.StartsWith(Text(call, "description"), "Apologise, listen to the complaint without arguing, and offer a free follow-up consultation with another doctor.\n\nOffer: Apology and a free consultation");
            StringAssert.EndsWith(Text(call, "description"), "code " + code + ", valid until 2026-05-09" + CallHours(zh));
        }

        Assert.AreEqual(ClinicManagerTeam, Owner(call));
        Assert.AreEqual(Option.High, Choice(call, "prioritycode"));
        Assert.AreEqual(Due(Now, 1), When(call, "scheduledend"), "due tomorrow");
        Assert.AreEqual(Option.FreeTrial, Choice(trial, "rx_type"));
        Assert.AreEqual(1m, trial.GetAttributeValue<decimal>("rx_value"));
        Assert.AreEqual(new DateTime(2026, 5, 9, 23, 59, 0), When(trial, "rx_validuntil"), "60 days");
        Assert.AreEqual(Option.Issued, Choice(trial, "rx_incentivestatus"));
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("ApologyAndFreeConsultation", Text(attempt, "rx_offer"));
        Assert.AreEqual(Option.Wake, Choice(attempt, "rx_currentstep"), "the apology is the offer itself");
        Assert.AreEqual("202603111200 Wake Phone", Text(attempt, "rx_steps"));
        Assert.AreEqual(ClinicManagerTeam, Owner(attempt));
        Assert.IsEmpty(All("rx_outreachmessage"));

        // The next morning the clinic manager calls; she is interested in the consultation with another doctor.
        Now = Now.AddDays(1);
        CompleteCall(call, Option.Interested, "Med-aesthetics story, the manager's call completed");
        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("202603111200 Wake Phone\n202603110330 Interested Phone", Text(attempt, "rx_steps"));
        Assert.AreEqual(Option.Open, Choice(attempt, "rx_outcome"), "open until she comes");
        Assert.HasCount(1, All("phonecall"), "the apology was the offer: no second call");
        Assert.HasCount(1, All("rx_incentive"));

        // Four days later she comes for the free consultation, with the code.
        Now = Now.AddDays(3);
        var visit = Visit(client, 800m, code, "Med-aesthetics story, the visit with the free trial");
        attempt = OnlyRow("rx_reactivationattempt");
        trial = OnlyRow("rx_incentive");
        Assert.AreEqual(Option.Converted, Choice(attempt, "rx_outcome"));
        Assert.AreEqual(visit, attempt.GetAttributeValue<EntityReference>("rx_convertingorderid").Id);
        Assert.AreEqual(Option.Redeemed, Choice(trial, "rx_incentivestatus"));
        Assert.AreEqual(visit, trial.GetAttributeValue<EntityReference>("rx_redeemedbyorderid").Id);
        Assert.AreEqual(Option.Active, Stage(client));
    }

    /// <summary>
    /// Octants (issue 14): the clinic's split points are spend above ¥800, more than 4 treatments a year, a visit within 30
    /// days. Ms Zhou had nine treatments (¥1,080), 90 days apart, until 200 days ago, two of them in the last year: an important
    /// client to win back, Sleeping by her own interval. Ms Qian had two (¥240), the last 140 days ago: a general one. Neither said why she stopped. Both contacts show their octant; the
    /// next morning Ms Zhou gets a senior consultant's personal call, Ms Qian her own consultant's ask-why call.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void An_important_client_who_drifted_away_gets_a_senior_consultants_call_and_a_general_one_the_ask_why_call(string language)
    {
        var zh = language == "zh-CN";
        (string, object?)[] columns = zh ? [SpeaksChinese, InShanghai] : [InShanghai];
        var zhou = Customer([920, 830, 740, 650, 560, 470, 380, 290, 200], columns);
        var qian = Customer([170, 140], columns);

        Assert.AreEqual((Option.Sleeping, Option.ImportantWinBack), (Stage(zhou), Choice(Contact(zhou), "rx_octant")), "9 × ¥120 = ¥1,080 > ¥800; 2 treatments in the year; 200 days ago, 2.2 times her 90-day interval");
        Assert.AreEqual((Option.Sleeping, Option.GeneralWinBack), (Stage(qian), Choice(Contact(qian), "rx_octant")));

        Morning(1, "Med-aesthetics story, the morning after two lapsed clients were entered");

        var calls = All("phonecall");
        Assert.HasCount(2, calls);
        var senior = calls.Single(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id == zhou);
        var own = calls.Single(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id == qian);
        Assert.AreEqual(zh ? "致电渐行渐远的重要客户" : "Call an important client who has drifted away", Text(senior, "subject"));
        Assert.AreEqual(
            (zh
                ? "这是本院最重要的客户之一，已有一段时间未到院。请亲自询问并记录原因（效果、价格、时间、其他机构），再邀请对方与您进行一次免费效果复查。"
                : "One of the clinic's most valued clients, who has not been back for a while. Ask personally why (result, price, time, another clinic) and record it; then invite them to a complimentary results review with you.")
            + CallHours(zh),
            Text(senior, "description"));
        Assert.AreEqual(SeniorConsultantsTeam, Owner(senior));
        Assert.AreEqual(zh ? "了解客户中断疗程的原因" : "Ask the customer why they stopped", Text(own, "subject"));
        Assert.AreEqual(Owner(Contact(qian)), Owner(own), "her own consultant asks");
        if (zh)
        {
            AssertWholeChinese(Text(senior, "subject"), "the senior consultant's call subject");
            AssertWholeChinese(Text(senior, "description"), "the senior consultant's call script");
        }

        var attempts = All("rx_reactivationattempt");
        Assert.AreEqual("SeniorConsultantReview", Text(attempts.Single(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id == zhou), "rx_offer"));
        Assert.AreEqual("AskWhyCall", Text(attempts.Single(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id == qian), "rx_offer"));
    }

    /// <summary>
    /// Customer colour (issue 14): the front desk records Ms Zhou as rational and Ms Zheng as emotional. Both are important
    /// clients to win back with no reason given; the senior consultant's script for Ms Zhou brings her treatment record and
    /// the results, Ms Zheng's opens with how she has been. Each in her language, whole.
    /// </summary>
    [TestMethod]
    [DataRow("zh-CN")]
    [DataRow("en")]
    public void The_senior_consultants_script_is_worded_for_a_rational_client_and_for_an_emotional_one(string language)
    {
        var zh = language == "zh-CN";
        int[] visits = [920, 830, 740, 650, 560, 470, 380, 290, 200];
        (string, object?) Colour(int option) => ("rx_customercolour", new OptionSetValue(option));
        var zhou = zh ? Customer(visits, SpeaksChinese, InShanghai, Colour(Option.Rational)) : Customer(visits, InShanghai, Colour(Option.Rational));
        var zheng = zh ? Customer(visits, SpeaksChinese, InShanghai, Colour(Option.Emotional)) : Customer(visits, InShanghai, Colour(Option.Emotional));

        Morning(1, "Med-aesthetics story, the morning after a rational and an emotional client were entered");

        string Script(Guid client) => Text(All("phonecall").Single(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id == client), "description");
        Assert.AreEqual(
            (zh
                ? "这是本院最重要的客户之一，看重事实与效果。请备好她的疗程记录和前后对比照片；询问并记录中断的原因（效果、价格、时间、其他机构），再邀请她进行一次免费效果复查，用数据看看疗程的成效。"
                : "One of the clinic's most valued clients, who weighs facts. Have her treatment record and before-and-after photos at hand; ask what stopped her (result, price, time, another clinic) and record it; then offer a complimentary results review that measures what her treatments achieved.")
            + CallHours(zh),
            Script(zhou));
        Assert.AreEqual(
            (zh
                ? "这是本院最重要的客户之一，看重关系与感受。先问候她的近况，告诉她团队一直惦记着她；让她说说为什么没再来并记录下来，再邀请她在方便的时间与您进行一次免费效果复查。"
                : "One of the clinic's most valued clients, who values the relationship. Open by asking how she has been and say the team has missed her; let her tell you why she stopped and record it; then invite her to a complimentary results review with you, at a time that suits her.")
            + CallHours(zh),
            Script(zheng));
        if (zh)
        {
            AssertWholeChinese(Script(zhou), "the rational client's script");
            AssertWholeChinese(Script(zheng), "the emotional client's script");
        }
    }
}
