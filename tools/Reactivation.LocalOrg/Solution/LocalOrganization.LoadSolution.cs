using Reactivation.LocalOrg.Registration;
using Reactivation.LocalOrg.Solution;

namespace Reactivation.LocalOrg;

public sealed partial class LocalOrganization
{
    /// <summary>
    /// Registers every step and Custom API of an unpacked solution folder, as importing it into an
    /// organisation would, binding plugin type names to the types in
    /// <see cref="LocalOrganizationOptions.PluginAssemblies"/>.
    /// <para>
    /// Secure configuration is not part of an exported solution (an admin sets it per environment after
    /// import), so the host passes it here by step id; every id must be a step of the solution.
    /// </para>
    /// Everything is checked before anything is registered: a failure leaves the organisation as it was.
    /// <para>
    /// Tables: when the folder declares tables (Entities/*/Entity.xml), each is defined with
    /// <see cref="DefineTable"/> (merged with <see cref="Metadata.StandardTables"/> for standard tables), and
    /// the catalogue's other standard tables too; their alternate keys are defined and a Create/Update
    /// writing an undeclared column then fails. A folder without Entities/ leaves every table permissive.
    /// </para>
    /// </summary>
    /// <param name="folder">The unpacked solution, e.g. the repository's solution/ folder.</param>
    /// <param name="secureConfigurations">Secure configuration by SdkMessageProcessingStepId; null for none.</param>
    /// <returns>What the folder declares.</returns>
    /// <exception cref="SolutionFormatException">The folder is malformed, or a step or Custom API cannot be bound or registered; the message names the file.</exception>
    /// <exception cref="ArgumentException">A secure configuration names a step the solution does not have.</exception>
    public SolutionDefinition LoadSolution(string folder, IReadOnlyDictionary<Guid, string>? secureConfigurations = null)
    {
        var solution = SolutionReader.Read(folder);
        var steps = WithSecureConfiguration(solution, secureConfigurations);

        foreach (var step in steps)
        {
            CheckBinding(solution, step.PluginTypeName, solution.SourceFiles[step.StepId.ToString("D")], $"step '{step.Name}'");
            try
            {
                StepValidation.Validate(step);
            }
            catch (ArgumentException e)
            {
                throw new SolutionFormatException(solution.SourceFiles[step.StepId.ToString("D")], null, e.Message, e);
            }

            if (Steps.Any(s => s.StepId == step.StepId))
            {
                throw new SolutionFormatException(solution.SourceFiles[step.StepId.ToString("D")], null, $"step '{step.Name}' ({step.StepId}) is already registered in this organisation.");
            }
        }

        foreach (var api in solution.CustomApis)
        {
            CheckBinding(solution, api.PluginTypeName, solution.SourceFiles[api.UniqueName], $"Custom API '{api.UniqueName}'");
            if (CustomApis.Any(c => string.Equals(c.UniqueName, api.UniqueName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new SolutionFormatException(solution.SourceFiles[api.UniqueName], null, $"the Custom API '{api.UniqueName}' is already registered in this organisation.");
            }
        }

        var tables = TablesToDefine(solution);
        foreach (var table in tables.Where(t => t.SourceFile is not null && FindTable(t.LogicalName) is not null))
        {
            throw new SolutionFormatException(table.SourceFile!, null, $"the table '{table.LogicalName}' is already defined in this organisation.");
        }

        foreach (var table in tables)
        {
            try
            {
                DefineTable(table);
            }
            catch (ArgumentException e)
            {
                throw new SolutionFormatException(table.SourceFile ?? "Entities/", null, e.Message, e);
            }
        }

        foreach (var step in steps)
        {
            Register(step);
        }

        foreach (var api in solution.CustomApis)
        {
            Register(api);
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
    private void CheckBinding(SolutionDefinition solution, string typeName, string file, string owner)
    {
        var declared = solution.PluginAssemblies
            .SelectMany(a => a.PluginTypes)
            .First(t => string.Equals(t.TypeName, typeName, StringComparison.Ordinal));
        var assembly = Options.PluginAssemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, declared.AssemblyName, StringComparison.OrdinalIgnoreCase));
        if (assembly is null)
        {
            var given = Options.PluginAssemblies.Count == 0
                ? "none (set LocalOrganizationOptions.PluginAssemblies)"
                : string.Join(", ", Options.PluginAssemblies.Select(a => a.GetName().Name));
            throw new SolutionFormatException(file, null,
                $"{owner} runs '{typeName}' from the plugin assembly '{declared.AssemblyName}', which is not among the plugin assemblies given to the organisation: {given}.");
        }

        var type = assembly.GetType(typeName, throwOnError: false, ignoreCase: false);
        if (type is null)
        {
            throw new SolutionFormatException(file, null,
                $"{owner} runs '{typeName}', but the assembly '{assembly.GetName().Name}' has no such type.");
        }

        if (!typeof(Microsoft.Xrm.Sdk.IPlugin).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new SolutionFormatException(file, null, $"{owner} runs '{typeName}', which is not a concrete IPlugin.");
        }

        if (PluginFactory.Constructor(type) is null)
        {
            throw new SolutionFormatException(file, null,
                $"{owner} runs '{typeName}', which has none of the constructors Dataverse calls: (string unsecure, string secure), (string unsecure) or ().");
        }
    }
}
