using Newtonsoft.Json;
using Reactivation.Core.Rules;

namespace Reactivation.Cli;

/// <summary>`reactivation lint FILE...`: the same validation the plugin runs when a ruleset is saved.</summary>
public static class LintCommand
{
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
