using System.Diagnostics;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Measurement;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Benchmarks;

/// <summary>
/// <c>report-pages [attempts] [pageSize]</c>: rx_ReactivationReport over a seeded local organisation (default 50,000
/// attempts of 25,000 customers, two stage stints each, 10 % held out, a message per treated attempt), the real
/// solution loaded. Prints each call's wall time and organisation-service requests, the number of calls, and the
/// slowest call: what decides whether a page stays inside the platform's 2-second budget.
/// </summary>
public static class ReportPagesBenchmark
{
    public static int Run(int attempts, int pageSize)
    {
        var now = new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc);
        var org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => now, PluginAssemblies = [typeof(PluginBase).Assembly] });
        org.LoadSolution(Path.Combine(DefaultRulesets.Directory, "..", "..", "solution"));
        var service = org.CreateOrganizationService(null);
        var seed = Stopwatch.StartNew();
        var start = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
        var random = new Random(13);
        for (var i = 0; i < attempts; i++)
        {
            var contact = Id("c", i / 2);
            var started = start.AddDays(i % 2 * 60 + random.Next(0, 30));
            var heldOut = HoldoutGroup.Position(contact, started.Date) < 0.1;
            var converted = random.NextDouble() < (heldOut ? 0.2 : 0.3);
            var attempt = Id("a", i);
            service.Create(new Entity(AttemptColumns.Table, attempt)
            {
                [AttemptColumns.Key] = "attempt " + i.ToString(CultureInfo.InvariantCulture),
                [AttemptColumns.Contact] = new EntityReference("contact", contact),
                [AttemptColumns.StageAtStart] = ContactColumns.Stages.Option(i % 2 == 0 ? Core.Decisions.LifecycleStage.Silent : Core.Decisions.LifecycleStage.Sleeping),
                [AttemptColumns.StageEnteredOn] = started.Date,
                [AttemptColumns.ReasonAtStart] = ContactColumns.Reasons.Option(i % 3 == 0 ? "PriceSensitive" : "Unknown"),
                [AttemptColumns.Offer] = i % 3 == 0 ? "PriceSensitiveVoucher" : "UnknownReasonCall",
                [AttemptColumns.Outcome] = AttemptColumns.Outcomes.Option(heldOut ? AttemptOutcome.Holdout : converted ? AttemptOutcome.Converted : AttemptOutcome.NoResponse),
                [AttemptColumns.StartedOn] = started,
                [AttemptColumns.AttributionUntil] = started.AddDays(30),
                [AttemptColumns.FirstPurchaseInWindowOn] = converted ? started.AddDays(5) : null,
                [AttemptColumns.RevenueInWindow] = new Money(converted ? 120m : 0m),
                [AttemptColumns.Attribution] = converted ? AttemptColumns.Attributions.Option(heldOut ? AttemptAttribution.Holdout : AttemptAttribution.Influenced) : null,
            });
            if (heldOut) continue;
            service.Create(new Entity(MessageColumns.Table, Id("m", i))
            {
                [MessageColumns.Subject] = "Win-back", [MessageColumns.Key] = "m" + i.ToString(CultureInfo.InvariantCulture),
                [MessageColumns.Channel] = MessageColumns.Channels.Option("Sms"),
                [MessageColumns.Status] = MessageColumns.Statuses.Option(converted ? MessageStatus.Clicked : MessageStatus.Delivered),
                [MessageColumns.Attempt] = new EntityReference(AttemptColumns.Table, attempt),
            });
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {attempts:N0} attempts in {seed.Elapsed.TotalSeconds:F1} s; rx_ReactivationReport, PageSize {pageSize}"));
        string? cookie = null;
        var times = new List<double>();
        for (var call = 1; ; call++)
        {
            var request = new OrganizationRequest("rx_ReactivationReport") { ["From"] = start, ["To"] = start.AddDays(120), ["PageSize"] = pageSize };
            if (cookie is not null) request["PagingCookie"] = cookie;
            org.ClearLogs();
            var watch = Stopwatch.StartNew();
            var response = service.Execute(request).Results;
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            var requests = org.RequestLog.Count(r => r.Origin == RequestOrigin.Plugin);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"call {call,3}: read {(int)response["Read"]!,5} rows in {watch.Elapsed.TotalMilliseconds,7:F1} ms, {requests} request(s), cookie {((string)response["PagingCookie"]!).Length,5} chars"));
            if (!(bool)response["MoreRecords"]!)
            {
                var report = (string)response["Report"]!;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{call} calls; slowest {times.Max():F1} ms, median {times.OrderBy(t => t).ElementAt(times.Count / 2):F1} ms, total {times.Sum():F0} ms; report {report.Length:N0} chars"));
                return 0;
            }

            cookie = (string)response["PagingCookie"]!;
        }
    }

    private static Guid Id(string kind, int n) => new(kind switch { "c" => "c0", "a" => "a0", _ => "e0" } + n.ToString("x6", CultureInfo.InvariantCulture) + "-0000-4000-8000-000000000000");
}
