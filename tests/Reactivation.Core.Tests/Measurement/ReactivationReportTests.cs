using Reactivation.Core.Json;
using Reactivation.Core.Measurement;

namespace Reactivation.Core.Tests.Measurement;

/// <summary>
/// The report's aggregation on a constructed history whose outcomes are known: 40 treated Silent customers offered a
/// voucher, 20 of whom bought 100 inside their window (15 after the SMS went out, 5 with the code), and 40 held out, 10
/// of whom bought 100; one held-out customer had a second attempt in the same stage stint, one treated customer's
/// window is still running.
/// </summary>
[TestClass]
public sealed class ReactivationReportTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Entered = new(2026, 1, 4, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime AsOf = new(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    [TestMethod]
    public void Treated_against_held_out_customers_gives_the_hand_computed_rates_difference_and_Newcombe_interval()
    {
        var cell = Report(Sums(History()))["uplift"]!.AsArray().Single(r => Text(r, "stage") == "Silent" && Text(r, "offer") == "Voucher");

        Assert.AreEqual(40m, Number(cell, "treated"), "the customer whose window still runs is not yet counted");
        Assert.AreEqual(40m, Number(cell, "holdout"), "the second attempt of one held-out stint is the same customer");
        Assert.AreEqual(0.5m, Number(cell, "treatedConversion"));
        Assert.AreEqual(0.25m, Number(cell, "holdoutConversion"));
        Assert.AreEqual(0.25m, Number(cell, "difference"));
        // Wilson 95 % for 20/40 is [0.3520, 0.6480] and for 10/40 [0.1419, 0.4019]; Newcombe's hybrid:
        // 0.25 − √((0.5−0.3520)² + (0.4019−0.25)²) and 0.25 + √((0.6480−0.5)² + (0.25−0.1419)²).
        Assert.AreEqual(0.0378891, (double)Number(cell, "ciLow"), 1e-6);
        Assert.AreEqual(0.4332955, (double)Number(cell, "ciHigh"), 1e-6);
        Assert.AreEqual(50m, Number(cell, "treatedRevenuePerCustomer"));
        Assert.AreEqual(25m, Number(cell, "holdoutRevenuePerCustomer"));
        Assert.AreEqual(25m, Number(cell, "revenueDifference"));
        Assert.IsTrue((bool)((JsonBoolean)cell.AsObject()["enoughData"]!).Value);
    }

    [TestMethod]
    public void Attribution_counts_each_stint_once_with_its_revenue_and_the_holdout_share_counts_stints()
    {
        var report = Report(Sums(History()));
        var attribution = report["attribution"]!.AsObject();

        Assert.AreEqual((15m, 1500m), Claim(attribution, "Influenced"));
        Assert.AreEqual((5m, 500m), Claim(attribution, "Redeemed"));
        Assert.AreEqual((10m, 1000m), Claim(attribution, "Holdout"), "ten held-out stints bought, the second attempt adds nothing");
        Assert.AreEqual((0m, 0m), Claim(attribution, "NotReached"));
        Assert.AreEqual(81m, ((JsonNumber)report["attempts"]!).Value, "81 stints: 41 treated, 40 held out");
        Assert.AreEqual(40.0 / 81, (double)((JsonNumber)report["holdoutShare"]!).Value, 1e-12);
    }

    [TestMethod]
    public void A_stage_stint_with_too_few_customers_shows_its_rates_and_no_difference()
    {
        var few = new ReportSums();
        for (var i = 0; i < 29; i++) few.AddContact([Attempt(i, heldOut: false, converted: i < 10)], AsOf);
        for (var i = 100; i < 140; i++) few.AddContact([Attempt(i, heldOut: true, converted: false)], AsOf);

        var cell = Report(few)["uplift"]!.AsArray().First();
        Assert.AreEqual(29m, Number(cell, "treated"));
        Assert.IsNotNull(cell.AsObject()["treatedConversion"] as JsonNumber);
        Assert.IsInstanceOfType<JsonNull>(cell.AsObject()["difference"], "29 treated: below the minimum of 30");
        Assert.IsInstanceOfType<JsonNull>(cell.AsObject()["ciLow"]);
        Assert.IsFalse(((JsonBoolean)cell.AsObject()["enoughData"]!).Value);
    }

    [TestMethod]
    public void Pages_carried_through_the_cookie_json_give_the_report_of_one_pass()
    {
        var history = History();
        var whole = ReactivationReport.Render(Sums(history), Start, AsOf, AsOf);

        var first = Sums(history.Take(37).ToList());
        var carried = ReportSums.Parse(first.ToJson());
        foreach (var contact in history.Skip(37)) carried.AddContact(contact, AsOf);
        foreach (var message in Messages()) carried.AddMessage(message);

        Assert.AreEqual(whole, ReactivationReport.Render(carried, Start, AsOf, AsOf));
        Assert.ThrowsExactly<FormatException>(() => ReportSums.Parse("{\"n\":1}"));
        Assert.ThrowsExactly<FormatException>(() => ReportSums.Parse("not json"));
    }

    [TestMethod]
    public void The_funnel_counts_each_message_at_every_point_up_to_its_furthest_with_the_rate_at_each()
    {
        var sms = Report(Sums(History()))["funnel"]!.AsArray().Single(c => Text(c, "channel") == "Sms").Get("points")!.AsArray();

        var points = sms.Items.Select(p => (Text(p, "point"), Number(p, "count"))).ToArray();
        CollectionAssert.AreEqual(new[] { ("sent", 40m), ("delivered", 30m), ("clickedOrReplied", 20m), ("visitedOrLoggedIn", 10m), ("applied", 5m), ("converted", 20m) }, points);
        Assert.IsInstanceOfType<JsonNull>(sms.Items[0].AsObject()["rate"]);
        Assert.AreEqual(0.75m, Number(sms.Items[1], "rate"));
        Assert.AreEqual(0.5m, Number(sms.Items[4], "rate"), "5 applied of 10 who logged in");
        Assert.AreEqual(0.5m, Number(sms.Items[5], "rate"), "converted: 20 of the 40 sent");
    }

    /// <summary>One contact's attempts per item: treated 0–39 (converted below 20: Redeemed 15–19, else Influenced), 40 held out (converted 100–109), one treated still running.</summary>
    private static List<List<ReportAttempt>> History()
    {
        var contacts = new List<List<ReportAttempt>>();
        for (var i = 0; i < 40; i++) contacts.Add([Attempt(i, heldOut: false, converted: i < 20, i < 15 ? AttemptAttribution.Influenced : AttemptAttribution.Redeemed)]);
        for (var i = 100; i < 140; i++) contacts.Add([Attempt(i, heldOut: true, converted: i < 110, AttemptAttribution.Holdout)]);
        contacts[^1].Add(Attempt(139, heldOut: true, converted: false, started: Start.AddDays(6), id: 999));
        contacts.Add([Attempt(200, heldOut: false, converted: false, started: AsOf.AddDays(-3))]);
        return contacts;
    }

    private static IEnumerable<ReportMessage> Messages()
    {
        for (var i = 0; i < 40; i++)
        {
            var point = i < 5 ? FunnelPoint.Applied : i < 10 ? FunnelPoint.Visited : i < 20 ? FunnelPoint.ClickedOrReplied : i < 30 ? FunnelPoint.Delivered : FunnelPoint.Sent;
            yield return new ReportMessage("Sms", point, converted: i < 20);
        }
    }

    private static ReportSums Sums(List<List<ReportAttempt>> history)
    {
        var sums = new ReportSums();
        foreach (var contact in history) sums.AddContact(contact, AsOf);
        if (history.Count > 40) foreach (var message in Messages()) sums.AddMessage(message);
        return sums;
    }

    private static ReportAttempt Attempt(int contact, bool heldOut, bool converted, AttemptAttribution? attribution = null, DateTime? started = null, int? id = null)
    {
        var on = started ?? Start;
        return new ReportAttempt(Id(id ?? contact + 5000), Id(contact), "Silent", Entered, "Voucher", "PriceSensitive", heldOut, on, on.AddDays(30),
            converted ? on.AddDays(4) : null, converted ? 100m : 0m, converted ? attribution : null);
    }

    private static Guid Id(int n) => new("00000000-0000-4000-8000-" + n.ToString("x12", System.Globalization.CultureInfo.InvariantCulture));

    private static JsonObject Report(ReportSums sums) => (JsonObject)JsonReader.Read(ReactivationReport.Render(sums, Start, AsOf, AsOf));

    private static (decimal, decimal) Claim(JsonObject attribution, string name) => (Number(attribution[name]!, "stints"), Number(attribution[name]!, "revenue"));

    private static string Text(JsonValue row, string name) => ((JsonString)row.AsObject()[name]!).Value;

    private static decimal Number(JsonValue row, string name) => ((JsonNumber)row.AsObject()[name]!).Value;
}

internal static class JsonCasts
{
    public static JsonObject AsObject(this JsonValue value) => (JsonObject)value;

    public static JsonArray AsArray(this JsonValue value) => (JsonArray)value;

    public static JsonValue Single(this JsonArray array, Func<JsonValue, bool> match) => array.Items.Single(match);

    public static JsonValue First(this JsonArray array) => array.Items[0];

    public static JsonValue? Get(this JsonValue value, string name) => ((JsonObject)value)[name];
}
