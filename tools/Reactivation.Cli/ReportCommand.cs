using System.Globalization;
using Reactivation.Cli.Simulation;
using Reactivation.Core.Measurement;
using Reactivation.LocalOrg;

namespace Reactivation.Cli;

/// <summary>
/// `reactivation report`: the weekly review over an organisation's records — an export of them restored into the
/// local organisation and read as the simulator reads its own (<see cref="WeeklyReviewReader"/>).
/// </summary>
public static class ReportCommand
{
    public const string UsageText = """
          report --export FOLDER --out FILE [--language en|zh-CN] [--from yyyy-MM-dd] [--to yyyy-MM-dd]
                   The store manager's weekly review over an organisation's records: the export in FOLDER (reps.csv,
                   targets.csv, attempts.csv, orders.csv, activities.csv, messages.csv, stage-changes.csv and, for the
                   offers' labels, the offers ruleset as offers.json; layout in tools/README.md) is restored into the
                   local organisation and read as the simulator reads its own; writes one self-contained page per run
                   (stage flow, funnel per channel, win-back against the holdout with 95 % intervals, offers ranked,
                   reps against their targets), whole in --language (default en). --from/--to: the weeks to show
                   (default: the export's first and last day).
                   Exit 0 on success, 1 on bad input (named with file and line), 2 on usage errors.
        """;

    private static readonly string[] ValueOptions = ["--export", "--out", "--language", "--from", "--to"];

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (CommandLine.ReadOptions("report", args, ValueOptions, [], UsageText, stdout, stderr, out var options) is { } stop) return stop;

        if (!options.ContainsKey("--export") || !options.ContainsKey("--out"))
        {
            stderr.WriteLine("reactivation report: --export FOLDER and --out FILE are needed: the organisation's export and the page to write.");
            return CommandLine.Usage;
        }

        try
        {
            return Run(options, stdout);
        }
        catch (SimulationInputException e)
        {
            stderr.WriteLine("reactivation report: " + e.Message);
            return CommandLine.InputErrors;
        }
    }

    private static int Run(Dictionary<string, string> options, TextWriter stdout)
    {
        var language = SimulateCommand.ReviewLanguage(options);
        var export = OrganisationExport.Read(options["--export"]);
        var from = Date(options, "--from") ?? export.FirstDay;
        var to = Date(options, "--to") ?? export.LastDay;
        if (from > to) throw new SimulationInputException(export.FirstDay == DateOnly.MaxValue ? $"{export.Folder}: the export has no rows to review." : $"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}.");

        var now = DateTime.UtcNow;
        var org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => now });
        export.Restore(org, instant => now = instant);
        var service = org.CreateOrganizationService(null);
        var history = WeeklyReviewReader.Read(service, export.Reps, export.StageMoves, to);
        var labels = export.OffersRuleset is { } offers ? WeeklyReviewText.OfferLabels(offers) : WeeklyReviewText.OfferLabels(service);
        var weeks = WeeklyReview.Of(history, from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue));
        File.WriteAllText(options["--out"], WeeklyReviewPage.Render(weeks, export.Reps, from, to, WeeklyReviewText.For(language, labels)));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Restored {export.Reps.Count} reps, {history.Attempts.Count} attempts, {history.Messages.Count} messages sent, {history.Targets.Count} targets, {history.StageMoves.Count} stage changes from {export.Folder}."));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Weekly review {from:yyyy-MM-dd} to {to:yyyy-MM-dd} ({weeks.Count} weeks): {options["--out"]}"));
        return CommandLine.Ok;
    }

    private static DateOnly? Date(Dictionary<string, string> options, string name)
    {
        if (!options.TryGetValue(name, out var text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new SimulationInputException($"{name} '{text}' is not a date (yyyy-MM-dd).");
    }
}
