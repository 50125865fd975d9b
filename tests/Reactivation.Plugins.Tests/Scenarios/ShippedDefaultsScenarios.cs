using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// A shop on the shipped default rulesets (rules/default/): Silent after 45 days, Sleeping after 90, Lost after 180;
/// Sleeping customers touched at most once in 14 days and twice in 30; Lost customers only in campaigns and only by
/// the reactivation team; reps call to ask why, and a reply to the activation brings a thank-you voucher.
/// </summary>
[TestClass]
public sealed class ShippedDefaultsScenarios : FieldScenario
{
    private static readonly int[] Reasons = [Option.Competitor, Option.PriceSensitive, Option.HabitChanged, Option.Dissatisfied, Option.Unknown];

    protected override string? Industry => null;

    /// <summary>
    /// Mr Wu has not bought for 95 days: a Sleeping customer. Over two months the shop's staff keep editing his
    /// record — the reason he stopped, his satisfaction, his WeChat consent — an integration replays some of those
    /// saves, and the daily job runs every morning. However many events, he is touched at most once in any 14 days
    /// and twice in any 30, and every touch is a call or message a rep can see.
    /// </summary>
    [TestMethod]
    public void A_sleeping_customer_is_never_touched_more_than_the_caps_allow_across_edits_replays_and_daily_runs()
    {
        var customer = Customer([200, 95]);
        Assert.AreEqual(Option.Sleeping, Stage(customer));

        for (var day = 1; day <= 60; day++)
        {
            Now = Now.AddDays(1);
            KeyEvent("Sleeping caps, daily job on day " + day, () => DailyRun());
            var reason = new OptionSetValue(Reasons[day % Reasons.Length]);
            KeyEvent("Sleeping caps, reason edited on day " + day, () => Set(customer, "rx_dormancyreason", reason));
            if (day % 2 == 0) KeyEvent("Sleeping caps, the same save replayed on day " + day, () => Set(customer, "rx_dormancyreason", reason));
            if (day % 5 == 0) KeyEvent("Sleeping caps, satisfaction rated on day " + day, () => Set(customer, "rx_satisfaction", 2 + (day / 5 % 4)));
            if (day % 7 == 0) KeyEvent("Sleeping caps, WeChat consent toggled on day " + day, () => Set(customer, "rx_donotwechat", day % 14 == 0));
        }

        Assert.AreEqual(Option.Sleeping, Stage(customer), "still Sleeping: 155 days");
        var touches = Touches(customer).Select(t => DateTime.Parse(t[..10], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.IsGreaterThanOrEqualTo(4, touches.Count, "the caps space the touches out; they do not stop them");
        foreach (var day in touches)
        {
            Assert.IsLessThanOrEqualTo(1, touches.Count(t => t > day.AddDays(-14) && t <= day), "at most one touch in any 14 days (" + day.ToShortDateString() + ")");
            Assert.IsLessThanOrEqualTo(2, touches.Count(t => t > day.AddDays(-30) && t <= day), "at most two touches in any 30 days (" + day.ToShortDateString() + ")");
        }

        Assert.AreEqual(touches.Count, All("phonecall").Count + All("task").Count + All("rx_outreachmessage").Count, "every call, task and message is a counted touch, and each touch one of them");
        Assert.IsTrue(All("rx_reactivationattempt").Any(a => Text(a, "rx_explanation").Contains("CapReached", StringComparison.Ordinal)), "the manager sees why the others were held back");
        Assert.IsLessThanOrEqualTo(All("rx_reactivationattempt").Count, All("rx_incentive").Count, "no more incentives than attempts");
    }

    /// <summary>
    /// Mrs Qian has not bought for six months. When the daily job makes her Lost, nobody may contact her outside a
    /// campaign: her attempt is suppressed and belongs to the reactivation team, with no call or message, and no
    /// campaign is planned to retry it in. Two days later the store manager starts the spring win-back campaign for
    /// Lost customers: the next morning's daily job brings her in and the same attempt goes ahead — and the call to
    /// ask why, which the offer gives to her usual rep, is the reactivation team's.
    /// </summary>
    [TestMethod]
    public void A_lost_customer_is_contacted_only_in_a_campaign_and_then_only_by_the_reactivation_team()
    {
        var customer = Customer([300, 170]);
        Now = Now.AddDays(11);

        KeyEvent("Lost customer, daily job makes her Lost", () => DailyRun());

        Assert.AreEqual(Option.Lost, Stage(customer));
        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Suppressed, Choice(attempt, "rx_outcome"));
        Assert.AreEqual(ReactivationTeam, attempt.GetAttributeValue<EntityReference>("ownerid"), "the team counts its suppressed attempts too");
        StringAssert.Contains(Text(attempt, "rx_explanation"), "PhoneCall via Phone: Block by LostOnlyInCampaigns (LostOutsideCampaign)");
        Assert.IsEmpty(All("phonecall"));
        Assert.IsEmpty(All("rx_outreachmessage"));
        Assert.IsEmpty(Touches(customer));
        Assert.IsNull(attempt.GetAttributeValue<DateTime?>("rx_retryon"), "no campaign is planned: nothing lifts the block by itself");

        Now = Now.AddDays(2);
        var campaign = Service.Create(new Entity("rx_campaign")
        {
            ["rx_name"] = "Spring win-back", ["rx_startson"] = Now, ["rx_endson"] = Now.AddDays(14), ["rx_stages"] = "Lost",
        });
        KeyEvent("Lost customer, the spring campaign starts: the daily job brings her in", () => DailyRun());

        attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Open, Choice(attempt, "rx_outcome"), "the same attempt, now going ahead");
        Assert.IsFalse(Text(attempt, "rx_explanation").Contains("LostOutsideCampaign", StringComparison.Ordinal), "inside the campaign nothing blocks her");
        Assert.IsNotNull(Service.Retrieve("rx_campaign", campaign, new ColumnSet("rx_broughtinon")).GetAttributeValue<DateTime?>("rx_broughtinon"), "every Lost customer brought in");
        Assert.AreEqual(ReactivationTeam, attempt.GetAttributeValue<EntityReference>("ownerid"));
        var call = OnlyRow("phonecall");
        Assert.AreEqual("Ask why: no purchase for 183 days", Text(call, "subject"));
        Assert.AreEqual(ReactivationTeam, call.GetAttributeValue<EntityReference>("ownerid"), "Assign: the reactivation team, not her usual rep");
        Assert.AreEqual(new DateTime(2026, 3, 25, 23, 59, 0), call.GetAttributeValue<DateTime>("scheduledend"));
        Assert.AreEqual(attempt.Id, call.GetAttributeValue<EntityReference>("rx_attemptid").Id);
    }

    /// <summary>
    /// Mr Feng stopped coming because of the prices. On his 46th day the daily job sends him the win-back voucher by
    /// SMS; two days later he pays at the till with its code. The order converts his attempt (revenue and order on
    /// it) and redeems the voucher; he is an Active customer again.
    /// </summary>
    [TestMethod]
    public void An_order_after_outreach_converts_the_attempt_and_redeems_the_voucher_it_issued()
    {
        var (customer, code) = PriceSensitiveCustomerWithVoucher();
        Now = Now.AddDays(2);
        Guid order = default;

        var requests = KeyEvent("Order with the voucher code", () => order = PaidOrder(customer, 188m, code));

        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual(Option.Converted, Choice(attempt, "rx_outcome"));
        Assert.AreEqual(order, attempt.GetAttributeValue<EntityReference>("rx_convertingorderid").Id);
        Assert.AreEqual(188m, attempt.GetAttributeValue<Money>("rx_revenue").Value);
        var voucher = OnlyRow("rx_incentive");
        Assert.AreEqual(Option.Redeemed, Choice(voucher, "rx_incentivestatus"));
        Assert.AreEqual(order, voucher.GetAttributeValue<EntityReference>("rx_redeemedbyorderid").Id);
        var contact = Contact(customer);
        Assert.AreEqual(Option.Active, Stage(customer), "back within 45 days of his last purchase");
        Assert.AreEqual(3, contact.GetAttributeValue<int>("rx_purchasecount"));
        Assert.IsNull(contact.GetAttributeValue<EntityReference>("rx_openattemptid"), "nothing open any more");
        CollectionAssert.AreEqual(
            new[]
            {
                "Retrieve contact", "Update contact", "RetrieveMultiple rx_incentive", "Update rx_incentive",
                "RetrieveMultiple rx_reactivationattempt", "Update salesorder", "Update rx_reactivationattempt",
            },
            requests.Where(r => !r.EndsWith("rx_ruleset", StringComparison.Ordinal)).ToArray(),
            "the order step's seven requests (ledger, voucher, attribution); the lifecycle step on its contact update (depth 2) reads only the rulesets");
        Assert.AreEqual(AttemptColumns.Attributions.ValueOf(Core.Measurement.AttemptAttribution.Redeemed), Choice(attempt, "rx_attribution"), "his code: the win-back is the attempt's");
        Assert.AreEqual(188m, attempt.GetAttributeValue<Money>("rx_revenueinwindow").Value);
    }

    /// <summary>
    /// The till's integration sends Mr Feng's paid order again, and later the back office marks it fulfilled. The
    /// order is counted once, the voucher stays redeemed by it, the attempt stays converted, and nothing new appears.
    /// </summary>
    [TestMethod]
    public void A_replayed_order_counts_once_and_creates_nothing_twice()
    {
        var (customer, code) = PriceSensitiveCustomerWithVoucher();
        Now = Now.AddDays(2);
        var paidOn = Now;
        var order = PaidOrder(customer, 188m, code);
        var counts = Counts();
        Now = Now.AddHours(1);

        var replay = KeyEvent("Order replayed", () => Service.Update(new Entity("salesorder", order) { ["rx_paidon"] = paidOn, ["rx_incentivecode"] = code }));
        var fulfilled = KeyEvent("Order fulfilled later", () => Service.Update(new Entity("salesorder", order)
        {
            ["statecode"] = new OptionSetValue(3), ["statuscode"] = new OptionSetValue(100001), ["datefulfilled"] = Now,
        }));

        CollectionAssert.AreEqual(new[] { "Retrieve contact", "RetrieveMultiple rx_incentive" }, replay.ToArray(), "a replay reads, finds its ledger entry and the voucher already redeemed by it, and writes nothing");
        CollectionAssert.AreEqual(new[] { "Retrieve contact" }, fulfilled.ToArray(), "paid first, so fulfilling counts nothing new");
        CollectionAssert.AreEqual(counts, Counts());
        Assert.AreEqual(3, Contact(customer).GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(Option.Converted, Choice(OnlyRow("rx_reactivationattempt"), "rx_outcome"));
        Assert.AreEqual(order, OnlyRow("rx_incentive").GetAttributeValue<EntityReference>("rx_redeemedbyorderid").Id);
    }

    /// <summary>
    /// Four Silent customers with no known reason each get the rep's call to ask why. The rep completes each call
    /// with what happened. Interested: the customer answered the activation, so the thank-you voucher goes out by SMS
    /// at once (the wake step). Not interested: the attempt closes Declined. Wrong number: nobody was reached, the
    /// attempt waits for its deadline. Opted out: she may not be phoned again, and the attempt closes OptedOut.
    /// </summary>
    [TestMethod]
    public void A_rep_completing_the_ask_why_call_as_Interested_Not_Interested_Wrong_Number_or_Opted_Out_moves_the_attempt_and_the_contact()
    {
        var interested = CompletedAskWhyCall(Option.Interested);
        var notInterested = CompletedAskWhyCall(Option.NotInterested);
        var wrongNumber = CompletedAskWhyCall(Option.WrongNumber);
        var optedOut = CompletedAskWhyCall(Option.ResponseOptedOut);

        // Interested: responded, and the wake offer follows on the same attempt.
        Assert.AreEqual(Option.Open, Choice(interested.Attempt, "rx_outcome"));
        Assert.AreEqual(Option.Wake, Choice(interested.Attempt, "rx_currentstep"));
        Assert.AreEqual(Now, interested.Attempt.GetAttributeValue<DateTime>("rx_respondedon"));
        StringAssert.EndsWith(Text(interested.Attempt, "rx_steps"), "\n202603130530 Interested Phone");
        StringAssert.Contains(Text(interested.Attempt, "rx_wakestep"), "by WakeAfterResponse (ThankYouVoucher)");
        var thanks = All("rx_outreachmessage").Single(m => m.GetAttributeValue<EntityReference>("regardingobjectid").Id == interested.Contact.Id);
        var voucher = All("rx_incentive").Single(i => i.GetAttributeValue<EntityReference>("rx_contactid").Id == interested.Contact.Id);
        Assert.AreEqual(Option.Sms, Choice(thanks, "rx_channel"));
        Assert.AreEqual(
            "Thank you for your reply! As promised, a 50 voucher is waiting for you, valid for 14 days.\nOffer: Thank-you voucher (a voucher worth 50), code " + Text(voucher, "rx_code") + ", valid until 2026-03-27",
            Text(thanks, "rx_renderedtext"));
        Assert.AreEqual(interested.Attempt.Id, interested.Contact.GetAttributeValue<EntityReference>("rx_openattemptid").Id, "still the open attempt, now at Wake");

        // Not interested: closed Declined; the contact carries no open attempt.
        Assert.AreEqual(Option.Declined, Choice(notInterested.Attempt, "rx_outcome"));
        StringAssert.EndsWith(Text(notInterested.Attempt, "rx_steps"), "\n202603130530 NotInterested Phone");
        Assert.IsNull(notInterested.Contact.GetAttributeValue<EntityReference>("rx_openattemptid"));

        // Wrong number: recorded, not a response; the attempt stays open until its deadline.
        Assert.AreEqual(Option.Open, Choice(wrongNumber.Attempt, "rx_outcome"));
        StringAssert.EndsWith(Text(wrongNumber.Attempt, "rx_steps"), "\n202603130530 WrongNumber Phone");
        Assert.IsNull(wrongNumber.Attempt.GetAttributeValue<DateTime?>("rx_respondedon"));
        Assert.AreEqual(wrongNumber.Attempt.Id, wrongNumber.Contact.GetAttributeValue<EntityReference>("rx_openattemptid").Id);

        // Opted out: no more calls, the attempt closed OptedOut, and the consent change starts nothing new.
        Assert.IsTrue(optedOut.Contact.GetAttributeValue<bool>("donotphone"));
        Assert.AreEqual(Option.OptedOut, Choice(optedOut.Attempt, "rx_outcome"));
        StringAssert.EndsWith(Text(optedOut.Attempt, "rx_steps"), "\n202603130530 OptedOut Phone");
        Assert.IsNull(optedOut.Contact.GetAttributeValue<EntityReference>("rx_openattemptid"));

        Assert.HasCount(4, All("phonecall"), "one call each, none added");
        Assert.HasCount(1, All("rx_outreachmessage"), "only the interested customer's thank-you");
        Assert.HasCount(4, All("rx_reactivationattempt"));
    }

    /// <summary>A price-sensitive customer whose 46th day without a purchase brings the win-back voucher by SMS; returns the contact and the code.</summary>
    private (Guid Customer, string Code) PriceSensitiveCustomerWithVoucher()
    {
        var customer = Customer([100, 40], ("rx_dormancyreason", new OptionSetValue(Option.PriceSensitive)));
        Now = Now.AddDays(6).AddHours(8); // 11:30, inside the 11-12 send window
        KeyEvent("Price-sensitive customer goes Silent", () => DailyRun());
        var sms = OnlyRow("rx_outreachmessage");
        var code = Text(OnlyRow("rx_incentive"), "rx_code");
        Assert.AreEqual(Option.Sms, Choice(sms, "rx_channel"));
        StringAssert.StartsWith(Text(sms, "rx_renderedtext"), "A 50 voucher is waiting for you, valid for 30 days.\nOffer: Win-back voucher (a voucher worth 50), code " + code);
        return (customer, code);
    }

    /// <summary>A customer going Silent with no known reason gets the rep's ask-why call; the rep completes it with an outcome (the next day, 05:30).</summary>
    private (Entity Contact, Entity Attempt) CompletedAskWhyCall(int outcome)
    {
        Now = new DateTime(2026, 3, 12, 3, 30, 0, DateTimeKind.Utc);
        var customer = Customer([100, 40]);
        KeyEvent("Ask-why call, the customer goes Silent", () => Set(customer, "rx_purchaseledger", Visits(106, 46)));
        var call = All("phonecall").Single(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id == customer);
        Assert.AreEqual("Ask why: no purchase for 46 days", Text(call, "subject"));
        Now = Now.AddDays(1).AddHours(2);

        KeyEvent("Ask-why call completed with outcome " + outcome, () => Service.Update(new Entity("phonecall", call.Id)
        {
            ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2), ["rx_responseoutcome"] = new OptionSetValue(outcome),
        }));

        return (Contact(customer), Row(call.GetAttributeValue<EntityReference>("rx_attemptid")));
    }
}
