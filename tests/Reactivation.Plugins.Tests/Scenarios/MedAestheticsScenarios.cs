using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// A med-aesthetic clinic running the med-aesthetics preset: a 30–45-day treatment cycle, Silent after 45 days;
/// complaints are the clinic manager's, who apologises in person and offers a free consultation with another doctor.
/// </summary>
[TestClass]
public sealed class MedAestheticsScenarios : FieldScenario
{
    protected override string? Industry => "med-aesthetics";

    /// <summary>
    /// Ms Sun has not been back for 50 days; when the front desk finally reaches her she rates her last treatment 1
    /// of 5. The rating starts the preset's apology: the clinic manager team gets the call (high priority, due
    /// tomorrow) with a script that offers a different doctor, and she gets a free consultation valid 60 days.
    /// </summary>
    [TestMethod]
    public void A_dissatisfied_client_gets_an_apology_call_from_the_clinic_manager_a_free_trial_and_another_doctor()
    {
        var client = Customer([120, 85, 50], ("rx_preferredlanguage", new OptionSetValue(Option.Chinese)), ("address1_utcoffset", 480));
        Assert.AreEqual(Option.Silent, Stage(client), "50 days: past the 45-day treatment cycle");

        var requests = KeyEvent("Med-aesthetics dissatisfied, satisfaction 1 recorded", () => Set(client, "rx_satisfaction", 1));

        var call = OnlyRow("phonecall");
        var trial = OnlyRow("rx_incentive");
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("院长致电客户致歉", Text(call, "subject"));
        Assert.AreEqual(
            "诚恳致歉，耐心倾听不满，不争辩；邀请对方免费复诊，可更换主诊医生。\n\n" +
            "优惠：致歉并免费复诊（免费体验 1 次），券码 " + Text(trial, "rx_code") + "，有效期至 2026-05-09\n" +
            "可联系时段（客户当地时间）：10:00–12:00、14:00–20:00",
            Text(call, "description"), "the script offers another doctor and names the free trial's code");
        Assert.AreEqual("联系原因：沉默客户；上次消费在 50 天前（共 3 次，累计 360）；满意度 1/5。", Text(call, "rx_whythiscustomer"), "why this customer, in her language");
        Assert.AreEqual(ClinicManagerTeam, call.GetAttributeValue<EntityReference>("ownerid"), "the preset's owner: Team:ClinicManager");
        Assert.AreEqual(Option.High, call.GetAttributeValue<OptionSetValue>("prioritycode").Value);
        Assert.AreEqual(new DateTime(2026, 3, 11, 12, 0, 0), call.GetAttributeValue<DateTime>("scheduledend"), "due tomorrow by 20:00 her time, the end of the clinic's afternoon call hours");
        Assert.AreEqual(Option.FreeTrial, Choice(trial, "rx_type"));
        Assert.AreEqual(new DateTime(2026, 5, 9, 23, 59, 0), trial.GetAttributeValue<DateTime>("rx_validuntil"), "valid 60 days");
        Assert.AreEqual(ClinicManagerTeam, trial.GetAttributeValue<EntityReference>("ownerid"));
        Assert.AreEqual("ApologyAndFreeConsultation", Text(attempt, "rx_offer"));
        Assert.AreEqual(Option.Wake, Choice(attempt, "rx_currentstep"));
        Assert.AreEqual(ClinicManagerTeam, attempt.GetAttributeValue<EntityReference>("ownerid"), "the team working the call owns the attempt");
        StringAssert.Contains(Text(attempt, "rx_explanation"), "ApologyAndAnotherDoctor matched");
        StringAssert.Contains(Text(attempt, "rx_explanation"), "Satisfaction=1");
        Assert.AreEqual(new DateTime(2026, 3, 13, 23, 59, 0), attempt.GetAttributeValue<DateTime>("rx_deadline"), "the clinic's escalation: follow up after 3 days");
        Assert.IsEmpty(All("rx_outreachmessage"));
        Assert.IsFalse(requests.Any(r => r.StartsWith("Retrieve ", StringComparison.Ordinal)), "the step reads no record");

        var counts = Counts();
        KeyEvent("Med-aesthetics dissatisfied, the same rating saved again", () => Set(client, "rx_satisfaction", 1));
        KeyEvent("Med-aesthetics dissatisfied, the reason recorded too", () => Set(client, "rx_dormancyreason", new OptionSetValue(Option.Dissatisfied)));
        CollectionAssert.AreEqual(counts, Counts(), "the same apology is not made twice");
    }
}
