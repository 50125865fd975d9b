using Reactivation.Cli;

namespace Reactivation.Cli.Tests;

/// <summary>Runs `reactivation` as a user does (arguments in, exit code and text out) and finds ../shared.</summary>
internal static class SimulationRun
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string TempPath(string extension) => Path.Combine(Path.GetTempPath(), "rx-simulate-" + Guid.NewGuid().ToString("N") + extension);

    public static string TempFile(string extension, string content)
    {
        var path = TempPath(extension);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// The CDNOW log in ../shared, looked for in the ancestors of the repository root (a worktree sits deeper than the
    /// main checkout); null when this machine has only the repository.
    /// </summary>
    public static string? CdnowLog()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Reactivation.Plugins.sln"))) root = root.Parent;
        for (var dir = root?.Parent; dir is not null; dir = dir.Parent)
        {
            var log = Path.Combine(dir.FullName, "shared", "datasets", "cdnow", "CDNOW_master.txt");
            if (File.Exists(log)) return log;
        }

        return null;
    }
}
