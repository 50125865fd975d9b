using System.Globalization;
using Reactivation.Cli.Simulation;

namespace Reactivation.Cli;

/// <summary>`reactivation simulate`: a store run day by day through the product's real plugins, then a summary and a report.</summary>
public static class SimulateCommand
{
    public const string UsageText = """
          simulate [--transactions FILE [--format csv|cdnow]] [--rules DIR | --preset NAME]
                   [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--seed N] [--members N]
                   [--summary-json FILE] [--report FILE] [--holdout PERCENT]
                   [--weekly-review FILE [--language en|zh-CN]]
                   Run a store day by day through the product's plugins, steps and solution/ (simulated clock):
                   by default an embedded, seeded beauty salon (with --preset dental a dental practice going live
                   with its patients' past visits, with --preset consumer-finance a lending app's funnel);
                   with --transactions a real purchase log
                   (csv: customer,date,amount; cdnow: the CDNOW layout). Prints customers per stage per month,
                   attempts, offers, suppressions, conversions and work per rep; writes report.html (--report).
                   --from/--to: the days to run (a log's default: its first and last day; purchases outside are left out).
                   --rules/--preset: linted, then created as active rx_ruleset rows before the first day.
                   Replies, rep work and purchases after offers come from a stated model, printed with the results.
                   --holdout: the share (0-50 %) of customers held out of outreach; the summary JSON's uplift list
                   compares their conversion within 30 days with the treated customers' (95 % Newcombe interval).
                   --weekly-review: also the store manager's weekly review page (stage flow, funnel per channel,
                   win-back against the holdout with intervals, offers ranked, reps against the targets the salon's
                   manager set, stated in the model), whole in --language (default en).
                   Exit 0 on success, 1 on bad input (named with file and line), 2 on usage errors.
        """;

    /// <summary>Parses `simulate`'s arguments (after the command name) and runs it.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string[] known = ["--transactions", "--format", "--rules", "--preset", "--from", "--to", "--seed", "--members", "--summary-json", "--report", "--holdout", "--weekly-review", "--language"];
        if (CommandLine.ReadOptions("simulate", args, known, [], UsageText, stdout, stderr, out var options) is { } stop) return stop;

        if (options.ContainsKey("--rules") && options.ContainsKey("--preset"))
        {
            stderr.WriteLine("reactivation simulate: give --rules or --preset, not both.");
            return CommandLine.Usage;
        }

        try
        {
            return Run(options, stdout, stderr);
        }
        catch (SimulationInputException e)
        {
            stderr.WriteLine("reactivation simulate: " + e.Message);
            return CommandLine.InputErrors;
        }
    }

    private static int Run(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        var from = Date(options, "--from");
        var to = Date(options, "--to");
        var seed = Number(options, "--seed", 1);
        var rules = options.GetValueOrDefault("--rules");
        var language = ReviewLanguage(options);
        if (options.TryGetValue("--preset", out var preset)) rules = RulesetInstaller.PresetFolder(preset);
        if (rules is not null) RulesetInstaller.Lint(rules);

        Scenario scenario;
        if (options.TryGetValue("--transactions", out var file))
        {
            var format = options.GetValueOrDefault("--format") ?? (file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? "cdnow" : "csv");
            if (options.ContainsKey("--members")) throw new SimulationInputException("--members sizes the embedded store; a --transactions log has its own customers.");
            scenario = Scenario.FromLog(Path.GetFileName(file), TransactionLog.Read(file, format), from, to);
        }
        else
        {
            if (options.ContainsKey("--format")) throw new SimulationInputException("--format describes a --transactions file; none was given.");
            // The embedded store follows the preset's industry where a salon cannot stand in for it.
            var members = Number(options, "--members", SalonGenerator.DefaultMembers);
            scenario = preset switch
            {
                "dental" => DentalPracticeGenerator.Generate(seed, members, from, to),
                "consumer-finance" => LendingAppGenerator.Generate(seed, members, from, to),
                _ => SalonGenerator.Generate(seed, members, from, to),
            };
        }

        using var progress = new ProgressBar(stderr, Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error));
        var result = SimulationEngine.Run(new SimulationSettings
        {
            Scenario = scenario,
            SolutionFolder = ProductFolder("solution"),
            RulesFolder = rules,
            Seed = seed,
            HoldoutPercent = Holdout(options),
            WeeklyReview = options.ContainsKey("--weekly-review"),
            Progress = progress,
        });
        progress.Finish();

        SimulationSummary.WriteText(result, stdout);
        if (options.TryGetValue("--summary-json", out var json))
        {
            File.WriteAllText(json, SimulationSummary.ToJson(result));
            stdout.WriteLine("Summary JSON: " + json);
        }

        var report = options.GetValueOrDefault("--report") ?? "report.html";
        File.WriteAllText(report, SimulationReport.Render(result));
        stdout.WriteLine("Report: " + report);
        if (options.TryGetValue("--weekly-review", out var review) && result.WeeklyReview is { } input)
        {
            var weeks = Reactivation.Core.Measurement.WeeklyReview.Of(input.History, scenario.From.ToDateTime(TimeOnly.MinValue), scenario.To.ToDateTime(TimeOnly.MinValue));
            File.WriteAllText(review, WeeklyReviewPage.Render(weeks, input.Reps, scenario.From, scenario.To, WeeklyReviewText.For(language, input.OfferLabels)));
            stdout.WriteLine("Weekly review: " + review);
        }

        return CommandLine.Ok;
    }

    /// <summary>solution/ and rules/ as shipped beside the binaries (the project copies them to its output).</summary>
    public static string ProductFolder(string name) => Path.Combine(AppContext.BaseDirectory, name);

    private static DateOnly? Date(Dictionary<string, string> options, string name)
    {
        if (!options.TryGetValue(name, out var text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new SimulationInputException($"{name} '{text}' is not a date (yyyy-MM-dd).");
    }

    /// <summary>The weekly review's language, checked before the run.</summary>
    public static string ReviewLanguage(Dictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var language = options.GetValueOrDefault("--language") ?? "en";
        if (!WeeklyReviewText.Languages.Contains(language)) throw new SimulationInputException($"--language '{language}' is not en or zh-CN.");
        return language;
    }

    private static decimal Holdout(Dictionary<string, string> options)
    {
        if (!options.TryGetValue("--holdout", out var text)) return 0;
        return Reactivation.Core.Measurement.HoldoutGroup.ParseDefault(text) ?? throw new SimulationInputException($"--holdout '{text}' is not a percent from 0 to 50.");
    }

    private static int Number(Dictionary<string, string> options, string name, int fallback)
    {
        if (!options.TryGetValue(name, out var text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
        throw new SimulationInputException($"{name} '{text}' is not a whole number above 0.");
    }
}
