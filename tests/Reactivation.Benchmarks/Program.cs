using BenchmarkDotNet.Running;
using Reactivation.Benchmarks;

// `coldstart [samples]`: parse + first decision in fresh processes. `coldstart-child <engine>`: one sample.
// `scan-counts`: ruleset evaluations of the next-change scan per contact. `report-pages [attempts] [pageSize]`: rx_ReactivationReport page by page. Anything else goes to BenchmarkDotNet (e.g. `--filter * --job short`).
if (args.Length > 0 && args[0] == "coldstart")
{
    return ColdStart.RunParent(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
}

if (args.Length > 0 && args[0] == "coldstart-breakdown")
{
    return ColdStart.RunBreakdown();
}

if (args.Length > 0 && args[0] == "scan-counts")
{
    return NextEvaluationScanBenchmarks.PrintCounts();
}

if (args.Length > 0 && args[0] == "report-pages")
{
    return ReportPagesBenchmark.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000);
}

if (args.Length > 1 && args[0] == "coldstart-child")
{
    return ColdStart.RunChild(args[1]);
}

// BenchmarkDotNet builds and runs a copy of this program outside the repository: tell it where rules/ is.
Environment.SetEnvironmentVariable("REACTIVATION_RULES_DEFAULT", DefaultRulesets.Directory);
BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args);
return 0;
