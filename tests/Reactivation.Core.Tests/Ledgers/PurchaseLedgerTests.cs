using Reactivation.Core.Ledgers;

namespace Reactivation.Core.Tests.Ledgers;

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

        var purchases = PurchaseLedger.Parse(ledger.Format(), strict: true).ToPurchases(TimeZoneInfo.Utc);
        Assert.HasCount(8, purchases);
        Assert.AreEqual(7, purchases.Select(p => p.WhenUtc.Date).Distinct().Count(), "five summarised dates plus two kept");
    }

    [TestMethod]
    public void The_purchase_ledger_summary_stands_for_older_orders_exactly()
    {
        var zone = TimeZoneInfo.Utc;
        var now = new DateTime(2026, 3, 14, 12, 0, 0, DateTimeKind.Utc);
        var ledger = "P1;~5,500.00,3,202201051000,202301201730;" + LedgerInstant.Write(now.AddDays(-20)) + "=80.00#a1b2c3d4";

        var purchases = PurchaseLedger.Parse(ledger, strict: true).ToPurchases(zone);

        Assert.HasCount(6, purchases);
        Assert.AreEqual(580m, purchases.Sum(p => p.Amount));
        Assert.AreEqual(4, purchases.Select(p => p.WhenUtc.Date).Distinct().Count(), "three summarised dates plus the kept one");
        Assert.AreEqual(new DateTime(2022, 1, 5, 10, 0, 0, DateTimeKind.Utc), purchases.Min(p => p.WhenUtc));
        Assert.AreEqual(new DateTime(2023, 1, 20, 17, 30, 0, DateTimeKind.Utc), purchases.Where(p => p.WhenUtc < now.AddDays(-20)).Max(p => p.WhenUtc));
        Assert.ThrowsExactly<FormatException>(() => PurchaseLedger.Parse("P2;202601010000=1#x", strict: true).ToPurchases(zone));
    }

    [TestMethod]
    public void A_ledger_the_product_wrote_reads_back_to_the_same_text()
    {
        const string text = "P1;~12,1880.00,11,202201051000,202310201730;202503141530=129.00#3f2a9c1d;202504020910=80.5#a1b2c3d4";

        var ledger = PurchaseLedger.Parse(text, strict: true);

        Assert.AreEqual("P1;~12,1880.00,11,202201051000,202310201730;202503141530=129.00#3f2a9c1d;202504020910=80.50#a1b2c3d4", ledger.Format(), "amounts are written with two decimals at least");
        Assert.AreEqual(ledger.Format(), PurchaseLedger.Parse(ledger.Format(), strict: true).Format());
        Assert.AreEqual(14, ledger.Count);
        Assert.AreEqual(2089.50m, ledger.Total);
        Assert.AreEqual(new DateTime(2022, 1, 5, 10, 0, 0, DateTimeKind.Utc), ledger.FirstUtc);
        Assert.AreEqual(new DateTime(2025, 4, 2, 9, 10, 0, DateTimeKind.Utc), ledger.LastUtc);
        Assert.AreEqual("P1", PurchaseLedger.Parse(null, strict: true).Format(), "no ledger is an empty one");
    }

    [TestMethod]
    [DataRow("P2;202601010000=1#x", "The purchase ledger does not start with 'P1'.")]
    [DataRow("P1;202603010930=30.00#0000aaaa;~1,1.00,1,202301011000,202301011000", "The purchase ledger's summary must come first.")]
    [DataRow("P1;~1,2,3", "The purchase ledger's summary is not ~count,sum,days,first,last.")]
    [DataRow("P1;~x,1.00,1,202301011000,202301011000", "The purchase ledger's summary counts are not whole numbers.")]
    [DataRow("P1;~1,1.00,2,202301011000,202301011000", "The purchase ledger's summary counts are inconsistent.")]
    [DataRow("P1;~2,1.00,1,202302011000,202301011000", "The purchase ledger's summary counts are inconsistent.")]
    [DataRow("P1;~1,one,1,202301011000,202301011000", "'one' is not a ledger amount.")]
    [DataRow("P1;202603010930=30.00", "Purchase ledger entry 1 is not <instant>=<amount>#<ref>.")]
    [DataRow("P1;202603010930=30.00#aaaa;=30.00#bbbb", "Purchase ledger entry 2 is not <instant>=<amount>#<ref>.")]
    [DataRow("P1;20260301=30.00#aaaa", "'20260301' is not a ledger instant (yyyyMMddHHmm, UTC).")]
    [DataRow("P1;202603010930=thirty#aaaa", "'thirty' is not a ledger amount.")]
    public void A_broken_ledger_read_strictly_says_what_is_wrong_and_names_the_column_it_came_from(string text, string problem)
    {
        Assert.AreEqual(problem, Assert.ThrowsExactly<FormatException>(() => PurchaseLedger.Parse(text, strict: true)).Message);

        var stored = Assert.ThrowsExactly<LedgerFormatException>(() => PurchaseLedger.ReadStored(text, "rx_purchaseledger"));
        Assert.AreEqual("rx_purchaseledger is not a ledger the product wrote: " + problem, stored.Message);
        Assert.AreEqual("rx_purchaseledger", stored.Column);
    }

    [TestMethod]
    public void Recording_an_order_counts_it_once_corrects_it_when_it_changes_and_takes_it_out_when_it_stops_counting()
    {
        var ledger = PurchaseLedger.Parse("P1;202603010930=30.00#0000aaaa", strict: false);
        var paid = OrderPurchase.Of(Guid.Empty, OrderState.Active, Now, null, 45m);

        var counted = ledger.Record("0000bbbb", paid, countedBefore: false, Now, TimeZoneInfo.Utc);
        Assert.AreEqual(PurchaseChange.Counted, counted.Change);
        Assert.IsTrue(counted.NewlyCounted);
        Assert.AreEqual("P1;202603010930=30.00#0000aaaa;202603100930=45.00#0000bbbb", ledger.Format());

        var replay = ledger.Record("0000bbbb", paid, countedBefore: true, Now.AddMinutes(5), TimeZoneInfo.Utc);
        Assert.AreEqual(PurchaseChange.None, replay.Change, "a replayed event finds its entry");
        Assert.IsFalse(replay.NewlyCounted);
        Assert.AreEqual(Now, replay.Entry!.WhenUtc);

        var corrected = ledger.Record("0000bbbb", OrderPurchase.Of(Guid.Empty, OrderState.Active, Now, null, 50m), countedBefore: true, Now, TimeZoneInfo.Utc);
        Assert.AreEqual(PurchaseChange.Corrected, corrected.Change);
        Assert.AreEqual("P1;202603010930=30.00#0000aaaa;202603100930=50.00#0000bbbb", ledger.Format());

        var removed = ledger.Record("0000bbbb", null, countedBefore: true, Now, TimeZoneInfo.Utc);
        Assert.AreEqual(PurchaseChange.Removed, removed.Change);
        Assert.IsNull(removed.Entry);
        Assert.AreEqual("P1;202603010930=30.00#0000aaaa", ledger.Format());
        Assert.AreEqual(PurchaseChange.None, ledger.Record("0000cccc", null, countedBefore: false, Now, TimeZoneInfo.Utc).Change, "an order that never counted changes nothing");
    }

    [TestMethod]
    public void An_order_without_a_stated_instant_counts_at_the_event_and_keeps_that_instant_when_replayed()
    {
        var ledger = PurchaseLedger.Parse(null, strict: false);
        var fulfilled = OrderPurchase.Of(Guid.Empty, OrderState.Fulfilled, null, null, 20m);

        ledger.Record("0000aaaa", fulfilled, countedBefore: false, Now, TimeZoneInfo.Utc);
        var replay = ledger.Record("0000aaaa", fulfilled, countedBefore: true, Now.AddHours(3), TimeZoneInfo.Utc);

        Assert.AreEqual(PurchaseChange.None, replay.Change);
        Assert.AreEqual("P1;202603100930=20.00#0000aaaa", ledger.Format());
    }

    [TestMethod]
    public void An_order_counted_before_but_summarised_since_is_neither_counted_again_nor_taken_out()
    {
        var ledger = PurchaseLedger.Parse("P1;~2,30.00,2,202301011000,202302011000", strict: false);
        var old = OrderPurchase.Of(Guid.Empty, OrderState.Invoiced, new DateTime(2023, 1, 1, 10, 0, 0, DateTimeKind.Utc), null, 10m);

        Assert.AreEqual(PurchaseChange.SummarisedKept, ledger.Record("0000aaaa", old, countedBefore: true, Now, TimeZoneInfo.Utc).Change);
        Assert.AreEqual(PurchaseChange.SummarisedKept, ledger.Record("0000aaaa", null, countedBefore: true, Now, TimeZoneInfo.Utc).Change);
        Assert.AreEqual("P1;~2,30.00,2,202301011000,202302011000", ledger.Format());
    }

    [TestMethod]
    public void Recording_applies_retention_so_the_ledger_written_back_keeps_400_days()
    {
        var ledger = PurchaseLedger.Parse("P1;" + LedgerInstant.Write(Now.AddDays(-500)) + "=10.00#00000001;" + LedgerInstant.Write(Now.AddDays(-450)) + "=20.00#00000002;" + LedgerInstant.Write(Now.AddDays(-430)) + "=30.00#00000003", strict: false);

        ledger.Record("00000004", OrderPurchase.Of(Guid.Empty, OrderState.Active, Now, null, 5m), countedBefore: false, Now, TimeZoneInfo.Utc);

        Assert.AreEqual("P1;~2,30.00,2," + LedgerInstant.Write(Now.AddDays(-500)) + "," + LedgerInstant.Write(Now.AddDays(-450)) + ";" + LedgerInstant.Write(Now.AddDays(-430)) + "=30.00#00000003;" + LedgerInstant.Write(Now) + "=5.00#00000004", ledger.Format(),
            "the orders 500 and 450 days ago fold into the summary; the one 430 days ago stays, as one of the two latest purchase dates");
    }
}
