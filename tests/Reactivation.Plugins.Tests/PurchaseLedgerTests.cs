using Reactivation.Plugins.Mapping;

namespace Reactivation.Plugins.Tests;

/// <summary>The P1 ledger as the order plugin edits it: lenient reading, replacing by reference, retention.</summary>
[TestClass]
public sealed class PurchaseLedgerTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 9, 30, 0, DateTimeKind.Utc);

    [TestMethod]
    public void A_lenient_read_drops_what_it_cannot_read_keeps_the_rest_and_writes_a_well_formed_ledger()
    {
        var ledger = PurchaseLedger.Parse("P1;~x,1,1;202603010930=30.00#0000aaaa;garbage;2026xx=1#bbbbbbbb", strict: false);

        Assert.AreEqual(3, ledger.UnreadableParts);
        Assert.AreEqual(1, ledger.Count);
        Assert.AreEqual("P1;202603010930=30.00#0000aaaa", ledger.Format());
        Assert.ThrowsExactly<FormatException>(() => PurchaseLedger.Parse("P1;garbage", strict: true));
    }

    [TestMethod]
    public void A_ledger_in_an_unknown_format_is_read_leniently_as_empty_and_flagged()
    {
        var ledger = PurchaseLedger.Parse("P9;whatever", strict: false);

        Assert.IsTrue(ledger.UnknownVersion);
        Assert.AreEqual(0, ledger.Count);
        Assert.AreEqual("P1", ledger.Format());
    }

    [TestMethod]
    public void Putting_an_order_again_replaces_its_entry_by_reference()
    {
        var ledger = PurchaseLedger.Parse(null, strict: false);
        ledger.Put(new PurchaseEntry(Now, 10m, "0000aaaa"), TimeZoneInfo.Utc);
        ledger.Put(new PurchaseEntry(Now.AddSeconds(42), 12.5m, "0000aaaa"), TimeZoneInfo.Utc);

        Assert.AreEqual("P1;202603100930=12.50#0000aaaa", ledger.Format());
        Assert.IsTrue(ledger.Remove("0000AAAA"));
        Assert.AreEqual(0, ledger.Count);
    }

    [TestMethod]
    public void Retention_keeps_400_days_and_the_two_latest_dates_and_folds_the_rest_exactly()
    {
        var ledger = PurchaseLedger.Parse("P1;~2,30.00,2,202301011000,202302011000", strict: false);
        ledger.Put(new PurchaseEntry(new DateTime(2023, 1, 15, 8, 0, 0, DateTimeKind.Utc), 2m, "00000000"), TimeZoneInfo.Utc);
        Assert.AreEqual(3, ledger.Summary!.Count, "an order older than the summary's last goes straight into the summary");
        Assert.AreEqual(3, ledger.Summary.Days);
        ledger.Put(new PurchaseEntry(Now.AddDays(-900), 5m, "00000001"), TimeZoneInfo.Utc);
        ledger.Put(new PurchaseEntry(Now.AddDays(-600), 7m, "00000002"), TimeZoneInfo.Utc);
        ledger.Put(new PurchaseEntry(Now.AddDays(-600).AddHours(1), 1m, "00000003"), TimeZoneInfo.Utc);
        ledger.Put(new PurchaseEntry(Now.AddDays(-500), 11m, "00000004"), TimeZoneInfo.Utc);
        ledger.Put(new PurchaseEntry(Now.AddDays(-450), 13m, "00000005"), TimeZoneInfo.Utc);

        ledger.ApplyRetention(Now, TimeZoneInfo.Utc);

        Assert.AreEqual(8, ledger.Count);
        Assert.AreEqual(69m, ledger.Total);
        Assert.IsNotNull(ledger.Summary);
        Assert.AreEqual(6, ledger.Summary.Count, "three summarised, the one 900 days ago, and the two orders of one day 600 days ago");
        Assert.AreEqual(5, ledger.Summary.Days);
        Assert.AreEqual(45m, ledger.Summary.Sum);
        Assert.HasCount(2, ledger.Entries, "older than 400 days, but the two latest purchase dates stay");
        Assert.AreEqual(new DateTime(2023, 1, 1, 10, 0, 0, DateTimeKind.Utc), ledger.FirstUtc);
        Assert.AreEqual(Now.AddDays(-450), ledger.LastUtc);

        var purchases = Ledgers.ParsePurchases(ledger.Format(), TimeZoneInfo.Utc);
        Assert.HasCount(8, purchases);
        Assert.AreEqual(7, purchases.Select(p => p.WhenUtc.Date).Distinct().Count(), "five summarised dates plus two kept");
    }
}
