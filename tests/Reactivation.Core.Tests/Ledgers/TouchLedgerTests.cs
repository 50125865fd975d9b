using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;

namespace Reactivation.Core.Tests.Ledgers;

/// <summary>The T1 touch ledger: references, retention, round trips and every message for a ledger the product did not write.</summary>
[TestClass]
public sealed class TouchLedgerTests
{
    [TestMethod]
    public void A_T1_ledger_keeps_touch_references_and_older_readers_still_get_the_channel()
    {
        var now = new DateTime(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);
        var ledger = TouchLedger.Empty.With(
            [
                new TouchEntry(new Touch(now.AddHours(2), "WeChat"), "af7e8a19"),
                new TouchEntry(new Touch(now.AddDays(-400), "Sms"), null),
                new TouchEntry(new Touch(now.AddDays(-3), "Phone"), null),
            ]).Format(now);

        Assert.AreEqual("T1;202603071130=Phone;202603101330=WeChat#af7e8a19", ledger, "oldest first; touches beyond 370 days dropped");
        var entries = TouchLedger.Parse(ledger).Entries;
        Assert.AreEqual("af7e8a19", entries[1].Reference);
        Assert.AreEqual("WeChat", TouchLedger.Parse(ledger).Touches[1].Channel);
        Assert.ThrowsExactly<FormatException>(() => TouchLedger.Parse("T1;202603071130=Phone#").Entries);
    }

    [TestMethod]
    public void A_ledger_the_product_wrote_reads_back_to_the_same_text_and_keeps_the_newest_thousand()
    {
        const string text = "T1;202504020910=Sms;202504051930=Phone#3f2a9c1d";
        var now = new DateTime(2025, 4, 10, 0, 0, 0, DateTimeKind.Utc);

        var ledger = TouchLedger.Parse(text);

        Assert.AreEqual(text, ledger.Format(now));
        Assert.AreEqual("3f2a9c1d", ledger.Find("3f2a9c1d")!.Reference);
        Assert.IsNull(ledger.Find("00000000"));
        Assert.AreEqual("T1", TouchLedger.Parse(null).Format(now), "no ledger is an empty one");

        var many = TouchLedger.Empty.With(Enumerable.Range(0, 1005).Select(i => new TouchEntry(new Touch(now.AddMinutes(-i), "Push"), null)));
        var kept = TouchLedger.Parse(many.Format(now)).Entries;
        Assert.HasCount(1000, kept);
        Assert.AreEqual(now.AddMinutes(-999), kept[0].Touch.WhenUtc, "the oldest five are dropped");
    }

    [TestMethod]
    [DataRow("S1;202504020910=Sms", "The touch ledger does not start with 'T1'.")]
    [DataRow("T1;202504020910", "Touch ledger entry 1 is not <instant>=<channel>[#<ref>].")]
    [DataRow("T1;202504020910=Sms;202504020911=", "Touch ledger entry 2 is not <instant>=<channel>[#<ref>].")]
    [DataRow("T1;202504020910=#3f2a9c1d", "Touch ledger entry 1 is not <instant>=<channel>[#<ref>].")]
    [DataRow("T1;202504020910=Sms#", "Touch ledger entry 1 is not <instant>=<channel>[#<ref>].")]
    [DataRow("T1;2025-04-02=Sms", "'2025-04-02' is not a ledger instant (yyyyMMddHHmm, UTC).")]
    public void A_broken_ledger_says_what_is_wrong_and_names_the_column_it_came_from(string text, string problem)
    {
        Assert.AreEqual(problem, Assert.ThrowsExactly<FormatException>(() => TouchLedger.Parse(text)).Message);

        var stored = Assert.ThrowsExactly<LedgerFormatException>(() => TouchLedger.ReadStored(text, "rx_touchledger"));
        Assert.AreEqual("rx_touchledger is not a ledger the product wrote: " + problem, stored.Message);
        Assert.AreEqual("rx_touchledger", stored.Column);
    }
}
