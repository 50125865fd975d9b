using System.Diagnostics;
using System.Text;

namespace Reactivation.Cli.Pack;

/// <summary>Which Microsoft.Xrm.Sdk the plugin assembly is compiled against (the repository's DataverseSdk build property).</summary>
public enum PluginSdk
{
    /// <summary>The stand-in in tools/Reactivation.XrmSdkCompat, with the real SDK's identity: builds anywhere.</summary>
    Compat,

    /// <summary>The real Microsoft.CrmSdk.CoreAssemblies package: what Dataverse loads.</summary>
    Package,
}

/// <summary>The plugin assembly built for the sandbox: `dotnet build` of Reactivation.Plugins, Release, net462, as a child process.</summary>
public sealed record PluginBuild(int ExitCode, string Log, string OutputFolder)
{
    /// <summary>
    /// Builds the plugin project. Deterministic is on for every project; PathMap writes the repository's paths (the
    /// PDB path in the assembly, caller paths) as /_/, so the bytes do not depend on where the repository is checked
    /// out, with or without a .git folder (ContinuousIntegrationBuild alone maps them only when SourceLink finds git).
    /// </summary>
    public static PluginBuild Run(RepositoryLayout repository, PluginSdk sdk)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var log = new StringBuilder();
        var exitCode = Dotnet(repository, log,
            "build", repository.PluginProject, "-c", "Release", "-f", "net462", "-nologo", "-v", "quiet",
            "-p:DataverseSdk=" + sdk, "-p:ContinuousIntegrationBuild=true",
            "-p:PathMap=" + Path.TrimEndingDirectorySeparator(repository.Root) + Path.DirectorySeparatorChar + "=/_/");
        if (sdk == PluginSdk.Package)
        {
            // Restore writes one obj/project.assets.json per project whatever the configuration: put the default
            // (stand-in) graph back, or the next ordinary `dotnet build --no-restore` would see the package graph.
            Dotnet(repository, new StringBuilder(), "restore", repository.PluginProject, "-v", "quiet");
        }

        var output = Path.Combine(Path.GetDirectoryName(repository.PluginProject)!, "bin", "Release", "net462");
        return new PluginBuild(exitCode, log.ToString(), output);
    }

    private static int Dotnet(RepositoryLayout repository, StringBuilder log, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repository.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child build must not inherit MSBuild state from a parent build or test host.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        using var process = Process.Start(start) ?? throw new PackException("could not start 'dotnet " + args[0] + "'.");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
