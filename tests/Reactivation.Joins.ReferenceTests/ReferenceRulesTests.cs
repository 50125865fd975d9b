using Reactivation.Core.Decisions;
using Reactivation.Core.Joins;
using Reactivation.Joins.ReferenceTests.Reference;

namespace Reactivation.Joins.ReferenceTests;

/// <summary>The NRules reference on its own, on a page small enough to compute by hand: a reference that agreed by deciding nothing would fail here.</summary>
[TestClass]
public sealed class ReferenceRulesTests
{
    private static readonly DateTime Today = SeededPages.Today;

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    private static PlannedTouch Call(int contact, decimal value, int priority, Guid rep) =>
        new($"c{contact}", Id(contact), LifecycleStage.Sleeping, "WinBack", ContactChannels.Phone, Today, true, value, priority, rep);

    [TestMethod]
    public void NRules_ranks_a_household_of_three_chains_two_friends_and_moves_the_call_the_rep_cannot_make()
    {
        var rep = Id(900);
        var scenario = new JoinScenario { Seed = 0, Today = Today };
        scenario.Touches.AddRange([Call(1, 900m, 1, rep), Call(2, 300m, 3, rep), Call(3, 600m, 1, rep), Call(4, 100m, 2, rep)]);
        scenario.Members.AddRange([new Member(Id(1), "Lin", null), new Member(Id(2), " lin", null), new Member(Id(3), "LIN ", null)]);
        scenario.Referrals.AddRange([new ReferralLink(Id(10), Id(4)), new ReferralLink(Id(4), Id(11)), new ReferralLink(Id(4), Id(1))]);
        scenario.Purchases.AddRange([new FriendPurchase(Id(10), Today.AddDays(-29), "Nails"), new FriendPurchase(Id(11), Today, "Nails"), new FriendPurchase(Id(1), Today, "Massage")]);
        scenario.Reps.Add(new RepCapacity(rep, 2));
        scenario.Loads.Add(new RepLoad(rep, Today, 1));

        var result = NRulesJoins.Run(scenario);

        // Household Lin (one key however typed): 1 (900) gets the offer over 3 (600) and 2 (300).
        Assert.AreEqual("Blocked HouseholdSameOffer day 2025-06-15 retry 2025-06-22", result.Touches["c3"].ToString());
        Assert.AreEqual("Blocked HouseholdSameOffer day 2025-06-15 retry 2025-06-22", result.Touches["c2"].ToString());
        // One slot left (2 a day, 1 already): grade 2 (contact 4) before grade 1 (contact 1), who moves to tomorrow.
        // Contact 4's friends 10 (29 days ago, inside 30), 11 and 1 bought: 3, Nails by two of them.
        Assert.AreEqual("Kept day 2025-06-15 rep:" + rep.ToString("D") + " social proof 3 'Nails'", result.Touches["c4"].ToString());
        Assert.AreEqual("Moved RepAtCapacity day 2025-06-16 rep:" + rep.ToString("D"), result.Touches["c1"].ToString());
        Assert.AreEqual(new FriendsFacts(3, "Nails"), result.Friends[Id(4)]);
    }
}
