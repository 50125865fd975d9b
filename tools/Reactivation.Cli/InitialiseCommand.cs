using System.Diagnostics;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Cli.GoLive;
using Reactivation.Cli.Simulation;
using Reactivation.Core.Decisions;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Initialisation;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli;

/// <summary>
/// `reactivation initialise`: go-live rehearsed in the local organisation — the customers of a purchase log created before
/// the solution is imported, then rx_InitialiseContacts called until MoreRecords is false, as an admin does.
/// </summary>
public static class InitialiseCommand
{
    public const string UsageText = """
          initialise --transactions FILE [--format csv|cdnow] [--page-size N] [--utc-offset MINUTES]
                     [--as-of yyyy-MM-dd] [--first-morning]
                   Go-live on an organisation that already has customers, in the local organisation: the log's customers
                   and orders are created first (contacts and fulfilled orders, before the solution is imported, so no
                   step runs on them), solution/ is imported, then rx_InitialiseContacts is called until MoreRecords is
                   false. Prints each call (contacts initialised, orders recorded, due for outreach, requests made, time),
                   the totals, the report of problems and the stages; then runs it again, which must write nothing.
                   --page-size: contacts per call (1-1000, default 250). --utc-offset: the organisation's UTC offset in
                   minutes (default 0). --as-of: the go-live day (default: the day after the log's last purchase).
                   --first-morning: then the next morning's rx_EvaluateDueContacts, and the attempts it starts.
                   Exit 0 on success, 1 on bad input (named with file and line), 2 on usage errors.
        """;

    private static readonly string[] ValueOptions = ["--transactions", "--format", "--page-size", "--utc-offset", "--as-of"];

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (CommandLine.ReadOptions("initialise", args, ValueOptions, ["--first-morning"], UsageText, stdout, stderr, out var options) is { } stop) return stop;
        var firstMorning = options.Remove("--first-morning");

        if (!options.ContainsKey("--transactions"))
        {
            stderr.WriteLine("reactivation initialise: --transactions FILE is needed: the purchase log whose customers the organisation already has.");
            return CommandLine.Usage;
        }

        try
        {
            return Run(options, firstMorning, stdout);
        }
        catch (SimulationInputException e)
        {
            stderr.WriteLine("reactivation initialise: " + e.Message);
            return CommandLine.InputErrors;
        }
    }

    private static int Run(Dictionary<string, string> options, bool firstMorning, TextWriter stdout)
    {
        var file = options["--transactions"];
        var format = options.GetValueOrDefault("--format") ?? (file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? "cdnow" : "csv");
        var pageSize = Number(options, "--page-size", InitialiseContactsPlugin.DefaultPageSize, 1, InitialiseContactsPlugin.MaxPageSize);
        var offsetMinutes = Number(options, "--utc-offset", 0, -840, 840);
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var purchases = TransactionLog.Read(file, format);
        if (purchases.Count == 0) throw new SimulationInputException($"{file}: the log has no purchases.");
        var goLiveDay = options.TryGetValue("--as-of", out var asOf)
            ? DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new SimulationInputException($"--as-of '{asOf}' is not a date (yyyy-MM-dd).")
            : purchases.Max(p => p.Date).AddDays(1);
        var later = purchases.Where(p => p.Date >= goLiveDay).ToList();
        if (later.Count > 0) throw new SimulationInputException($"{file}: {later.Count} purchases are on or after the go-live day {goLiveDay:yyyy-MM-dd}; choose a later --as-of.");

        var now = Instant(goLiveDay, new TimeOnly(9, 0), offset);
        var org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => now, PluginAssemblies = [typeof(PluginBase).Assembly] });
        var seeding = Stopwatch.StartNew();
        var (contacts, orders) = PreImportSeed.Seed(org, purchases, offset);
        SolutionImport.Import(org, SimulateCommand.ProductFolder("solution"), new Dictionary<string, Guid>());
        stdout.WriteLine(Invariant($"Seeded {contacts:N0} contacts and {orders:N0} orders from {Path.GetFileName(file)} before the solution was imported ({seeding.Elapsed.TotalSeconds:0.0} s); imported solution/."));
        stdout.WriteLine(Invariant($"Go-live {goLiveDay:yyyy-MM-dd} 09:00 (UTC offset {offsetMinutes} minutes): {InitialiseContactsPlugin.ApiName} with PageSize {pageSize}, until MoreRecords is false."));

        now = now.AddMinutes(5);
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal) { ["PageSize"] = pageSize, ["UtcOffsetMinutes"] = offsetMinutes };
        var number = 0;
        var total = Stopwatch.StartNew();
        var calls = PagedCalls.Run(org, InitialiseContactsPlugin.ApiName, parameters, call =>
        {
            number++;
            stdout.WriteLine(Invariant($"  call {number}: initialised {call.Count("Initialised")}, skipped {call.Count("Skipped")}, orders recorded {call.Count("OrdersRecorded")}, due for outreach {call.Count("OutreachDue")}; {call.RequestCount} requests ({Describe(call.Requests)}); {call.Elapsed.TotalMilliseconds:0} ms"));
        });
        total.Stop();

        stdout.WriteLine(Invariant($"Initialised {calls.Sum(c => c.Count("Initialised")):N0} contacts in {Calls(calls.Count)} and {total.Elapsed.TotalSeconds:0.0} s: {calls.Sum(c => c.Count("OrdersRecorded")):N0} orders recorded, {calls.Sum(c => c.Count("OutreachDue")):N0} due for outreach at the next daily evaluation, {calls.Sum(c => c.Count("Skipped")):N0} skipped."));
        stdout.WriteLine(Invariant($"Requests: {calls.Sum(c => c.RequestCount):N0} in all, {calls.Average(c => c.RequestCount):0.0} a call on average, at most {calls.Max(c => c.RequestCount)}; the longest call took {calls.Max(c => c.Elapsed.TotalMilliseconds):0} ms."));
        var report = calls.SelectMany(c => ((string)c.Response["Report"]!).Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        stdout.WriteLine(report.Count == 0 ? "Report: no problems." : Invariant($"Report ({report.Count} lines):"));
        foreach (var line in report) stdout.WriteLine("  " + line);
        stdout.WriteLine("Stages: " + Stages(org));

        now = now.AddHours(1);
        var again = PagedCalls.Run(org, InitialiseContactsPlugin.ApiName, parameters);
        var writes = again.Sum(c => c.Requests.Where(r => !r.Key.StartsWith("RetrieveMultiple", StringComparison.Ordinal)).Sum(r => r.Value));
        stdout.WriteLine(Invariant($"Second run: {Calls(again.Count)}, initialised {again.Sum(c => c.Count("Initialised"))}, {writes} writes."));

        if (firstMorning)
        {
            now = Instant(goLiveDay.AddDays(1), new TimeOnly(2, 30), offset);
            var morning = PagedCalls.Run(org, "rx_EvaluateDueContacts", new Dictionary<string, object>(StringComparer.Ordinal) { ["PageSize"] = 5000, ["UtcOffsetMinutes"] = offsetMinutes });
            stdout.WriteLine(Invariant($"First morning ({goLiveDay.AddDays(1):yyyy-MM-dd} 02:30): rx_EvaluateDueContacts in {Calls(morning.Count)} evaluated {morning.Sum(c => c.Count("Evaluated")):N0} contacts ({morning.Sum(c => c.RequestCount):N0} requests); attempts {Count(org, "rx_reactivationattempt"):N0}, phone calls {Count(org, "phonecall"):N0}, tasks {Count(org, "task"):N0}, messages {Count(org, "rx_outreachmessage"):N0}, incentives {Count(org, "rx_incentive"):N0}."));
            stdout.WriteLine("Stages: " + Stages(org));
        }

        return CommandLine.Ok;
    }

    /// <summary>An organisation-local time of a day as the UTC instant the clock holds.</summary>
    private static DateTime Instant(DateOnly day, TimeOnly time, TimeSpan offset) => DateTime.SpecifyKind(day.ToDateTime(time) - offset, DateTimeKind.Utc);

    private static string Calls(int count) => count == 1 ? "1 call" : count.ToString(CultureInfo.InvariantCulture) + " calls";

    private static string Describe(IReadOnlyDictionary<string, int> requests) => string.Join(", ", requests.Select(r => r.Value + " " + r.Key));

    private static string Stages(LocalOrganization org)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in Rows(org, ContactColumns.Table, ContactColumns.LifecycleStage))
        {
            var stage = ContactColumns.Stages.TryName(row.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage), out var name) ? name.ToString() : "(none)";
            counts[stage] = counts.GetValueOrDefault(stage) + 1;
        }

        return string.Join(", ", Enum.GetNames<LifecycleStage>().Append("(none)").Where(counts.ContainsKey).Select(s => Invariant($"{s} {counts[s]:N0}")));
    }

    private static int Count(LocalOrganization org, string table) => Rows(org, table).Count();

    private static IEnumerable<Entity> Rows(LocalOrganization org, string table, params string[] columns)
    {
        var service = org.CreateOrganizationService(null);
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns), PageInfo = new PagingInfo { Count = 5000, PageNumber = 1 } };
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            foreach (var row in page.Entities) yield return row;
            if (!page.MoreRecords) yield break;
            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }
    }

    private static int Number(Dictionary<string, string> options, string name, int fallback, int min, int max)
    {
        if (!options.TryGetValue(name, out var text)) return fallback;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new SimulationInputException($"{name} '{text}' is not a whole number from {min} to {max}.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
