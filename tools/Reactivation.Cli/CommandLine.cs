namespace Reactivation.Cli;

/// <summary>
/// The `reactivation` command line. Exit codes: 0 success, 1 the input has errors (invalid ruleset,
/// missing file), 2 the command line itself is wrong.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int InputErrors = 1;
    public const int Usage = 2;

    private const string UsageText = """
        Usage: reactivation lint [--format text|json] FILE...

          lint     Validate ruleset files (Lifecycle, ContactPolicy, Offers workflows).
                   Prints file(line,col): error RX0nn: rule 'Name': message. Hint: ...
                   Exit 0 when every file is valid (warnings allowed), 1 on errors, 2 on usage errors.
          --format text (default) or json (a JSON array of diagnostics).
        """;

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

        if (args[0] is "simulate" or "explain" or "pack" or "evaluate")
        {
            // The README names `simulate` as the main job; say plainly that it is not built yet.
            stderr.WriteLine($"reactivation {args[0]}: not available yet. It arrives with its own issue; today the command checks rulesets: reactivation lint FILE...");
            return InputErrors;
        }

        if (args[0] != "lint")
        {
            stderr.WriteLine($"reactivation: unknown command '{args[0]}'.");
            stderr.WriteLine(UsageText);
            return Usage;
        }

        var format = "text";
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--format" or "-f")
            {
                if (i + 1 >= args.Length)
                {
                    stderr.WriteLine("reactivation lint: --format needs a value: text or json.");
                    return Usage;
                }

                format = args[++i];
            }
            else if (arg.StartsWith("--format=", StringComparison.Ordinal))
            {
                format = arg["--format=".Length..];
            }
            else if (arg is "-h" or "--help")
            {
                stdout.WriteLine(UsageText);
                return Ok;
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                stderr.WriteLine($"reactivation lint: unknown option '{arg}'.");
                return Usage;
            }
            else
            {
                files.Add(arg);
            }
        }

        if (format is not ("text" or "json"))
        {
            stderr.WriteLine($"reactivation lint: unknown format '{format}'; use text or json.");
            return Usage;
        }

        if (files.Count == 0)
        {
            stderr.WriteLine("reactivation lint: name at least one ruleset file.");
            return Usage;
        }

        return LintCommand.Run(files, format == "json", stdout);
    }
}
