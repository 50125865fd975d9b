using Reactivation.Core.Measurement;

namespace Reactivation.Core.Tests.Measurement;

/// <summary>The uplift table from a constructed history whose treated and held-out outcomes are known.</summary>
[TestClass]
public sealed class UpliftTableTests
{
    [TestMethod]
    public void A_constructed_history_gives_the_cells_and_the_interval_worked_by_hand()
    {
        // Sleeping, offer Voucher: 100 treated (40 bought), 50 held out (10 bought) — the 40/100 against 10/50 worked by hand
        // in ConfidenceIntervalsTests. Silent, offer Call: 10 treated (5 bought) and 2 held out (1 bought): not enough data.
        // Five more held-out Sleeping attempts whose window still runs: they count for the share only.
        var history = new List<MeasuredAttempt>();
        history.AddRange(Attempts("Sleeping", "Voucher", heldOut: false, 100, 40));
        history.AddRange(Attempts("Sleeping", "Voucher", heldOut: true, 50, 10));
        history.AddRange(Attempts("Silent", "Call", heldOut: false, 10, 5));
        history.AddRange(Attempts("Silent", "Call", heldOut: true, 2, 1));
        history.AddRange(Enumerable.Range(0, 5).Select(_ => new MeasuredAttempt("Sleeping", "Voucher", true, null, 0m)));

        var table = UpliftTable.Of(history);

        Assert.AreEqual(57.0 / 167, table.HoldoutShare, 1e-12, "50 + 2 + 5 held out of 167 attempts");
        CollectionAssert.AreEqual(
            new[] { "Silent/Call", "Silent/All", "Sleeping/Voucher", "Sleeping/All", "All/All" },
            table.Cells.Select(c => c.Stage + "/" + c.Offer).ToArray());
        var voucher = table.Cells[2].Estimate;
        Assert.AreEqual(100, voucher.TreatedCustomers);
        Assert.AreEqual(50, voucher.HoldoutCustomers, "the five still-running windows are not counted");
        Assert.AreEqual(0.2, voucher.Difference!.Value, 1e-12);
        Assert.AreEqual(0.0412400, voucher.DifferenceInterval!.Low, 1e-6);
        Assert.AreEqual(0.3314180, voucher.DifferenceInterval.High, 1e-6);
        Assert.IsFalse(table.Cells[0].Estimate.EnoughData, "2 held-out customers: not enough data yet");
        Assert.AreEqual(0.5, table.Cells[0].Estimate.HoldoutConversion!.Value, 1e-12);
        var all = table.Cells[4].Estimate;
        Assert.AreEqual(110, all.TreatedCustomers);
        Assert.AreEqual(52, all.HoldoutCustomers);
        Assert.AreEqual((45.0 / 110) - (11.0 / 52), all.Difference!.Value, 1e-12);
    }

    [TestMethod]
    public void No_attempts_give_no_cells_and_no_holdout()
    {
        var table = UpliftTable.Of([]);

        Assert.IsEmpty(table.Cells);
        Assert.AreEqual(0, table.HoldoutShare);
    }

    private static IEnumerable<MeasuredAttempt> Attempts(string stage, string offer, bool heldOut, int count, int converted) =>
        Enumerable.Range(0, count).Select(i => new MeasuredAttempt(stage, offer, heldOut, i < converted, i < converted ? 150m : 0m));
}
