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
}
