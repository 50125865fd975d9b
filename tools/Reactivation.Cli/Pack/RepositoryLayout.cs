namespace Reactivation.Cli.Pack;

/// <summary>Where the pack command finds the plugin project and the default solution folder: the folder holding Reactivation.Plugins.sln.</summary>
public sealed record RepositoryLayout(string Root)
{
    public string SolutionFolder => Path.Combine(Root, "solution");

    public string PluginProject => Path.Combine(Root, "plugins", "Reactivation.Plugins", "Reactivation.Plugins.csproj");

    /// <summary>The repository containing <paramref name="start"/> (or one of its parents).</summary>
    public static RepositoryLayout Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reactivation.Plugins.sln")))
            {
                return new RepositoryLayout(dir.FullName);
            }
        }

        throw new PackException($"no Reactivation.Plugins.sln in {start} or above it: run pack inside the repository (it builds plugins/Reactivation.Plugins).");
    }
}
