namespace Reactivation.Cli.Simulation;

/// <summary>
/// The embedded default store: a beauty salon whose members join over the year, visit on their own cadence
/// (most every 3-7 weeks), sometimes buy a prepaid package, rate their visits, and one day stop coming for a reason
/// (dissatisfied after bad visits, moved, a competitor, habit changed, ...); some come back on their own months later.
/// Seeded: the same seed gives the same store.
/// </summary>
public static class SalonGenerator
{
    public const int DefaultMembers = 3000;

    private static readonly string[] Reasons = ["UnusedPackage", "Relocated", "Competitor", "NoLongerNeeded", "HabitChanged", "PriceSensitive", "Forgot"];
    private static readonly double[] ReasonWeights = [0, 0.12, 0.18, 0.10, 0.25, 0.20, 0.15];
    private static readonly string[] Tiers = ["Standard", "Silver", "Gold"];
    private static readonly ConsentRates Consent = new(DoNotPhone: 0.05, DoNotSms: 0.10, DoNotEmail: 0.15, DoNotWeChat: 0.30, PrefersChinese: 0.6);

    public static Scenario Generate(int seed = 1, int members = DefaultMembers, DateOnly? from = null, DateOnly? to = null)
    {
        var (start, end, days) = EmbeddedStore.Run(members, from, to);
        var random = new Random(seed);
        var purchases = new List<LoggedPurchase>();
        var profiles = new List<CustomerProfile>();
        for (var m = 0; m < members; m++)
        {
            var profile = EmbeddedStore.Customer('M', m, random, Consent);
            var key = profile.Key;
            profile.Tier = Tiers[random.NextDouble() switch { < 0.7 => 0, < 0.92 => 1, _ => 2 }];

            // A third join in the first month (the CRM goes live with the regulars), the rest over the year.
            var joined = random.NextDouble() < 0.33 ? random.Next(0, 31) : random.Next(0, Math.Max(1, days - 30));
            var cadence = Math.Clamp(Math.Exp(Normal(random, Math.Log(35), 0.45)), 12, 150);
            var unhappy = random.NextDouble() < 0.12;
            var price = Math.Round((decimal)(80 + (random.NextDouble() * 220)), 0);
            if (random.NextDouble() < 0.3)
            {
                profile.PackageSessions = random.Next(0, 2) == 0 ? 10 : 20;
                profile.PackagePrice = price * profile.PackageSessions * 0.8m;
            }

            var sessionsLeft = profile.PackageSessions;
            var day = joined;
            var visits = 0;
            while (day < days)
            {
                var amount = visits == 0 && profile.PackageSessions > 0 ? profile.PackagePrice : sessionsLeft > 0 ? 0m : price;
                if (visits > 0 && sessionsLeft > 0) sessionsLeft--;
                purchases.Add(new LoggedPurchase(key, start.AddDays(day), amount));
                visits++;
                if (random.NextDouble() < 0.4) profile.Ratings.Enqueue(unhappy ? random.Next(1, 3) : random.Next(3, 6));

                var stopChance = unhappy ? 0.25 : 0.05;
                if (random.NextDouble() < stopChance)
                {
                    profile.TrueDormancyReason = unhappy ? "Dissatisfied" : sessionsLeft > 0 ? "UnusedPackage" : Pick(random, Reasons, ReasonWeights);
                    // Some come back on their own after months away, without anyone asking.
                    if (random.NextDouble() < 0.15) day += random.Next(100, 270);
                    else break;
                }

                day += (int)Math.Round(cadence * Math.Exp(Normal(random, 0, 0.25)));
            }

            profiles.Add(profile);
        }

        purchases.Sort((a, b) => a.Date.CompareTo(b.Date));
        var scenario = new Scenario("embedded beauty salon (seed " + seed + ", " + members + " members)", purchases, start, end) { ModelPurchases = true };
        foreach (var p in profiles) scenario.Profiles.Add(p.Key, p);
        return scenario;
    }

    internal static double Normal(Random random, double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    internal static string Pick(Random random, string[] values, double[] weights)
    {
        var total = weights.Sum();
        var x = random.NextDouble() * total;
        for (var i = 0; i < values.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return values[i];
        }

        return values[^1];
    }
}
