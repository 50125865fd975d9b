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
}
