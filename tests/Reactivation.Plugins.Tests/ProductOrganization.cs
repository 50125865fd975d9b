using System.Reflection;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Tests;

/// <summary>A local organisation with the product's solution/ loaded: the steps and Custom APIs an admin imports.</summary>
internal static class ProductOrganization
{
    public static string SolutionFolder => Path.Combine(TestPaths.RepositoryRoot(), "solution");

    /// <param name="clock">The organisation's "now" (UTC): tests move it to let customers go dormant.</param>
    /// <param name="solutionFolder">Another copy of the solution (e.g. with step configuration filled in); default the product's.</param>
    /// <param name="morePluginAssemblies">Assemblies of test plugins a test registers beside the product's.</param>
    public static LocalOrganization Load(Func<DateTime> clock, string? solutionFolder = null, params Assembly[] morePluginAssemblies)
    {
        var org = new LocalOrganization(new LocalOrganizationOptions
        {
            Clock = clock,
            PluginAssemblies = [typeof(PluginBase).Assembly, .. morePluginAssemblies],
        });
        org.LoadSolution(solutionFolder ?? SolutionFolder);
        return org;
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
}
