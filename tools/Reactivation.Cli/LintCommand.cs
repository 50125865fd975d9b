using Newtonsoft.Json;
using Reactivation.Core.Rules;

namespace Reactivation.Cli;

/// <summary>`reactivation lint FILE...`: the same validation the plugin runs when a ruleset is saved.</summary>
public static class LintCommand
{
    public const string UsageText = """
          lint [--format text|json] FILE...
                   Validate ruleset files (Lifecycle, ContactPolicy, Offers workflows).
                   Prints file(line,col): error RX0nn: rule 'Name': message. Hint: ...
                   Exit 0 when every file is valid (warnings allowed), 1 on errors, 2 on usage errors.
                   --format text (default) or json (a JSON array of diagnostics).
        """;

    /// <summary>Parses `lint`'s arguments (after the command name) and runs it.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var format = "text";
        var files = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--format" or "-f")
            {
                if (i + 1 >= args.Count)
                {
                    stderr.WriteLine("reactivation lint: --format needs a value: text or json.");
                    return CommandLine.Usage;
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
                return CommandLine.Ok;
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                stderr.WriteLine($"reactivation lint: unknown option '{arg}'.");
                return CommandLine.Usage;
            }
            else
            {
                files.Add(arg);
            }
        }

        if (format is not ("text" or "json"))
        {
            stderr.WriteLine($"reactivation lint: unknown format '{format}'; use text or json.");
            return CommandLine.Usage;
        }

        if (files.Count == 0)
        {
            stderr.WriteLine("reactivation lint: name at least one ruleset file.");
            return CommandLine.Usage;
        }

        return Run(files, format == "json", stdout);
    }

    public static int Run(IReadOnlyList<string> files, bool json, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stdout);
        var all = new List<RulesetDiagnostic>();
        var summaries = new List<string>();
        foreach (var file in files)
        {
            var diagnostics = Lint(file, out var ruleset);
            all.AddRange(diagnostics);
            if (ruleset is not null)
            {
                summaries.Add($"{file}: ok ({ruleset.WorkflowName}, {ruleset.Rules.Count} rules{(diagnostics.Count > 0 ? $", {diagnostics.Count} warning(s)" : "")})");
            }
        }

        if (json)
        {
            WriteJson(all, stdout);
        }
        else
        {
            foreach (var d in all) stdout.WriteLine(d.ToString());
            foreach (var s in summaries) stdout.WriteLine(s);
            var errors = all.Count(d => d.Severity == DiagnosticSeverity.Error);
            var warnings = all.Count - errors;
            stdout.WriteLine($"{files.Count} file(s): {errors} error(s), {warnings} warning(s).");
        }

        return all.Exists(d => d.Severity == DiagnosticSeverity.Error) ? CommandLine.InputErrors : CommandLine.Ok;
    }

    /// <summary>Reads and validates one file; a file that cannot be read is an RX000 error naming it.</summary>
    public static IReadOnlyList<RulesetDiagnostic> Lint(string file, out Ruleset? ruleset)
    {
        ArgumentNullException.ThrowIfNull(file);
        ruleset = null;
        string text;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                return [new RulesetDiagnostic(DiagnosticSeverity.Error, DiagnosticCodes.File, file, 0, 0, null, "file not found", "check the path")];
            }

            if (info.Length > RulesetLoader.MaxFileLength * 4L)
            {
                return [new RulesetDiagnostic(DiagnosticSeverity.Error, DiagnosticCodes.TooMany, file, 0, 0, null, $"the file is {info.Length} bytes; a ruleset is far smaller", "check that this is a ruleset")];
            }

            text = File.ReadAllText(file);
        }
        catch (IOException e)
        {
            return [new RulesetDiagnostic(DiagnosticSeverity.Error, DiagnosticCodes.File, file, 0, 0, null, "cannot read the file: " + e.Message, null)];
        }
        catch (UnauthorizedAccessException e)
        {
            return [new RulesetDiagnostic(DiagnosticSeverity.Error, DiagnosticCodes.File, file, 0, 0, null, "cannot read the file: " + e.Message, null)];
        }

        var result = RulesetLoader.Load(text, file);
        ruleset = result.Ruleset;
        return result.Diagnostics;
    }

    private static void WriteJson(List<RulesetDiagnostic> diagnostics, TextWriter stdout)
    {
        using var writer = new JsonTextWriter(stdout) { Formatting = Formatting.Indented, CloseOutput = false };
        writer.WriteStartArray();
        foreach (var d in diagnostics)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("file");
            writer.WriteValue(d.File);
            writer.WritePropertyName("line");
            writer.WriteValue(d.Line);
            writer.WritePropertyName("column");
            writer.WriteValue(d.Column);
            writer.WritePropertyName("severity");
            writer.WriteValue(d.Severity == DiagnosticSeverity.Error ? "error" : "warning");
            writer.WritePropertyName("code");
            writer.WriteValue(d.Code);
            writer.WritePropertyName("rule");
            writer.WriteValue(d.RuleName);
            writer.WritePropertyName("message");
            writer.WriteValue(d.Message);
            writer.WritePropertyName("hint");
            writer.WriteValue(d.Hint);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
        stdout.WriteLine();
    }
}
