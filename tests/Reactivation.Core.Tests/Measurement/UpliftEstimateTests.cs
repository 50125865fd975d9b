using Reactivation.Core.Measurement;

namespace Reactivation.Core.Tests.Measurement;

/// <summary>Treated against held-out customers of one cell, from a constructed history with known outcomes.</summary>
[TestClass]
public sealed class UpliftEstimateTests
{
    [TestMethod]
    public void Forty_of_a_hundred_treated_against_ten_of_fifty_held_out_is_twenty_points_with_newcombes_interval()
    {
        // Treated: 40 bought 150 each, 60 bought nothing. Holdout: 10 bought 150 each, 40 nothing.
        var treated = Cohort(100, 40, 150m);
        var holdout = Cohort(50, 10, 150m);

        var uplift = UpliftEstimate.Of(treated, holdout);

        Assert.IsTrue(uplift.EnoughData);
        Assert.AreEqual(100, uplift.TreatedCustomers);
        Assert.AreEqual(50, uplift.HoldoutCustomers);
        Assert.AreEqual(0.4, uplift.TreatedConversion!.Value, 1e-12);
        Assert.AreEqual(0.2, uplift.HoldoutConversion!.Value, 1e-12);
        Assert.AreEqual(0.2, uplift.Difference!.Value, 1e-12);
        // Worked by hand in ConfidenceIntervalsTests: 0.2 − sqrt(0.090599² + 0.130371²), 0.2 + sqrt(0.097997² + 0.087562²).
        Assert.AreEqual(0.0412400, uplift.DifferenceInterval!.Low, 1e-6);
        Assert.AreEqual(0.3314180, uplift.DifferenceInterval.High, 1e-6);
        // Revenue per customer 60 against 30; variances 150²·0.4·0.6·100/99 = 5454.545 and 150²·0.2·0.8·50/49 = 3673.469;
        // se = sqrt(54.54545 + 73.46939) = 11.314349.
        Assert.AreEqual(30.0, uplift.RevenueDifference!.Value, 1e-9);
        Assert.IsTrue(uplift.RevenueInterval!.Low < 30 - (1.96 * 11.314349) && uplift.RevenueInterval.Low > 30 - (2.0 * 11.314349), $"{uplift.RevenueInterval.Low}");
    }

    [TestMethod]
    public void Below_thirty_held_out_customers_the_rates_show_and_no_difference_is_claimed()
    {
        var uplift = UpliftEstimate.Of(Cohort(100, 40, 150m), Cohort(29, 5, 150m));

        Assert.IsFalse(uplift.EnoughData);
        Assert.AreEqual(5.0 / 29, uplift.HoldoutConversion!.Value, 1e-12);
        Assert.IsNull(uplift.Difference);
        Assert.IsNull(uplift.DifferenceInterval);
        Assert.IsNull(uplift.RevenueInterval);
    }

    private static CohortSums Cohort(int customers, int converted, decimal revenueEach)
    {
        var sums = new CohortSums();
        for (var i = 0; i < customers; i++) sums.Add(i < converted, i < converted ? revenueEach : 0m);
        return sums;
    }
}
