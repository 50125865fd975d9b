namespace Reactivation.LocalOrg.Tests.Solution;

/// <summary>Where the solutions the tests read live: the test solution, the product's solution/, the shared samples.</summary>
internal static class SolutionFolders
{
    /// <summary>tests/Reactivation.LocalOrg.Tests/TestSolution, copied next to the test assembly.</summary>
    public static string TestSolution => Path.Combine(AppContext.BaseDirectory, "TestSolution");

    /// <summary>The product's solution/ folder at the repository root.</summary>
    public static string ProductSolution => Path.Combine(RepositoryRoot, "solution");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Reactivation.Plugins.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Reactivation.Plugins.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>
    /// ../shared/reference/dataverse/samples/&lt;name&gt;: the real exported solutions, looked for in the
    /// ancestors of the repository root (a worktree sits deeper than the main checkout). Inconclusive
    /// when the shared material is not there, as on a machine with only the repository.
    /// </summary>
    public static string SharedSample(string name)
    {
        for (var dir = new DirectoryInfo(RepositoryRoot).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "dataverse", "samples", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Inconclusive($"The shared sample '{name}' (../shared/reference/dataverse/samples) is not available next to the repository.");
        return string.Empty;
    }
}

/// <summary>A private copy of the test solution that a test may break on purpose.</summary>
internal sealed class ScratchSolution : IDisposable
{
    public ScratchSolution(string source)
    {
        Folder = Path.Combine(Path.GetTempPath(), "rx-solution-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Folder { get; }

    /// <summary>Replaces <paramref name="find"/> (which must occur) in one file, relative to the solution folder.</summary>
    public void Edit(string relativePath, string find, string replace)
    {
        var path = Path.Combine(Folder, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, $"{relativePath} does not contain the text the test means to replace.");
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal), new System.Text.UTF8Encoding(true));
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Folder, relativePath));

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>The step files of the test solution, by what they are for.</summary>
internal static class TestSteps
{
    public const string StageDemoPostOperation = "SdkMessageProcessingSteps/{07db70e2-3170-5432-8b75-3f220ece554e}.xml";
    public const string StageDemoPreValidation = "SdkMessageProcessingSteps/{bc18f36c-7301-508b-b9ad-e04eb877e323}.xml";
    public const string ImageDemoUpdate = "SdkMessageProcessingSteps/{4e145818-c94d-5bf7-b01b-e55ccba2d6b4}.xml";
    public const string ImageDemoDelete = "SdkMessageProcessingSteps/{552b3ed0-82e5-557e-bae1-d11ffe1fce11}.xml";
    public const string FilterDemo = "SdkMessageProcessingSteps/{a77533cc-24d8-5b97-bed6-6f42c79ae18f}.xml";
    public const string AsyncDemoProbe = "SdkMessageProcessingSteps/{70b68097-1339-5532-af90-3301f550a8f8}.xml";
    public const string TestEchoApi = "customapis/rx_TestEcho/customapi.xml";
    public const string TestPingApi = "customapis/rx_TestPing/customapi.xml";
    public const string AssemblyData = "PluginAssemblies/Reactivation.LocalOrg.TestPlugins-4294188D-CD1C-5C69-A677-4DA20C359ADE/Reactivation.LocalOrg.TestPlugins.dll.data.xml";

    public static readonly Guid ConfigDemoStepId = new("fd5365d2-66f8-5e07-9b06-138586a9f4ee");
    public static readonly Guid ImageDemoUpdateStepId = new("4e145818-c94d-5bf7-b01b-e55ccba2d6b4");
    public const string ProbePluginId = "676e302e-cfa6-5491-b58e-5cd7fe3dd024";
    public const string CustomApiPluginId = "16db0b8c-db8f-5910-aa03-c24ab29564c5";
}
