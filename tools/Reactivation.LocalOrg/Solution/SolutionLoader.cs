using Reactivation.LocalOrg.Metadata;
using Reactivation.LocalOrg.Registration;

namespace Reactivation.LocalOrg.Solution;

/// <summary>Imports an unpacked solution folder into an organisation (<see cref="LocalOrganization.LoadSolution"/>).</summary>
internal static class SolutionLoader
{
    public static SolutionDefinition Load(LocalOrganization organization, string folder, IReadOnlyDictionary<Guid, string>? secureConfigurations)
    {
        var solution = SolutionReader.Read(folder);
        var steps = WithSecureConfiguration(solution, secureConfigurations);

        foreach (var step in steps)
        {
            CheckBinding(organization, solution, step.PluginTypeName, solution.SourceFiles[step.StepId.ToString("D")], $"step '{step.Name}'");
            try
            {
                StepValidation.Validate(step);
            }
            catch (ArgumentException e)
            {
                throw new SolutionFormatException(solution.SourceFiles[step.StepId.ToString("D")], null, e.Message, e);
            }

            if (organization.Steps.Any(s => s.StepId == step.StepId))
            {
                throw new SolutionFormatException(solution.SourceFiles[step.StepId.ToString("D")], null, $"step '{step.Name}' ({step.StepId}) is already registered in this organisation.");
            }
        }

        foreach (var api in solution.CustomApis)
        {
            CheckBinding(organization, solution, api.PluginTypeName, solution.SourceFiles[api.UniqueName], $"Custom API '{api.UniqueName}'");
            if (organization.CustomApis.Any(c => string.Equals(c.UniqueName, api.UniqueName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new SolutionFormatException(solution.SourceFiles[api.UniqueName], null, $"the Custom API '{api.UniqueName}' is already registered in this organisation.");
            }
        }

        var tables = TableCatalog.ToDefine(solution);
        foreach (var table in tables.Where(t => t.SourceFile is not null && organization.FindTable(t.LogicalName) is not null))
        {
            throw new SolutionFormatException(table.SourceFile!, null, $"the table '{table.LogicalName}' is already defined in this organisation.");
        }

        foreach (var table in tables)
        {
            try
            {
                organization.DefineTable(table);
            }
            catch (ArgumentException e)
            {
                throw new SolutionFormatException(table.SourceFile ?? "Entities/", null, e.Message, e);
            }
        }

        foreach (var step in steps)
        {
            organization.Register(step);
        }

        foreach (var api in solution.CustomApis)
        {
            organization.Register(api);
        }

        return solution with { Steps = steps };
    }

    private static List<StepRegistration> WithSecureConfiguration(SolutionDefinition solution, IReadOnlyDictionary<Guid, string>? secureConfigurations)
    {
        if (secureConfigurations is null || secureConfigurations.Count == 0)
        {
            return solution.Steps.ToList();
        }

        var unknown = secureConfigurations.Keys.Where(id => solution.Steps.All(s => s.StepId != id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Secure configuration was given for step(s) {string.Join(", ", unknown)}, which the solution '{solution.UniqueName}' does not have.",
                nameof(secureConfigurations));
        }

        return solution.Steps
            .Select(s => secureConfigurations.TryGetValue(s.StepId, out var secure) ? s with { SecureConfiguration = secure } : s)
            .ToList();
    }

    /// <summary>
    /// The type must come from the assembly the solution declares it in (by simple name), and that
    /// assembly must be one the host gave; the error names the file, the step and the type.
    /// </summary>
    private static void CheckBinding(LocalOrganization organization, SolutionDefinition solution, string typeName, string file, string owner)
    {
        var declared = solution.PluginAssemblies
            .SelectMany(a => a.PluginTypes)
            .First(t => string.Equals(t.TypeName, typeName, StringComparison.Ordinal));
        var given = organization.Options.PluginAssemblies;
        var assembly = given.FirstOrDefault(a => string.Equals(a.GetName().Name, declared.AssemblyName, StringComparison.OrdinalIgnoreCase));
        if (assembly is null)
        {
            throw new SolutionFormatException(file, null,
                $"{owner} runs '{typeName}' from the plugin assembly '{declared.AssemblyName}', which is not among the plugin assemblies given to the organisation: {PluginFactory.Describe(given)}.");
        }

        var type = assembly.GetType(typeName, throwOnError: false, ignoreCase: false);
        if (type is null)
        {
            throw new SolutionFormatException(file, null,
                $"{owner} runs '{typeName}', but the assembly '{assembly.GetName().Name}' has no such type.");
        }

        if (PluginFactory.Unusable(type) is { } problem)
        {
            throw new SolutionFormatException(file, null, $"{owner} runs '{typeName}', which {problem}.");
        }
    }
}
