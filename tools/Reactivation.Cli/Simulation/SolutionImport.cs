using Reactivation.LocalOrg;
using Reactivation.Plugins.Outreach;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// Imports the product's solution/ into the local organisation and then does what an admin does after import:
/// names the store's teams in the outreach step's configuration (<c>team.Reactivation=&lt;teamid&gt;</c>, ...), which
/// differs per environment and so is not in the exported solution — and, when asked, the holdout share (<c>holdoutPercent=10</c>).
/// </summary>
public static class SolutionImport
{
    public static void Import(LocalOrganization org, string solutionFolder, IReadOnlyDictionary<string, Guid> teams, decimal holdoutPercent = 0)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(teams);
        if (!Directory.Exists(solutionFolder)) throw new SimulationInputException($"{solutionFolder}: the product's solution folder is missing.");
        try
        {
            org.LoadSolution(solutionFolder);
        }
        catch (Reactivation.LocalOrg.Solution.SolutionFormatException e)
        {
            throw new SimulationInputException("cannot import the solution: " + e.Message, e);
        }

        var outreachType = typeof(ContactOutreachPlugin).FullName!;
        foreach (var step in org.Steps.Where(s => s.PluginTypeName == outreachType || s.PluginTypeName.StartsWith(outreachType + ",", StringComparison.Ordinal)))
        {
            var names = teams.Select(t => "team." + t.Key + "=" + t.Value.ToString("D"));
            var holdout = holdoutPercent > 0 ? new[] { "holdoutPercent=" + holdoutPercent.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [];
            org.ConfigureStep(step.StepId, string.Join(";", new[] { step.UnsecureConfiguration ?? "" }.Concat(names).Concat(holdout).Where(s => s.Length > 0)));
        }
    }
}
