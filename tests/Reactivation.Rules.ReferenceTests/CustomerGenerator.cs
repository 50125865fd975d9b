using Reactivation.Core.Facts;

namespace Reactivation.Rules.ReferenceTests;

/// <summary>
/// Seeded generator of customer facts that leans on the values where rulesets change their mind:
/// the day thresholds of every shipped industry (0, 3/4, 7/8, 29/30/31, 44/45/46, 89/90/91, 179/180/181,
/// 364/365/366 ...), missing (null) facts, same-day purchases, every stage, reason, channel and purpose,
/// consent on and off, and extreme values. Most customers are coherent (a customer without purchases has
/// no purchase dates); a share are deliberately incoherent, because the engines must agree on any input.
/// </summary>
internal sealed class CustomerGenerator
{
    public static readonly string[] Stages = ["Prospect", "New", "Active", "Silent", "Sleeping", "Lost", "Loyal", "Reactivated"];

    public static readonly string[] DormancyReasons =
        ["Unknown", "UnusedPackage", "Dissatisfied", "Relocated", "Competitor", "NoLongerNeeded", "HabitChanged", "PriceSensitive", "Forgot"];

    public static readonly string[] Channels = ["Phone", "Sms", "Email", "WeChat", "WeCom", "Push", "Task", ""];

    public static readonly string[] Purposes = ["Care", "Offer", "Campaign", ""];

    public static readonly string[] FunnelSteps = ["", "Registered", "Applied", "Approved", "Borrowed", "Repaid", "Rejected"];

    public static readonly string[] Tiers = ["Standard", "Silver", "Gold", "Vip"];

    public static readonly string[] Colours = ["", "Rational", "Emotional"];

    public static readonly string[] Octants =
        ["ImportantValue", "ImportantDevelopment", "ImportantRetention", "ImportantWinBack", "GeneralValue", "GeneralDevelopment", "GeneralRetention", "GeneralWinBack"];

    public static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static readonly string[] AttemptSteps = ["", "Activate", "Wake", "FollowUp"];

    /// <summary>Day counts on and around every threshold the shipped rulesets use, plus extremes.</summary>
    public static readonly int[] DayBoundaries =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 15, 20, 21, 22, 27, 28, 29, 30, 31, 35, 40, 44, 45, 46, 59, 60, 61,
        75, 89, 90, 91, 119, 120, 121, 149, 150, 151, 179, 180, 181, 182, 183, 184, 269, 270, 271, 364, 365, 366,
        729, 730, 731, 1000, 3650, 100_000, int.MaxValue,
    ];

    private static readonly int[] SmallCounts = [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 20, 100, int.MaxValue];

    private static readonly decimal[] Factors = [0m, 0.5m, 0.99m, 1m, 1.01m, 1.2m, 1.49m, 1.5m, 1.51m, 2m, 2.5m, 3m, 4m, 10m, 1_000_000m];

    private static readonly decimal[] Money =
        [0m, 0.01m, 1m, 49.99m, 50m, 99m, 100m, 199m, 200m, 299m, 300m, 499m, 500m, 999m, 1000m, 1999m, 2000m, 2999m, 3000m,
         4999m, 5000m, 9999m, 10000m, 19999m, 20000m, 50000m, 1_000_000_000m];

    private static readonly decimal[] Rates =
        [0m, 3.65m, 7.2m, 9.99m, 10m, 12m, 14.99m, 15m, 17.99m, 18m, 18.01m, 23.99m, 24m, 24.01m, 35.99m, 36m, 100m];

    private readonly Random random;

    public CustomerGenerator(int seed) => random = new Random(seed);

    /// <summary>A stable seed per ruleset (FNV-1a of its name), so a failure reproduces on every machine.</summary>
    public static int SeedFor(string name)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var ch in name)
            {
                hash = (hash ^ ch) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }

    public CustomerFacts Next()
    {
        var incoherent = Chance(0.1);
        var f = new CustomerFacts();

        // ---- purchases ----
        var purchaseCount = Pick(SmallCounts.AsSpan(0, SmallCounts.Length - 1), Chance(0.01) ? int.MaxValue : -1);
        if (Chance(0.2))
        {
            purchaseCount = 0;
        }

        f.PurchaseCount = purchaseCount;
        var bought = purchaseCount > 0;
        f.DaysSinceLastPurchase = bought || incoherent ? Days(nullChance: incoherent ? 0.3 : 0.0) : null;
        if (f.DaysSinceLastPurchase is { } last)
        {
            // Same-day purchases: first == last, and the last two purchases 0 days apart.
            f.DaysSinceFirstPurchase = incoherent ? Days(0.2)
                : purchaseCount == 1 || Chance(0.1) ? last
                : SaturatingAdd(last, Days(0.0)!.Value);
            f.DaysBetweenLastTwoPurchaseDates = purchaseCount >= 2 || incoherent ? (Chance(0.15) ? 0 : Days(incoherent ? 0.3 : 0.0)) : null;
            f.AverageDaysBetweenPurchases = purchaseCount >= 2 || incoherent ? NullableDecimal(0.1, () => Chance(0.2) ? 0m : Days(0.0)!.Value) : null;
            f.OverdueFactor = f.AverageDaysBetweenPurchases is { } avg && avg > 0 && !incoherent
                ? Math.Round(last / avg, 2)
                : NullableDecimal(0.3, () => Pick(Factors));
            f.PurchasesLast365Days = incoherent ? Pick(SmallCounts) : last > 365 ? 0 : Math.Min(purchaseCount, Pick(SmallCounts));
        }
        else
        {
            f.DaysSinceFirstPurchase = incoherent ? Days(0.5) : null;
            f.DaysBetweenLastTwoPurchaseDates = incoherent ? Days(0.5) : null;
            f.AverageDaysBetweenPurchases = incoherent ? NullableDecimal(0.5, () => Pick(Factors)) : null;
            f.OverdueFactor = incoherent ? NullableDecimal(0.5, () => Pick(Factors)) : null;
            f.PurchasesLast365Days = incoherent ? Pick(SmallCounts) : 0;
        }

        f.TotalSpend = bought || incoherent ? Pick(Money) : 0m;
        f.AverageOrderValue = bought || incoherent ? NullableDecimal(incoherent ? 0.3 : 0.02, () => Pick(Money)) : null;
        f.Recency = bought || incoherent ? random.Next(incoherent ? 0 : 1, 6) : 0;
        f.Frequency = bought || incoherent ? random.Next(incoherent ? 0 : 1, 6) : 0;
        f.Monetary = bought || incoherent ? random.Next(incoherent ? 0 : 1, 6) : 0;
        f.Octant = bought || incoherent ? (Chance(0.05) ? Pick(["", "ImportantWinback", "importantvalue"]) : Pick(Octants)) : "";

        // ---- lifecycle, reason, satisfaction, packages ----
        f.Stage = Pick(Stages);
        f.DaysInStage = Days(0.0)!.Value;
        f.DormancyReason = Chance(0.02) ? Pick(["", "Other", "dissatisfied", "UNUSEDPACKAGE"]) : Pick(DormancyReasons);
        f.Satisfaction = Chance(0.25) ? null : Pick([0, 1, 2, 3, 4, 5, 10, int.MinValue, int.MaxValue], random.Next(1, 6));
        f.RemainingSessions = Pick([0, 0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 20, 100, int.MaxValue], -1);
        f.PrepaidBalance = Chance(0.4) ? 0m : Pick(Money);
        f.Tier = Chance(0.02) ? "" : Pick(Tiers);
        f.Colour = Chance(0.05) ? Pick(["rational", "Emotive"]) : Pick(Colours);
        f.DaysSinceMissedAppointment = Chance(0.7) ? null : Days(0.0);
        f.SpendFalling = (bought || incoherent) && Chance(0.3);
        f.AlertSignals = incoherent ? Pick(SmallCounts) : random.Next(0, 5);

        // ---- consumer-finance funnel ----
        f.FunnelStep = Pick(FunnelSteps);
        f.DaysInFunnelStep = f.FunnelStep.Length > 0 || incoherent ? Days(incoherent ? 0.3 : 0.05) : null;
        f.CreditLimit = f.FunnelStep.Length > 0 || incoherent ? NullableDecimal(0.1, () => Pick(Money)) : null;
        f.InterestRatePercent = f.FunnelStep.Length > 0 || incoherent ? NullableDecimal(0.1, () => Pick(Rates)) : null;

        // ---- consent: all on, all off, or each independently ----
        var consentMode = random.Next(3);
        f.ConsentPhone = Consent(consentMode);
        f.ConsentSms = Consent(consentMode);
        f.ConsentEmail = Consent(consentMode);
        f.ConsentWeChat = Consent(consentMode);
        f.ConsentWeCom = Consent(consentMode);
        f.ConsentPush = Consent(consentMode);

        // ---- touches: nested windows, the channel's count within the total's ----
        int[] touchCounts = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 20, int.MaxValue];
        f.TouchesLast90Days = Pick(touchCounts);
        f.TouchesLast30Days = incoherent ? Pick(touchCounts) : Math.Min(f.TouchesLast90Days, Pick(touchCounts));
        f.TouchesLast7Days = incoherent ? Pick(touchCounts) : Math.Min(f.TouchesLast30Days, Pick(touchCounts));
        f.TouchesLast1Day = incoherent ? Pick(touchCounts) : Math.Min(f.TouchesLast7Days, Pick([0, 0, 1, 2, 3]));
        f.DaysSinceLastTouch = f.TouchesLast90Days > 0 || incoherent ? Days(incoherent ? 0.3 : 0.0) : Chance(0.5) ? null : Days(0.0);
        f.ChannelTouchesLast90Days = incoherent ? Pick(touchCounts) : Math.Min(f.TouchesLast90Days, Pick(touchCounts));
        f.ChannelTouchesLast30Days = incoherent ? Pick(touchCounts) : Math.Min(Math.Min(f.ChannelTouchesLast90Days, f.TouchesLast30Days), Pick(touchCounts));
        f.ChannelTouchesLast7Days = incoherent ? Pick(touchCounts) : Math.Min(Math.Min(f.ChannelTouchesLast30Days, f.TouchesLast7Days), Pick(touchCounts));
        f.ChannelTouchesLast1Day = incoherent ? Pick(touchCounts) : Math.Min(Math.Min(f.ChannelTouchesLast7Days, f.TouchesLast1Day), Pick([0, 0, 1, 2]));
        f.DaysSinceLastChannelTouch = f.ChannelTouchesLast90Days > 0 || incoherent ? Days(incoherent ? 0.3 : 0.0) : Chance(0.5) ? null : Days(0.0);

        // ---- the touch under consideration ----
        f.Channel = Pick(Channels);
        f.Purpose = Pick(Purposes);
        f.InCampaign = Chance(0.3);

        // ---- calendar ----
        f.DaysToBirthday = Chance(0.2) ? null : Pick([0, 1, 2, 3, 6, 7, 8, 13, 14, 15, 30, 31, 180, 364, 365], random.Next(0, 366));
        f.DaysToFirstPurchaseAnniversary = bought || incoherent ? (Chance(0.2) ? null : Pick([0, 1, 2, 3, 6, 7, 8, 14, 30, 364, 365, 366], random.Next(1, 367))) : null;
        f.DaysToMemberAnniversary = Chance(0.3) ? null : Pick([0, 1, 2, 3, 6, 7, 8, 13, 14, 15, 30, 31, 180, 364, 365, 366], random.Next(0, 367));
        f.DaysToSpringFestival = Chance(0.1) ? null : Pick([0, 1, 6, 7, 8, 30, 354, 384], random.Next(0, 385));
        f.DaysToDragonBoat = Chance(0.1) ? null : Pick([0, 1, 6, 7, 8, 30, 354, 384], random.Next(0, 385));
        f.DaysToMidAutumn = Chance(0.1) ? null : Pick([0, 1, 6, 7, 8, 30, 354, 384], random.Next(0, 385));
        f.DaysToChristmas = Pick([0, 1, 6, 7, 8, 30, 364, 365], random.Next(0, 366));
        f.DaysToValentinesDay = Pick([0, 1, 6, 7, 8, 30, 364, 365], random.Next(0, 366));
        f.LocalHour = Pick([0, 7, 8, 9, 10, 11, 12, 13, 18, 19, 20, 21, 22, 23], random.Next(0, 24));
        f.LocalWeekday = Pick(Weekdays);

        // ---- the open attempt ----
        f.HasOpenAttempt = Chance(0.35);
        f.DaysSinceAttemptStarted = f.HasOpenAttempt || incoherent ? Days(incoherent ? 0.5 : 0.0) : null;
        f.AttemptStep = f.HasOpenAttempt || incoherent ? Pick(AttemptSteps.AsSpan(incoherent ? 0 : 1)) : "";
        f.Responded = Chance(0.3);
        f.ReasonJustGiven = f.Responded && Chance(0.3);
        return f;
    }

    private bool Consent(int mode) => mode switch
    {
        0 => true,
        1 => false,
        _ => Chance(0.5),
    };

    private int? Days(double nullChance)
    {
        if (Chance(nullChance))
        {
            return null;
        }

        return Chance(0.75) ? Pick(DayBoundaries) : random.Next(0, 800);
    }

    private decimal? NullableDecimal(double nullChance, Func<decimal> value) => Chance(nullChance) ? null : value();

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(ReadOnlySpan<T> values) => values[random.Next(values.Length)];

    /// <summary>Half the time a value from <paramref name="values"/>, otherwise <paramref name="other"/> when it is not -1.</summary>
    private int Pick(ReadOnlySpan<int> values, int other) =>
        other != -1 && Chance(0.5) ? other : values[random.Next(values.Length)];

    private static int SaturatingAdd(int a, int b) => (int)Math.Min((long)a + b, int.MaxValue);
}
