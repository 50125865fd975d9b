using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// A consumer-finance app running the consumer-finance preset: stages come from the funnel (registered, applied,
/// approved, borrowed, repaid); customers are contacted 09–21 h, by push first, then SMS, then phone.
/// </summary>
[TestClass]
public sealed class ConsumerFinanceScenarios : FieldScenario
{
    protected override string? Industry => "consumer-finance";

    /// <summary>
    /// Mr Zhou was approved for a ¥20,000 limit and has not borrowed. After 7 days the daily job makes him a
    /// Sleeping customer and the app pushes an interest-free voucher; he does not react in 3 days, so the next
    /// morning's run sends the same voucher by SMS (the preset's escalation: Push, Sms, Phone); still nothing after
    /// 3 more days, and the attempt closes without a response.
    /// </summary>
    [TestMethod]
    public void An_approved_customer_not_borrowing_for_7_days_gets_an_interest_free_voucher_by_push_then_by_SMS_three_days_later()
    {
        var customer = Customer([],
            ("rx_funnelstep", "Approved"), ("rx_funnelstepon", Now), ("rx_creditlimit", new Money(20000m)), ("rx_interestrate", 15.6m), ("address1_utcoffset", 480));
        Assert.AreEqual(Option.New, Stage(customer), "approved: a new customer for 7 days");

        var evaluated = DailyRuns("Consumer finance voucher", customer, days: 20);

        CollectionAssert.AreEqual(new[] { (8, Option.Sleeping), (12, Option.Sleeping), (16, Option.Sleeping) }, evaluated, "Sleeping on day 8, the deadline passed on day 12, the follow-up's on day 16");
        var voucher = OnlyRow("rx_incentive");
        var code = Text(voucher, "rx_code");
        Assert.AreEqual(Option.InterestFreeVoucher, Choice(voucher, "rx_type"));
        Assert.AreEqual(50m, voucher.GetAttributeValue<decimal>("rx_value"));
        Assert.AreEqual(new DateTime(2026, 4, 1, 23, 59, 0), voucher.GetAttributeValue<DateTime>("rx_validuntil"), "14 days from the push");

        var messages = All("rx_outreachmessage");
        CollectionAssert.AreEqual(new[] { Option.Push, Option.Sms }, messages.Select(m => Choice(m, "rx_channel")).ToArray());
        CollectionAssert.AreEqual(
            new[] { new DateTime(2026, 3, 18, 3, 30, 0), new DateTime(2026, 3, 22, 3, 30, 0) },
            messages.Select(m => m.GetAttributeValue<DateTime>("rx_sendafter")).ToArray(),
            "11:30 in Shanghai, inside 09-21: the push at once, the SMS the morning after three days without a response");
        foreach (var message in messages)
        {
            Assert.AreEqual("Interest-free voucher", Text(message, "subject"));
            Assert.AreEqual(
                "Your approved limit is ready. Borrow within 14 days and up to ¥50 of interest is on us.\n" +
                "Offer: Interest-free voucher (up to 50 of interest waived), code " + code + ", valid until 2026-04-01",
                Text(message, "rx_renderedtext"), "the SMS carries the voucher the push issued");
            Assert.AreEqual(Option.High, message.GetAttributeValue<OptionSetValue>("prioritycode").Value);
        }

        var attempt = OnlyRow("rx_reactivationattempt");
        Assert.AreEqual("InterestFreeVoucher", Text(attempt, "rx_offer"));
        Assert.AreEqual("202603180330 Wake Push", Text(attempt, "rx_steps"));
        StringAssert.StartsWith(Text(attempt, "rx_followupstep"), "202603220330 FollowUp Sms");
        Assert.AreEqual(Option.NoResponse, Choice(attempt, "rx_outcome"));
        Assert.AreEqual("202603260330 NoResponse: no response after the follow-up", Text(attempt, "rx_closingreason"));
        Assert.IsEmpty(All("phonecall"), "approved, not borrowing: no call");
    }
}
