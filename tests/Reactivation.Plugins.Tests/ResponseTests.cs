using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Responses move the attempt: the product's solution/ loaded into the local organisation, an attempt made by
/// the real outreach step (a contact going Silent), then the message marked as a rep or a gateway would.
/// </summary>
[TestClass]
public sealed class ResponseTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc))
{
    private static readonly int HabitChanged = ContactColumns.Reasons.ValueOf("HabitChanged");
    private static readonly int Pending = MessageColumns.Statuses.ValueOf(MessageStatus.Pending);
    private static readonly int Sent = MessageColumns.Statuses.ValueOf(MessageStatus.Sent);
    private static readonly int Replied = MessageColumns.Statuses.ValueOf(MessageStatus.Replied);
    private static readonly int Delivered = MessageColumns.Statuses.ValueOf(MessageStatus.Delivered);
    private static readonly int Clicked = MessageColumns.Statuses.ValueOf(MessageStatus.Clicked);
    private static readonly int ChannelWeChat = MessageColumns.Channels.ValueOf(ContactChannels.WeChat);

    private static readonly string[] ContactThenAttemptUpdate = ["Retrieve contact", "Update contact", "Update rx_reactivationattempt"];
    private static readonly string[] ConsentThenAttempt = ["Retrieve contact", "Update contact", "RetrieveMultiple rx_campaign", "RetrieveMultiple rx_ruleset", "Update rx_reactivationattempt"];

    [TestMethod]
    public void A_reply_to_the_message_adds_a_Replied_line_to_the_attempt_and_the_wake_step_sends_the_offer_without_reading_a_record()
    {
        var (attemptId, messageId) = AttemptWithWeChatMessage();
        var stepsBefore = Attempt(attemptId).GetAttributeValue<string>("rx_steps");
        Assert.AreEqual("202603101130 Activate WeChat", stepsBefore, "the outreach step's own line");
        SetStatus(messageId, Sent);
        Now = Now.AddDays(1).AddHours(2);
        Org.ClearLogs();

        SetStatus(messageId, Replied);

        var attempt = Attempt(attemptId);
        Assert.AreEqual("202603101130 Activate WeChat\n202603111330 Replied WeChat", attempt.GetAttributeValue<string>("rx_steps"));
        Assert.AreEqual(Now, attempt.GetAttributeValue<DateTime>("rx_respondedon"));
        Assert.AreEqual("202603111330 Replied WeChat", attempt.GetAttributeValue<string>("rx_lastresponse"));

        // The customer answered the activation: the wake step makes the offer at once, on the same attempt.
        Assert.AreEqual(Choices.AttemptStep.Wake, attempt.GetAttributeValue<OptionSetValue>("rx_currentstep").Value);
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_wakestep"), "Wake Sms");
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_wakestep"), "by WakeAfterResponse (ThankYouVoucher)");
        var voucher = Service.All("rx_outreachmessage").Single(m => m.Id != messageId);
        StringAssert.Contains(voucher.GetAttributeValue<string>("rx_renderedtext"), "Thank you for your reply!");
        Assert.AreEqual(attemptId, voucher.GetAttributeValue<EntityReference>("rx_attemptid").Id);
        var incentive = Service.All("rx_incentive").Single();
        Assert.AreEqual(attemptId, incentive.GetAttributeValue<EntityReference>("rx_attemptid").Id);
        StringAssert.Contains(voucher.GetAttributeValue<string>("rx_renderedtext"), incentive.GetAttributeValue<string>("rx_code"));

        var fromReply = Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.Depth == 1).Select(r => r.RequestName + " " + r.EntityName).ToArray();
        CollectionAssert.AreEqual(ContactThenAttemptUpdate, fromReply, "the reply step: one read of the contact's open attempt, one Update of the contact, one of the attempt");
        Assert.IsFalse(Org.RequestLog.Any(r => r.Origin == RequestOrigin.Plugin && r.Depth > 1 && r.RequestName.StartsWith("Retrieve", StringComparison.Ordinal) && r.EntityName != "rx_ruleset" && r.EntityName != "rx_campaign"),
            "the wake step reads no record; its only reads are the refresh of the rulesets and campaigns (a day has passed, more than its interval)");
        Assert.IsLessThanOrEqualTo(2, Org.TraceLog.Max(t => t.Depth));
    }

    [TestMethod]
    public void Marking_the_message_Replied_again_makes_no_request_and_no_second_line()
    {
        var (attemptId, messageId) = AttemptWithWeChatMessage();
        SetStatus(messageId, Replied);
        var after = Attempt(attemptId);
        Now = Now.AddHours(3);
        Org.ClearLogs();

        SetStatus(messageId, Replied);
        Service.Update(new Entity("rx_outreachmessage", messageId) { ["rx_messagestatus"] = new OptionSetValue(Replied), ["subject"] = "edited" });

        Assert.IsEmpty(Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin));
        var again = Attempt(attemptId);
        Assert.AreEqual(after.GetAttributeValue<string>("rx_steps"), again.GetAttributeValue<string>("rx_steps"));
        Assert.AreEqual(after.GetAttributeValue<DateTime>("rx_respondedon"), again.GetAttributeValue<DateTime>("rx_respondedon"));
    }

    [TestMethod]
    public void A_retried_attempt_update_adds_the_line_once_and_keeps_the_first_response_time()
    {
        var (attemptId, messageId) = AttemptWithWeChatMessage();
        var firstReply = Now;
        SetStatus(messageId, Replied);
        Now = Now.AddHours(1);

        // What a retry of the reply step's write would send.
        Service.Update(new Entity("rx_reactivationattempt", attemptId) { ["rx_lastresponse"] = "202603101130 Replied WeChat", ["rx_respondedon"] = Now });

        var attempt = Attempt(attemptId);
        Assert.AreEqual("202603101130 Activate WeChat\n202603101130 Replied WeChat", attempt.GetAttributeValue<string>("rx_steps"));
        Assert.AreEqual(firstReply, attempt.GetAttributeValue<DateTime>("rx_respondedon"), "the first response counts");
    }

    [TestMethod]
    public void What_the_gateway_writes_back_before_a_reply_and_messages_without_an_attempt_write_nothing()
    {
        var (attemptId, messageId) = AttemptWithWeChatMessage();
        var loose = Service.Create(new Entity("rx_outreachmessage") { ["subject"] = "hand-made", ["rx_messagestatus"] = new OptionSetValue(Pending) });
        Org.ClearLogs();

        SetStatus(messageId, Sent);
        SetStatus(messageId, Delivered);
        SetStatus(messageId, Clicked);
        SetStatus(loose, Replied);

        Assert.IsEmpty(Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin));
        Assert.IsNull(Attempt(attemptId).GetAttributeValue<DateTime?>("rx_respondedon"));
        Assert.AreEqual("202603101130 Activate WeChat", Attempt(attemptId).GetAttributeValue<string>("rx_steps"), "sent, delivered, clicked: funnel points, not a response");
    }

    // ---- opting out ----

    [TestMethod]
    public void A_reply_that_opts_out_sets_the_consent_flag_for_its_channel_and_closes_the_attempt_OptedOut()
    {
        var (attemptId, messageId) = AttemptWithWeChatMessage();
        var contactId = ContactOf(attemptId);
        Now = Now.AddHours(2);
        Org.ClearLogs();

        Service.Update(new Entity("rx_outreachmessage", messageId) { ["rx_messagestatus"] = new OptionSetValue(Replied), ["rx_responseoutcome"] = new OptionSetValue(Choices.ResponseOutcome.OptedOut) });

        Assert.IsTrue(Service.Contact(contactId).GetAttributeValue<bool>("rx_donotwechat"), "the WeChat consent flag");
        var attempt = Attempt(attemptId);
        Assert.AreEqual(Choices.AttemptOutcome.OptedOut, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.AreEqual("202603101130 Activate WeChat\n202603101330 OptedOut WeChat", attempt.GetAttributeValue<string>("rx_steps"));
        Assert.AreEqual(Now, attempt.GetAttributeValue<DateTime>("rx_respondedon"));
        var fromPlugins = Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin).Select(r => r.RequestName + " " + r.EntityName).ToArray();
        CollectionAssert.AreEqual(ConsentThenAttempt, fromPlugins, "one read of the contact's open attempt, one Update of the contact, one of the attempt; the consent change runs the outreach step, which (two hours after its last event, past the refresh interval) reads the campaigns and the active rulesets and finds its touch already made");
    }

    [TestMethod]
    public void An_opt_out_chosen_after_the_reply_was_recorded_still_sets_the_flag_and_closes_the_attempt_once()
    {
        var (attemptId, messageId) = AttemptWithWeChatMessage();
        SetStatus(messageId, Replied);
        Now = Now.AddHours(1);

        Service.Update(new Entity("rx_outreachmessage", messageId) { ["rx_responseoutcome"] = new OptionSetValue(Choices.ResponseOutcome.OptedOut) });
        Org.ClearLogs();
        Service.Update(new Entity("rx_outreachmessage", messageId) { ["rx_responseoutcome"] = new OptionSetValue(Choices.ResponseOutcome.OptedOut) });

        Assert.IsEmpty(Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin), "the same outcome again changes nothing");
        Assert.IsTrue(Service.Contact(ContactOf(attemptId)).GetAttributeValue<bool>("rx_donotwechat"));
        var attempt = Attempt(attemptId);
        Assert.AreEqual(Choices.AttemptOutcome.OptedOut, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.AreEqual("202603101130 Activate WeChat\n202603101130 Replied WeChat\n202603101230 OptedOut WeChat", attempt.GetAttributeValue<string>("rx_steps"));
    }

    [TestMethod]
    public void After_an_opt_out_later_stage_changes_send_nothing_on_that_channel()
    {
        var (attemptId, messageId) = AttemptWithWeChatMessage();
        var contactId = ContactOf(attemptId);
        Service.Update(new Entity("rx_outreachmessage", messageId) { ["rx_messagestatus"] = new OptionSetValue(Replied), ["rx_responseoutcome"] = new OptionSetValue(Choices.ResponseOutcome.OptedOut) });

        for (var day = 1; day <= 6; day++)
        {
            Now = Now.AddDays(10);
            Service.Update(new Entity("contact", contactId) { ["rx_purchaseledger"] = Ledger(46 + (day * 30), 400 + (day * 30)) });
        }

        var later = Service.All("rx_reactivationattempt").Where(a => a.Id != attemptId).ToList();
        Assert.IsNotEmpty(later, "later stages start new attempts");
        Assert.IsTrue(later.Any(a => a.GetAttributeValue<string>("rx_explanation").Contains("via WeChat: Block by NoConsent", StringComparison.Ordinal)), "WeChat is refused for want of consent");
        var weChat = Service.All("rx_outreachmessage").Where(m => m.GetAttributeValue<OptionSetValue>("rx_channel")?.Value == ChannelWeChat).ToList();
        Assert.HasCount(1, weChat, "only the message the customer opted out from");
        Assert.AreEqual(messageId, weChat[0].Id);
        Assert.AreEqual(Choices.AttemptOutcome.OptedOut, Attempt(attemptId).GetAttributeValue<OptionSetValue>("rx_outcome").Value, "the closed attempt stays closed");
    }

    // ---- helpers ----

    /// <summary>A habit-changed customer going Silent in the send window: the outreach step writes an attempt and a WeChat message.</summary>
    [TestMethod]
    public void A_converted_attempt_stays_converted_when_a_late_reply_opts_out()
    {
        var (attemptId, messageId) = AttemptWithWeChatMessage();
        Service.Update(new Entity("rx_reactivationattempt", attemptId) { ["rx_outcome"] = new OptionSetValue(Choices.AttemptOutcome.Converted) });

        Service.Update(new Entity("rx_outreachmessage", messageId) { ["rx_messagestatus"] = new OptionSetValue(Replied), ["rx_responseoutcome"] = new OptionSetValue(Choices.ResponseOutcome.OptedOut) });

        Assert.AreEqual(Choices.AttemptOutcome.Converted, Attempt(attemptId).GetAttributeValue<OptionSetValue>("rx_outcome").Value, "a closed attempt keeps its outcome");
        StringAssert.Contains(Attempt(attemptId).GetAttributeValue<string>("rx_steps"), "OptedOut WeChat", "the response is still recorded");
        Assert.IsTrue(Service.Contact(ContactOf(attemptId)).GetAttributeValue<bool>("rx_donotwechat"), "the opt-out still counts");
        StringAssert.Contains(string.Join("\n", Org.TraceLog.SelectMany(t => t.Lines)), "is closed (101770001): outcome 101770003 not applied");
    }

    private (Guid Attempt, Guid Message) AttemptWithWeChatMessage()
    {
        var contact = new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = Ledger(10, 400), ["rx_dormancyreason"] = new OptionSetValue(HabitChanged) };
        var id = Service.Create(contact);
        Service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = Ledger(46, 400) });
        var attempt = Service.All("rx_reactivationattempt").Single();
        var message = Service.All("rx_outreachmessage").Single();
        Assert.AreEqual(attempt.Id, message.GetAttributeValue<EntityReference>("rx_attemptid").Id);
        return (attempt.Id, message.Id);
    }

    private void SetStatus(Guid messageId, int status) =>
        Service.Update(new Entity("rx_outreachmessage", messageId) { ["rx_messagestatus"] = new OptionSetValue(status) });

    private string Ledger(int daysAgo, int firstDaysAgo) =>
        "P1;" + LedgerInstant.Write(Now.AddDays(-firstDaysAgo)) + "=50.00#0000000a;" + LedgerInstant.Write(Now.AddDays(-daysAgo)) + "=88.00#0000000b";

    private Guid ContactOf(Guid attemptId) => Attempt(attemptId).GetAttributeValue<EntityReference>("rx_contactid").Id;

    private Entity Attempt(Guid id) => Service.Retrieve("rx_reactivationattempt", id, new ColumnSet(true));
}
