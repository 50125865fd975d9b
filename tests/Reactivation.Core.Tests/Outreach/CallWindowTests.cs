using Reactivation.Core.Facts;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests.Outreach;

/// <summary>
/// The call window a rep reads and the due time it gives, from a clinic's contact policy: calls 10–12 and 14–20 h in the
/// customer's time (a Defer rule on LocalHour), none on Sundays (a Block rule on LocalWeekday). The customer is in
/// Shanghai (+8); today is Sunday 15 June 2025, 20:00 hers.
/// </summary>
[TestClass]
public sealed class CallWindowTests
{
    private const string ClinicPolicy = """
        { "WorkflowName": "ContactPolicy.Clinic", "Rules": [
          { "RuleName": "CallHours", "SuccessEvent": "Defer",
            "Expression": "customer.Channel == \"Phone\" && (customer.LocalHour < 10 || customer.LocalHour >= 20 || customer.LocalHour == 12 || customer.LocalHour == 13)",
            "Properties": { "Channels": [ "Phone" ], "SendWindows": [ "10:00-12:00", "14:00-20:00" ], "ReasonCode": "QuietHours" } },
          { "RuleName": "NoSundayCalls", "SuccessEvent": "Block",
            "Expression": "customer.Channel == \"Phone\" && customer.LocalWeekday == \"Sunday\"",
            "Properties": { "Channels": [ "Phone" ], "ReasonCode": "Sunday" } } ] }
        """;

    private static readonly DateTime CustomerNow = Now.AddHours(8);

    [TestMethod]
    public void A_call_due_tomorrow_is_due_at_the_end_of_the_afternoon_window_and_the_rep_reads_both_windows()
    {
        var window = Window(daysAhead: 1);

        Assert.AreEqual(new DateTime(2025, 6, 16), window.CustomerDate, "Monday, her day");
        Assert.IsTrue(window.Restricts);
        Assert.AreEqual(new DateTime(2025, 6, 16, 20, 0, 0), window.LastCallableEnd, "20:00 her time: 12:00 UTC");
        Assert.AreEqual("Call window (customer's time): 10:00–12:00, 14:00–20:00", window.RepLine("en"));
        Assert.AreEqual("可联系时段（客户当地时间）：10:00–12:00、14:00–20:00", window.RepLine("zh-CN"));
    }

    [TestMethod]
    public void On_a_day_the_policy_allows_no_call_there_is_no_window_to_be_due_in()
    {
        var sunday = Window(daysAhead: 0);

        Assert.IsNull(sunday.LastCallableEnd, "Sundays are blocked all day");
        Assert.IsNull(sunday.RepLine("en"), "no window line: the planner keeps the organisation's end of day");
    }

    [TestMethod]
    public void A_policy_without_hour_rules_for_the_channel_leaves_every_hour_callable()
    {
        var builder = new CustomerFactsBuilder(Customer());

        var window = CallWindow.For(builder, Policy, "Phone", 1, CustomerNow, (channels, days) => builder.CountTouches(channels, days));

        Assert.IsFalse(window.Restricts, "the shipped default policy has no call hours");
        Assert.AreEqual(new DateTime(2025, 6, 17), window.LastCallableEnd, "the end of the day");
        Assert.IsNull(window.RepLine("zh-CN"));
    }

    private static CallWindow Window(int daysAhead)
    {
        var policy = RulesetLoader.Load(ClinicPolicy, "clinic.json").GetRulesetOrThrow();
        var builder = new CustomerFactsBuilder(Customer());
        return CallWindow.For(builder, policy, "Phone", daysAhead, CustomerNow, (channels, days) => builder.CountTouches(channels, days));
    }

    private static CustomerFactsInput Customer()
    {
        var input = InputWithPurchasesDaysAgo(60);
        input.Stage = "Silent";
        input.ConsentPhone = true;
        input.CustomerTimeZone = TimeZoneInfo.CreateCustomTimeZone("Shanghai", TimeSpan.FromHours(8), "Shanghai", "Shanghai");
        return input;
    }
}
