using Reactivation.Core.Joins;
using Reactivation.Joins.ReferenceTests.Reference;
using JoinVerdict = Reactivation.Joins.ReferenceTests.Reference.JoinVerdict;

namespace Reactivation.Joins.ReferenceTests;

/// <summary>One field on which Core and NRules decided differently.</summary>
internal sealed record Disagreement(JoinScenario Scenario, string What, string Core, string Reference)
{
    public override string ToString() => $"{Scenario}: {What}: Core {Core}, NRules {Reference}";
}

/// <summary>Runs a scenario through Core (optionally with changed settings) and through NRules, and lists where they differ.</summary>
internal static class Agreement
{
    /// <summary>The page as the plugin will build it for Core.</summary>
    public static (JoinPage Page, RelationshipChainResult Friends) CorePage(JoinScenario scenario, JoinSettings settings, Func<RepCapacity, RepCapacity>? roster = null)
    {
        var page = new JoinPage(scenario.Today);
        foreach (var member in scenario.Members) page.Households.Add(member.Contact, member.DeclaredKey, member.Account);
        foreach (var touch in scenario.Touches) page.Touches.Add(touch);
        foreach (var earlier in scenario.Earlier)
        {
            if (page.Households.KeyOf(earlier.Contact) is { } key) page.EarlierHouseholdTouches.Add(new EarlierHouseholdTouch(earlier.Contact, key, earlier.Offer, earlier.Day));
        }

        foreach (var rep in scenario.Reps) page.Reps.Add(roster is null ? rep : roster(rep));
        foreach (var load in scenario.Loads) page.Loads.Add(load);
        var friends = RelationshipChain.Evaluate(scenario.PageContacts, scenario.Referrals, scenario.Purchases, page.Households, scenario.Today, settings);
        page.Friends = friends;
        return (page, friends);
    }

    public static JoinVerdict Project(TouchOutcome outcome) => new(
        outcome.Touch.Key,
        outcome.Verdict.ToString(),
        outcome.ReasonCode,
        outcome.Day,
        outcome.RetryOn,
        outcome.Assignee?.ToString(),
        outcome.SocialProof?.FriendsBoughtRecently,
        outcome.SocialProof?.TopChoice);

    public static List<Disagreement> Compare(JoinScenario scenario, JoinSettings? coreSettings = null, Func<RepCapacity, RepCapacity>? coreRoster = null)
    {
        var settings = coreSettings ?? scenario.Settings();
        var (page, friends) = CorePage(scenario, settings, coreRoster);
        var core = JoinRules.Apply(page, settings);
        var reference = NRulesJoins.Run(scenario);

        var disagreements = new List<Disagreement>();
        foreach (var outcome in core.Outcomes)
        {
            var mine = Project(outcome);
            var theirs = reference.Touches[outcome.Touch.Key];
            if (mine != theirs) disagreements.Add(new Disagreement(scenario, "touch " + outcome.Touch.Key, mine.ToString(), theirs.ToString()));
        }

        foreach (var contact in scenario.PageContacts)
        {
            var mine = friends.For(contact);
            var theirs = reference.Friends.GetValueOrDefault(contact) ?? new FriendsFacts(0, "");
            if (mine.FriendsBoughtRecently != theirs.Friends || mine.TopChoice != theirs.TopChoice)
            {
                disagreements.Add(new Disagreement(scenario, "friends of " + contact.ToString("D"), $"{mine.FriendsBoughtRecently} '{mine.TopChoice}'", $"{theirs.Friends} '{theirs.TopChoice}'"));
            }
        }

        return disagreements;
    }

    public static string Describe(IReadOnlyCollection<Disagreement> disagreements) =>
        disagreements.Count == 0 ? "none" : disagreements.Count + " disagreements; the first: " + Environment.NewLine + string.Join(Environment.NewLine, disagreements.Take(5));
}
