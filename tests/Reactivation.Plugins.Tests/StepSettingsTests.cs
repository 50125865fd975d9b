using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Outreach;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Tests;

/// <summary>A step's configuration: one validated settings object for every plugin.</summary>
[TestClass]
public sealed class StepSettingsTests
{
    [TestMethod]
    public void The_step_configuration_names_teams_and_rejects_what_it_does_not_understand()
    {
        var team = Guid.NewGuid();
        var configuration = new StepSettings("utcOffsetMinutes=480; team.Reactivation=" + team + ";stages=Sleeping,Lost", nameof(ContactOutreachPlugin));

        Assert.AreEqual(TimeSpan.FromHours(8), configuration.OrganisationOffset);
        Assert.AreEqual(new EntityReference("team", team), configuration.Team("Reactivation"));
        Assert.IsNull(configuration.Team("CustomerCare"));
        Assert.IsFalse(configuration.StartsOutreach(Core.Decisions.LifecycleStage.Silent));
        Assert.IsTrue(configuration.StartsOutreach(Core.Decisions.LifecycleStage.Lost));
        Assert.IsTrue(new StepSettings(null, nameof(ContactOutreachPlugin)).StartsOutreach(Core.Decisions.LifecycleStage.Silent));
        Assert.Contains("stages", Assert.ThrowsExactly<InvalidPluginExecutionException>(() => new StepSettings("stages=Dormant", nameof(ContactOutreachPlugin))).Message);
        Assert.Contains("team id", Assert.ThrowsExactly<InvalidPluginExecutionException>(() => new StepSettings("team.Reactivation=abc", nameof(ContactOutreachPlugin))).Message);
        Assert.Contains("unknown setting", Assert.ThrowsExactly<InvalidPluginExecutionException>(() => new StepSettings("teams=x", nameof(ContactOutreachPlugin))).Message);
    }

    [TestMethod]
    public void The_holdout_share_is_off_by_default_and_a_share_above_half_is_refused_naming_the_setting()
    {
        Assert.AreEqual(0m, new StepSettings(null, nameof(ContactOutreachPlugin)).Outreach.HoldoutPercent);
        Assert.AreEqual(10m, new StepSettings("holdoutPercent=10", nameof(ContactOutreachPlugin)).Outreach.HoldoutPercent);
        Assert.AreEqual(
            "ContactOutreachPlugin configuration: holdoutPercent must be a percent from 0 to 50, e.g. holdoutPercent=10.",
            Assert.ThrowsExactly<InvalidPluginExecutionException>(() => new StepSettings("holdoutPercent=60", nameof(ContactOutreachPlugin))).Message);
    }
}
