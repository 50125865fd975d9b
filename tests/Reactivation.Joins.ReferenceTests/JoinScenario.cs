using Reactivation.Core.Decisions;
using Reactivation.Core.Joins;

namespace Reactivation.Joins.ReferenceTests;

/// <summary>A household member as the contact row gives it: the declared household key and the parent account.</summary>
internal sealed record Member(Guid Contact, string? DeclaredKey, Guid? Account);

/// <summary>An offer a household member already got outside the page (by contact: each engine derives the household itself).</summary>
internal sealed record EarlierTouch(Guid Contact, string Offer, DateTime Day);

/// <summary>
/// One page of the daily evaluation as raw data, before either engine sees it: the planned touches and every
/// fact the join rules read. Both Core and the NRules reference are built from this, each their own way.
/// </summary>
internal sealed class JoinScenario
{
    public required int Seed { get; init; }
    public required DateTime Today { get; init; }
    public List<PlannedTouch> Touches { get; } = [];
    public List<Member> Members { get; } = [];
    public List<EarlierTouch> Earlier { get; } = [];
    public List<ReferralLink> Referrals { get; } = [];
    public List<FriendPurchase> Purchases { get; } = [];
    public List<RepCapacity> Reps { get; } = [];
    public List<RepLoad> Loads { get; } = [];
    public JoinTeam? Overflow { get; set; }
    public int WindowDays { get; set; } = 30;
    public int MinFriends { get; set; } = 2;
    public int RetryAfterDays { get; set; } = 7;

    public IEnumerable<Guid> PageContacts => Touches.Select(t => t.ContactId).Distinct();

    public JoinSettings Settings() => new()
    {
        SocialProofWindowDays = WindowDays,
        SocialProofMinFriends = MinFriends,
        HouseholdRetryAfterDays = RetryAfterDays,
        OverflowTeam = Overflow,
    };

    public override string ToString() => $"seed {Seed}, {Touches.Count} touches";
}

/// <summary>
/// Seeded pages that reach every boundary the join rules have: households of 2–4 (declared keys in mixed case and
/// spacing, parent accounts, both), ties on value and priority, members already contacted outside the page,
/// referral friends inside and outside the page and inside the customer's own household, purchases on both
/// sides of the window's edge and in the future, reps below, at and over capacity on several days, with and
/// without an overflow team.
/// </summary>
internal static class SeededPages
{
    public static readonly DateTime Today = new(2025, 6, 15);

    private static readonly string[] Offers = ["WinBack", "Anniversary", "PackageReminder"];
    private static readonly string?[] Items = ["Hydrating facial", "Massage", "Nails", "Laser", "补水护理", null];
    private static readonly LifecycleStage[] Stages =
    [
        LifecycleStage.Sleeping, LifecycleStage.Sleeping, LifecycleStage.Sleeping, LifecycleStage.Sleeping,
        LifecycleStage.Silent, LifecycleStage.Silent, LifecycleStage.Lost, LifecycleStage.Active, LifecycleStage.Loyal,
    ];

    public static JoinScenario Generate(int seed, int touches)
    {
        var random = new Random(seed);
        var scenario = new JoinScenario { Seed = seed, Today = Today, WindowDays = seed % 3 == 0 ? 14 : 30 };
        if (seed % 2 == 0) scenario.Overflow = new JoinTeam(Id(random), "CustomerCare");

        var contactCount = Math.Max(2, touches * 10 / 16);
        var reps = new List<Guid>();
        var repCount = Math.Max(2, contactCount / 40);
        var maxCapacity = 1 + (seed % 4) * 3;
        for (var i = 0; i < repCount; i++)
        {
            var rep = Id(random);
            reps.Add(rep);
            var capacity = random.Next(1, maxCapacity + 1);
            scenario.Reps.Add(new RepCapacity(rep, capacity));
            for (var day = 0; day < 5; day++)
            {
                // Below, exactly at and over capacity; some days without a load row at all.
                if (random.NextDouble() < 0.2) continue;
                scenario.Loads.Add(new RepLoad(rep, Today.AddDays(day), random.Next(0, capacity + 2)));
            }

            if (random.NextDouble() < 0.2) scenario.Loads.Add(new RepLoad(rep, Today, random.Next(0, 2)));
        }

        var outsideRep = Id(random);
        var contacts = new List<Guid>();
        while (scenario.Touches.Count < touches)
        {
            var contact = Id(random);
            contacts.Add(contact);
            var stage = Stages[random.Next(Stages.Length)];
            // Coarse values and three grades: ties are common, so the tie-breaks are exercised.
            var value = random.Next(1, 21) * 100m;
            var priority = random.Next(1, 4);
            var offer = Offers[random.Next(Offers.Length)];
            var day = Today.AddDays(random.NextDouble() < 0.7 ? 0 : random.Next(1, 3));
            var roll = random.NextDouble();
            Guid? rep = roll < 0.1 ? null : roll < 0.15 ? outsideRep : reps[random.Next(reps.Count)];
            var channel = random.NextDouble() < 0.5 ? ContactChannels.Sms : ContactChannels.WeChat;
            scenario.Touches.Add(new PlannedTouch($"{contact:N}:{offer}:{channel}", contact, stage, offer, channel, day, false, value, priority, rep));
            if (scenario.Touches.Count < touches && random.NextDouble() < 0.45)
            {
                scenario.Touches.Add(new PlannedTouch($"{contact:N}:{offer}:call", contact, stage, offer, ContactChannels.Phone, day, true, value, priority, rep));
            }
        }

        // Households: about a third of the page in households of 2-4, sometimes with a member outside the page.
        var shuffled = contacts.OrderBy(_ => random.Next()).ToList();
        var outsideMembers = new List<(Guid Contact, string? Declared, Guid? Account)>();
        var friends = new List<Guid>();
        var householdNumber = 0;
        for (var i = 0; i + 1 < shuffled.Count * 35 / 100;)
        {
            var size = random.Next(2, 5);
            householdNumber++;
            var declared = random.NextDouble() < 0.5;
            var key = "H-" + householdNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var account = Id(random);
            for (var m = 0; m < size && i < shuffled.Count; m++, i++)
            {
                scenario.Members.Add(declared
                    ? new Member(shuffled[i], Spelling(random, key), random.NextDouble() < 0.3 ? Id(random) : null)
                    : new Member(shuffled[i], null, account));
            }

            if (random.NextDouble() < 0.3)
            {
                var outside = Id(random);
                var member = declared ? new Member(outside, key, null) : new Member(outside, null, account);
                scenario.Members.Add(member);
                outsideMembers.Add((outside, member.DeclaredKey, member.Account));
                if (random.NextDouble() < 0.6)
                {
                    scenario.Earlier.Add(new EarlierTouch(outside, Offers[random.Next(Offers.Length)], Today.AddDays(random.Next(0, 3))));
                }

                // Family who referred a member: never "a friend" of theirs.
                if (random.NextDouble() < 0.5) friends.Add(Link(scenario, outside, shuffled[i - 1]));
            }

            if (size >= 2 && random.NextDouble() < 0.3) Link(scenario, shuffled[i - 1], shuffled[i - 2]);
        }

        // Referral friends: a referrer for half the customers (outside, another page customer, or someone's family), referred friends for a third.
        foreach (var contact in contacts)
        {
            var roll = random.NextDouble();
            if (roll < 0.3) friends.Add(Link(scenario, Id(random), contact));
            else if (roll < 0.42) Link(scenario, contacts[random.Next(contacts.Count)], contact);
            else if (roll < 0.5 && outsideMembers.Count > 0) friends.Add(Link(scenario, outsideMembers[random.Next(outsideMembers.Count)].Contact, contact));

            if (random.NextDouble() < 0.35)
            {
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    var referred = Id(random);
                    scenario.Referrals.Add(new ReferralLink(contact, referred));
                    friends.Add(referred);
                }
            }
        }

        if (contacts.Count > 0) scenario.Referrals.Add(new ReferralLink(contacts[0], contacts[0]));

        // Purchases on both sides of the window's edge, in it, long ago and (a clock skew) tomorrow.
        foreach (var friend in friends.Concat(contacts))
        {
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                var edge = scenario.WindowDays + random.Next(-2, 2);
                var daysAgo = random.NextDouble() switch
                {
                    < 0.35 => edge,
                    < 0.85 => random.Next(0, scenario.WindowDays),
                    < 0.95 => random.Next(scenario.WindowDays, 120),
                    _ => -1,
                };
                scenario.Purchases.Add(new FriendPurchase(friend, Today.AddDays(-daysAgo), Items[random.Next(Items.Length)]));
            }
        }

        return scenario;
    }

    private static Guid Link(JoinScenario scenario, Guid referrer, Guid referred)
    {
        scenario.Referrals.Add(new ReferralLink(referrer, referred));
        return referrer;
    }

    /// <summary>The same declared key as staff might type it: other case, stray spaces.</summary>
    private static string Spelling(Random random, string key) => random.Next(3) switch
    {
        0 => key,
        1 => " " + key.ToLowerInvariant(),
        _ => key.ToUpperInvariant() + "  ",
    };

    private static Guid Id(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
