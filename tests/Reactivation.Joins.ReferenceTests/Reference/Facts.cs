using Reactivation.Core.Decisions;

namespace Reactivation.Joins.ReferenceTests.Reference;

// The reference's own working-memory facts: plain classes (identity equality), so two equal links stay two facts.
// Rules bind them; nothing here decides.

/// <summary>The thresholds, inserted into every session: how a changed threshold reaches the reference.</summary>
public sealed class Thresholds
{
    public required DateTime Today { get; init; }
    public required int WindowDays { get; init; }
    public required int MinFriends { get; init; }
    public required int RetryAfterDays { get; init; }
    public required IReadOnlySet<LifecycleStage> SocialProofStages { get; init; }
}

// ---- households: one session per household ----

public sealed class MemberTouch
{
    public required string Key { get; init; }
    public required Guid Contact { get; init; }
    public required string Offer { get; init; }
    public required DateTime Day { get; init; }
    public required decimal Value { get; init; }
    public required int Priority { get; init; }
}

public sealed class OfferAlreadyMade
{
    public required Guid Contact { get; init; }
    public required string Offer { get; init; }
    public required DateTime Day { get; init; }
}

/// <summary>A member's touch that competes for its (day, offer): no other member got the offer that day already.</summary>
public sealed class Competing(MemberTouch touch)
{
    public MemberTouch Touch { get; } = touch;
}

public sealed class HouseholdVerdict
{
    public required string Key { get; init; }
    public required string Code { get; init; }
    public required bool Blocked { get; init; }
    public DateTime? RetryOn { get; init; }
    public int MembersDue { get; init; }
    public int Rank { get; init; }
}

// ---- relationship chain: one session per contact ----

public sealed class Customer
{
    public required Guid Contact { get; init; }
    public required string? Household { get; init; }
}

public sealed class Referral
{
    public required Guid Referrer { get; init; }
    public required Guid Referred { get; init; }
}

public sealed class HouseholdOf
{
    public required Guid Contact { get; init; }
    public required string Household { get; init; }
}

public sealed class Bought
{
    public required Guid Buyer { get; init; }
    public required DateTime Day { get; init; }
    public required string? Item { get; init; }
}

public sealed class FriendBought(Guid friend, string? item)
{
    public Guid Friend { get; } = friend;
    public string? Item { get; } = item;
}

public sealed class FriendsCount(int friends)
{
    public int Friends { get; } = friends;
}

public sealed class ItemTally(string item, int friends)
{
    public string Item { get; } = item;
    public int Friends { get; } = friends;
}

public sealed class TopChoice(string item)
{
    public string Item { get; } = item;
}

public sealed class CustomerTouch
{
    public required string Key { get; init; }
    public required LifecycleStage Stage { get; init; }
    public required bool Blocked { get; init; }
}

public sealed class SocialProofGiven(string key, int friends)
{
    public string Key { get; } = key;
    public int Friends { get; } = friends;
}

// ---- team capacity: one session per rep ----

public sealed class RepDay
{
    public required int CallsPerDay { get; init; }
}

public sealed class CallsAlready
{
    public required DateTime Day { get; init; }
    public required int Calls { get; init; }
}

public sealed class OverflowTeam
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
}

/// <summary>A call the rep would make; the capacity rules move it (Day) or hand it to the team (ToTeam) until no rule fires.</summary>
public sealed class RepCall
{
    public required string Key { get; init; }
    public required Guid Contact { get; init; }
    public required int Priority { get; init; }
    public required decimal Value { get; init; }
    public required DateTime PlannedDay { get; init; }
    public DateTime Day { get; set; }
    public bool ToTeam { get; set; }
}
