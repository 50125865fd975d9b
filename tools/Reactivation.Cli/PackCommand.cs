using Reactivation.Cli.Pack;

namespace Reactivation.Cli;

/// <summary>
/// `reactivation pack --out DIR`: builds the plugin assembly for net462 and writes the solution in solution/
/// as the two zips Dataverse imports, Reactivation_&lt;version&gt;.zip (unmanaged) and Reactivation_&lt;version&gt;_managed.zip.
/// </summary>
public static class PackCommand
{
    public const string UsageText = """
          pack --out DIR [--solution DIR] [--sdk compat|package]
                   Build Reactivation.Plugins (Release, net462) and write DIR/Reactivation_<version>.zip
                   (unmanaged) and DIR/Reactivation_<version>_managed.zip from the unpacked solution
                   (default: solution/ of this repository). The same sources give byte-identical zips.
                   The zips register one strong-name signed assembly with Reactivation.Core compiled
                   in; it references only Microsoft.Xrm.Sdk 9.0.0.0 and .NET Framework 4.6.2.
                   --sdk compat (default) compiles against the stand-in SDK, which has the real SDK's
                   identity; --sdk package compiles against the real SDK packages (needs a package
                   source that serves them).
                   Exit 0 when both zips are written, 1 on errors in the solution or the build, 2 on usage errors.
        """;

    /// <summary>Parses `pack`'s arguments (after the command name) and runs it.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string? output = null;
        string? solution = null;
        var sdk = PluginSdk.Compat;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                stdout.WriteLine(UsageText);
                return CommandLine.Ok;
            }

            if (arg is not ("--out" or "--solution" or "--sdk"))
            {
                stderr.WriteLine($"reactivation pack: unknown argument '{arg}'.");
                stderr.WriteLine(UsageText);
                return CommandLine.Usage;
            }

            if (i + 1 >= args.Count)
            {
                stderr.WriteLine($"reactivation pack: {arg} needs a value.");
                return CommandLine.Usage;
            }

            var value = args[++i];
            switch (arg)
            {
                case "--out":
                    output = value;
                    break;
                case "--solution":
                    solution = value;
                    break;
                default:
                    if (value.ToLowerInvariant() is not ("compat" or "package") || !Enum.TryParse(value, ignoreCase: true, out sdk))
                    {
                        stderr.WriteLine($"reactivation pack: unknown SDK '{value}'; use compat or package.");
                        return CommandLine.Usage;
                    }

                    break;
            }
        }

        if (output is null)
        {
            stderr.WriteLine("reactivation pack: name the output folder with --out DIR.");
            return CommandLine.Usage;
        }

        try
        {
            var repository = RepositoryLayout.Find(Directory.GetCurrentDirectory());
            var folder = Path.GetFullPath(solution ?? repository.SolutionFolder);
            return Run(folder, repository, Path.GetFullPath(output), sdk, stdout, stderr);
        }
        catch (PackException e)
        {
            stderr.WriteLine("reactivation pack: " + e.Message);
            return CommandLine.InputErrors;
        }
    }

    private static int Run(string solutionFolder, RepositoryLayout repository, string output, PluginSdk sdk, TextWriter stdout, TextWriter stderr)
    {
        // Read and check the sources before spending a build on them.
        var source = UnpackedSolution.Read(solutionFolder);
        stdout.WriteLine($"Solution {source.UniqueName} {source.Version} from {solutionFolder}");

        stdout.WriteLine($"Building {repository.PluginProject} (Release, net462, SDK: {sdk})...");
        var build = PluginBuild.Run(repository, sdk);
        if (build.ExitCode != 0)
        {
            stderr.Write(build.Log);
            stderr.WriteLine(sdk == PluginSdk.Package
                ? "reactivation pack: the build against the real Dataverse SDK failed (above). Microsoft.CrmSdk.CoreAssemblies must be restorable from a configured package source; this project's mirror does not serve it. Nothing was written."
                : "reactivation pack: the plugin build failed (above). Nothing was written.");
            return CommandLine.InputErrors;
        }

        var plugin = Path.Combine(build.OutputFolder, Path.GetFileNameWithoutExtension(repository.PluginProject) + ".dll");
        stdout.WriteLine($"Built {System.Reflection.AssemblyName.GetAssemblyName(plugin).FullName} ({new FileInfo(plugin).Length} bytes)");
        Directory.CreateDirectory(output);
        foreach (var managed in new[] { false, true })
        {
            var entries = SolutionPackage.Entries(source, build.OutputFolder, managed);
            var path = Path.Combine(output, SolutionPackage.FileName(source, managed));
            SolutionZip.Write(path, entries);
            stdout.WriteLine($"Wrote {path} ({entries.Count} entries, {new FileInfo(path).Length} bytes)");
        }

        return CommandLine.Ok;
    }
}
