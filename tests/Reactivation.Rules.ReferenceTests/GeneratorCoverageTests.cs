using Reactivation.Core.Facts;

namespace Reactivation.Rules.ReferenceTests;

/// <summary>
/// The agreement tests are only as good as the customers they see. These pin down that the generator,
/// for the number of customers the agreement tests use, really reaches the boundaries it promises.
/// </summary>
[TestClass]
public sealed class GeneratorCoverageTests
{
    private static readonly List<CustomerFacts> Sample = Generate();

    private static List<CustomerFacts> Generate()
    {
        var generator = new CustomerGenerator(CustomerGenerator.SeedFor("lifecycle.json"));
        return Enumerable.Range(0, AgreementTests.CustomersPerRuleset).Select(_ => generator.Next()).ToList();
    }

    [TestMethod]
    public void Every_day_threshold_and_its_neighbours_are_hit_for_days_since_last_purchase()
    {
        var seen = Sample.Select(c => c.DaysSinceLastPurchase).ToHashSet();
        int[] required = [0, 3, 4, 7, 8, 29, 30, 31, 44, 45, 46, 59, 60, 61, 89, 90, 91, 119, 120, 121, 164, 165, 179, 180, 181, 269, 270, 271, 364, 365, 366, int.MaxValue];
        var missing = required.Where(d => !seen.Contains(d)).ToList();
        Assert.IsEmpty(missing, "days never generated: " + string.Join(", ", missing));
        Assert.Contains((int?)null, seen, "no customer without a last purchase");
    }

    [TestMethod]
    public void Every_funnel_day_threshold_is_hit_on_every_funnel_step()
    {
        foreach (var step in CustomerGenerator.FunnelSteps.Where(s => s.Length > 0))
        {
            var seen = Sample.Where(c => c.FunnelStep == step).Select(c => c.DaysInFunnelStep).ToHashSet();
            int[] required = [0, 3, 4, 7, 8, 30, 31, 180, 181];
            var missing = required.Where(d => !seen.Contains(d)).ToList();
            Assert.IsEmpty(missing, $"{step}: days in step never generated: " + string.Join(", ", missing));
        }
    }

    [TestMethod]
    public void Every_stage_reason_channel_purpose_and_funnel_step_is_generated()
    {
        CollectionAssert.IsSubsetOf(CustomerGenerator.Stages, Sample.Select(c => c.Stage).Distinct().ToList());
        CollectionAssert.IsSubsetOf(CustomerGenerator.DormancyReasons, Sample.Select(c => c.DormancyReason).Distinct().ToList());
        CollectionAssert.IsSubsetOf(CustomerGenerator.Channels, Sample.Select(c => c.Channel).Distinct().ToList());
        CollectionAssert.IsSubsetOf(CustomerGenerator.Purposes, Sample.Select(c => c.Purpose).Distinct().ToList());
        CollectionAssert.IsSubsetOf(CustomerGenerator.FunnelSteps, Sample.Select(c => c.FunnelStep).Distinct().ToList());
        CollectionAssert.IsSubsetOf(CustomerGenerator.Weekdays, Sample.Select(c => c.LocalWeekday).Distinct().ToList());
        CollectionAssert.IsSubsetOf(Enumerable.Range(0, 24).ToList(), Sample.Select(c => c.LocalHour).Distinct().ToList());
    }

    [TestMethod]
    public void Every_octant_and_colour_is_generated_and_a_buyer_without_split_points_has_no_octant()
    {
        CollectionAssert.IsSubsetOf(CustomerGenerator.Octants, Sample.Select(c => c.Octant).Distinct().ToList());
        Assert.IsTrue(Sample.Any(c => c.PurchaseCount > 0 && c.Octant.Length == 0), "no buyer left without an octant");
        CollectionAssert.IsSubsetOf(CustomerGenerator.Colours, Sample.Select(c => c.Colour).Distinct().ToList(), "every customer colour, and none recorded");
    }

    [TestMethod]
    public void Every_dormancy_reason_meets_every_stage_of_days_since_last_purchase()
    {
        // Offers combine a reason with a day threshold; each reason must appear on both sides of the
        // common thresholds.
        foreach (var reason in CustomerGenerator.DormancyReasons)
        {
            var days = Sample.Where(c => c.DormancyReason == reason).Select(c => c.DaysSinceLastPurchase).ToList();
            foreach (var threshold in new[] { 30, 45, 60, 90, 180 })
            {
                Assert.IsTrue(days.Any(d => d <= threshold) && days.Any(d => d > threshold), $"{reason} is not generated on both sides of {threshold} days");
            }
        }
    }

    [TestMethod]
    public void Consent_is_generated_on_and_off_for_every_channel_and_all_off_together()
    {
        Func<CustomerFacts, bool>[] consents = [c => c.ConsentPhone, c => c.ConsentSms, c => c.ConsentEmail, c => c.ConsentWeChat, c => c.ConsentWeCom, c => c.ConsentPush];
        foreach (var consent in consents)
        {
            Assert.IsTrue(Sample.Any(consent) && Sample.Any(c => !consent(c)));
        }

        Assert.IsTrue(Sample.Any(c => consents.All(consent => !consent(c))), "no customer without any consent");
        Assert.IsTrue(Sample.Any(c => consents.All(consent => consent(c))), "no customer with every consent");
    }

    [TestMethod]
    public void Missing_facts_same_day_purchases_and_extreme_values_are_generated()
    {
        Assert.IsTrue(Sample.Any(c => c.Satisfaction is null), "Satisfaction null");
        Assert.IsTrue(Sample.Any(c => c.PurchaseCount > 0 && c.DaysSinceLastPurchase is null), "purchases without a date (incoherent input)");
        Assert.IsTrue(Sample.Any(c => c.DaysBetweenLastTwoPurchaseDates == 0), "two purchases on the same day");
        Assert.IsTrue(Sample.Any(c => c.DaysSinceFirstPurchase == c.DaysSinceLastPurchase && c.PurchaseCount > 1), "all purchases on one day");
        Assert.IsTrue(Sample.Any(c => c.OverdueFactor is null) && Sample.Any(c => c.OverdueFactor >= 2m), "OverdueFactor null and >= 2");
        Assert.IsTrue(Sample.Any(c => c.CreditLimit == 4999m) && Sample.Any(c => c.CreditLimit == 5000m), "credit limit around 5000");
        Assert.IsTrue(Sample.Any(c => c.InterestRatePercent == 17.99m) && Sample.Any(c => c.InterestRatePercent == 18m), "rate around 18 %");
        Assert.IsTrue(Sample.Any(c => c.RemainingSessions == int.MaxValue) && Sample.Any(c => c.TouchesLast90Days == int.MaxValue), "int.MaxValue counts");
        Assert.IsTrue(Sample.Any(c => c.Satisfaction == int.MinValue), "int.MinValue");
        Assert.IsTrue(Sample.Any(c => c.DaysSinceLastTouch is null) && Sample.Any(c => c.DaysSinceLastTouch == 0), "never touched / touched today");
    }

    [TestMethod]
    public void The_same_seed_gives_the_same_customers()
    {
        var again = Generate();
        for (var i = 0; i < Sample.Count; i += 97)
        {
            Assert.AreEqual(FactsJson.Serialize(Sample[i]), FactsJson.Serialize(again[i]));
        }
    }
}
