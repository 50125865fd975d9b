using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// ContactOutreachPlugin as an admin imports and configures it: the product's solution/ loaded into the
/// local organisation (the outreach step's configuration set to the organisation's team ids, as an admin
/// does after import), a simulated clock, and the records a rep would see.
/// </summary>
[TestClass]
public sealed partial class ContactOutreachPluginTests
{
    private static readonly int Sleeping = ContactColumns.Stages.ValueOf(LifecycleStage.Sleeping);
    private static readonly int Lost = ContactColumns.Stages.ValueOf(LifecycleStage.Lost);
    private static readonly int Unknown = ContactColumns.Reasons.ValueOf("Unknown");
    private static readonly int Dissatisfied = ContactColumns.Reasons.ValueOf("Dissatisfied");
    private static readonly int Relocated = ContactColumns.Reasons.ValueOf("Relocated");
    private static readonly int Competitor = ContactColumns.Reasons.ValueOf("Competitor");
    private static readonly int NoLongerNeeded = ContactColumns.Reasons.ValueOf("NoLongerNeeded");
    private static readonly int HabitChanged = ContactColumns.Reasons.ValueOf("HabitChanged");
    private static readonly int PriceSensitive = ContactColumns.Reasons.ValueOf("PriceSensitive");
    private static readonly int Chinese = ContactColumns.Languages.ValueOf("zh-CN");
    private static readonly int ChannelSms = MessageColumns.Channels.ValueOf(ContactChannels.Sms);
    private static readonly int ChannelWeChat = MessageColumns.Channels.ValueOf(ContactChannels.WeChat);
    private static readonly int FreeTrial = IncentiveColumns.Types.ValueOf(IncentiveType.FreeTrial);

    private static readonly int[] TwoAttemptsTwoCallsOneIncentive = [2, 2, 0, 0, 1];
    private static readonly int[] OneOfEachButTasks = [1, 1, 0, 1, 1];
    private static readonly string[] UnusedPackageRequests =
        ["Upsert rx_reactivationattempt", "Upsert phonecall", "Upsert rx_outreachmessage", "Upsert rx_incentive", "Update contact"];

    private static readonly Guid ReactivationTeam = new("7e3a0c11-0000-4000-8000-0000000000a1");
    private static readonly Guid CustomerCareTeam = new("7e3a0c11-0000-4000-8000-0000000000c2");

    private DateTime _now = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;

    [TestInitialize]
    public void LoadProduct()
    {
        _org = ProductOrganization.LoadConfigured(() => _now, "utcOffsetMinutes=0;team.Reactivation=" + ReactivationTeam + ";team.CustomerCare=" + CustomerCareTeam);
        _service = _org.CreateOrganizationService(null);
    }

    // ---- what a rep sees ----

    [TestMethod]
    public void A_contact_going_Silent_with_no_known_reason_gets_an_English_call_to_ask_why_owned_by_the_contact_owner()
    {
        var id = CreateNewCustomer();

        GoSilent(id);

        var call = Single("phonecall");
        Assert.AreEqual("Ask why: no purchase for 46 days", call.GetAttributeValue<string>("subject"));
        StringAssert.StartsWith(call.GetAttributeValue<string>("description"), "Hello, it has been a while since your last visit.");
        Assert.AreEqual(new DateTime(2026, 3, 12, 23, 59, 0, DateTimeKind.Utc), call.GetAttributeValue<DateTime>("scheduledend"), "DueInDays 2, organisation-local end of day");
        Assert.AreEqual(OwnerOf(id), call.GetAttributeValue<EntityReference>("ownerid"));
        Assert.AreEqual(new EntityReference("contact", id), call.GetAttributeValue<EntityReference>("regardingobjectid"));
        Assert.AreEqual(1, call.GetAttributeValue<OptionSetValue>("prioritycode").Value, "an Activate step is normal priority");
        var attempt = Single("rx_reactivationattempt");
        Assert.AreEqual(Choices.AttemptOutcome.Open, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.AreEqual(id.ToString("D") + "|UnknownReasonCall|20260310", attempt.GetAttributeValue<string>("rx_key"));
        Assert.AreEqual("AskWhyCall", attempt.GetAttributeValue<string>("rx_offer"));
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_steps"), "Activate Phone");
        Assert.IsEmpty(_service.All("rx_outreachmessage"));
        Assert.IsEmpty(_service.All("rx_incentive"));
    }

    [TestMethod]
    public void A_Chinese_speaking_contact_going_Silent_gets_the_script_in_Chinese()
    {
        var id = CreateNewCustomer(("rx_preferredlanguage", new OptionSetValue(Chinese)));

        GoSilent(id);

        var call = Single("phonecall");
        Assert.AreEqual("了解原因：客户已 46 天未消费", call.GetAttributeValue<string>("subject"));
        StringAssert.StartsWith(call.GetAttributeValue<string>("description"), "您好，您有一段时间没来了。");
    }

    [TestMethod]
    public void A_habit_changed_contact_going_Silent_in_the_send_window_gets_a_WeChat_anniversary_message_to_send_now()
    {
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(HabitChanged)), ("rx_preferredlanguage", new OptionSetValue(Chinese)));

        GoSilent(id);

        var message = Single("rx_outreachmessage");
        Assert.AreEqual(ChannelWeChat, message.GetAttributeValue<OptionSetValue>("rx_channel").Value);
        Assert.AreEqual("FirstVisitAnniversary", message.GetAttributeValue<string>("rx_template"));
        Assert.AreEqual("400 天前的今天，您第一次来到我们这里。回复 1，我们为您预留本周的位置。", message.GetAttributeValue<string>("rx_renderedtext"));
        Assert.AreEqual(_now, message.GetAttributeValue<DateTime>("rx_sendafter"), "11:30 is inside the 11:00-12:00 window");
        Assert.AreEqual(101770000, message.GetAttributeValue<OptionSetValue>("rx_messagestatus").Value, "Pending");
        Assert.AreEqual(Single("rx_reactivationattempt").Id, message.GetAttributeValue<EntityReference>("rx_attemptid").Id);
        Assert.IsEmpty(_service.All("phonecall"));
    }

    [TestMethod]
    public void A_dissatisfied_customer_gets_the_apology_call_for_the_customer_care_team_and_a_free_trial()
    {
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(Dissatisfied)));

        GoSilent(id);

        var call = Single("phonecall");
        Assert.AreEqual("Apologise and offer a free trial with a different staff member", call.GetAttributeValue<string>("subject"));
        Assert.AreEqual(new EntityReference("team", CustomerCareTeam), call.GetAttributeValue<EntityReference>("ownerid"));
        Assert.AreEqual(2, call.GetAttributeValue<OptionSetValue>("prioritycode").Value, "a Wake step is high priority");
        Assert.AreEqual(new DateTime(2026, 3, 11, 23, 59, 0, DateTimeKind.Utc), call.GetAttributeValue<DateTime>("scheduledend"));
        var incentive = Single("rx_incentive");
        var code = incentive.GetAttributeValue<string>("rx_code");
        Assert.MatchesRegex(IncentiveCode(), code);
        Assert.AreEqual(FreeTrial, incentive.GetAttributeValue<OptionSetValue>("rx_type").Value);
        Assert.AreEqual(1m, incentive.GetAttributeValue<decimal>("rx_value"));
        Assert.AreEqual(new DateTime(2026, 4, 9, 23, 59, 0, DateTimeKind.Utc), incentive.GetAttributeValue<DateTime>("rx_validuntil"), "ValidityDays 30");
        Assert.AreEqual(101770000, incentive.GetAttributeValue<OptionSetValue>("rx_incentivestatus").Value, "Issued");
        Assert.AreEqual(new EntityReference("contact", id), incentive.GetAttributeValue<EntityReference>("rx_contactid"));
        var attempt = Single("rx_reactivationattempt");
        Assert.AreEqual(attempt.Id, incentive.GetAttributeValue<EntityReference>("rx_attemptid").Id);
        Assert.AreEqual(new DateTime(2026, 3, 13, 23, 59, 0, DateTimeKind.Utc), attempt.GetAttributeValue<DateTime>("rx_deadline"), "the Escalation's FollowUpAfterDays 3");
        Assert.AreEqual(new EntityReference("team", CustomerCareTeam), attempt.GetAttributeValue<EntityReference>("ownerid"), "the team working the call owns the attempt");
        StringAssert.Contains(call.GetAttributeValue<string>("description"), "code " + code, "the rep has the code to mention");
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_explanation"), "DissatisfiedApology matched (DormancyReason=Dissatisfied");
    }

    [TestMethod]
    public void A_customer_who_may_not_be_phoned_or_emailed_gets_the_apology_as_an_SMS_instead_of_a_call()
    {
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(Dissatisfied)), ("donotphone", true), ("donotemail", true));

        GoSilent(id);

        Assert.IsEmpty(_service.All("phonecall"), "no call on a channel the customer opted out of");
        var message = Single("rx_outreachmessage");
        Assert.AreEqual(ChannelSms, message.GetAttributeValue<OptionSetValue>("rx_channel").Value, "Phone falls back through Email (opted out) to Sms");
        Assert.AreEqual("ApologyFreeTrial.PhoneCall", message.GetAttributeValue<string>("rx_template"));
        StringAssert.StartsWith(message.GetAttributeValue<string>("rx_renderedtext"), "Hello, we are sorry your last visit did not meet your expectations.");
        var explanation = Single("rx_reactivationattempt").GetAttributeValue<string>("rx_explanation");
        StringAssert.Contains(explanation, "PhoneCall via Phone: Block by NoConsent (OptedOut)");
        StringAssert.Contains(explanation, "PhoneCall via Email: Block by NoConsent (OptedOut)");
        Assert.HasCount(1, _service.All("rx_incentive"));
    }

    [TestMethod]
    public void A_customer_who_opted_out_of_every_channel_gets_a_Suppressed_attempt_saying_NoConsent_and_nothing_else()
    {
        var id = CreateNewCustomer(
            ("rx_dormancyreason", new OptionSetValue(Dissatisfied)),
            ("donotphone", true), ("donotemail", true), ("rx_donotsms", true), ("rx_donotpush", true));

        _org.ClearLogs();

        GoSilent(id);

        var attempt = Single("rx_reactivationattempt");
        Assert.AreEqual(Choices.AttemptOutcome.Suppressed, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_explanation"), "Outcome Suppressed: every action was blocked — Phone: NoConsent (OptedOut)");
        Assert.AreEqual("RetrieveMultiple rx_ruleset, RetrieveMultiple rx_campaign, RetrieveMultiple rx_ruleset, Upsert rx_reactivationattempt", string.Join(", ", _org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin).Select(r => r.RequestName + " " + r.EntityName)), "the first Update event of the lifecycle step and of the outreach step each reads the active rulesets; then one request: the attempt");
        Assert.IsEmpty(_service.All("phonecall"));
        Assert.IsEmpty(_service.All("rx_outreachmessage"));
        Assert.IsEmpty(_service.All("rx_incentive"), "no incentive nobody can tell the customer about");
        Assert.IsNull(_service.Contact(id).GetAttributeValue<string>("rx_touchledger"), "no touch was made");
    }

    [TestMethod]
    public void Outside_the_send_windows_a_message_is_deferred_to_the_next_window_in_the_customers_time_zone_never_dropped()
    {
        _now = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc); // 17:00 in UTC+8
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(HabitChanged)), ("address1_utcoffset", 480));

        GoSilent(id);

        var message = Single("rx_outreachmessage");
        Assert.AreEqual(new DateTime(2026, 3, 10, 11, 0, 0, DateTimeKind.Utc), message.GetAttributeValue<DateTime>("rx_sendafter"), "19:00 in UTC+8");
        StringAssert.Contains(Single("rx_reactivationattempt").GetAttributeValue<string>("rx_explanation"), "Message via WeChat: Defer by MessageSendWindows, send after 2026-03-10 11:00 UTC");
        StringAssert.Contains(_service.Contact(id).GetAttributeValue<string>("rx_touchledger"), "202603101100=WeChat#", "the touch is recorded for when it goes out");
    }

    [TestMethod]
    public void Late_at_night_a_message_waits_for_the_next_mornings_window()
    {
        _now = new DateTime(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc); // 22:00 in UTC+8
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(HabitChanged)), ("address1_utcoffset", 480));

        GoSilent(id);

        Assert.AreEqual(new DateTime(2026, 3, 11, 3, 0, 0, DateTimeKind.Utc), Single("rx_outreachmessage").GetAttributeValue<DateTime>("rx_sendafter"), "11:00 next day in UTC+8");
    }

    [TestMethod]
    public void A_Lost_customers_attempt_belongs_to_the_reactivation_team_and_is_suppressed_outside_a_campaign()
    {
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(Relocated)));

        _service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = Ledger(200) });

        var contact = _service.Contact(id);
        Assert.AreEqual(Lost, contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        var attempt = Single("rx_reactivationattempt");
        Assert.AreEqual(new EntityReference("team", ReactivationTeam), attempt.GetAttributeValue<EntityReference>("ownerid"), "Assign: only the reactivation team contacts lost customers");
        Assert.AreEqual(Choices.AttemptOutcome.Suppressed, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_explanation"), "LostOnlyInCampaigns (LostOutsideCampaign)");
        Assert.IsEmpty(_service.All("task"));
    }

    [TestMethod]
    public void A_team_the_configuration_does_not_name_falls_back_to_the_contact_owner()
    {
        _org = ProductOrganization.Load(() => _now);
        _service = _org.CreateOrganizationService(null);
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(Dissatisfied)));

        GoSilent(id);

        Assert.AreEqual(OwnerOf(id), Single("phonecall").GetAttributeValue<EntityReference>("ownerid"));
        Assert.IsTrue(_org.TraceLog.SelectMany(t => t.Lines).Any(l => l.Contains("Team CustomerCare is not configured", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void A_satisfaction_rating_of_2_on_a_Silent_customer_starts_the_apology_without_a_stage_change()
    {
        var id = CreateNewCustomer();
        GoSilent(id);

        _service.Update(new Entity("contact", id) { ["rx_satisfaction"] = 2 });

        var apology = _service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<string>("rx_offer") == "ApologyFreeTrial");
        StringAssert.Contains(apology.GetAttributeValue<string>("rx_explanation"), "Satisfaction=2");
        Assert.HasCount(2, _service.All("phonecall"), "the ask-why call from going Silent, then the apology");
        Assert.HasCount(1, _service.All("rx_incentive"));
    }

    [TestMethod]
    public void A_suppressed_attempt_goes_ahead_once_the_customer_allows_a_channel_again()
    {
        var id = CreateNewCustomer(
            ("rx_dormancyreason", new OptionSetValue(PriceSensitive)),
            ("donotemail", true), ("rx_donotsms", true), ("rx_donotpush", true), ("donotphone", true));
        GoSilent(id);
        Assert.AreEqual(Choices.AttemptOutcome.Suppressed, Single("rx_reactivationattempt").GetAttributeValue<OptionSetValue>("rx_outcome").Value);

        _service.Update(new Entity("contact", id) { ["rx_donotsms"] = false });

        var attempt = Single("rx_reactivationattempt");
        Assert.AreEqual(Choices.AttemptOutcome.Open, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value, "the same attempt (same key), now Open");
        var message = Single("rx_outreachmessage");
        Assert.AreEqual(ChannelSms, message.GetAttributeValue<OptionSetValue>("rx_channel").Value);
        StringAssert.StartsWith(message.GetAttributeValue<string>("rx_renderedtext"), "A 50 voucher is waiting for you, valid for 30 days.");
        Assert.AreEqual(50m, Single("rx_incentive").GetAttributeValue<decimal>("rx_value"));
    }

    // ---- idempotent, cheap, loop-free ----

    [TestMethod]
    public void Replaying_the_same_update_creates_nothing_twice_and_makes_no_request()
    {
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(Dissatisfied)));
        GoSilent(id);
        var before = Counts();
        _org.ClearLogs();

        GoSilent(id);
        _service.Update(new Entity("contact", id) { ["rx_dormancyreason"] = new OptionSetValue(Dissatisfied) });

        CollectionAssert.AreEqual(before, Counts());
        Assert.IsEmpty(_org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin));
    }

    [TestMethod]
    public void Two_executions_of_the_step_for_the_same_event_create_nothing_twice()
    {
        var outreach = _org.Steps.Single(s => s.PluginTypeName == "Reactivation.Plugins.Outreach.ContactOutreachPlugin");
        _org.Register(outreach with { StepId = Guid.NewGuid(), Name = outreach.Name + " (registered twice)", Rank = 2 });
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(UnusedPackageValue)), ("rx_remainingsessions", 3));

        GoSilent(id);

        Assert.HasCount(2, _org.TraceLog.Where(t => t.StepName.Contains("Outreach", StringComparison.Ordinal)));
        CollectionAssert.AreEqual(OneOfEachButTasks, Counts(), "attempt, phone call, SMS, incentive: once each");
        Assert.HasCount(2, TouchLedger.Parse(_service.Contact(id).GetAttributeValue<string>("rx_touchledger")).Touches, "the call and the SMS, each recorded once");
    }

    [TestMethod]
    public void The_same_rule_firing_again_in_the_same_stage_period_writes_nothing_twice()
    {
        var id = CreateNewCustomer();
        GoSilent(id); // AskWhyCall
        SetReason(id, Dissatisfied); // ApologyFreeTrial: a second attempt
        var before = Counts();
        _org.ClearLogs();

        SetReason(id, Unknown); // AskWhyCall again: its touch is in the ledger
        SetReason(id, Dissatisfied);

        CollectionAssert.AreEqual(before, Counts());
        CollectionAssert.AreEqual(TwoAttemptsTwoCallsOneIncentive, Counts(), "attempts, phone calls, tasks, messages, incentives");
        Assert.IsEmpty(_org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin));
    }

    [TestMethod]
    public void A_transition_makes_one_request_per_record_it_writes_no_reads_and_stays_within_depth_2()
    {
        // The step's first event reads the active rulesets (ActiveRulesetTests counts that read): warm it on another
        // customer, within the refresh interval, so the log holds this transition only.
        GoSilent(CreateNewCustomer());
        var before = Counts();
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(UnusedPackageValue)), ("rx_remainingsessions", 3));
        _org.ClearLogs();

        GoSilent(id);

        var fromPlugins = _org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin).ToList();
        // UnusedPackageReminder: attempt, phone call, SMS, incentive, and the touch ledger on the contact.
        CollectionAssert.AreEqual(
            UnusedPackageRequests,
            fromPlugins.Select(r => r.RequestName + " " + r.EntityName).ToArray());
        Assert.IsFalse(fromPlugins.Any(r => r.RequestName is "Retrieve" or "RetrieveMultiple"));
        Assert.IsLessThanOrEqualTo(2, _org.TraceLog.Max(t => t.Depth));
        Assert.HasCount(1, _org.TraceLog.Where(t => t.StepName.Contains("Outreach", StringComparison.Ordinal)), "the plugin's own contact update re-fires no step");
        CollectionAssert.AreEqual(OneOfEachButTasks, Counts().Zip(before, (after, warm) => after - warm).ToArray());
    }

    [TestMethod]
    public void An_update_that_changes_nothing_relevant_makes_no_request_from_plugin_code()
    {
        var id = CreateNewCustomer();
        GoSilent(id);
        _org.ClearLogs();

        _service.Update(new Entity("contact", id) { ["firstname"] = "Mei" });
        _service.Update(new Entity("contact", id) { ["rx_satisfaction"] = null, ["donotphone"] = false });
        _service.Update(new Entity("contact", id) { ["rx_tier"] = "Gold" });

        Assert.IsEmpty(_org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin));
    }

    [TestMethod]
    public void Caps_hold_across_many_events_a_Sleeping_customer_is_touched_once_in_14_days_and_twice_in_30()
    {
        var id = CreateNewCustomer();
        _service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = Ledger(100) });
        Assert.AreEqual(Sleeping, _service.Contact(id).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        int[] reasons = [Competitor, PriceSensitive, NoLongerNeeded, HabitChanged, Dissatisfied, Unknown];

        for (var day = 1; day <= 40; day++)
        {
            _now = _now.AddDays(1);
            SetReason(id, reasons[day % reasons.Length]);
        }

        var touches = TouchLedger.Parse(_service.Contact(id).GetAttributeValue<string>("rx_touchledger")).Touches.Select(t => t.WhenUtc.Date).ToList();
        Assert.IsGreaterThanOrEqualTo(3, touches.Count, "the cap spaces touches out, it does not stop them");
        foreach (var day in touches)
        {
            Assert.IsLessThanOrEqualTo(1, touches.Count(t => t > day.AddDays(-14) && t <= day), "at most one touch in any 14 days");
            Assert.IsLessThanOrEqualTo(2, touches.Count(t => t > day.AddDays(-30) && t <= day), "at most two touches in any 30 days");
        }

        Assert.AreEqual(touches.Count, _service.All("phonecall").Count + _service.All("rx_outreachmessage").Count + _service.All("task").Count, "every activity and message is a recorded touch");
        Assert.IsTrue(_service.All("rx_reactivationattempt").Any(a => a.GetAttributeValue<string>("rx_explanation").Contains("CapReached", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void An_attempt_that_went_out_in_part_keeps_what_was_made_and_sends_the_rest_when_the_cap_allows()
    {
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(UnusedPackageValue)), ("rx_remainingsessions", 3));
        _service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = Ledger(100) }); // Sleeping: one touch per 14 days
        Assert.HasCount(1, _service.All("phonecall"));
        Assert.IsEmpty(_service.All("rx_outreachmessage"), "the SMS waits: the call used the cap");

        _now = _now.AddDays(1);
        _service.Update(new Entity("contact", id) { ["rx_donotwechat"] = true }); // a consent change: the same rule again, a day later

        var attempt = _service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<string>("rx_offer") == "UnusedPackageReminder");
        Assert.AreEqual(Choices.AttemptOutcome.Open, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value, "the call that went out is not undone");
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_steps"), "Wake Phone");
        Assert.HasCount(1, _service.All("phonecall"));
        Assert.IsEmpty(_service.All("rx_outreachmessage"));

        _now = _now.AddDays(15);
        _service.Update(new Entity("contact", id) { ["rx_donotwechat"] = false });

        attempt = _service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<string>("rx_offer") == "UnusedPackageReminder");
        Assert.AreEqual(ChannelSms, Single("rx_outreachmessage").GetAttributeValue<OptionSetValue>("rx_channel").Value, "16 days after the call the SMS may go");
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_steps"), "Wake Phone");
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_steps"), "Wake Sms");
        Assert.HasCount(1, _service.All("phonecall"));
        Assert.HasCount(1, _service.All("rx_incentive"));
    }

    [TestMethod]
    public void The_explanation_names_rules_and_facts_but_never_the_customers_name_phone_or_email()
    {
        var id = CreateNewCustomer(("rx_dormancyreason", new OptionSetValue(Dissatisfied)), ("mobilephone", "13800138000"), ("emailaddress1", "mei.li@example.com"));

        GoSilent(id);

        var explanation = Single("rx_reactivationattempt").GetAttributeValue<string>("rx_explanation");
        StringAssert.Contains(explanation, "Offer ApologyFreeTrial (Wake)");
        foreach (var personal in new[] { "Li", "13800138000", "mei.li", "example.com" })
        {
            Assert.IsFalse(Regex.IsMatch(explanation, "\\b" + Regex.Escape(personal) + "\\b"), personal);
        }

        var trace = string.Join("\n", _org.TraceLog.SelectMany(t => t.Lines));
        Assert.DoesNotContain("13800138000", trace);
        Assert.DoesNotContain("example.com", trace);
    }

    // ---- helpers ----

    private static readonly int UnusedPackageValue = ContactColumns.Reasons.ValueOf("UnusedPackage");

    private Guid CreateNewCustomer(params (string Column, object Value)[] columns)
    {
        var contact = new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = Ledger(10, 400) };
        foreach (var (column, value) in columns) contact[column] = value;
        return _service.Create(contact);
    }

    /// <summary>The last order moves 46 days back: the lifecycle plugin stamps Silent, the outreach step follows.</summary>
    private void GoSilent(Guid id) => _service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = Ledger(46, 400) });

    private void SetReason(Guid id, int reason) => _service.Update(new Entity("contact", id) { ["rx_dormancyreason"] = new OptionSetValue(reason) });

    /// <summary>One order <paramref name="daysAgo"/> days ago, and optionally a first visit <paramref name="firstDaysAgo"/> days ago.</summary>
    private string Ledger(int daysAgo, int? firstDaysAgo = null)
    {
        var entries = new List<string>();
        if (firstDaysAgo is { } first) entries.Add(LedgerInstant.Write(_now.AddDays(-first)) + "=50.00#0000000a");
        entries.Add(LedgerInstant.Write(_now.AddDays(-daysAgo)) + "=88.00#0000000b");
        return "P1;" + string.Join(";", entries);
    }

    private EntityReference OwnerOf(Guid id) => _service.Contact(id).GetAttributeValue<EntityReference>("ownerid");

    private Entity Single(string table)
    {
        var rows = _service.All(table);
        Assert.HasCount(1, rows, table);
        return rows[0];
    }

    private int[] Counts() => [_service.All("rx_reactivationattempt").Count, _service.All("phonecall").Count, _service.All("task").Count, _service.All("rx_outreachmessage").Count, _service.All("rx_incentive").Count];

    [GeneratedRegex("^RX-[0-9A-HJKMNP-TV-Z]{8}$")]
    private static partial Regex IncentiveCode();
}
