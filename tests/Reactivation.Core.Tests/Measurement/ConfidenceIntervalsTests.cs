using Reactivation.Core.Measurement;

namespace Reactivation.Core.Tests.Measurement;

/// <summary>The report's intervals against values worked out by hand from their formulas (and a published example).</summary>
[TestClass]
public sealed class ConfidenceIntervalsTests
{
    private const double Tolerance = 1e-6;

    [TestMethod]
    public void The_Wilson_interval_of_40_in_100_is_the_score_interval_worked_by_hand()
    {
        // p = 0.4, z² = 3.841459; centre = (0.4 + 3.841459/200) / (1 + 3.841459/100) = 0.403702;
        // half = 1.959964 / 1.038415 * sqrt(0.0024 + 3.841459/40000) = 0.094301.
        var interval = ConfidenceIntervals.Wilson(40, 100);

        Assert.AreEqual(0.3094013, interval.Low, Tolerance);
        Assert.AreEqual(0.4979974, interval.High, Tolerance);
    }

    [TestMethod]
    public void A_share_of_none_or_all_keeps_an_interval_inside_zero_and_one()
    {
        var none = ConfidenceIntervals.Wilson(0, 10);
        var all = ConfidenceIntervals.Wilson(10, 10);

        Assert.AreEqual(0, none.Low);
        Assert.AreEqual(0.2775328, none.High, Tolerance, "z² / (n + z²) = 3.841459 / 13.841459");
        Assert.AreEqual(0.7224672, all.Low, Tolerance);
        Assert.AreEqual(1, all.High, Tolerance);
    }

    [TestMethod]
    public void Newcombes_own_example_56_of_70_against_48_of_80_gives_his_method_10_interval()
    {
        // Newcombe (1998), Statistics in Medicine 17:873, table II, example (a): 0.0524 to 0.3339.
        var interval = ConfidenceIntervals.NewcombeDifference(56, 70, 48, 80);

        Assert.AreEqual(0.0524, interval.Low, 5e-5);
        Assert.AreEqual(0.3339, interval.High, 5e-5);
        Assert.IsTrue(interval.ExcludesZero);
    }

    [TestMethod]
    public void The_difference_interval_is_the_difference_widened_by_both_Wilson_intervals()
    {
        // p1 = 0.4 (0.309401, 0.497997), p2 = 0.2 (0.112438, 0.330371);
        // low = 0.2 - sqrt(0.090599² + 0.130371²) = 0.041240; high = 0.2 + sqrt(0.097997² + 0.087562²) = 0.331418.
        var interval = ConfidenceIntervals.NewcombeDifference(40, 100, 10, 50);

        Assert.AreEqual(0.0412400, interval.Low, Tolerance);
        Assert.AreEqual(0.3314180, interval.High, Tolerance);
    }

    [TestMethod]
    [DataRow(1.0, 12.706205)]
    [DataRow(10.0, 2.228139)]
    [DataRow(30.0, 2.042272)]
    [DataRow(1000000.0, 1.959966)]
    public void Students_t_at_97_5_percent_matches_the_table(double degreesOfFreedom, double quantile)
    {
        Assert.AreEqual(quantile, StudentT.Quantile(0.975, degreesOfFreedom), 2e-6);
    }

    [TestMethod]
    public void Welchs_interval_for_revenue_per_customer_is_worked_by_hand()
    {
        // a: 0, 0, 150, 0, 150, 300, 0, 150 — mean 93.75, variance 12455.357; b: 0, 150, 0, 0, 0 — mean 30, variance 4500.
        // se = sqrt(12455.357/8 + 4500/5) = 49.567324; df = (1556.92 + 900)² / (1556.92²/7 + 900²/4) = 10.99966;
        // t(0.975, 10.99966) = 2.200993 (numerical integration of the t density); 63.75 ± 2.200993 × 49.567324.
        var a = Moments(0, 0, 150, 0, 150, 300, 0, 150);
        var b = Moments(0, 150, 0, 0, 0);

        Assert.AreEqual(10.99966, ConfidenceIntervals.WelchDegreesOfFreedom(a, b), 1e-5);
        var interval = ConfidenceIntervals.WelchDifference(a, b);

        Assert.AreEqual(-45.34736, interval.Low, 1e-4);
        Assert.AreEqual(172.84736, interval.High, 1e-4);
        Assert.IsFalse(interval.ExcludesZero);
    }

    [TestMethod]
    public void Two_groups_that_do_not_vary_give_the_difference_itself()
    {
        var interval = ConfidenceIntervals.WelchDifference(Moments(50, 50, 50), Moments(20, 20));

        Assert.AreEqual(30, interval.Low);
        Assert.AreEqual(30, interval.High);
    }

    [TestMethod]
    public void Bad_counts_are_refused_naming_what_is_wrong()
    {
        Assert.AreEqual("A share needs at least one trial. (Parameter 'trials')", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Wilson(0, 0)).Message);
        Assert.AreEqual("Successes must lie between 0 and the trials. (Parameter 'successes')", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ConfidenceIntervals.Wilson(11, 10)).Message);
        Assert.AreEqual("Welch's interval needs at least two values in each group.", Assert.ThrowsExactly<ArgumentException>(() => ConfidenceIntervals.WelchDifference(Moments(1), Moments(1, 2))).Message);
    }

    private static SampleMoments Moments(params double[] values) =>
        new(values.Length, values.Sum(), values.Sum(v => v * v));
}
