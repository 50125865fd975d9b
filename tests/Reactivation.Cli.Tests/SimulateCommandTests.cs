using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Reactivation.Cli.Tests;

/// <summary>`reactivation simulate` as a user runs it: the embedded store, a small purchase log, presets, and bad input.</summary>
[TestClass]
public sealed class SimulateCommandTests
{
    private static readonly string[] SmallStore = ["simulate", "--members", "150", "--to", "2025-06-30"];

    [TestMethod]
    public void The_embedded_store_prints_customers_per_stage_per_month_the_work_done_and_the_labelled_model()
    {
        var json = SimulationRun.TempPath(".json");
        var report = SimulationRun.TempPath(".html");

        var (code, output, errors) = SimulationRun.Run([.. SmallStore, "--summary-json", json, "--report", report]);

        Assert.AreEqual(0, code, errors);
        StringAssert.Contains(output, "Simulated embedded beauty salon (seed 1, 150 members), 2025-01-01 to 2025-06-30 (181 days) in ");
        StringAssert.Contains(output, "Customers per stage at each month end:");
        StringAssert.Matches(output, new Regex(@"Attempts \d+ \(.*\); tasks \d+, phone calls \d+, messages \d+"));
        StringAssert.Contains(output, "Work per rep:");
        StringAssert.Contains(output, "Response model (a MODEL, not measured behaviour):");
        StringAssert.Contains(output, "reps complete 85 % of tasks and calls by their due date");
        StringAssert.Contains(errors, "simulate: 100 % day 2025-06-30", "stderr is not a terminal here: plain progress lines");
        var summary = JObject.Parse(File.ReadAllText(json));
        var snapshots = (JArray)summary["snapshots"]!;
        CollectionAssert.AreEqual(new[] { "2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30" }, snapshots.Select(s => (string)s["date"]!).ToArray());
        var lastTotal = ((JObject)snapshots[snapshots.Count - 1]["stages"]!).Properties().Sum(p => (int)p.Value);
        Assert.AreEqual((int)summary["customers"]!, lastTotal, "every customer created is counted in exactly one stage");
        Assert.IsTrue(File.Exists(report));
    }

    [TestMethod]
    public void Reps_work_calls_customers_reply_and_interested_ones_buy_with_their_incentive()
    {
        var json = SimulationRun.TempPath(".json");

        var (code, _, errors) = SimulationRun.Run([.. SmallStore, "--summary-json", json, "--report", SimulationRun.TempPath(".html")]);

        Assert.AreEqual(0, code, errors);
        var summary = JObject.Parse(File.ReadAllText(json));
        var reps = (JArray)summary["reps"]!;
        CollectionAssert.IsSubsetOf(new[] { "Rep 1", "Rep 2", "Rep 3", "Rep 4" }, reps.Select(r => (string)r["name"]!).ToArray());
        var customerCare = reps.Single(r => (string)r["name"]! == "CustomerCare team");
        Assert.IsGreaterThan(0, (int)customerCare["callsAssigned"]!, "the apology call of a dissatisfied customer goes to the team the offer names, configured on the outreach step");
        var suppressed = ((JObject)summary["attemptsByOutcome"]!)["Suppressed"];
        Assert.AreEqual(suppressed is null ? 0 : (int)suppressed, reps.Sum(r => (int)r["suppressed"]!), "every suppressed attempt is counted against the owner it was assigned to");
        Assert.IsGreaterThan(0, reps.Sum(r => (int)r["callsMade"]!), "reps make calls");
        Assert.IsGreaterThan(0, (int)summary["modelOrders"]!, "interested customers buy");
        Assert.IsGreaterThan(0, (int)summary["incentivesRedeemed"]!, "some use their incentive code");
        Assert.IsLessThanOrEqualTo((int)summary["incentivesIssued"]!, (int)summary["incentivesRedeemed"]!);
        Assert.IsGreaterThan(0, (int)summary["funnel"]!["converted"]!);
        Assert.AreEqual((int)summary["attempts"]!, ((JObject)summary["offersByReason"]!).Properties().Sum(o => ((JObject)o.Value).Properties().Sum(r => (int)r.Value)), "every attempt has its offer and reason");
    }

    [TestMethod]
    public void The_same_seed_gives_the_same_results_and_another_seed_another_store()
    {
        string Summary(string seed)
        {
            var json = SimulationRun.TempPath(".json");
            var (code, _, errors) = SimulationRun.Run("simulate", "--members", "60", "--to", "2025-04-30", "--seed", seed, "--summary-json", json, "--report", SimulationRun.TempPath(".html"));
            Assert.AreEqual(0, code, errors);
            var summary = JObject.Parse(File.ReadAllText(json));
            summary.Remove("elapsedSeconds");
            summary.Remove("peakWorkingSetBytes");
            summary.Remove("scenario");
            return summary.ToString();
        }

        Assert.AreEqual(Summary("7"), Summary("7"));
        Assert.AreNotEqual(Summary("7"), Summary("8"));
    }

    [TestMethod]
    public void A_csv_log_creates_each_customer_on_their_first_purchase_and_the_stages_follow_the_days_since_it()
    {
        var log = SimulationRun.TempFile(".csv", "customer,date,amount\nA,2024-01-05,30.00\nB,2024-01-20,45.50\nB,2024-03-01,12\n");
        var json = SimulationRun.TempPath(".json");

        var (code, output, errors) = SimulationRun.Run("simulate", "--transactions", log, "--from", "2024-01-01", "--to", "2024-03-31", "--summary-json", json, "--report", SimulationRun.TempPath(".html"));

        Assert.AreEqual(0, code, errors);
        StringAssert.Contains(output, "Customers 2, orders 3 (0 from the model), revenue 87.50.");
        var stages = ((JArray)JObject.Parse(File.ReadAllText(json))["snapshots"]!)
            .Select(s => (string)s["date"]! + ": " + string.Join(", ", ((JObject)s["stages"]!).Properties().Where(p => (int)p.Value > 0).Select(p => p.Name + " " + (int)p.Value)))
            .ToArray();
        // A: 26, 55, 86 days after one purchase; B: 11 and 40 days after one, then 30 days after a second.
        CollectionAssert.AreEqual(new[] { "2024-01-31: New 2", "2024-02-29: New 1, Silent 1", "2024-03-31: Active 1, Silent 1" }, stages);
    }

    [TestMethod]
    public void The_calibration_table_counts_who_bought_again_after_the_ladder_called_them_Sleeping_or_Lost()
    {
        // A and B buy on 1 January; both turn Sleeping on 1 April (91 days). A comes back on 10 April, lapses again and
        // turns Sleeping on 10 July and Lost on 8 October; B turns Lost on 30 June. The run ends on 31 December.
        var log = SimulationRun.TempFile(".csv", "customer,date,amount\nA,2024-01-01,20\nB,2024-01-01,20\nA,2024-04-10,20\n");

        var (code, output, errors) = SimulationRun.Run("simulate", "--transactions", log, "--from", "2024-01-01", "--to", "2024-12-31", "--report", SimulationRun.TempPath(".html"));

        Assert.AreEqual(0, code, errors);
        StringAssert.Contains(output, "  Sleeping   30 days:      1 of      3 stage entries (33.3 %)\n");
        StringAssert.Contains(output, "  Sleeping   90 days:      1 of      3 stage entries (33.3 %)\n");
        StringAssert.Contains(output, "  Sleeping  180 days:      1 of      2 stage entries (50.0 %)\n", "10 July + 180 days is past the run's end");
        StringAssert.Contains(output, "  Lost       30 days:      0 of      2 stage entries (0.0 %)\n");
        StringAssert.Contains(output, "  Lost       90 days:      0 of      1 stage entries (0.0 %)\n");
        StringAssert.Contains(output, "  Lost      180 days:      0 of      1 stage entries (0.0 %)\n");
    }

    [TestMethod]
    public void The_calibration_shows_the_OverdueFactor_at_stage_entry_next_to_the_fixed_day_counts()
    {
        // The salon preset. A: weekly (1, 8, 15 January, average 7): C on 30 January (15 / 7 = 2.14), D on 6 February
        // (22 / 7 = 3.14), by her rhythm. C: monthly (1 January, 31 January, 1 March, average 30): C on 1 May (61 / 30 =
        // 2.03), D on 31 May (91 / 30 = 3.03). D: two visits (1 and 15 January, average 14) keeps the fixed days: C on
        // 16 March (61 / 14 = 4.36), D on 15 April (91 / 14 = 6.50). B: one visit, no rhythm: C and D by the fixed days.
        var log = SimulationRun.TempFile(".csv", "customer,date,amount\nA,2024-01-01,20\nB,2024-01-01,20\nC,2024-01-01,20\nD,2024-01-01,20\nA,2024-01-08,20\n" +
            "A,2024-01-15,20\nD,2024-01-15,20\nC,2024-01-31,20\nC,2024-03-01,20\n");
        var report = SimulationRun.TempPath(".html");

        var (code, output, errors) = SimulationRun.Run("simulate", "--transactions", log, "--preset", "beauty-salon", "--from", "2024-01-01", "--to", "2024-12-31", "--report", report);

        Assert.AreEqual(0, code, errors);
        StringAssert.Contains(output, "  Sleeping   30 days:      0 of      4 stage entries (0.0 %)\n", "the fixed-day view counts the same entries");
        // Nearest rank of three factors: the 1st, 2nd and 3rd.
        StringAssert.Contains(output, "  Sleeping       3 of      4 stage entries with a rhythm; OverdueFactor quartiles 2.03 / 2.14 / 4.36\n");
        StringAssert.Contains(output, "  Lost           3 of      4 stage entries with a rhythm; OverdueFactor quartiles 3.03 / 3.14 / 6.50\n");
        var html = File.ReadAllText(report);
        StringAssert.Contains(html, "<tr><td>Sleeping</td><td>4</td><td>3</td><td>2.03</td><td>2.14</td><td>4.36</td></tr>");
        StringAssert.Contains(html, "<tr><td>Lost</td><td>4</td><td>3</td><td>3.03</td><td>3.14</td><td>6.50</td></tr>");
    }

    [TestMethod]
    public void A_preset_goes_live_as_active_rx_ruleset_rows_named_in_the_summary()
    {
        var log = SimulationRun.TempFile(".csv", "customer,date,amount\nA,2024-01-05,30.00\n");

        var (code, output, errors) = SimulationRun.Run("simulate", "--transactions", log, "--preset", "beauty-salon", "--to", "2024-01-31", "--report", SimulationRun.TempPath(".html"));

        Assert.AreEqual(0, code, errors);
        StringAssert.Contains(output, "Rulesets: active rx_ruleset rows beauty-salon/lifecycle.json (Lifecycle");
        StringAssert.Contains(output, "beauty-salon/contact-policy.json (ContactPolicy");
        StringAssert.Contains(output, "beauty-salon/offers.json (Offers");
    }

    [TestMethod]
    public void A_malformed_CDNOW_line_is_named_with_file_and_line_and_exits_1()
    {
        var log = SimulationRun.TempFile(".txt", "customer_id date cds value\n00001 19970101 1 11.77\n00002 19970112 2\n");

        var (code, output, errors) = SimulationRun.Run("simulate", "--transactions", log, "--format", "cdnow");

        Assert.AreEqual(1, code);
        StringAssert.Contains(errors, log + "(3): expected 4 whitespace-separated fields (customer id, yyyymmdd, number of CDs, dollar value) but found 3.");
        Assert.AreEqual("", output, "nothing runs on bad input");
    }

    [TestMethod]
    public void A_csv_line_with_a_bad_date_or_amount_is_named_with_file_and_line()
    {
        var badDate = SimulationRun.TempFile(".csv", "customer,date,amount\nA,2024-01-05,30\nB,2024-13-01,10\n");
        var badAmount = SimulationRun.TempFile(".csv", "customer,date,amount\nA,2024-01-05,thirty\n");
        var noHeader = SimulationRun.TempFile(".csv", "A,2024-01-05,30\n");

        StringAssert.Contains(SimulationRun.Run("simulate", "--transactions", badDate).Err, badDate + "(3): '2024-13-01' is not a date");
        StringAssert.Contains(SimulationRun.Run("simulate", "--transactions", badAmount).Err, badAmount + "(2): 'thirty' is not an amount");
        var (code, _, errors) = SimulationRun.Run("simulate", "--transactions", noHeader);
        Assert.AreEqual(1, code);
        StringAssert.Contains(errors, noHeader + "(1): the first line must be the header 'customer,date,amount'.");
    }

    [TestMethod]
    public void An_unknown_format_a_missing_log_an_unknown_preset_or_members_for_a_log_exits_1_with_a_clear_message()
    {
        var log = SimulationRun.TempFile(".csv", "customer,date,amount\n");

        var format = SimulationRun.Run("simulate", "--transactions", log, "--format", "xlsx");
        var missing = SimulationRun.Run("simulate", "--transactions", "no-such-log.csv");
        var preset = SimulationRun.Run("simulate", "--preset", "bakery");
        var members = SimulationRun.Run("simulate", "--transactions", log, "--members", "10");

        Assert.AreEqual(1, format.Code);
        StringAssert.Contains(format.Err, "unknown transaction format 'xlsx'; use csv (customer,date,amount) or cdnow.");
        Assert.AreEqual(1, missing.Code);
        StringAssert.Contains(missing.Err, "no-such-log.csv: file not found.");
        Assert.AreEqual(1, preset.Code);
        StringAssert.Contains(preset.Err, "unknown preset 'bakery'; the presets are: beauty-salon, consumer-finance, dental, med-aesthetics, restaurant.");
        Assert.AreEqual(1, members.Code);
        StringAssert.Contains(members.Err, "--members sizes the embedded store; a --transactions log has its own customers.");
    }

    [TestMethod]
    public void An_invalid_rules_folder_is_rejected_before_the_run_naming_file_line_column_and_rule()
    {
        var folder = Directory.CreateDirectory(SimulationRun.TempPath("")).FullName;
        File.WriteAllText(Path.Combine(folder, "lifecycle.json"), "{\n  \"WorkflowName\": \"Lifecycle\",\n  \"Rules\": [\n    { \"RuleName\": \"Lost\", \"Expression\": \"customer.DaysSinceLastPurchse > 180\", \"SuccessEvent\": \"Lost\" }\n  ]\n}");

        var (code, output, errors) = SimulationRun.Run("simulate", "--rules", folder);

        Assert.AreEqual(1, code);
        StringAssert.Contains(errors, Path.Combine(folder, "lifecycle.json") + "(4,");
        StringAssert.Contains(errors, "error RX020: rule 'Lost': unknown fact 'customer.DaysSinceLastPurchse'");
        Assert.AreEqual("", output);
    }

    [TestMethod]
    public void Usage_errors_exit_2()
    {
        Assert.AreEqual(2, SimulationRun.Run("simulate", "--frobnicate").Code);
        Assert.AreEqual(2, SimulationRun.Run("simulate", "--report").Code);
        Assert.AreEqual(2, SimulationRun.Run("simulate", "--rules", "a", "--preset", "dental").Code);
    }
}
