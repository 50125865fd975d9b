using System.Diagnostics;
using Reactivation.Core.Joins;

namespace Reactivation.Joins.ReferenceTests;

/// <summary>
/// Core's join rules and their NRules reference, written independently, decide every seeded page the same:
/// blocks, retry days, assignments, moves, social proof and the relationship facts. And the suite is sharp: a
/// threshold moved by one in Core alone is caught.
/// </summary>
[TestClass]
public sealed class JoinAgreementTests
{
    public const int SmallPages = 40;
    public const int LargePages = 4;

    public TestContext TestContext { get; set; } = null!;

    private static readonly Lazy<List<JoinScenario>> Small = new(() => Enumerable.Range(1, SmallPages).Select(seed => SeededPages.Generate(seed, 250)).ToList());
    private static readonly Lazy<List<JoinScenario>> Large = new(() => Enumerable.Range(101, LargePages).Select(seed => SeededPages.Generate(seed, 5000)).ToList());

    [TestMethod]
    public void Pages_of_250_planned_touches_get_the_same_decisions_from_Core_and_NRules()
    {
        var watch = Stopwatch.StartNew();
        var disagreements = Small.Value.SelectMany(s => Agreement.Compare(s)).ToList();
        TestContext.WriteLine($"{SmallPages} pages of 250 touches: {disagreements.Count} disagreements in {watch.ElapsedMilliseconds} ms");
        Assert.IsEmpty(disagreements, Agreement.Describe(disagreements));
    }

    [TestMethod]
    public void Pages_of_5000_planned_touches_get_the_same_decisions_from_Core_and_NRules()
    {
        var watch = Stopwatch.StartNew();
        var disagreements = Large.Value.SelectMany(s => Agreement.Compare(s)).ToList();
        TestContext.WriteLine($"{LargePages} pages of 5,000 touches: {disagreements.Count} disagreements in {watch.ElapsedMilliseconds} ms");
        Assert.IsEmpty(disagreements, Agreement.Describe(disagreements));
    }

    [TestMethod]
    public void The_seeded_pages_reach_every_decision_the_join_rules_can_make()
    {
        // Agreement on pages where nothing happens would prove nothing: every outcome must occur, often.
        var outcomes = Small.Value.Concat(Large.Value)
            .SelectMany(s => { var (page, _) = Agreement.CorePage(s, s.Settings()); return JoinRules.Apply(page, s.Settings()).Outcomes; })
            .ToList();
        var counts = new Dictionary<string, int>
        {
            ["household chosen"] = outcomes.Count(o => o.Decisions.Any(d => d.Code == JoinCodes.HouseholdChosen)),
            ["household same offer"] = outcomes.Count(o => o.ReasonCode == JoinCodes.HouseholdSameOffer),
            ["household of 3+ ranked 3"] = outcomes.Count(o => o.Decisions.Any(d => d.Count("Rank") == "3")),
            ["household contacted today"] = outcomes.Count(o => o.ReasonCode == JoinCodes.HouseholdContactedToday),
            ["social proof"] = outcomes.Count(o => o.SocialProof is not null),
            ["social proof without an item"] = outcomes.Count(o => o.SocialProof is { TopChoice: "" }),
            ["within capacity"] = outcomes.Count(o => o.Decisions.Any(d => d.Code == JoinCodes.WithinCapacity)),
            ["last slot taken (capacity - 1 before)"] = outcomes.Count(o => o.Decisions.Any(d => d.Code == JoinCodes.WithinCapacity && Number(d.Count("CallsBefore")) == Number(d.Count("Capacity")) - 1)),
            ["moved one day"] = outcomes.Count(o => o.Verdict == TouchVerdict.Moved && o.Decisions.Any(d => d.Count("DaysLater") == "1")),
            ["moved two days or more"] = outcomes.Count(o => o.Verdict == TouchVerdict.Moved && o.Decisions.Any(d => Number(d.Count("DaysLater")) >= 2)),
            ["reassigned to the team"] = outcomes.Count(o => o.Verdict == TouchVerdict.Reassigned),
        };
        TestContext.WriteLine(string.Join(Environment.NewLine, counts.Select(c => $"{c.Key}: {c.Value}")));
        var missing = counts.Where(c => c.Value < 5).Select(c => c.Key).ToList();
        Assert.IsEmpty(missing, "rare or never: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void The_pages_hold_family_referrers_and_purchases_on_the_windows_edge()
    {
        var familyLinks = 0;
        var onEdge = 0;
        foreach (var scenario in Small.Value)
        {
            var (page, _) = Agreement.CorePage(scenario, scenario.Settings());
            familyLinks += scenario.Referrals.Count(l => page.Households.SameHousehold(l.Referrer, l.Referred));
            onEdge += scenario.Purchases.Count(p => (scenario.Today - p.Day).Days == scenario.WindowDays - 1 || (scenario.Today - p.Day).Days == scenario.WindowDays);
        }

        Assert.IsGreaterThan(20, familyLinks, "referrals within a household");
        Assert.IsGreaterThan(50, onEdge, "purchases on the last day in and the first day out of the window");
    }

    [TestMethod]
    public void A_social_proof_window_one_day_shorter_in_Core_is_caught()
    {
        var caught = Small.Value.SelectMany(s => Agreement.Compare(s, Changed(s, settings => settings.SocialProofWindowDays--))).ToList();
        TestContext.WriteLine("window - 1: " + caught.Count + " disagreements");
        Assert.IsNotEmpty(caught);
    }

    [TestMethod]
    public void One_friend_fewer_needed_for_the_message_in_Core_is_caught()
    {
        var caught = Small.Value.SelectMany(s => Agreement.Compare(s, Changed(s, settings => settings.SocialProofMinFriends--))).ToList();
        TestContext.WriteLine("min friends - 1: " + caught.Count + " disagreements");
        Assert.IsNotEmpty(caught);
    }

    [TestMethod]
    public void A_household_retry_one_day_earlier_in_Core_is_caught()
    {
        var caught = Small.Value.SelectMany(s => Agreement.Compare(s, Changed(s, settings => settings.HouseholdRetryAfterDays--))).ToList();
        TestContext.WriteLine("retry - 1: " + caught.Count + " disagreements");
        Assert.IsNotEmpty(caught);
    }

    [TestMethod]
    public void A_rep_capacity_one_call_higher_in_Core_is_caught()
    {
        var caught = Small.Value.SelectMany(s => Agreement.Compare(s, coreRoster: rep => new RepCapacity(rep.Rep, rep.CallsPerDay + 1))).ToList();
        TestContext.WriteLine("capacity + 1: " + caught.Count + " disagreements");
        Assert.IsNotEmpty(caught);
    }

    [TestMethod]
    public void A_disagreement_is_reported_with_the_page_the_touch_and_both_decisions()
    {
        var scenario = Small.Value[0];
        var caught = Agreement.Compare(scenario, Changed(scenario, settings => settings.HouseholdRetryAfterDays = 1));
        var report = Agreement.Describe(caught);
        StringAssert.StartsWith(report, caught.Count + " disagreements; the first:");
        StringAssert.Contains(report, "seed 1, 250 touches: touch ");
        StringAssert.Contains(report, "Core Blocked HouseholdSameOffer day 2025-06-15 retry 2025-06-16");
        StringAssert.Contains(report, "NRules Blocked HouseholdSameOffer day 2025-06-15 retry 2025-06-22");
    }

    private static int Number(string? count) => count is null ? -1 : int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);

    private static JoinSettings Changed(JoinScenario scenario, Action<JoinSettings> change)
    {
        var settings = scenario.Settings();
        change(settings);
        return settings;
    }
}
