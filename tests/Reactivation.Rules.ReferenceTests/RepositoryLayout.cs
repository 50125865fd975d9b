namespace Reactivation.Rules.ReferenceTests;

/// <summary>
/// Where the shipped rulesets live: rules/ next to Reactivation.Plugins.sln, found by walking up from
/// the test's base directory, so the tests read exactly the files the repository ships.
/// </summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;

    public static string RulesDirectory => Path.Combine(RepositoryRoot, "rules");

    public static string SchemaPath => Path.Combine(RulesDirectory, "schema", "ruleset.schema.json");

    /// <summary>Every shipped ruleset: rules/default/*.json and rules/presets/*/*.json, in a stable order.</summary>
    public static IReadOnlyList<string> ShippedRulesets()
    {
        var files = new List<string>();
        var defaults = Path.Combine(RulesDirectory, "default");
        if (Directory.Exists(defaults))
        {
            files.AddRange(Directory.GetFiles(defaults, "*.json"));
        }

        var presets = Path.Combine(RulesDirectory, "presets");
        if (Directory.Exists(presets))
        {
            files.AddRange(Directory.GetFiles(presets, "*.json", SearchOption.AllDirectories));
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The path relative to rules/, with forward slashes: how test names and messages show a ruleset.</summary>
    public static string DisplayName(string path) =>
        Path.GetRelativePath(RulesDirectory, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reactivation.Plugins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No Reactivation.Plugins.sln above {AppContext.BaseDirectory}; the reference tests read rules/ from the repository.");
    }
}
