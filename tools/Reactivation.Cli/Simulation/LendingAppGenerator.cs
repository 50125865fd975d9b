namespace Reactivation.Cli.Simulation;

/// <summary>
/// The embedded store for the consumer-finance preset: a lending app whose users register over the run and move
/// through its funnel, which the app's back office writes on the contact (rx_funnelstep and its date, the approved
/// limit and rate). A salon cannot stand in for it: its customers have no funnel step, so no consumer-finance stage
/// rule ever matches them. Users register; most apply, some only after days (or never); most applications are
/// approved, with a limit and a rate, the rest rejected; an approved user draws a loan soon, later, or not at all;
/// a loan is repaid at its term (30, 60 or 90 days) and some borrow again. Every drawdown is an order for the interest
/// and fees it earns. A user who stalls has a reason (another lender, no need, the cost, forgot, ...); some come back
/// on their own. Seeded: the same seed gives the same app.
/// </summary>
public static class LendingAppGenerator
{
    private static readonly string[] Reasons = ["Relocated", "Competitor", "NoLongerNeeded", "HabitChanged", "PriceSensitive", "Forgot"];
    private static readonly double[] ReasonWeights = [0.05, 0.20, 0.25, 0.10, 0.20, 0.20];
    private static readonly int[] Terms = [30, 60, 90];
    private static readonly ConsentRates Consent = new(DoNotPhone: 0.10, DoNotSms: 0.10, DoNotEmail: 0.20, DoNotWeChat: 0.40, PrefersChinese: 0.8);

    public static Scenario Generate(int seed = 1, int members = SalonGenerator.DefaultMembers, DateOnly? from = null, DateOnly? to = null)
    {
        var (start, end, days) = EmbeddedStore.Run(members, from, to);
        var random = new Random(seed);
        var purchases = new List<LoggedPurchase>();
        var changes = new List<FunnelChange>();
        var profiles = new List<CustomerProfile>();
        for (var m = 0; m < members; m++)
        {
            var profile = EmbeddedStore.Customer('U', m, random, Consent);
            var key = profile.Key;
            profile.LoanDays = Terms[random.Next(Terms.Length)];
            profiles.Add(profile);
            var limit = Math.Round((decimal)Math.Clamp(Math.Exp(SalonGenerator.Normal(random, Math.Log(6000), 0.6)), 1000, 50000) / 100m, 0) * 100m;
            var rate = Math.Round((decimal)(10 + (random.NextDouble() * 14)), 1);
            var interest = Math.Round(limit * 0.6m * rate / 100m * profile.LoanDays / 365m, 2);
            var unhappy = random.NextDouble() < 0.06;
            string Stall() => profile.TrueDormancyReason = unhappy ? "Dissatisfied" : SalonGenerator.Pick(random, Reasons, ReasonWeights);

            var day = random.NextDouble() < 0.33 ? random.Next(0, 31) : random.Next(0, Math.Max(1, days - 30));
            changes.Add(new FunnelChange(key, start.AddDays(day), "Registered"));

            // Apply within a few days, after a week or two, or never.
            var applies = random.NextDouble();
            if (applies >= 0.85)
            {
                Stall();
                continue;
            }

            day += applies < 0.6 ? random.Next(0, 3) : random.Next(4, 15);
            changes.Add(new FunnelChange(key, start.AddDays(day), "Applied"));
            day += 1;
            if (random.NextDouble() < 0.2)
            {
                changes.Add(new FunnelChange(key, start.AddDays(day), "Rejected"));
                continue;
            }

            changes.Add(new FunnelChange(key, start.AddDays(day), "Approved", limit, rate));
            while (day < days)
            {
                // Draw soon, after a while, or stall; then the loan runs its term and is repaid (the engine sets both steps).
                var draws = random.NextDouble();
                if (draws >= 0.7)
                {
                    Stall();
                    if (random.NextDouble() >= 0.15) break;
                    day += random.Next(40, 120);
                }
                else
                {
                    day += draws < 0.45 ? random.Next(0, 6) : random.Next(8, 30);
                }

                if (day >= days) break;
                purchases.Add(new LoggedPurchase(key, start.AddDays(day), interest));
                day += profile.LoanDays + random.Next(1, 45);
            }
        }

        purchases.Sort((a, b) => a.Date.CompareTo(b.Date));
        changes.Sort((a, b) => a.Date.CompareTo(b.Date));
        var scenario = new Scenario("embedded lending app (seed " + seed + ", " + members + " users)", purchases, start, end)
        {
            ModelPurchases = true,
            FunnelChanges = changes,
            ModelNotes =
            [
                "users register over the run; 60 % apply within 2 days, 25 % after 4 to 14 days, 15 % never; 20 % of applications are rejected",
                "an approved user draws a loan within 5 days (45 %), after 8 to 29 days (25 %) or stalls (30 %; 15 % of those draw 40 to 120 days later); a loan runs 30, 60 or 90 days, is then repaid, and the user may draw again",
                "for the app, buying is a drawdown: an order for the interest and fees the loan earns; an interested user draws a loan within 14 days, and the back office sets the funnel step to Borrowed, then Repaid at the term",
            ],
        };
        foreach (var p in profiles) scenario.Profiles.Add(p.Key, p);
        return scenario;
    }
}
