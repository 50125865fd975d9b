namespace Reactivation.Cli.Simulation;

/// <summary>
/// The embedded store for the dental preset: a practice that goes live with the patients it already has. A salon
/// cannot stand in for it: with visits only from the first day, no patient of a six-month recall can be more than 180
/// days overdue within a half-year run. Most patients have up to two and a half years of check-ups before the first
/// day (entered at the start as the practice's past, <see cref="Scenario.EntersHistory"/>), a few join during the run;
/// each comes on their own recall rhythm (mostly every 5 to 8 months), rates visits, and one day stops for a reason
/// (dissatisfied after bad visits, moved, another dentist, no need felt, ...); some come back on their own later.
/// Seeded: the same seed gives the same practice.
/// </summary>
public static class DentalPracticeGenerator
{
    private static readonly string[] Reasons = ["Relocated", "Competitor", "NoLongerNeeded", "HabitChanged", "PriceSensitive", "Forgot"];
    private static readonly double[] ReasonWeights = [0.12, 0.15, 0.15, 0.15, 0.18, 0.25];
    private static readonly string[] Tiers = ["Standard", "Silver", "Gold"];
    private static readonly ConsentRates Consent = new(DoNotPhone: 0.05, DoNotSms: 0.08, DoNotEmail: 0.15, DoNotWeChat: 0.30, PrefersChinese: 0.6);

    /// <summary>How far back the practice's records go before the first day.</summary>
    public const int HistoryDays = 900;

    public static Scenario Generate(int seed = 1, int members = SalonGenerator.DefaultMembers, DateOnly? from = null, DateOnly? to = null)
    {
        var (start, end, days) = EmbeddedStore.Run(members, from, to);
        var random = new Random(seed);
        var purchases = new List<LoggedPurchase>();
        var profiles = new List<CustomerProfile>();
        for (var m = 0; m < members; m++)
        {
            var profile = EmbeddedStore.Customer('P', m, random, Consent);
            var key = profile.Key;
            profile.Tier = Tiers[random.NextDouble() switch { < 0.75 => 0, < 0.93 => 1, _ => 2 }];

            // Day numbers relative to the first day: negative ones are the practice's past.
            var day = random.NextDouble() < 0.85 ? -random.Next(1, HistoryDays) : random.Next(0, Math.Max(1, days - 30));
            var recall = Math.Clamp(Math.Exp(SalonGenerator.Normal(random, Math.Log(190), 0.2)), 120, 400);
            var unhappy = random.NextDouble() < 0.10;
            var visits = 0;
            while (day < days)
            {
                var amount = Math.Round((decimal)(visits == 0 ? 400 + (random.NextDouble() * 600) : 250 + (random.NextDouble() * 350)), 0);
                purchases.Add(new LoggedPurchase(key, start.AddDays(day), amount));
                visits++;
                if (random.NextDouble() < 0.5) profile.Ratings.Enqueue(unhappy ? random.Next(1, 3) : random.Next(3, 6));

                var stopChance = unhappy ? 0.35 : 0.12;
                if (random.NextDouble() < stopChance)
                {
                    profile.TrueDormancyReason = unhappy ? "Dissatisfied" : SalonGenerator.Pick(random, Reasons, ReasonWeights);
                    if (random.NextDouble() < 0.15) day += random.Next(300, 500);
                    else break;
                }

                day += (int)Math.Round(recall * Math.Exp(SalonGenerator.Normal(random, 0, 0.15)));
            }

            profiles.Add(profile);
        }

        purchases.Sort((a, b) => a.Date.CompareTo(b.Date));
        var scenario = new Scenario("embedded dental practice (seed " + seed + ", " + members + " patients, records from " + start.AddDays(-HistoryDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " entered at the start)", purchases, start, end)
        {
            ModelPurchases = true,
            EntersHistory = true,
            ModelNotes =
            [
                "patients come on their own recall rhythm, every 4 to 13 months (most every 5 to 8); 85 % have visits from up to " + HistoryDays + " days before the first day, entered at the start, the rest join during the run",
                "after each visit 12 % of patients stop coming (35 % of the 10 % who are unhappy), for a reason; 15 % of those come back on their own 300 to 500 days later",
                "for the practice, buying is a visit: an interested patient books and comes within 14 days",
            ],
        };
        foreach (var p in profiles) scenario.Profiles.Add(p.Key, p);
        return scenario;
    }
}
