using NRules.Fluent.Dsl;
using PriorityAttribute = NRules.Fluent.Dsl.PriorityAttribute;

namespace Reactivation.Joins.ReferenceTests.Reference;

/// <summary>The orders the rules rank by, as rules/README.md states them (ids compared as text, as written).</summary>
public static class Ranking
{
    /// <summary>Household: higher value, then higher priority, then the smaller contact id.</summary>
    public static bool HouseholdBetter(MemberTouch a, MemberTouch b) =>
        a.Value != b.Value ? a.Value > b.Value
        : a.Priority != b.Priority ? a.Priority > b.Priority
        : string.CompareOrdinal(a.Contact.ToString("D"), b.Contact.ToString("D")) < 0;

    /// <summary>Calls: higher priority (grade), then higher value, then the smaller contact id, then the touch key.</summary>
    public static bool CallBetter(RepCall a, RepCall b) =>
        a.Priority != b.Priority ? a.Priority > b.Priority
        : a.Value != b.Value ? a.Value > b.Value
        : a.Contact != b.Contact ? string.CompareOrdinal(a.Contact.ToString("D"), b.Contact.ToString("D")) < 0
        : string.CompareOrdinal(a.Key, b.Key) < 0;
}

/// <summary>A member got the offer that day outside the page: every other member's touch for it is blocked.</summary>
[Name("Household.ContactedToday")]
public sealed class HouseholdContactedTodayRule : Rule
{
    public override void Define()
    {
        MemberTouch touch = null!;
        Thresholds thresholds = null!;
        IEnumerable<OfferAlreadyMade> made = null!;

        When()
            .Match(() => thresholds)
            .Match(() => touch)
            .Query(() => made, q => q
                .Match<OfferAlreadyMade>(m => m.Offer == touch.Offer && m.Day == touch.Day && m.Contact != touch.Contact)
                .Collect()
                .Where(c => c.Any()));

        Then()
            .Yield(_ => new HouseholdVerdict
            {
                Key = touch.Key,
                Code = "HouseholdContactedToday",
                Blocked = true,
                RetryOn = touch.Day.AddDays(thresholds.RetryAfterDays),
            });
    }
}

/// <summary>A member's touch competes for its day and offer unless another member already got the offer that day.</summary>
[Name("Household.Competes"), Priority(10)]
public sealed class HouseholdCompetesRule : Rule
{
    public override void Define()
    {
        MemberTouch touch = null!;

        When()
            .Match(() => touch)
            .Not<OfferAlreadyMade>(m => m.Offer == touch.Offer && m.Day == touch.Day && m.Contact != touch.Contact);

        Then()
            .Yield(_ => new Competing(touch));
    }
}

/// <summary>Among the members competing for a day and an offer, the best-ranked gets it and the others are blocked.</summary>
[Name("Household.SameOffer")]
public sealed class HouseholdSameOfferRule : Rule
{
    public override void Define()
    {
        Competing competing = null!;
        Thresholds thresholds = null!;
        IEnumerable<Competing> rivals = null!;
        int members = 0;
        int rank = 0;

        When()
            .Match(() => thresholds)
            .Match(() => competing)
            .Query(() => rivals, q => q
                .Match<Competing>(o => o.Touch.Offer == competing.Touch.Offer && o.Touch.Day == competing.Touch.Day)
                .Collect())
            .Let(() => members, () => rivals.Select(o => o.Touch.Contact).Distinct().Count())
            .Let(() => rank, () => 1 + rivals.Where(o => Ranking.HouseholdBetter(o.Touch, competing.Touch)).Select(o => o.Touch.Contact).Distinct().Count())
            .Having(() => members >= 2);

        Then()
            .Yield(_ => new HouseholdVerdict
            {
                Key = competing.Touch.Key,
                Code = rank == 1 ? "HouseholdChosen" : "HouseholdSameOffer",
                Blocked = rank > 1,
                RetryOn = rank > 1 ? competing.Touch.Day.AddDays(thresholds.RetryAfterDays) : null,
                MembersDue = members,
                Rank = rank,
            });
    }
}
