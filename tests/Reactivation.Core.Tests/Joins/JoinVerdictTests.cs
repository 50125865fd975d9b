using Reactivation.Core.Joins;
using static Reactivation.Core.Tests.Joins.JoinTestPage;

namespace Reactivation.Core.Tests.Joins;

/// <summary>The verdict the daily evaluation hands the outreach step in the contact's Update (rx_joinverdict).</summary>
[TestClass]
public sealed class JoinVerdictTests
{
    private static readonly DateTime EvaluatedOn = new(2025, 6, 15, 2, 30, 0, 250, DateTimeKind.Utc);

    [TestMethod]
    public void A_contacts_verdict_reads_back_as_written_with_every_decision_count_and_the_friends_facts()
    {
        var result = Page(Message(1, value: 300m), Message(2, value: 800m), Call(3, rep: 1), Call(4, rep: 1, value: 50m))
            .InHousehold("Lin", 1, 2).WithRep(1, callsPerDay: 1).Apply(new JoinSettings { OverflowTeam = CustomerCare });

        var blocked = JoinVerdict.For(Contact(1), result.Outcomes, new FriendsChoice(3, "Hydrating facial"), 30, EvaluatedOn)!;
        var read = JoinVerdict.Parse(blocked.Format(), "rx_joinverdict");
        Assert.AreEqual(EvaluatedOn, read.EvaluatedOnUtc);
        Assert.AreEqual((3, "Hydrating facial", 30), (read.Friends.FriendsBoughtRecently, read.Friends.TopChoice, read.WindowDays));
        var touch = read.Touches.Single();
        Assert.AreEqual(("c1:WinBack:sms", TouchVerdict.Blocked, new DateTime(2025, 6, 22)), (touch.Key, touch.Verdict, touch.RetryOn));
        Assert.AreEqual("Household HouseholdSameOffer (MembersDue=2, Rank=2, RetryOn=2025-06-22)", touch.Decisions.Single().ToString());

        var reassigned = JoinVerdict.Parse(JoinVerdict.For(Contact(4), result.Outcomes, null, 30, EvaluatedOn)!.Format(), "rx_joinverdict").Touches.Single();
        Assert.AreEqual((TouchVerdict.Reassigned, CustomerCare.Id, "CustomerCare"), (reassigned.Verdict, reassigned.TeamId, reassigned.TeamName));
        Assert.AreEqual("TeamCapacity RepAtCapacity (Capacity=1, CallsBefore=1, Team=CustomerCare)", reassigned.Decisions.Single().ToString());
    }

    [TestMethod]
    public void A_contact_the_rules_left_alone_and_without_friends_who_bought_gets_no_verdict()
    {
        var result = Page(Message(1), Message(2, offer: "Other")).InHousehold("Lin", 1, 2).Apply();

        Assert.IsNull(JoinVerdict.For(Contact(1), result.Outcomes, null, 30, EvaluatedOn), "different offers: no household decision");
        Assert.IsNotNull(JoinVerdict.For(Contact(1), result.Outcomes, new FriendsChoice(1, ""), 30, EvaluatedOn), "the friends' facts travel: the outreach step decides on the same facts");
    }

    [TestMethod]
    public void It_applies_only_to_the_event_stamped_at_the_evaluations_instant()
    {
        var verdict = new JoinVerdict(EvaluatedOn, new FriendsChoice(0, ""), 30, []);

        Assert.IsTrue(verdict.IsFor(new DateTime(2025, 6, 15, 2, 30, 0, DateTimeKind.Utc)), "Dataverse keeps instants to the second");
        Assert.IsFalse(verdict.IsFor(EvaluatedOn.AddDays(1)), "a later evaluation's signal");
        Assert.IsFalse(verdict.IsFor(null), "an event that stamps nothing (a consent change)");
    }

    [TestMethod]
    public void An_unreadable_verdict_is_refused_naming_the_column_and_what_is_wrong()
    {
        var broken = Assert.ThrowsExactly<FormatException>(() => JoinVerdict.Parse("{\"v\":1,\"at\":\"yesterday\"}", "rx_joinverdict"));
        Assert.AreEqual("rx_joinverdict is not a join verdict: 'at' is not an instant.", broken.Message);
        var notJson = Assert.ThrowsExactly<FormatException>(() => JoinVerdict.Parse("Blocked", "rx_joinverdict"));
        StringAssert.StartsWith(notJson.Message, "rx_joinverdict is not a join verdict: ");
    }
}
