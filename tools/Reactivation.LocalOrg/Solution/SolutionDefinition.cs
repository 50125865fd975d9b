using Reactivation.LocalOrg.Metadata;
using Reactivation.LocalOrg.Registration;

namespace Reactivation.LocalOrg.Solution;

/// <summary>What an unpacked solution folder declares, as <see cref="SolutionReader"/> read it.</summary>
/// <param name="FolderPath">The solution folder (absolute).</param>
/// <param name="Version">As written in Other/Solution.xml, e.g. "1.0.0.0".</param>
/// <param name="Steps">Secure configuration is never set here: exports do not carry it (see <see cref="LocalOrganization.LoadSolution"/>).</param>
/// <param name="SourceFiles">Where each step (by step id, as a string) and Custom API (by unique name) was read from, relative to the folder.</param>
public sealed record SolutionDefinition(
    string FolderPath,
    string UniqueName,
    string Version,
    string PublisherUniqueName,
    string PublisherPrefix,
    IReadOnlyList<PluginAssemblyDefinition> PluginAssemblies,
    IReadOnlyList<StepRegistration> Steps,
    IReadOnlyList<CustomApiRegistration> CustomApis,
    IReadOnlyDictionary<string, string> SourceFiles)
{
    /// <summary>The tables Entities/*/Entity.xml declare, as declared (see <see cref="TableMetadataReader"/>).</summary>
    public IReadOnlyList<TableDefinition> Tables { get; init; } = [];
}

/// <summary>A PluginAssemblies/&lt;Name&gt;-&lt;GUID&gt;/&lt;Name&gt;.dll.data.xml file.</summary>
/// <param name="Name">The simple assembly name, e.g. "Reactivation.Plugins".</param>
/// <param name="FullName">As declared, e.g. "Reactivation.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=545dc390472d3792".</param>
public sealed record PluginAssemblyDefinition(
    Guid PluginAssemblyId,
    string Name,
    string FullName,
    IReadOnlyList<PluginTypeDefinition> PluginTypes);

/// <summary>A PluginType of an assembly: the id steps and Custom APIs refer to, and the CLR type's full name.</summary>
public sealed record PluginTypeDefinition(Guid PluginTypeId, string TypeName, string AssemblyName);
