using System.Reflection;
using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Tests;

/// <summary>A local organisation with the product's solution/ loaded: the steps and Custom APIs an admin imports.</summary>
internal static class ProductOrganization
{
    /// <summary>The outreach step (SdkMessageProcessingSteps/{ca0da0fe-…}.xml), whose configuration admins fill in after import.</summary>
    private static readonly Guid OutreachStepId = new("ca0da0fe-c347-49ba-9418-febb0d83797b");

    public static string SolutionFolder => Path.Combine(TestPaths.RepositoryRoot(), "solution");

    /// <param name="clock">The organisation's "now" (UTC): tests move it to let customers go dormant.</param>
    /// <param name="solutionFolder">Another copy of the solution (e.g. with step configuration filled in); default the product's.</param>
    /// <param name="morePluginAssemblies">Assemblies of test plugins a test registers beside the product's.</param>
    public static LocalOrganization Load(Func<DateTime> clock, string? solutionFolder = null, params Assembly[] morePluginAssemblies)
    {
        var org = BeforeImport(clock, morePluginAssemblies);
        org.LoadSolution(solutionFolder ?? SolutionFolder);
        return org;
    }

    /// <summary>An organisation the product is not imported into yet (no steps, no Custom APIs): a test seeds the customers it already has, then <c>LoadSolution</c>.</summary>
    public static LocalOrganization BeforeImport(Func<DateTime> clock, params Assembly[] morePluginAssemblies) =>
        new(new LocalOrganizationOptions
        {
            Clock = clock,
            PluginAssemblies = [typeof(PluginBase).Assembly, .. morePluginAssemblies],
        });

    /// <summary>What an admin does at go-live: call rx_InitialiseContacts until MoreRecords is false; the responses, one per call.</summary>
    public static List<ParameterCollection> InitialiseContacts(IOrganizationService service, int pageSize)
    {
        var responses = new List<ParameterCollection>();
        string? cookie = null;
        while (true)
        {
            var request = new OrganizationRequest("rx_InitialiseContacts") { ["PageSize"] = pageSize };
            if (cookie is not null) request["PagingCookie"] = cookie;
            var response = service.Execute(request).Results;
            responses.Add(response);
            cookie = (string)response["PagingCookie"]!;
            if (!(bool)response["MoreRecords"]! || responses.Count > 1000) return responses;
        }
    }

    /// <summary>A copy of the product's solution/ in a new temporary folder, for a test to change as an admin would after import.</summary>
    public static string CopyOfSolution()
    {
        var copy = Path.Combine(Path.GetTempPath(), "rx-solution-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(SolutionFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(SolutionFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    /// <summary>The product loaded, with the outreach step's unsecure configuration as an admin sets it after import (team ids, offset).</summary>
    public static LocalOrganization LoadConfigured(Func<DateTime> clock, string outreachConfiguration)
    {
        var org = Load(clock);
        Assert.AreEqual("utcOffsetMinutes=0", org.ConfigureStep(OutreachStepId, outreachConfiguration), "the shipped configuration, replaced");
        return org;
    }

    /// <summary>
    /// A shipped ruleset file (e.g. <c>rules/presets/beauty-salon/offers.json</c>) saved as an active rx_ruleset row, as
    /// an admin pastes it: the kind is taken from the definition, the validation and activation steps run.
    /// </summary>
    public static Guid ActivateRuleset(IOrganizationService service, string name, string relativePath) =>
        service.Create(new Entity("rx_ruleset")
        {
            ["rx_name"] = name,
            ["rx_definition"] = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), relativePath)),
            ["rx_isactive"] = true,
        });

    /// <summary>What the scheduled daily job does: call rx_EvaluateDueContacts until MoreRecords is false.</summary>
    public static (int Evaluated, int Calls) EvaluateDueContacts(IOrganizationService service, int pageSize)
    {
        var evaluated = 0;
        var calls = 0;
        string? cookie = null;
        while (true)
        {
            var request = new OrganizationRequest("rx_EvaluateDueContacts") { ["PageSize"] = pageSize };
            if (cookie is not null) request["PagingCookie"] = cookie;
            var response = service.Execute(request).Results;
            calls++;
            evaluated += (int)response["Evaluated"]!;
            cookie = (string)response["PagingCookie"]!;
            if (!(bool)response["MoreRecords"]! || calls > 100) return (evaluated, calls);
        }
    }
}
