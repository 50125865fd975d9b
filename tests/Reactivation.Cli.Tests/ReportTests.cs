using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Reactivation.Cli.Tests;

/// <summary>report.html is one self-contained page that headless Chromium renders without errors.</summary>
[TestClass]
public sealed class ReportTests
{
    private static string _report = "";
    private static string _summary = "";

    [ClassInitialize]
    public static void RunSmallStore(TestContext context)
    {
        _report = SimulationRun.TempPath(".html");
        var (code, output, errors) = SimulationRun.Run("simulate", "--members", "120", "--to", "2025-05-31", "--report", _report);
        Assert.AreEqual(0, code, errors);
        _summary = output;
    }

    [TestMethod]
    public void The_report_is_self_contained_no_script_no_network()
    {
        var html = File.ReadAllText(_report);

        StringAssert.StartsWith(html, "<!DOCTYPE html>");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain(" src=", html);
        Assert.DoesNotContain("<link", html);
    }

    [TestMethod]
    public void The_report_shows_the_charts_the_calibration_table_and_the_model_with_the_summary_numbers()
    {
        var html = File.ReadAllText(_report);

        foreach (var chart in new[] { "Stage flow over time", "Win-back funnel", "Suppressions by reason", "Rep workload" })
        {
            StringAssert.Contains(html, "<svg role=\"img\" aria-label=\"" + chart + "\"");
        }

        StringAssert.Contains(html, "<h2 id=\"calibration\">Threshold calibration</h2>");
        StringAssert.Contains(html, "<strong>This is a model, not measured behaviour.</strong>");
        var attempted = Regex.Match(_summary, @"Win-back funnel: attempted (\d+) -> responded (\d+) -> converted (\d+)");
        Assert.IsTrue(attempted.Success, _summary);
        var funnel = html[html.IndexOf("aria-label=\"Win-back funnel\"", StringComparison.Ordinal)..];
        foreach (var (step, group) in new[] { ("attempted", 1), ("responded", 2), ("converted", 3) })
        {
            var count = int.Parse(attempted.Groups[group].Value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture);
            StringAssert.Matches(funnel, new Regex(">" + step + "</text><rect [^>]*/><text [^>]*>" + count + "</text>"), step);
        }

        var mayEnd = Regex.Match(_summary, @"2025-05-31 +(\d+) +(\d+) +(\d+)");
        Assert.IsTrue(mayEnd.Success, _summary);
        StringAssert.Contains(html, "<tr><td>2025-05-31</td><td>" + mayEnd.Groups[1].Value + "</td><td>" + mayEnd.Groups[2].Value + "</td><td>" + mayEnd.Groups[3].Value + "</td>");
    }

    [TestMethod]
    public void Headless_Chromium_renders_the_report_without_errors()
    {
        var chromium = new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            Assert.Inconclusive("chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it).");
        }

        var profile = Directory.CreateDirectory(SimulationRun.TempPath("")).FullName;
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--headless", "--disable-gpu", "--no-sandbox", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(_report).AbsoluteUri },
        };
        using var process = Process.Start(start)!;
        var dom = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(120_000), "chromium did not finish");

        Assert.AreEqual(0, process.ExitCode, log.Result);
        StringAssert.Contains(dom.Result, "<h2 id=\"stages\">Stage flow over time</h2>");
        Assert.IsGreaterThanOrEqualTo(4, Regex.Count(dom.Result, "<svg "), "the four charts are in the rendered DOM");
        var problems = log.Result.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("net::ERR", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }
}
