using Reactivation.Core.Facts;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

[TestClass]
public sealed class FactsBuilderTests
{
    [TestMethod]
    public void Purchase_facts_count_orders_dates_and_spend()
    {
        var input = InputWithPurchasesDaysAgo(0, 0, 10, 40);
        var facts = CustomerFactsBuilder.Build(input);
        Assert.AreEqual(4, facts.PurchaseCount);
        Assert.AreEqual(4, facts.PurchasesLast365Days);
        Assert.AreEqual(0, facts.DaysSinceLastPurchase);
        Assert.AreEqual(40, facts.DaysSinceFirstPurchase);
        Assert.AreEqual(10, facts.DaysBetweenLastTwoPurchaseDates);
        Assert.AreEqual(400m, facts.TotalSpend);
        Assert.AreEqual(100m, facts.AverageOrderValue);
        Assert.AreEqual(20m, facts.AverageDaysBetweenPurchases);
    }

    [TestMethod]
    public void Without_purchases_the_day_facts_are_null_and_RFM_is_0()
    {
        var facts = CustomerFactsBuilder.Build(new CustomerFactsInput { UtcNow = Now });
        Assert.IsNull(facts.DaysSinceLastPurchase);
        Assert.IsNull(facts.DaysBetweenLastTwoPurchaseDates);
        Assert.IsNull(facts.AverageOrderValue);
        Assert.IsNull(facts.OverdueFactor);
        Assert.AreEqual(0, facts.Recency + facts.Frequency + facts.Monetary);
    }

    [TestMethod]
    public void Overdue_factor_is_days_since_last_purchase_over_the_customers_own_average_gap()
    {
        var facts = CustomerFactsBuilder.Build(InputWithPurchasesDaysAgo(60, 90, 120));
        Assert.AreEqual(30m, facts.AverageDaysBetweenPurchases);
        Assert.AreEqual(2m, facts.OverdueFactor);
    }

    [TestMethod]
    public void Days_are_calendar_days_in_the_organisation_time_zone()
    {
        // 14 June 17:00 UTC is 15 June 01:00 in UTC+8, the same local day as "now" (15 June 20:00 local).
        var input = new CustomerFactsInput { UtcNow = Now, OrganisationTimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8") };
        input.Purchases.Add(new Purchase(new DateTime(2025, 6, 14, 17, 0, 0, DateTimeKind.Utc), 10m));
        Assert.AreEqual(0, CustomerFactsBuilder.Build(input).DaysSinceLastPurchase);

        input.OrganisationTimeZone = TimeZoneInfo.Utc;
        Assert.AreEqual(1, CustomerFactsBuilder.Build(input).DaysSinceLastPurchase);
    }

    [TestMethod]
    public void Touch_windows_count_touches_made_0_to_N_minus_1_days_ago()
    {
        var input = new CustomerFactsInput { UtcNow = Now, Channel = "Sms" };
        foreach (var (days, channel) in new[] { (0, "Sms"), (6, "Email"), (7, "Sms"), (29, "Sms"), (30, "Phone"), (89, "Sms"), (90, "Sms") })
        {
            input.Touches.Add(new Touch(Now.AddDays(-days), channel));
        }

        var facts = CustomerFactsBuilder.Build(input);
        Assert.AreEqual(1, facts.TouchesLast1Day);
        Assert.AreEqual(2, facts.TouchesLast7Days);
        Assert.AreEqual(4, facts.TouchesLast30Days);
        Assert.AreEqual(6, facts.TouchesLast90Days);
        Assert.AreEqual(0, facts.DaysSinceLastTouch);
        Assert.AreEqual(1, facts.ChannelTouchesLast7Days);
        Assert.AreEqual(3, facts.ChannelTouchesLast30Days);
        Assert.AreEqual(4, facts.ChannelTouchesLast90Days);
    }

    [TestMethod]
    public void Facts_for_another_channel_count_that_channel_only()
    {
        var input = new CustomerFactsInput { UtcNow = Now };
        input.Touches.Add(new Touch(Now.AddDays(-2), "Email"));
        input.Touches.Add(new Touch(Now.AddDays(-3), "Sms"));
        var builder = new CustomerFactsBuilder(input);
        var email = builder.BuildForChannel("Email", 0);
        Assert.AreEqual("Email", email.Channel);
        Assert.AreEqual(1, email.ChannelTouchesLast7Days);
        Assert.AreEqual(2, email.DaysSinceLastChannelTouch);
        Assert.AreEqual(2, builder.CountTouches(Array.Empty<string>(), 14));
        Assert.AreEqual(1, builder.CountTouches(new[] { "Sms" }, 14));
    }

    [TestMethod]
    public void Birthday_and_first_purchase_anniversary_count_days_ahead()
    {
        var input = InputWithPurchasesDaysAgo(365 + 10);
        input.Birthday = new DateTime(1990, 6, 20);
        var facts = CustomerFactsBuilder.Build(input);
        Assert.AreEqual(5, facts.DaysToBirthday);
        Assert.AreEqual(355, facts.DaysToFirstPurchaseAnniversary);
    }

    [TestMethod]
    public void Member_anniversary_counts_days_to_the_next_anniversary_of_the_member_since_date_and_never_the_date_itself()
    {
        var input = new CustomerFactsInput { UtcNow = Now, MemberSince = new DateTime(2021, 6, 18) };
        var builder = new CustomerFactsBuilder(input);
        Assert.AreEqual(3, builder.Build().DaysToMemberAnniversary, "15 June to 18 June");
        Assert.AreEqual(0, builder.BuildForDay(3).DaysToMemberAnniversary, "the anniversary itself");
        Assert.AreEqual(364, builder.BuildForDay(4).DaysToMemberAnniversary, "the day after: next year's");
    }

    [TestMethod]
    public void A_membership_begun_today_has_its_first_anniversary_in_a_year_and_one_not_begun_yet_is_none()
    {
        Assert.AreEqual(365, CustomerFactsBuilder.Build(new CustomerFactsInput { UtcNow = Now, MemberSince = Now.Date }).DaysToMemberAnniversary);
        Assert.IsNull(CustomerFactsBuilder.Build(new CustomerFactsInput { UtcNow = Now, MemberSince = Now.Date.AddDays(1) }).DaysToMemberAnniversary, "a member from tomorrow is not one today");
        Assert.IsNull(CustomerFactsBuilder.Build(new CustomerFactsInput { UtcNow = Now }).DaysToMemberAnniversary, "unknown");
    }

    [TestMethod]
    public void A_member_since_29_February_has_the_anniversary_on_28_February_in_other_years()
    {
        var facts = CustomerFactsBuilder.Build(new CustomerFactsInput { UtcNow = new DateTime(2027, 2, 20, 12, 0, 0, DateTimeKind.Utc), MemberSince = new DateTime(2024, 2, 29) });
        Assert.AreEqual(8, facts.DaysToMemberAnniversary);
    }

    [TestMethod]
    public void A_first_purchase_today_has_its_anniversary_in_a_year_not_today()
    {
        var facts = CustomerFactsBuilder.Build(InputWithPurchasesDaysAgo(0));
        Assert.AreEqual(365, facts.DaysToFirstPurchaseAnniversary);
    }

    [TestMethod]
    public void Local_hour_and_weekday_follow_the_customer_time_zone()
    {
        var input = new CustomerFactsInput { UtcNow = Now, CustomerTimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+13", TimeSpan.FromHours(13), "UTC+13", "UTC+13") };
        var facts = CustomerFactsBuilder.Build(input);
        Assert.AreEqual(1, facts.LocalHour);
        Assert.AreEqual("Monday", facts.LocalWeekday);
    }

    [TestMethod]
    public void Shifting_days_ahead_moves_only_the_day_dependent_facts()
    {
        var input = InputWithPurchasesDaysAgo(10, 300);
        input.Stage = "Active";
        input.StageSinceUtc = Now.AddDays(-10);
        var builder = new CustomerFactsBuilder(input);
        var later = builder.BuildForDay(70);
        Assert.AreEqual(80, later.DaysSinceLastPurchase);
        Assert.AreEqual(1, later.PurchasesLast365Days);
        Assert.AreEqual(80, later.DaysInStage);
        Assert.AreEqual(200m, later.TotalSpend);
        Assert.AreEqual(2, later.PurchaseCount);
    }

    [TestMethod]
    public void RFM_scores_follow_the_documented_bands()
    {
        Assert.AreEqual(5, RfmScoring.Recency(30));
        Assert.AreEqual(4, RfmScoring.Recency(31));
        Assert.AreEqual(1, RfmScoring.Recency(181));
        Assert.AreEqual(5, RfmScoring.Frequency(12, 12));
        Assert.AreEqual(1, RfmScoring.Frequency(3, 0));
        Assert.AreEqual(3, RfmScoring.Monetary(1, 2000m));
        Assert.AreEqual(1, RfmScoring.Monetary(1, 10m));
    }

    [TestMethod]
    public void Attempt_facts_are_empty_without_an_open_attempt()
    {
        var input = new CustomerFactsInput { UtcNow = Now, AttemptStartedUtc = Now.AddDays(-4), AttemptStep = "Activate", Responded = true };
        var facts = CustomerFactsBuilder.Build(input);
        Assert.IsNull(facts.DaysSinceAttemptStarted);
        Assert.AreEqual("", facts.AttemptStep);
        Assert.IsFalse(facts.Responded);

        input.HasOpenAttempt = true;
        facts = CustomerFactsBuilder.Build(input);
        Assert.AreEqual(4, facts.DaysSinceAttemptStarted);
        Assert.IsTrue(facts.Responded);
    }
}
