namespace Reactivation.Cli;

/// <summary>
/// The `reactivation` command line: the first argument names the command, each command parses the rest.
/// Exit codes: 0 success, 1 the input has errors (invalid ruleset, missing file), 2 the command line itself is wrong.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int InputErrors = 1;
    public const int Usage = 2;

    private static readonly string UsageText = "Usage: reactivation COMMAND [OPTIONS]\n\n" + SimulateCommand.UsageText + "\n" + ReportCommand.UsageText + "\n" + InitialiseCommand.UsageText + "\n" + ExplainCommand.UsageText + "\n" + LintCommand.UsageText + "\n" + PackCommand.UsageText;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(UsageText);
            return args.Length == 0 ? Usage : Ok;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "lint":
                return LintCommand.Execute(rest, stdout, stderr);

            case "simulate":
                return SimulateCommand.Execute(rest, stdout, stderr);

            case "report":
                return ReportCommand.Execute(rest, stdout, stderr);

            case "initialise":
                return InitialiseCommand.Execute(rest, stdout, stderr);

            case "explain":
                return ExplainCommand.Execute(rest, stdout, stderr);

            case "pack":
                return PackCommand.Execute(rest, stdout, stderr);

            default:
                stderr.WriteLine($"reactivation: unknown command '{args[0]}'.");
                stderr.WriteLine(UsageText);
                return Usage;
        }
    }

    /// <summary>
    /// Reads a command's options: <c>--name value</c> or <c>--name=value</c> for <paramref name="valueOptions"/>, a bare
    /// <c>--name</c> for <paramref name="flags"/>. Returns the exit code when the command stops here (Ok after printing
    /// <paramref name="usage"/> for -h / --help; Usage for an unknown option or a missing value, named on stderr), or null
    /// to go on with <paramref name="options"/> (a flag given reads as the empty string).
    /// </summary>
    public static int? ReadOptions(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags,
        string usage, TextWriter stdout, TextWriter stderr, out Dictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                stdout.WriteLine(usage);
                return Ok;
            }

            if (flags.Contains(arg))
            {
                options[arg] = "";
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (!valueOptions.Contains(name))
            {
                stderr.WriteLine($"reactivation {command}: unknown option '{arg}'.");
                return Usage;
            }

            if (eq > 0) options[name] = arg[(eq + 1)..];
            else if (i + 1 < args.Count) options[name] = args[++i];
            else
            {
                stderr.WriteLine($"reactivation {command}: {name} needs a value.");
                return Usage;
            }
        }

        return null;
    }
}
