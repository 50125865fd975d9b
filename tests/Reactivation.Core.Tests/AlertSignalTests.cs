using Reactivation.Core.Facts;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>
/// The alert customer of seed 003 (issue 14, item 3): the signs that precede leaving, as facts a care rule reads —
/// SpendFalling, DaysSinceMissedAppointment and their count AlertSignals. Every value worked by hand.
/// </summary>
[TestClass]
public sealed class AlertSignalTests
{
    private static CustomerFactsInput Orders(params (int DaysAgo, decimal Amount)[] orders)
    {
        var input = new CustomerFactsInput { UtcNow = Now };
        foreach (var (days, amount) in orders) input.Purchases.Add(new Purchase(Now.AddDays(-days).AddHours(-2), amount));
        return input;
    }

    [TestMethod]
    public void Spend_falls_when_the_last_order_is_below_70_percent_of_the_earlier_average()
    {
        // Earlier 300 and 500: average 400, 70 % is 280.
        Assert.IsTrue(CustomerFactsBuilder.Build(Orders((60, 300m), (30, 500m), (5, 279.99m))).SpendFalling);
        Assert.IsFalse(CustomerFactsBuilder.Build(Orders((60, 300m), (30, 500m), (5, 280m))).SpendFalling, "exactly 70 % has not fallen");
        Assert.IsFalse(CustomerFactsBuilder.Build(Orders((30, 500m), (5, 10m))).SpendFalling, "one earlier order is not a habit to fall from");
        // The last in time counts, not the last in the list; a future-dated order has not happened.
        Assert.IsTrue(CustomerFactsBuilder.Build(Orders((5, 100m), (60, 300m), (30, 500m), (-3, 900m))).SpendFalling);
    }

    [TestMethod]
    public void A_missed_appointment_counts_its_days_and_is_a_sign_for_30_days()
    {
        var input = InputWithPurchasesDaysAgo(10, 20, 30);
        input.MissedAppointmentUtc = Now.AddDays(-30).AddHours(-1);
        var facts = CustomerFactsBuilder.Build(input);
        Assert.AreEqual((30, 1), (facts.DaysSinceMissedAppointment, facts.AlertSignals), "orders every 10 days, the last 10 days ago: OverdueFactor 1.00, not above");

        var later = new CustomerFactsBuilder(input).BuildForDay(1);
        Assert.AreEqual((31, 1), (later.DaysSinceMissedAppointment, later.AlertSignals), "a day later the appointment no longer counts, but 11 / 10 = 1.1 is a longer gap than her own");

        Assert.IsNull(CustomerFactsBuilder.Build(InputWithPurchasesDaysAgo(10)).DaysSinceMissedAppointment, "never missed one");
    }

    [TestMethod]
    public void Every_sign_counts_once_up_to_four()
    {
        // Orders of 300, 500 and 100 (falling), 40, 30 and 20 days ago: average gap 10, last 20 days ago, factor 2.
        var input = Orders((40, 300m), (30, 500m), (20, 100m));
        input.Satisfaction = 2;
        input.MissedAppointmentUtc = Now.AddDays(-3);
        Assert.AreEqual(4, CustomerFactsBuilder.Build(input).AlertSignals);

        input.Satisfaction = 3;
        Assert.AreEqual(3, CustomerFactsBuilder.Build(input).AlertSignals, "a rating of 3 is no complaint");
        input.Satisfaction = null;
        input.MissedAppointmentUtc = null;
        Assert.AreEqual(2, CustomerFactsBuilder.Build(input).AlertSignals, "never rated, never missed: the gap and the falling spend");
        Assert.AreEqual(0, CustomerFactsBuilder.Build(new CustomerFactsInput { UtcNow = Now }).AlertSignals, "a prospect shows none");
    }
}
