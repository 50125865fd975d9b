using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>A campaign's window and stages, and the InCampaign fact they give a customer day by day.</summary>
[TestClass]
public sealed class CampaignTests
{
    private static readonly Campaign SpringWinBack = new(Guid.NewGuid(), "Spring win-back", new DateTime(2025, 6, 20), new DateTime(2025, 6, 22), [LifecycleStage.Sleeping, LifecycleStage.Lost]);

    [TestMethod]
    public void A_campaign_runs_from_its_first_to_its_last_day_for_its_stages_only()
    {
        Assert.IsFalse(SpringWinBack.Covers("Lost", new DateTime(2025, 6, 19)));
        Assert.IsTrue(SpringWinBack.Covers("Lost", new DateTime(2025, 6, 20)));
        Assert.IsTrue(SpringWinBack.Covers("Sleeping", new DateTime(2025, 6, 22, 23, 0, 0)), "its last day is included");
        Assert.IsFalse(SpringWinBack.Covers("Lost", new DateTime(2025, 6, 23)));
        Assert.IsFalse(SpringWinBack.Covers("Silent", new DateTime(2025, 6, 21)));
    }

    [TestMethod]
    public void InCampaign_follows_the_customers_stage_and_the_day_the_facts_are_for()
    {
        var input = InputWithPurchasesDaysAgo(200);
        input.Stage = "Lost";
        input.Campaigns = [SpringWinBack];
        var builder = new CustomerFactsBuilder(input);

        // Today is 15 June: the campaign starts in 5 days and lasts 3.
        CollectionAssert.AreEqual(new[] { false, false, true, true, true, false }, new[] { 0, 4, 5, 6, 7, 8 }.Select(d => builder.BuildForDay(d).InCampaign).ToArray());
        input.Stage = "Silent";
        Assert.IsFalse(new CustomerFactsBuilder(input).BuildForDay(5).InCampaign, "not one of its stages");
    }

    [TestMethod]
    public void The_stages_a_manager_types_are_read_by_name_and_a_typo_is_named_with_the_closest_stage()
    {
        Assert.IsNull(Campaign.TryParseStages(" Sleeping ,Lost, Lost", out var stages));
        CollectionAssert.AreEqual(new[] { LifecycleStage.Sleeping, LifecycleStage.Lost }, stages);

        Assert.AreEqual("names an unknown stage 'Lsot' in Stages (did you mean 'Lost'?); the stages are Prospect, New, Active, Silent, Sleeping, Lost, Loyal, Reactivated",
            Campaign.TryParseStages("Sleeping, Lsot", out _));
        Assert.AreEqual("names an unknown stage 'lost' in Stages (did you mean 'Lost'?); the stages are Prospect, New, Active, Silent, Sleeping, Lost, Loyal, Reactivated",
            Campaign.TryParseStages("lost", out _), "stage names are written as the choices are");
        Assert.AreEqual("has an empty stage between two commas in Stages", Campaign.TryParseStages("Sleeping,,Lost", out _));
        Assert.AreEqual("names no stage in Stages: write the stages it reaches, e.g. Lost, or Sleeping, Lost", Campaign.TryParseStages("  ", out _));
    }

    [TestMethod]
    public void A_campaign_cannot_end_before_it_starts()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new Campaign(Guid.NewGuid(), "Backwards", new DateTime(2025, 6, 22), new DateTime(2025, 6, 20), [LifecycleStage.Lost]));
        StringAssert.StartsWith(error.Message, "A campaign's last day is on or after its first day.");
    }
}
