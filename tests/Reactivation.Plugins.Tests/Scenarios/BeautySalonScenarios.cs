using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// A beauty salon in Shanghai running the beauty-salon preset: A customers visited within a month, B within two, C
/// within three, D longer ago; messages go out 11–12 and 19–21 h in the customer's time, two days at least between
/// sales touches; members buy prepaid packages of sessions. The daily job runs at 11:30 Shanghai time.
/// </summary>
[TestClass]
public sealed class BeautySalonScenarios : FieldScenario
{
    private static readonly (string, object?) InShanghai = ("address1_utcoffset", 480);
    private static readonly (string, object?) SpeaksChinese = ("rx_preferredlanguage", new OptionSetValue(Option.Chinese));

    protected override string? Industry => "beauty-salon";

    /// <summary>
    /// Ms Wang bought a ten-session facial package and still has four sessions left when she stops coming. At B the
    /// salon reminds her on WeChat of what is left, with priority booking of this month's featured treatment; at C
    /// her beautician calls to offer a free exchange of the unused sessions for a treatment she would enjoy more.
    /// </summary>
    [TestMethod]
    public void Unused_package_sessions_bring_a_WeChat_reminder_with_priority_booking_at_B_and_a_free_exchange_call_at_C()
    {
        var member = Customer([60, 30, 0], SpeaksChinese, InShanghai, ("rx_remainingsessions", 4), ("rx_dormancyreason", new OptionSetValue(Option.UnusedPackage)));

        Now = Now.AddDays(31);
        KeyEvent("Beauty salon package, B", () => DailyRun());

        var reminder = OnlyRow("rx_outreachmessage");
        var priority = OnlyRow("rx_incentive");
        var code = Text(priority, "rx_code");
        Assert.AreEqual(Option.WeChat, Choice(reminder, "rx_channel"));
        Assert.AreEqual("剩余次数提醒 + 优先预约", Text(reminder, "subject"));
        Assert.AreEqual("您好，您的套餐还剩 4 次。本月主推项目可优先预约，回复 1 我们为您保留时段。\n优惠：剩余次数提醒 + 优先预约（优先预约），券码 " + code + "，有效期至 2026-05-10", Text(reminder, "rx_renderedtext"));
        Assert.AreEqual(Option.PriorityAccess, Choice(priority, "rx_type"));
        Assert.AreEqual(Option.Issued, Choice(priority, "rx_incentivestatus"));
        Assert.AreEqual(new DateTime(2026, 5, 10, 23, 59, 0), priority.GetAttributeValue<DateTime>("rx_validuntil"));
        // The offer also asks for a booking task, but the salon's two days between sales touches hold it back: the
        // manager reads why in the attempt.
        Assert.IsEmpty(All("task"));
        StringAssert.Contains(Text(OnlyRow("rx_reactivationattempt"), "rx_explanation"), "Task via Task: Block by MinimumGap, OneTouchPerDay (CapReached)");

        Now = Now.AddDays(4);
        KeyEvent("Beauty salon package, B follow-up", () => DailyRun());

        var followUp = All("rx_outreachmessage")[1];
        Assert.AreEqual(Option.Sms, Choice(followUp, "rx_channel"), "no answer on WeChat in 3 days: the reminder again by SMS");
        StringAssert.Contains(Text(followUp, "rx_renderedtext"), "券码 " + code + "，有效期至 2026-05-10", "the same priority booking, not a second one");
        Assert.HasCount(1, All("rx_incentive"));

        Now = Now.AddDays(26);
        KeyEvent("Beauty salon package, C", () => DailyRun());

        Assert.AreEqual(Option.Sleeping, Stage(member));
        var exchange = All("rx_reactivationattempt")[1];
        Assert.AreEqual("FreePackageExchange", Text(exchange, "rx_offer"));
        Assert.AreEqual(Option.Wake, Choice(exchange, "rx_currentstep"), "the offer she can't refuse");
        var call = OnlyRow("phonecall");
        var free = All("rx_incentive").Single(i => i.GetAttributeValue<EntityReference>("rx_attemptid").Id == exchange.Id);
        Assert.AreEqual("4 次未使用：提供免费更换项目", Text(call, "subject"));
        Assert.AreEqual("提醒对方套餐还剩 4 次，可免费更换为更喜欢的新项目。\n\n优惠：未用次数免费换项目（免费更换 1 项），券码 " + Text(free, "rx_code") + "，有效期至 2026-07-09\n可联系时段（客户当地时间）：10:00–21:00", Text(call, "description"));
        Assert.AreEqual(Option.High, call.GetAttributeValue<OptionSetValue>("prioritycode").Value);
        Assert.AreEqual(new DateTime(2026, 5, 12, 13, 0, 0), call.GetAttributeValue<DateTime>("scheduledend"), "due in two days, by 21:00 her time");
        Assert.AreEqual(Option.FreeExchange, Choice(free, "rx_type"));
        Assert.AreEqual(new DateTime(2026, 7, 9, 23, 59, 0), free.GetAttributeValue<DateTime>("rx_validuntil"), "valid 60 days");
    }

    /// <summary>
    /// The daily job runs late, at 15:00 in Shanghai: a B customer's WeChat greeting must not go out in the
    /// afternoon lull. It is written now, Pending, with send-after 19:00 Shanghai time — deferred, not dropped — and
    /// the touch counts for when it goes out.
    /// </summary>
    [TestMethod]
    public void A_greeting_decided_at_3_pm_waits_for_the_7_pm_window_and_is_not_dropped()
    {
        Now = new DateTime(2026, 3, 10, 7, 0, 0, DateTimeKind.Utc);
        var member = Customer([60, 30, 0], SpeaksChinese, InShanghai);
        Now = Now.AddDays(31);

        KeyEvent("Beauty salon quiet hours, B", () => DailyRun());

        var greeting = OnlyRow("rx_outreachmessage");
        Assert.AreEqual(new DateTime(2026, 4, 10, 11, 0, 0), greeting.GetAttributeValue<DateTime>("rx_sendafter"), "19:00 in Shanghai");
        Assert.AreEqual(Option.Pending, Choice(greeting, "rx_messagestatus"));
        Assert.AreEqual("好久不见！回复 1 领取到店代金券。", Text(greeting, "rx_renderedtext"));
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Open, Choice(attempt, "rx_outcome"));
        Assert.AreEqual("202604101100 Activate WeChat", Text(attempt, "rx_steps"));
        StringAssert.Contains(Text(attempt, "rx_explanation"), "Message via WeChat: Defer by MessageSendWindows, send after 2026-04-10 11:00 UTC");
        CollectionAssert.AreEqual(new[] { "2026-04-10 WeChat" }, Touches(member));
    }

    /// <summary>
    /// Ms Zhao complained about her last facial and asked not to be phoned. The salon's apology is a call from the
    /// store manager; she gets it as an SMS instead (the salon's escalation, most personal first, never a call), with
    /// the free trial and its code, owned by the store manager team.
    /// </summary>
    [TestMethod]
    public void A_dissatisfied_customer_who_may_not_be_phoned_gets_the_apology_and_free_trial_by_SMS()
    {
        var member = Customer([60, 30, 0], InShanghai, ("donotphone", true), ("rx_dormancyreason", new OptionSetValue(Option.Dissatisfied)));
        Now = Now.AddDays(31);

        KeyEvent("Beauty salon do-not-phone, B", () => DailyRun());

        Assert.IsEmpty(All("phonecall"), "no call to a customer who asked not to be phoned");
        var apology = OnlyRow("rx_outreachmessage");
        var trial = OnlyRow("rx_incentive");
        Assert.AreEqual(Option.Sms, Choice(apology, "rx_channel"));
        Assert.AreEqual(
            "We are sorry your last visit was not what you hoped for. We would like to invite you for a free facial with another beautician of your choice, at a time that suits you.\n" +
            "Offer: Apology and a free trial (1 free trial session), code " + Text(trial, "rx_code") + ", valid until 2026-05-10",
            Text(apology, "rx_renderedtext"));
        Assert.AreEqual(StoreManagerTeam, apology.GetAttributeValue<EntityReference>("ownerid"), "the rule's owner: the store manager");
        Assert.AreEqual(Option.FreeTrial, Choice(trial, "rx_type"));
        var attempt = OnlyRow("rx_reactivationattempt");
        StringAssert.Contains(Text(attempt, "rx_explanation"), "PhoneCall via Phone: Block by NoConsentPhone (NoConsent)");
        Assert.AreEqual("202604100330 Wake Sms", Text(attempt, "rx_steps"));
        CollectionAssert.AreEqual(new[] { "2026-04-10 Sms" }, Touches(member));
    }

    /// <summary>
    /// The store manager tightens B to 45 days in a copy of the salon's lifecycle and mistypes the fact. The save is
    /// refused with the line, the column and the rule, as the linter would say it; nothing is saved, and the preset
    /// in force keeps deciding.
    /// </summary>
    [TestMethod]
    public void A_mistyped_edit_of_the_salon_lifecycle_is_refused_on_save_naming_the_line_and_the_rule_and_the_preset_keeps_deciding()
    {
        var preset = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "rules/presets/beauty-salon/lifecycle.json"));
        const string original = "\"Expression\": \"customer.DaysSinceLastPurchase <= 60\"";
        Assert.Contains(original, preset);
        var edited = preset.Replace(original, "\"Expression\": \"customer.DaysSinceLastPurchse <= 45\"", StringComparison.Ordinal);
        var at = edited.IndexOf("DaysSinceLastPurchse", StringComparison.Ordinal); // the column points at the fact's name
        var line = edited[..at].Count(c => c == '\n') + 1;
        var column = at - edited.LastIndexOf('\n', at);
        var rulesets = All("rx_ruleset").Count;

        var refused = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => KeyEvent("Beauty salon, a broken ruleset saved", () =>
            Service.Create(new Entity("rx_ruleset") { ["rx_name"] = "Salon lifecycle (B at 45 days)", ["rx_definition"] = edited, ["rx_isactive"] = true })));

        Assert.AreEqual(
            "Ruleset 'Salon lifecycle (B at 45 days)' was not saved: its definition has 1 error.\n" +
            $"Salon lifecycle (B at 45 days)({line},{column}): error RX020: rule 'B': unknown fact 'customer.DaysSinceLastPurchse'. Hint: did you mean customer.DaysSinceLastPurchase?",
            refused.Message);
        Assert.HasCount(rulesets, All("rx_ruleset"), "nothing saved");
        var customer = Customer([50]);
        Assert.AreEqual(Option.Silent, Stage(customer), "the preset still decides: 50 days is B");
    }
}
