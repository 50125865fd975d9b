using Reactivation.Core.Decisions;
using Reactivation.Core.Joins;
using static Reactivation.Core.Tests.Joins.JoinTestPage;

namespace Reactivation.Core.Tests.Joins;

[TestClass]
public sealed class TeamCapacityRuleTests
{
    [TestMethod]
    public void Calls_within_the_reps_capacity_stay_with_the_rep()
    {
        var result = Page(Call(1, rep: 1), Call(2, rep: 1)).WithRep(1, 5, (0, 1)).Apply();

        Assert.IsTrue(result.Outcomes.All(o => o.Verdict == TouchVerdict.Kept && o.Assignee!.Id == Rep(1) && !o.Assignee.IsTeam));
        Assert.AreEqual("TeamCapacity WithinCapacity (Capacity=5, CallsBefore=1)", result.Outcomes[0].Decisions.Single().ToString());
        Assert.AreEqual("TeamCapacity WithinCapacity (Capacity=5, CallsBefore=2)", result.Outcomes[1].Decisions.Single().ToString());
    }

    [TestMethod]
    public void A_rep_one_call_short_of_capacity_takes_the_higher_grade_and_the_other_moves_to_the_next_day()
    {
        // Capacity 3, already 2 calls today: one slot left for two calls.
        var result = Page(Call(1, rep: 1, priority: 1), Call(2, rep: 1, priority: 3)).WithRep(1, 3, (0, 2)).Apply();

        var graded = result.For("c2:WinBack:call");
        Assert.AreEqual(TouchVerdict.Kept, graded.Verdict, "the higher grade comes first though it is later in the page");
        Assert.AreEqual(Today, graded.Day);
        var other = result.For("c1:WinBack:call");
        Assert.AreEqual(TouchVerdict.Moved, other.Verdict);
        Assert.AreEqual(JoinCodes.RepAtCapacity, other.ReasonCode);
        Assert.AreEqual(Today.AddDays(1), other.Day);
        Assert.AreEqual(Rep(1), other.Assignee!.Id);
        Assert.AreEqual("TeamCapacity RepAtCapacity (Capacity=3, CallsBefore=3, MovedTo=2025-06-16, DaysLater=1)", other.Decisions.Single().ToString());
    }

    [TestMethod]
    public void A_rep_exactly_at_capacity_takes_no_call_that_day()
    {
        var result = Page(Call(1, rep: 1)).WithRep(1, 4, (0, 4)).Apply();
        Assert.AreEqual(TouchVerdict.Moved, result.For("c1:WinBack:call").Verdict);
        Assert.AreEqual("4", result.For("c1:WinBack:call").Decisions.Single().Count("CallsBefore"));
    }

    [TestMethod]
    public void A_rep_already_over_capacity_sends_every_call_on()
    {
        var result = Page(Call(1, rep: 1)).WithRep(1, 2, (0, 5)).Apply();
        Assert.AreEqual(Today.AddDays(1), result.For("c1:WinBack:call").Day);
    }

    [TestMethod]
    public void With_an_overflow_team_a_call_the_rep_cannot_make_goes_to_the_team_the_same_day()
    {
        var result = Page(Call(1, rep: 1, priority: 2), Call(2, rep: 1, priority: 1)).WithRep(1, 1).Apply(new JoinSettings { OverflowTeam = CustomerCare });

        Assert.AreEqual(TouchVerdict.Kept, result.For("c1:WinBack:call").Verdict);
        var overflow = result.For("c2:WinBack:call");
        Assert.AreEqual(TouchVerdict.Reassigned, overflow.Verdict);
        Assert.AreEqual(Today, overflow.Day);
        Assert.IsTrue(overflow.Assignee!.IsTeam);
        Assert.AreEqual(CustomerCare.Id, overflow.Assignee.Id);
        Assert.AreEqual("TeamCapacity RepAtCapacity (Capacity=1, CallsBefore=1, Team=CustomerCare)", overflow.Decisions.Single().ToString());
        Assert.AreEqual(1, result.Reassigned);
    }

    [TestMethod]
    public void Everyone_over_capacity_and_no_team_fills_the_following_days_in_grade_order_never_dropping_a_call()
    {
        // Rep 1: 1 call a day, tomorrow already full. Rep 2: 2 a day, today full.
        var page = Page(
                Call(1, rep: 1, priority: 1), Call(2, rep: 1, priority: 2), Call(3, rep: 1, priority: 3),
                Call(4, rep: 2), Call(5, rep: 2), Call(6, rep: 2))
            .WithRep(1, 1, (1, 1))
            .WithRep(2, 2, (0, 2));

        var result = page.Apply();

        Assert.AreEqual(Today, result.For("c3:WinBack:call").Day, "grade 3 gets rep 1's only slot today");
        Assert.AreEqual(Today.AddDays(2), result.For("c2:WinBack:call").Day, "tomorrow is full: the day after");
        Assert.AreEqual(Today.AddDays(3), result.For("c1:WinBack:call").Day);
        Assert.AreEqual(Today.AddDays(1), result.For("c4:WinBack:call").Day);
        Assert.AreEqual(Today.AddDays(1), result.For("c5:WinBack:call").Day);
        Assert.AreEqual(Today.AddDays(2), result.For("c6:WinBack:call").Day, "two a day: the third moved call waits one more day");
        Assert.HasCount(6, result.Outcomes);
        Assert.AreEqual(5, result.Moved);
    }

    [TestMethod]
    public void Equal_grades_go_by_higher_value_then_smaller_contact_id()
    {
        var byValue = Page(Call(1, rep: 1, value: 10m), Call(2, rep: 1, value: 20m)).WithRep(1, 1).Apply();
        Assert.AreEqual(TouchVerdict.Kept, byValue.For("c2:WinBack:call").Verdict);

        var byId = Page(Call(9, rep: 1), Call(4, rep: 1)).WithRep(1, 1).Apply();
        Assert.AreEqual(TouchVerdict.Kept, byId.For("c4:WinBack:call").Verdict);
        Assert.AreEqual(TouchVerdict.Moved, byId.For("c9:WinBack:call").Verdict);
    }

    [TestMethod]
    public void A_call_planned_for_a_later_day_counts_against_that_day()
    {
        var result = Page(Call(1, rep: 1, inDays: 2, priority: 2), Call(2, rep: 1, inDays: 1)).WithRep(1, 1, (2, 0)).Apply();

        Assert.AreEqual(TouchVerdict.Kept, result.For("c1:WinBack:call").Verdict);
        Assert.AreEqual(TouchVerdict.Kept, result.For("c2:WinBack:call").Verdict);
        var clash = Page(Call(1, rep: 1, inDays: 2, priority: 2), Call(2, rep: 1, inDays: 1)).WithRep(1, 1, (1, 1)).Apply();
        Assert.AreEqual(Today.AddDays(3), clash.For("c2:WinBack:call").Day, "day +1 full from before, day +2 taken by the higher grade");
    }

    [TestMethod]
    public void Messages_team_owned_calls_and_reps_without_a_declared_capacity_are_not_limited()
    {
        var teamCall = new PlannedTouch("c3:call", Contact(3), LifecycleStage.Lost, "Campaign", ContactChannels.Phone, Today, isCall: true, 10m, 1, rep: null);
        var result = Page(Message(1), Call(2, rep: 7), teamCall).WithRep(1, 1, (0, 9)).Apply();

        Assert.IsTrue(result.Outcomes.All(o => o.Verdict == TouchVerdict.Kept && o.Assignee is null && o.Decisions.Count == 0));
    }

    [TestMethod]
    public void Loads_of_one_rep_given_twice_for_a_day_add_up()
    {
        var result = Page(Call(1, rep: 1)).WithRep(1, 3, (0, 1), (0, 2)).Apply();
        Assert.AreEqual(TouchVerdict.Moved, result.For("c1:WinBack:call").Verdict);
    }
}

[TestClass]
public sealed class JoinRulesTests
{
    [TestMethod]
    public void An_empty_page_gives_an_empty_result()
    {
        var result = Page().WithRep(1, 1).Apply();
        Assert.IsEmpty(result.Outcomes);
        Assert.AreEqual(0, result.Blocked + result.Moved + result.Reassigned + result.WithSocialProof);
    }

    [TestMethod]
    public void Outcomes_follow_the_pages_order_and_untouched_touches_are_kept_as_planned()
    {
        var result = Page(Message(3), Message(1), Message(2, inDays: 4)).Apply();
        CollectionAssert.AreEqual(new[] { "c3:WinBack:sms", "c1:WinBack:sms", "c2:WinBack:sms" }, result.Outcomes.Select(o => o.Touch.Key).ToArray());
        Assert.AreEqual(Today.AddDays(4), result.Outcomes[2].Day);
        Assert.IsTrue(result.Outcomes.All(o => o.Verdict == TouchVerdict.Kept && o.ReasonCode is null && o.RetryOn is null));
    }

    [TestMethod]
    public void A_touch_key_given_twice_is_refused_naming_the_key()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Page(Message(1), Message(1)).Apply());
        StringAssert.Contains(error.Message, "'c1:WinBack:sms' appears twice");
    }

    [TestMethod]
    public void Touches_of_one_customer_that_disagree_on_value_are_refused_naming_both()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Page(Message(1, value: 5m), Call(1, rep: 1, value: 6m)).Apply());
        StringAssert.Contains(error.Message, "'c1:WinBack:sms' and 'c1:WinBack:call'");
    }

    [TestMethod]
    public void A_rep_without_capacity_or_listed_twice_and_a_negative_load_are_refused_naming_the_rep()
    {
        var zero = Assert.ThrowsExactly<ArgumentException>(() => new RepCapacity(Rep(3), 0));
        StringAssert.Contains(zero.Message, Rep(3).ToString("D"));
        var twice = Assert.ThrowsExactly<ArgumentException>(() => Page(Call(1, rep: 1)).WithRep(1, 2).WithRep(1, 3).Apply());
        StringAssert.Contains(twice.Message, "listed twice");
        var negative = Assert.ThrowsExactly<ArgumentException>(() => new RepLoad(Rep(2), Today, -1));
        StringAssert.Contains(negative.Message, "2025-06-15");
    }

    [TestMethod]
    public void Settings_out_of_range_are_refused_naming_the_setting()
    {
        var window = Assert.ThrowsExactly<ArgumentException>(() => Page().Apply(new JoinSettings { SocialProofWindowDays = 0 }));
        StringAssert.Contains(window.Message, "SocialProofWindowDays must be between 1 and 365 days (got 0)");
        var retry = Assert.ThrowsExactly<ArgumentException>(() => Page().Apply(new JoinSettings { HouseholdRetryAfterDays = 400 }));
        StringAssert.Contains(retry.Message, "HouseholdRetryAfterDays");
        var friends = Assert.ThrowsExactly<ArgumentException>(() => Page().Apply(new JoinSettings { SocialProofMinFriends = 0 }));
        StringAssert.Contains(friends.Message, "SocialProofMinFriends");
    }

    [TestMethod]
    public void An_unknown_key_is_reported_by_name()
    {
        var error = Assert.ThrowsExactly<KeyNotFoundException>(() => Page(Message(1)).Apply().For("c2:sms"));
        StringAssert.Contains(error.Message, "'c2:sms'");
    }

    [TestMethod]
    public void The_stated_contact_id_order_is_the_ordinal_order_of_the_ids_text()
    {
        var random = new Random(15);
        var bytes = new byte[16];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(bytes);
            var a = new Guid(bytes);
            random.NextBytes(bytes);
            var b = new Guid(bytes);
            Assert.AreEqual(Math.Sign(string.CompareOrdinal(a.ToString("D"), b.ToString("D"))), Math.Sign(a.CompareTo(b)), $"{a} vs {b}");
        }
    }

    [TestMethod]
    public void All_three_rules_explain_one_touch_in_the_order_they_ran()
    {
        var page = Page(Call(1, rep: 1, value: 900m), Call(2, rep: 1, value: 100m)).InHousehold("Lin", 1, 2).WithRep(1, 1, (0, 1));
        page.Friends = RelationshipChain.Evaluate([Contact(1), Contact(2)], [new(Contact(1), Contact(20)), new(Contact(1), Contact(21))],
            [new(Contact(20), Today, "Nails"), new(Contact(21), Today, "Nails")], page.Households, Today, new JoinSettings());

        var outcome = page.Apply().For("c1:WinBack:call");

        CollectionAssert.AreEqual(
            new[] { JoinRule.Household, JoinRule.RelationshipChain, JoinRule.TeamCapacity },
            outcome.Decisions.Select(d => d.Rule).ToArray());
        Assert.AreEqual("c1:WinBack:call: Moved RepAtCapacity to 2025-06-16, rep:" + Rep(1).ToString("D") + ", social proof 2 chose Nails", outcome.ToString());
    }
}
