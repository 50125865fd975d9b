using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>
/// A campaign's window, stages and audience, and the InCampaign fact they give a customer day by day; the audience a
/// manager writes, read by the rulesets' own binder, and every way it can be refused, placed on its line and column.
/// </summary>
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
    public void InCampaign_is_true_only_for_the_customers_in_the_audience_of_a_campaign_running_for_their_stage()
    {
        var audience = Audience("customer.Tier == \"Gold\" && customer.TotalSpend >= 1000");
        var goldWinBack = new Campaign(Guid.NewGuid(), "Gold win-back", new DateTime(2025, 6, 15), new DateTime(2025, 6, 21), [LifecycleStage.Lost], audience);
        var input = InputWithPurchasesDaysAgo(300, 200);
        input.Stage = "Lost";
        input.Tier = "Gold";
        input.Campaigns = [goldWinBack];

        Assert.IsFalse(new CustomerFactsBuilder(input).Build().InCampaign, "Gold, but 200 spent");
        Assert.IsNull(new CustomerFactsBuilder(input).CampaignOn(0));

        input.Purchases.Add(new Purchase(Now.AddDays(-250), 900m));
        var builder = new CustomerFactsBuilder(input);
        Assert.IsTrue(builder.Build().InCampaign, "Gold and 1,100 spent");
        Assert.AreSame(goldWinBack, builder.CampaignOn(0));
        Assert.IsNull(builder.CampaignOn(7), "the campaign is over by then");

        input.Tier = "Silver";
        Assert.IsFalse(new CustomerFactsBuilder(input).Build().InCampaign, "not Gold");
        input.Tier = "Gold";
        input.Stage = "Sleeping";
        Assert.IsFalse(new CustomerFactsBuilder(input).Build().InCampaign, "in the audience, not in its stages");
    }

    [TestMethod]
    public void An_audience_reads_the_facts_of_the_day_the_facts_are_for()
    {
        var longGone = new Campaign(Guid.NewGuid(), "Long gone", new DateTime(2025, 6, 15), new DateTime(2025, 6, 30), [LifecycleStage.Lost], Audience("customer.DaysSinceLastPurchase >= 203"));
        var input = InputWithPurchasesDaysAgo(200);
        input.Stage = "Lost";
        input.Campaigns = [longGone];
        var builder = new CustomerFactsBuilder(input);

        CollectionAssert.AreEqual(new[] { false, false, true, true }, new[] { 0, 2, 3, 4 }.Select(d => builder.BuildForDay(d).InCampaign).ToArray());
    }

    [TestMethod]
    public void An_empty_audience_is_every_customer_in_the_stages_and_one_that_cannot_be_evaluated_for_a_customer_leaves_them_out()
    {
        Assert.IsNull(CampaignAudience.Read("  \n ", out var problem));
        Assert.IsNull(problem);
        Assert.IsNull(CampaignAudience.Read(null, out problem));
        Assert.IsNull(problem);

        var unhappy = Audience("customer.Satisfaction.Value <= 2");
        Assert.IsTrue(unhappy.Includes(new CustomerFacts { Satisfaction = 1 }));
        Assert.IsFalse(unhappy.Includes(new CustomerFacts { Satisfaction = null }), "never rated: .Value has nothing to read");
        Assert.IsFalse(Audience("customer.TotalSpend / customer.PurchaseCount > 10").Includes(new CustomerFacts()), "no purchases: a division by zero leaves her out");
    }

    [TestMethod]
    public void An_audience_that_does_not_read_is_placed_on_its_line_and_column_with_the_closest_names()
    {
        Assert.AreEqual("Audience (1,10): unknown fact 'customer.Teir' (did you mean customer.Tier?)", Problem("customer.Teir == \"Gold\""));
        Assert.AreEqual(
            "Audience (2,31): 'Dissatisfed' is not a dormancy reason, so customer.DormancyReason == \"Dissatisfed\" is never true (did you mean 'Dissatisfied'?)",
            Problem("customer.Stage == \"Lost\"\r\n&& customer.DormancyReason == \"Dissatisfed\""), "a Windows line break counts once");
        Assert.AreEqual("Audience (3,12): unknown fact 'customer.Satisfation' (did you mean customer.Satisfaction?)", Problem("customer.Tier == \"Gold\"\n\n&&customer.Satisfation <= 2"));
        StringAssert.StartsWith(Problem("customer.TotalSpend"), "Audience (1,1): the expression is decimal, not a condition (bool)");
        StringAssert.StartsWith(Problem("customer.TotalSpend >= 1000 &&"), "Audience (1,");
        Assert.IsNotNull(CampaignAudience.Read("customer.Tier == \"Gld\"", out var problem), "a tier of the business's own may be close to a usual one: no error");
        Assert.IsNull(problem);
    }

    [TestMethod]
    public void An_audience_may_not_read_InCampaign_the_touch_being_weighed_the_campaigns_own_outreach_or_the_referral_friends()
    {
        Assert.AreEqual("Audience (1,11): customer.InCampaign cannot choose a campaign's audience (it is what the audience decides)", Problem("!customer.InCampaign"));
        StringAssert.StartsWith(Problem("customer.Tier == \"Gold\" && customer.Channel == \"Sms\""), "Audience (1,37): customer.Channel cannot choose a campaign's audience (it belongs to the touch being weighed");
        StringAssert.StartsWith(Problem("customer.LocalHour < 12"), "Audience (1,10): customer.LocalHour cannot choose a campaign's audience (it belongs to the touch being weighed");
        StringAssert.StartsWith(Problem("!customer.HasOpenAttempt"), "Audience (1,11): customer.HasOpenAttempt cannot choose a campaign's audience (the campaign's own outreach changes it");
        StringAssert.StartsWith(Problem("customer.DaysSinceLastTouch > 90"), "Audience (1,10): customer.DaysSinceLastTouch cannot choose a campaign's audience (the campaign's own outreach changes it");
        StringAssert.StartsWith(Problem("customer.FriendsBoughtRecently > 0"), "Audience (1,10): customer.FriendsBoughtRecently cannot choose a campaign's audience (it is known only in the daily evaluation");
    }

    [TestMethod]
    public void A_campaign_cannot_end_before_it_starts()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new Campaign(Guid.NewGuid(), "Backwards", new DateTime(2025, 6, 22), new DateTime(2025, 6, 20), [LifecycleStage.Lost]));
        StringAssert.StartsWith(error.Message, "A campaign's last day is on or after its first day.");
    }

    private static CampaignAudience Audience(string text)
    {
        var audience = CampaignAudience.Read(text, out var problem);
        Assert.IsNull(problem, problem?.ToString());
        return audience!;
    }

    private static string Problem(string text)
    {
        Assert.IsNull(CampaignAudience.Read(text, out var problem));
        return problem!.ToString();
    }
}
