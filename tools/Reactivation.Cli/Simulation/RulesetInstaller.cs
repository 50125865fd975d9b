using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// Puts a rules folder live the way a business user does: one rx_ruleset row per file, created active through the
/// organisation service, so the ruleset steps validate it and switch the previous active row of its kind off.
/// The folder is linted first, so a mistake is reported with file, line and column before anything is written.
/// </summary>
public static class RulesetInstaller
{
    /// <summary>The files a rules folder may hold (rules/default and every preset have all three).</summary>
    public static readonly IReadOnlyList<string> FileNames = ["lifecycle.json", "contact-policy.json", "offers.json"];

    /// <summary>The folder of a preset shipped beside the binaries (rules/presets/NAME); an unknown name lists the presets.</summary>
    public static string PresetFolder(string name)
    {
        var presets = Path.Combine(AppContext.BaseDirectory, "rules", "presets");
        var folder = Path.Combine(presets, name);
        if (Directory.Exists(folder) && !name.Contains("..", StringComparison.Ordinal)) return folder;
        IEnumerable<string?> known = Directory.Exists(presets) ? Directory.GetDirectories(presets).Select(Path.GetFileName).Order(StringComparer.Ordinal) : [];
        throw new SimulationInputException($"unknown preset '{name}'; the presets are: {string.Join(", ", known)}.");
    }

    /// <summary>Lints the folder's ruleset files; throws with every error, compiler style, when one is invalid.</summary>
    public static IReadOnlyList<(string File, Ruleset Ruleset)> Lint(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new SimulationInputException($"{folder}: rules folder not found.");
        }

        var files = FileNames.Select(name => Path.Combine(folder, name)).Where(File.Exists).ToList();
        if (files.Count == 0)
        {
            throw new SimulationInputException($"{folder}: no ruleset in the folder; expected one or more of {string.Join(", ", FileNames)}.");
        }

        var errors = new List<string>();
        var rulesets = new List<(string, Ruleset)>();
        foreach (var file in files)
        {
            var diagnostics = LintCommand.Lint(file, out var ruleset);
            errors.AddRange(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
            if (ruleset is not null) rulesets.Add((file, ruleset));
        }

        if (errors.Count > 0)
        {
            throw new SimulationInputException("invalid rules folder " + folder + ":\n" + string.Join("\n", errors));
        }

        return rulesets;
    }

    /// <summary>Creates an active rx_ruleset row per file; a save the organisation refuses is reported with its message.</summary>
    public static IReadOnlyList<string> Install(IOrganizationService service, string folder)
    {
        ArgumentNullException.ThrowIfNull(service);
        var names = new List<string>();
        foreach (var (file, ruleset) in Lint(folder))
        {
            var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)) + "/" + Path.GetFileName(file);
            var row = new Entity(RulesetColumns.Table)
            {
                [RulesetColumns.Name] = name,
                [RulesetColumns.Kind] = RulesetColumns.Kinds.Option(ruleset.Kind),
                [RulesetColumns.Definition] = File.ReadAllText(file),
                [RulesetColumns.IsActive] = true,
            };
            try
            {
                service.Create(row);
            }
            catch (FaultException<OrganizationServiceFault> e)
            {
                throw new SimulationInputException($"{file}: the organisation refused the ruleset: {e.Message}", e);
            }

            names.Add(name + " (" + ruleset.WorkflowName + ")");
        }

        return names;
    }
}
