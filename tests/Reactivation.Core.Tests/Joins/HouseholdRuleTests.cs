using Reactivation.Core.Joins;
using static Reactivation.Core.Tests.Joins.JoinTestPage;

namespace Reactivation.Core.Tests.Joins;

[TestClass]
public sealed class HouseholdRuleTests
{
    [TestMethod]
    public void Of_two_household_members_due_the_same_offer_the_same_day_the_higher_value_one_gets_it()
    {
        var result = Page(Message(1, value: 300m), Message(2, value: 800m)).InHousehold("Lin", 1, 2).Apply();

        var lower = result.For("c1:WinBack:sms");
        var higher = result.For("c2:WinBack:sms");
        Assert.AreEqual(TouchVerdict.Kept, higher.Verdict);
        Assert.IsNull(higher.ReasonCode);
        Assert.AreEqual("Household HouseholdChosen (MembersDue=2, Rank=1)", higher.Decisions.Single().ToString());
        Assert.AreEqual(TouchVerdict.Blocked, lower.Verdict);
        Assert.AreEqual(JoinCodes.HouseholdSameOffer, lower.ReasonCode);
        Assert.AreEqual(new DateTime(2025, 6, 22), lower.RetryOn, "planned day + 7 (the default retry gap)");
        Assert.AreEqual("Household HouseholdSameOffer (MembersDue=2, Rank=2, RetryOn=2025-06-22)", lower.Decisions.Single().ToString());
        Assert.AreEqual(1, result.Blocked);
    }

    [TestMethod]
    public void Equal_value_goes_to_the_higher_priority_and_then_to_the_smaller_contact_id()
    {
        var byPriority = Page(Message(1, value: 500m, priority: 1), Message(2, value: 500m, priority: 3)).InHousehold("Lin", 1, 2).Apply();
        Assert.AreEqual(TouchVerdict.Kept, byPriority.For("c2:WinBack:sms").Verdict);
        Assert.AreEqual(TouchVerdict.Blocked, byPriority.For("c1:WinBack:sms").Verdict);

        var byId = Page(Message(7, value: 500m), Message(3, value: 500m)).InHousehold("Lin", 3, 7).Apply();
        Assert.AreEqual(TouchVerdict.Kept, byId.For("c3:WinBack:sms").Verdict);
        Assert.AreEqual(TouchVerdict.Blocked, byId.For("c7:WinBack:sms").Verdict);
    }

    [TestMethod]
    public void In_a_household_of_three_the_first_gets_the_offer_and_the_others_are_ranked_2_and_3()
    {
        var result = Page(Message(1, value: 200m), Message(2, value: 900m), Message(3, value: 450m)).InHousehold("Wang", 1, 2, 3).Apply();

        Assert.AreEqual(TouchVerdict.Kept, result.For("c2:WinBack:sms").Verdict);
        Assert.AreEqual("2", result.For("c3:WinBack:sms").Decisions.Single().Count("Rank"));
        Assert.AreEqual("3", result.For("c1:WinBack:sms").Decisions.Single().Count("Rank"));
        Assert.AreEqual("3", result.For("c1:WinBack:sms").Decisions.Single().Count("MembersDue"));
        Assert.AreEqual(2, result.Blocked);
    }

    [TestMethod]
    public void Different_offers_or_different_days_in_one_household_are_both_made()
    {
        var offers = Page(Message(1, offer: "WinBack"), Message(2, offer: "Anniversary")).InHousehold("Lin", 1, 2).Apply();
        Assert.AreEqual(0, offers.Blocked);
        Assert.IsTrue(offers.Outcomes.All(o => o.Decisions.Count == 0));

        var days = Page(Message(1), Message(2, inDays: 1)).InHousehold("Lin", 1, 2).Apply();
        Assert.AreEqual(0, days.Blocked);
    }

    [TestMethod]
    public void Customers_of_different_households_or_living_alone_are_not_joined()
    {
        var page = Page(Message(1), Message(2), Message(3), Message(4)).InHousehold("Lin", 1).InHousehold("Wang", 2);
        Assert.AreEqual(0, page.Apply().Blocked);
    }

    [TestMethod]
    public void The_declared_household_key_wins_over_the_parent_account_and_ignores_case_and_spaces()
    {
        var account = Guid.NewGuid();
        var page = Page(Message(1, value: 10m), Message(2, value: 20m), Message(3, value: 30m));
        page.Households.Add(Contact(1), " lin-12 ", account);
        page.Households.Add(Contact(2), "LIN-12", null);
        page.Households.Add(Contact(3), null, account);

        var result = page.Apply();

        Assert.AreEqual(TouchVerdict.Blocked, result.For("c1:WinBack:sms").Verdict, "1 and 2 share the declared key lin-12");
        Assert.AreEqual(TouchVerdict.Kept, result.For("c2:WinBack:sms").Verdict);
        Assert.AreEqual(TouchVerdict.Kept, result.For("c3:WinBack:sms").Verdict, "3 is only in the account household, which 1 left by declaring a key");
        Assert.AreEqual("account:" + account.ToString("D"), HouseholdDirectory.KeyFor("  ", account));
        Assert.IsNull(HouseholdDirectory.KeyFor(null, null));
    }

    [TestMethod]
    public void Every_touch_of_the_losing_member_is_blocked_and_every_touch_of_the_winner_kept()
    {
        var result = Page(Message(1, value: 100m), Call(1, rep: 1, value: 100m), Message(2, value: 900m), Call(2, rep: 1, value: 900m))
            .InHousehold("Lin", 1, 2).Apply();

        Assert.AreEqual(TouchVerdict.Blocked, result.For("c1:WinBack:sms").Verdict);
        Assert.AreEqual(TouchVerdict.Blocked, result.For("c1:WinBack:call").Verdict);
        Assert.AreEqual(TouchVerdict.Kept, result.For("c2:WinBack:sms").Verdict);
        Assert.AreEqual(TouchVerdict.Kept, result.For("c2:WinBack:call").Verdict);
    }

    [TestMethod]
    public void A_member_who_got_the_offer_earlier_that_day_blocks_the_page_members_but_not_themselves()
    {
        var page = Page(Message(1, value: 900m), Message(2, value: 100m)).InHousehold("Lin", 1, 2, 3);
        page.EarlierHouseholdTouches.Add(new EarlierHouseholdTouch(Contact(3), HouseholdDirectory.KeyFor("Lin", null)!, "WinBack", Today));

        var result = page.Apply();

        Assert.AreEqual(TouchVerdict.Blocked, result.For("c1:WinBack:sms").Verdict, "even the higher-value member: contact 3 has it already");
        Assert.AreEqual(JoinCodes.HouseholdContactedToday, result.For("c1:WinBack:sms").ReasonCode);
        Assert.AreEqual("Household HouseholdContactedToday (AlreadyContacted=1, RetryOn=2025-06-22)", result.For("c2:WinBack:sms").Decisions.Single().ToString());

        var own = Page(Message(3)).InHousehold("Lin", 3);
        own.EarlierHouseholdTouches.Add(new EarlierHouseholdTouch(Contact(3), HouseholdDirectory.KeyFor("Lin", null)!, "WinBack", Today));
        Assert.AreEqual(TouchVerdict.Kept, own.Apply().For("c3:WinBack:sms").Verdict);
    }

    [TestMethod]
    public void An_earlier_touch_on_another_day_or_with_another_offer_blocks_nothing()
    {
        var page = Page(Message(1)).InHousehold("Lin", 1, 2);
        var key = HouseholdDirectory.KeyFor("Lin", null)!;
        page.EarlierHouseholdTouches.Add(new EarlierHouseholdTouch(Contact(2), key, "WinBack", Today.AddDays(-1)));
        page.EarlierHouseholdTouches.Add(new EarlierHouseholdTouch(Contact(2), key, "Anniversary", Today));

        Assert.AreEqual(TouchVerdict.Kept, page.Apply().For("c1:WinBack:sms").Verdict);
    }

    [TestMethod]
    public void The_retry_gap_is_a_setting()
    {
        var result = Page(Message(1, value: 1m, inDays: 2), Message(2, value: 2m, inDays: 2)).InHousehold("Lin", 1, 2)
            .Apply(new JoinSettings { HouseholdRetryAfterDays = 1 });

        Assert.AreEqual(new DateTime(2025, 6, 18), result.For("c1:WinBack:sms").RetryOn, "planned 17 June + 1");
    }

    [TestMethod]
    public void A_blocked_call_takes_no_slot_of_the_rep()
    {
        var result = Page(Call(1, rep: 1, value: 100m), Call(2, rep: 1, value: 900m), Call(3, rep: 1, value: 50m))
            .InHousehold("Lin", 1, 2).WithRep(1, 2).Apply();

        Assert.AreEqual(TouchVerdict.Blocked, result.For("c1:WinBack:call").Verdict);
        Assert.AreEqual(TouchVerdict.Kept, result.For("c2:WinBack:call").Verdict);
        Assert.AreEqual(TouchVerdict.Kept, result.For("c3:WinBack:call").Verdict, "two slots, two calls left after the household rule");
        Assert.IsNull(result.For("c1:WinBack:call").Assignee);
    }
}
