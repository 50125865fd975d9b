using Newtonsoft.Json.Linq;
using Reactivation.Cli.Simulation;

namespace Reactivation.Cli.Tests;

/// <summary>The simulator's uplift and rx_ReactivationReport called over the simulated organisation come from the same records: the same rows.</summary>
[TestClass]
public sealed class SimulateReportAgreementTests
{
    [TestMethod]
    public void The_Custom_API_over_a_simulated_salon_gives_the_uplift_rows_of_the_summary()
    {
        var result = SimulationEngine.Run(new SimulationSettings
        {
            Scenario = SalonGenerator.Generate(seed: 1, members: 150, from: new DateOnly(2025, 1, 1), to: new DateOnly(2025, 6, 30)),
            SolutionFolder = Path.Combine(PackRun.RepositoryRoot(), "solution"),
            HoldoutPercent = 20,
        });

        var report = JObject.Parse(result.OrganisationReport!);
        var rows = ((JArray)report["uplift"]!).Cast<JObject>().ToList();
        var cells = result.Uplift!.Cells;
        Assert.IsGreaterThan(1, cells.Count, "stages and offers to compare");
        Assert.HasCount(cells.Count, rows);
        for (var i = 0; i < cells.Count; i++)
        {
            var (cell, row) = (cells[i], rows[i]);
            Assert.AreEqual((cell.Stage, cell.Offer), ((string)row["stage"]!, (string)row["offer"]!));
            Assert.AreEqual((cell.Estimate.TreatedCustomers, cell.Estimate.HoldoutCustomers), ((long)row["treated"]!, (long)row["holdout"]!), cell.Stage + "/" + cell.Offer);
            Assert.AreEqual(cell.Estimate.TreatedConversion, (double?)row["treatedConversion"]);
            Assert.AreEqual(cell.Estimate.HoldoutConversion, (double?)row["holdoutConversion"]);
            Assert.AreEqual(cell.Estimate.Difference, (double?)row["difference"]);
            Assert.AreEqual(cell.Estimate.DifferenceInterval?.Low, (double?)row["ciLow"]);
            Assert.AreEqual(cell.Estimate.DifferenceInterval?.High, (double?)row["ciHigh"]);
        }

        Assert.AreEqual(result.Uplift.HoldoutShare, (double)report["holdoutShare"]!);
        Assert.IsGreaterThan(0L, (long)rows[^1]["holdout"]!, "held-out customers on both sides");
    }

}
