using System;

namespace Reactivation.Core.Measurement
{
    /// <summary>A two-sided interval; for a difference, Low may be negative.</summary>
    public sealed class Interval
    {
        public Interval(double low, double high)
        {
            Low = low;
            High = high;
        }

        public double Low { get; }

        public double High { get; }

        /// <summary>Zero lies outside: the data say the difference has this sign.</summary>
        public bool ExcludesZero => Low > 0 || High < 0;
    }

    /// <summary>
    /// The 95 % intervals the report gives, each chosen for how it behaves on the small groups a store has:
    /// <list type="bullet">
    /// <item>a share (a conversion rate): the Wilson score interval — it stays inside [0, 1] and keeps its coverage
    /// near 0 and 1, where the textbook Wald interval collapses to a point;</item>
    /// <item>a difference of two shares (treated minus holdout conversion): Newcombe's hybrid score interval (his
    /// method 10, 1998), built from the two Wilson intervals;</item>
    /// <item>a difference of two means (revenue per customer): Welch's t interval, which does not assume the two
    /// groups' variances equal (a holdout is much smaller than the treated group), with the Welch–Satterthwaite
    /// degrees of freedom.</item>
    /// </list>
    /// Pure arithmetic on doubles: runs in the sandbox.
    /// </summary>
    public static class ConfidenceIntervals
    {
        /// <summary>The standard normal quantile at 97.5 %: a two-sided 95 % interval.</summary>
        public const double Z95 = 1.959963984540054;

        /// <summary>The Wilson score interval of <paramref name="successes"/> out of <paramref name="trials"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">No trials, or successes outside 0..trials.</exception>
        public static Interval Wilson(int successes, int trials)
        {
            if (trials <= 0) throw new ArgumentOutOfRangeException(nameof(trials), "A share needs at least one trial.");
            if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), "Successes must lie between 0 and the trials.");
            double n = trials;
            var p = successes / n;
            var z2 = Z95 * Z95;
            var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
            var half = Z95 / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
            return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
        }

        /// <summary>Newcombe's hybrid score interval for p1 − p2 (x1 of n1 against x2 of n2).</summary>
        public static Interval NewcombeDifference(int x1, int n1, int x2, int n2)
        {
            var p1 = (double)x1 / n1;
            var p2 = (double)x2 / n2;
            var w1 = Wilson(x1, n1);
            var w2 = Wilson(x2, n2);
            var d = p1 - p2;
            var low = d - Math.Sqrt(Square(p1 - w1.Low) + Square(w2.High - p2));
            var high = d + Math.Sqrt(Square(w1.High - p1) + Square(p2 - w2.Low));
            return new Interval(low, high);
        }

        /// <summary>
        /// Welch's interval for mean(a) − mean(b). Each group needs two values for a variance; when neither varies the
        /// interval is the difference itself.
        /// </summary>
        /// <exception cref="ArgumentException">A group has fewer than two values.</exception>
        public static Interval WelchDifference(SampleMoments a, SampleMoments b)
        {
            if (a is null) throw new ArgumentNullException(nameof(a));
            if (b is null) throw new ArgumentNullException(nameof(b));
            if (a.Count < 2 || b.Count < 2) throw new ArgumentException("Welch's interval needs at least two values in each group.");
            var d = a.Mean - b.Mean;
            var va = a.Variance / a.Count;
            var vb = b.Variance / b.Count;
            var se = Math.Sqrt(va + vb);
            if (se == 0) return new Interval(d, d);
            var df = Square(va + vb) / ((Square(va) / (a.Count - 1)) + (Square(vb) / (b.Count - 1)));
            var t = StudentT.Quantile(0.975, df);
            return new Interval(d - (t * se), d + (t * se));
        }

        /// <summary>Welch–Satterthwaite degrees of freedom of the difference of two means (for the report's notes and the tests).</summary>
        public static double WelchDegreesOfFreedom(SampleMoments a, SampleMoments b)
        {
            if (a is null) throw new ArgumentNullException(nameof(a));
            if (b is null) throw new ArgumentNullException(nameof(b));
            var va = a.Variance / a.Count;
            var vb = b.Variance / b.Count;
            return Square(va + vb) / ((Square(va) / (a.Count - 1)) + (Square(vb) / (b.Count - 1)));
        }

        private static double Square(double x) => x * x;
    }

    /// <summary>
    /// Count, sum and sum of squares of a sample (revenue per customer): enough for its mean and variance, and two of
    /// them add up to the moments of both — which is how the report's pages combine.
    /// </summary>
    public sealed class SampleMoments
    {
        public SampleMoments(long count, double sum, double sumOfSquares)
        {
            Count = count;
            Sum = sum;
            SumOfSquares = sumOfSquares;
        }

        public long Count { get; }

        public double Sum { get; }

        public double SumOfSquares { get; }

        public double Mean => Count == 0 ? 0 : Sum / Count;

        /// <summary>The sample variance (n − 1 in the denominator); 0 below two values.</summary>
        public double Variance => Count < 2 ? 0 : Math.Max(0, (SumOfSquares - (Sum * Sum / Count)) / (Count - 1));
    }

    /// <summary>Student's t distribution: its quantile, found by bisection on the distribution function.</summary>
    internal static class StudentT
    {
        /// <summary>The <paramref name="p"/> quantile with <paramref name="df"/> degrees of freedom (0.5 &lt; p &lt; 1).</summary>
        public static double Quantile(double p, double df)
        {
            if (!(p > 0.5 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), "The upper quantiles only: 0.5 < p < 1.");
            if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), "Degrees of freedom must be positive.");
            double low = 0, high = 1;
            while (Cdf(high, df) < p) high *= 2;
            // 200 halvings take the bracket below double precision for any quantile the report asks for.
            for (var i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, high); i++)
            {
                var mid = (low + high) / 2;
                if (Cdf(mid, df) < p) low = mid;
                else high = mid;
            }

            return (low + high) / 2;
        }

        /// <summary>P(T ≤ t) for t ≥ 0: 1 − I_x(df/2, 1/2) / 2 with x = df / (df + t²).</summary>
        public static double Cdf(double t, double df)
        {
            var x = df / (df + (t * t));
            return 1 - (0.5 * IncompleteBeta.Regularized(df / 2, 0.5, x));
        }
    }

    /// <summary>The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz).</summary>
    internal static class IncompleteBeta
    {
        public static double Regularized(double a, double b, double x)
        {
            if (x <= 0) return 0;
            if (x >= 1) return 1;
            var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));

            // The fraction converges fast only below the mean; above it, use I_x(a, b) = 1 − I_(1−x)(b, a).
            if (x < (a + 1) / (a + b + 2)) return front * Fraction(a, b, x) / a;
            return 1 - (front * Fraction(b, a, 1 - x) / b);
        }

        private static double Fraction(double a, double b, double x)
        {
            const double tiny = 1e-300;
            var c = 1.0;
            var d = 1 - ((a + b) * x / (a + 1));
            if (Math.Abs(d) < tiny) d = tiny;
            d = 1 / d;
            var result = d;
            for (var m = 1; m <= 500; m++)
            {
                var m2 = 2 * m;
                var even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
                d = 1 + (even * d);
                if (Math.Abs(d) < tiny) d = tiny;
                c = 1 + (even / c);
                if (Math.Abs(c) < tiny) c = tiny;
                d = 1 / d;
                result *= d * c;
                var odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
                d = 1 + (odd * d);
                if (Math.Abs(d) < tiny) d = tiny;
                c = 1 + (odd / c);
                if (Math.Abs(c) < tiny) c = tiny;
                d = 1 / d;
                var step = d * c;
                result *= step;
                if (Math.Abs(step - 1) < 1e-15) break;
            }

            return result;
        }

        /// <summary>ln Γ(x) for x &gt; 0, Lanczos' approximation (g = 7, nine terms; relative error below 1e-15).</summary>
        internal static double LogGamma(double x)
        {
            if (x < 0.5)
            {
                // Reflection keeps the series where it is accurate.
                return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
            }

            x -= 1;
            var sum = 0.99999999999980993;
            double[] coefficients =
            {
                676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
                12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
            };
            for (var i = 0; i < coefficients.Length; i++) sum += coefficients[i] / (x + i + 1);
            var t = x + 7.5;
            return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
        }
    }
}
