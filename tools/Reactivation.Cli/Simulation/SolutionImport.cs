using System.Xml.Linq;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Outreach;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// Imports the product's solution/ into the local organisation and then does what an admin does after import:
/// names the store's teams in the outreach step's configuration (<c>team.Reactivation=&lt;teamid&gt;</c>, ...), which
/// differs per environment and so is not in the exported solution. The shipped files are never changed: the
/// configured copy lives in a temporary folder for the duration of the import.
/// </summary>
public static class SolutionImport
{
    public static void Import(LocalOrganization org, string solutionFolder, IReadOnlyDictionary<string, Guid> teams)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(teams);
        var copy = Path.Combine(Path.GetTempPath(), "rx-solution-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyFolder(solutionFolder, copy);
            var outreachType = typeof(ContactOutreachPlugin).FullName!;
            foreach (var file in Directory.EnumerateFiles(Path.Combine(copy, "SdkMessageProcessingSteps"), "*.xml"))
            {
                var step = XDocument.Load(file);
                var type = step.Root?.Element("PluginTypeName")?.Value ?? "";
                if (!type.StartsWith(outreachType + ",", StringComparison.Ordinal) || step.Root!.Element("Configuration") is not { } configuration) continue;
                configuration.Value = string.Join(";", new[] { configuration.Value }.Concat(teams.Select(t => "team." + t.Key + "=" + t.Value.ToString("D"))).Where(s => s.Length > 0));
                step.Save(file);
            }

            org.LoadSolution(copy);
        }
        catch (Reactivation.LocalOrg.Solution.SolutionFormatException e)
        {
            throw new SimulationInputException("cannot import the solution: " + e.Message, e);
        }
        finally
        {
            if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) throw new SimulationInputException($"{from}: the product's solution folder is missing.");
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
