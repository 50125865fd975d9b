using Microsoft.Xrm.Sdk;
using Reactivation.Core.Json;
using Reactivation.Core.Measurement;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Reporting;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// rx_ReactivationReport as a manager's report job calls it, over attempt and message rows in the organisation: 40
/// treated Silent customers (20 bought 100 in their window), 40 held out (10 bought), an SMS per treated customer with
/// the status its gateway wrote back; paged, with bad parameters refused by name.
/// </summary>
[TestClass]
public sealed class ReactivationReportTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc))
{
    private const string Api = ReactivationReportPlugin.ApiName;
    private static readonly DateTime Started = new(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime From = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 1, 31, 23, 59, 0, DateTimeKind.Utc);

    [TestMethod]
    public void One_call_reads_the_rows_and_returns_uplift_attribution_and_the_funnel_as_JSON()
    {
        Seed();

        var (report, calls) = Run(pageSize: 5000);

        Assert.AreEqual(2, calls, "the attempts, then the messages");
        var cell = Rows(report, "uplift").Single(r => Text(r, "stage") == "Silent" && Text(r, "offer") == "Voucher");
        Assert.AreEqual((40m, 40m, 0.5m, 0.25m, 0.25m), (Number(cell, "treated"), Number(cell, "holdout"), Number(cell, "treatedConversion"), Number(cell, "holdoutConversion"), Number(cell, "difference")));
        var interval = ConfidenceIntervals.NewcombeDifference(20, 40, 10, 40);
        Assert.AreEqual(interval.Low, (double)Number(cell, "ciLow"), 1e-12);
        Assert.AreEqual(interval.High, (double)Number(cell, "ciHigh"), 1e-12);
        Assert.AreEqual(0.25m, Number(Rows(report, "upliftByReason").Single(r => Text(r, "reason") == "PriceSensitive"), "difference"));
        var attribution = (JsonObject)report["attribution"]!;
        Assert.AreEqual((15m, 1500m), (Number(attribution["Influenced"]!, "stints"), Number(attribution["Influenced"]!, "revenue")));
        Assert.AreEqual((5m, 500m), (Number(attribution["Redeemed"]!, "stints"), Number(attribution["Redeemed"]!, "revenue")));
        Assert.AreEqual((10m, 1000m), (Number(attribution["Holdout"]!, "stints"), Number(attribution["Holdout"]!, "revenue")));
        var sms = ((JsonArray)((JsonObject)Rows(report, "funnel").Single(c => Text(c, "channel") == "Sms"))["points"]!).Items;
        CollectionAssert.AreEqual(new[] { 40m, 30m, 20m, 10m, 5m, 20m }, sms.Select(p => Number(p, "count")).ToArray(), "sent, delivered, clicked or replied, visited, applied, converted");
        Assert.IsEmpty(Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.RequestName != "RetrieveMultiple"), "it writes nothing");
    }

    [TestMethod]
    public void Small_pages_carry_the_sums_in_the_cookie_never_split_a_customer_and_give_the_same_report()
    {
        Seed();
        var (whole, _) = Run(pageSize: 5000);
        Org.ClearLogs();

        var (paged, calls) = Run(pageSize: 7);

        Assert.AreEqual(whole.ToString(), paged.ToString());
        Assert.AreEqual(calls, Org.RequestLog.Count(r => r.Origin == RequestOrigin.Plugin && r.RequestName == "RetrieveMultiple"), "one query per call");
        Assert.IsGreaterThanOrEqualTo(81 / 7 + 40 / 7, calls, "81 attempts by 7 (a contact cut short moves to the next page), then 40 messages by 7");
    }

    [TestMethod]
    public void A_missing_or_reversed_date_range_and_a_foreign_cookie_are_refused_naming_the_parameter()
    {
        StringAssert.Contains(Refused(new OrganizationRequest(Api) { ["To"] = To }), "'From'", "the platform refuses a missing required parameter by name");
        Assert.AreEqual("rx_ReactivationReport: To (2025-12-31T00:00:00Z) is before From (2026-01-01T00:00:00Z). Pass a To on or after From.",
            Refused(new OrganizationRequest(Api) { ["From"] = From, ["To"] = new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc) }));
        StringAssert.Contains(Refused(new OrganizationRequest(Api) { ["From"] = From, ["To"] = To, ["PagingCookie"] = "R1|A|garbage" }), "the PagingCookie is not one this API returned");
        StringAssert.Contains(Refused(new OrganizationRequest(Api) { ["From"] = From, ["To"] = To, ["PageSize"] = 0 }), "PageSize must be between 1 and 5000");

        Seed();
        var first = Service.Execute(new OrganizationRequest(Api) { ["From"] = From, ["To"] = To, ["PageSize"] = 10 }).Results;
        StringAssert.Contains(Refused(new OrganizationRequest(Api) { ["From"] = From, ["To"] = To.AddDays(1), ["PagingCookie"] = first["PagingCookie"] }), "belongs to a report from 2026-01-01 00:00 to 2026-01-31 23:59");
    }

    private string Refused(OrganizationRequest request) =>
        Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Service.Execute(request)).Message;

    private (JsonObject Report, int Calls) Run(int pageSize)
    {
        string? cookie = null;
        for (var calls = 1; calls < 500; calls++)
        {
            var request = new OrganizationRequest(Api) { ["From"] = From, ["To"] = To, ["PageSize"] = pageSize };
            if (cookie is not null) request["PagingCookie"] = cookie;
            var response = Service.Execute(request).Results;
            if (!(bool)response["MoreRecords"]!) return ((JsonObject)JsonReader.Read((string)response["Report"]!), calls);
            Assert.AreEqual("", (string)response["Report"]!, "the report comes with the last page");
            cookie = (string)response["PagingCookie"]!;
        }

        throw new AssertFailedException("the report never completed");
    }

    /// <summary>The constructed history of Core's ReactivationReportTests, as rows: one extra held-out attempt in a held-out stint.</summary>
    private void Seed()
    {
        var entered = new DateTime(2026, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 80; i++)
        {
            var heldOut = i >= 40;
            var converted = heldOut ? i < 50 : i < 20;
            var contact = Service.Create(new Entity("contact") { ["lastname"] = "Customer " + i });
            var attempt = NewAttempt(contact, i, Started, entered, heldOut, converted, converted ? (heldOut ? AttemptAttribution.Holdout : i < 15 ? AttemptAttribution.Influenced : AttemptAttribution.Redeemed) : null);
            if (i == 79) NewAttempt(contact, 1000, Started.AddDays(6), entered, heldOut: true, converted: false, null);
            if (heldOut) continue;
            var status = i < 5 ? MessageStatus.Applied : i < 10 ? MessageStatus.Visited : i < 20 ? MessageStatus.Clicked : i < 30 ? MessageStatus.Delivered : MessageStatus.Sent;
            Service.Create(new Entity(MessageColumns.Table)
            {
                [MessageColumns.Subject] = "Voucher", [MessageColumns.Regarding] = new EntityReference("contact", contact),
                [MessageColumns.Channel] = MessageColumns.Channels.Option("Sms"), [MessageColumns.Status] = MessageColumns.Statuses.Option(status),
                [MessageColumns.Attempt] = new EntityReference(AttemptColumns.Table, attempt), [MessageColumns.Key] = "m" + i,
            });
        }
    }

    private Guid NewAttempt(Guid contact, int n, DateTime started, DateTime entered, bool heldOut, bool converted, AttemptAttribution? attribution) =>
        Service.Create(new Entity(AttemptColumns.Table)
        {
            [AttemptColumns.Key] = "attempt " + n, [AttemptColumns.Contact] = new EntityReference("contact", contact),
            [AttemptColumns.StageAtStart] = ContactColumns.Stages.Option(Core.Decisions.LifecycleStage.Silent), [AttemptColumns.StageEnteredOn] = entered,
            [AttemptColumns.ReasonAtStart] = ContactColumns.Reasons.Option("PriceSensitive"), [AttemptColumns.Offer] = "Voucher",
            [AttemptColumns.Outcome] = AttemptColumns.Outcomes.Option(heldOut ? Core.Attempts.AttemptOutcome.Holdout : converted ? Core.Attempts.AttemptOutcome.Converted : Core.Attempts.AttemptOutcome.NoResponse),
            [AttemptColumns.StartedOn] = started, [AttemptColumns.AttributionUntil] = started.AddDays(30),
            [AttemptColumns.FirstPurchaseInWindowOn] = converted ? started.AddDays(4) : null,
            [AttemptColumns.RevenueInWindow] = new Money(converted ? 100m : 0m),
            [AttemptColumns.Attribution] = attribution is { } a ? AttemptColumns.Attributions.Option(a) : null,
        });

    private static IReadOnlyList<JsonValue> Rows(JsonObject report, string name) => ((JsonArray)report[name]!).Items;

    private static string Text(JsonValue row, string name) => ((JsonString)((JsonObject)row)[name]!).Value;

    private static decimal Number(JsonValue row, string name) => ((JsonNumber)((JsonObject)row)[name]!).Value;
}
