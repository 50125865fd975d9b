using NRules.Fluent.Dsl;
using PriorityAttribute = NRules.Fluent.Dsl.PriorityAttribute;

namespace Reactivation.Joins.ReferenceTests.Reference;

/// <summary>A friend (the other side of a referral, neither the customer nor family) bought in the window.</summary>
[Name("RelationshipChain.FriendBought"), Priority(10)]
public sealed class FriendBoughtRule : Rule
{
    public override void Define()
    {
        Customer customer = null!;
        Thresholds thresholds = null!;
        Referral referral = null!;
        Guid friend = Guid.Empty;
        Bought bought = null!;

        When()
            .Match(() => customer)
            .Match(() => thresholds)
            .Match(() => referral, r => (r.Referrer == customer.Contact) != (r.Referred == customer.Contact))
            .Let(() => friend, () => referral.Referrer == customer.Contact ? referral.Referred : referral.Referrer)
            .Not<HouseholdOf>(h => customer.Household != null && h.Contact == friend && h.Household == customer.Household)
            .Match(() => bought, b => b.Buyer == friend
                && (thresholds.Today - b.Day).Days >= 0
                && (thresholds.Today - b.Day).Days < thresholds.WindowDays);

        Then()
            .Yield(_ => new FriendBought(friend, bought.Item));
    }
}

[Name("RelationshipChain.Count"), Priority(5)]
public sealed class FriendsCountRule : Rule
{
    public override void Define()
    {
        IEnumerable<FriendBought> bought = null!;

        When()
            .Query(() => bought, q => q.Match<FriendBought>().Collect().Where(c => c.Any()));

        Then()
            .Yield(_ => new FriendsCount(bought.Select(b => b.Friend).Distinct().Count()));
    }
}

[Name("RelationshipChain.ItemTally"), Priority(5)]
public sealed class ItemTallyRule : Rule
{
    public override void Define()
    {
        IGrouping<string, FriendBought> item = null!;

        When()
            .Query(() => item, q => q.Match<FriendBought>(b => b.Item != null).GroupBy(b => b.Item!));

        Then()
            .Yield(_ => new ItemTally(item.Key, item.Select(b => b.Friend).Distinct().Count()));
    }
}

/// <summary>The top choice: no item chosen by more friends, nor by as many and earlier in ordinal order.</summary>
[Name("RelationshipChain.TopChoice"), Priority(1)]
public sealed class TopChoiceRule : Rule
{
    public override void Define()
    {
        ItemTally tally = null!;

        When()
            .Match(() => tally)
            .Not<ItemTally>(o => o.Friends > tally.Friends || (o.Friends == tally.Friends && string.CompareOrdinal(o.Item, tally.Item) < 0));

        Then()
            .Yield(_ => new TopChoice(tally.Item));
    }
}

/// <summary>A touch that remains, of a customer in a social-proof stage with enough friends who bought, carries the message.</summary>
[Name("RelationshipChain.SocialProof")]
public sealed class SocialProofRule : Rule
{
    public override void Define()
    {
        Thresholds thresholds = null!;
        CustomerTouch touch = null!;
        FriendsCount count = null!;

        When()
            .Match(() => thresholds)
            .Match(() => touch, t => !t.Blocked && thresholds.SocialProofStages.Contains(t.Stage))
            .Match(() => count, c => c.Friends >= thresholds.MinFriends);

        Then()
            .Yield(_ => new SocialProofGiven(touch.Key, count.Friends));
    }
}
