using System.Diagnostics;

namespace Reactivation.Cli.Tests;

/// <summary>
/// The product's stories on .NET Framework 4.6.2 under Mono, with the plugin assembly read from the zip <c>pack</c>
/// wrote (tests/Reactivation.Sandbox.Stories): the assembly Dataverse's sandbox would load, not the net10.0 build.
/// </summary>
[TestClass]
public sealed class SandboxStoryTests
{
    private static PackRun _pack = null!;

    [ClassInitialize]
    public static void PackOnce(TestContext context) => _pack = PackRun.Pack("sandbox-stories");

    /// <param name="culture">The thread culture the program runs the story under ("" leaves Mono's default); the story's expected texts and amounts are the same in each.</param>
    [TestMethod]
    [DataRow("silent-by-daily-evaluation", "")]
    [DataRow("order-converts-and-redeems", "")]
    [DataRow("daily-evaluation-pages", "")]
    [DataRow("broken-ruleset-refused", "")]
    [DataRow("initialise-existing-customers", "")]
    [DataRow("silent-by-daily-evaluation", "tr-TR")]
    [DataRow("order-converts-and-redeems", "tr-TR")]
    [DataRow("daily-evaluation-pages", "tr-TR")]
    [DataRow("broken-ruleset-refused", "tr-TR")]
    [DataRow("initialise-existing-customers", "tr-TR")]
    [DataRow("silent-by-daily-evaluation", "de-DE")]
    [DataRow("order-converts-and-redeems", "de-DE")]
    [DataRow("daily-evaluation-pages", "de-DE")]
    [DataRow("broken-ruleset-refused", "de-DE")]
    [DataRow("initialise-existing-customers", "de-DE")]
    [DataRow("silent-by-daily-evaluation", "zh-CN")]
    [DataRow("order-converts-and-redeems", "zh-CN")]
    [DataRow("daily-evaluation-pages", "zh-CN")]
    [DataRow("broken-ruleset-refused", "zh-CN")]
    [DataRow("initialise-existing-customers", "zh-CN")]
    public void The_story_passes_under_Mono_with_the_assembly_from_the_managed_zip(string story, string culture)
    {
        Assert.AreEqual(0, _pack.Code, _pack.Err);
        var mono = Mono() ?? throw new AssertInconclusiveException("mono is not installed (Debian: apt-get install -y mono-runtime and the libmono packages .ci/run names; .ci/run installs them).");
        var program = StoriesProgram();
        Assert.IsTrue(File.Exists(program), "the stories program is built: " + program);

        var start = new ProcessStartInfo(mono)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { program, "--zip", Path.Combine(_pack.Folder, "Reactivation_1_0_0_0_managed.zip"), "--solution", PackCommandTests.RepositorySolution(), "--story", story })
        {
            start.ArgumentList.Add(argument);
        }

        if (culture.Length > 0)
        {
            start.ArgumentList.Add("--culture");
            start.ArgumentList.Add(culture);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.AreEqual(0, process.ExitCode, output.Result + errors);
        StringAssert.StartsWith(output.Result, "PASS " + story + " (" + culture, StringComparison.Ordinal);
        StringAssert.Contains(output.Result, "Reactivation.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=545dc390472d3792", "the signed assembly from the zip ran");
    }

    private static string? Mono() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "mono"))
            .FirstOrDefault(File.Exists);

    /// <summary>The program's net462 build, in the same configuration as this test's build.</summary>
    private static string StoriesProgram()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(PackRun.RepositoryRoot(), "tests", "Reactivation.Sandbox.Stories", "bin", configuration, "net462", "Reactivation.Sandbox.Stories.exe");
    }
}
