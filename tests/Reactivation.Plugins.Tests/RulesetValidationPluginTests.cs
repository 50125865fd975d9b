using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Rules;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Rulesets;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Saving an rx_ruleset as an admin does: the product's solution/ loaded into the local organisation, so the
/// validation (PreValidation) and activation (PostOperation) steps run as registered in the XML.
/// </summary>
[TestClass]
public sealed class RulesetValidationPluginTests
{
    private static readonly int Lifecycle = RulesetColumns.Kinds.ValueOf(RulesetKind.Lifecycle);
    private static readonly int Offers = RulesetColumns.Kinds.ValueOf(RulesetKind.Offers);

    private const string SmallLifecycle = """
        {
          "WorkflowName": "Lifecycle.Salon",
          "Rules": [
            { "RuleName": "Lost", "Expression": "customer.DaysSinceLastPurchase > 120", "SuccessEvent": "Lost" },
            { "RuleName": "Active", "Expression": "customer.DaysSinceLastPurchase <= 120", "SuccessEvent": "Active" }
          ]
        }
        """;

    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;

    [TestInitialize]
    public void LoadProduct()
    {
        _org = new LocalOrganization(new LocalOrganizationOptions { PluginAssemblies = [typeof(RulesetValidationPlugin).Assembly] });
        _org.LoadSolution(Path.Combine(TestPaths.RepositoryRoot(), "solution"));
        _service = _org.CreateOrganizationService(null);
    }

    [TestMethod]
    public void A_ruleset_with_broken_JSON_is_refused_naming_the_line_and_column_and_is_not_created()
    {
        const string missingComma = """
            {
              "WorkflowName": "Lifecycle",
              "Rules": [
                { "RuleName": "Lost", "Expression": "customer.DaysSinceLastPurchase > 180", "SuccessEvent": "Lost" }
                { "RuleName": "Active", "Expression": "true", "SuccessEvent": "Active" }
              ]
            }
            """;

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Save("Salon lifecycle", Lifecycle, missingComma));

        Assert.AreEqual(
            "Ruleset 'Salon lifecycle' was not saved: its definition has 1 error.\n" +
            "Salon lifecycle(5,4): error RX001: invalid JSON: After parsing a value an unexpected character was encountered: {. " +
            "Hint: check for a missing comma, quote or bracket near this position",
            fault.Message);
        Assert.IsEmpty(Rulesets(), "nothing is written when the save is refused");
    }

    [TestMethod]
    public void An_expression_with_a_misspelt_fact_is_refused_naming_the_rule_and_suggesting_the_fact()
    {
        var misspelt = SmallLifecycle.Replace("customer.DaysSinceLastPurchase > 120", "customer.DaysSinceLastPurchse > 120", StringComparison.Ordinal);

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Save("Salon lifecycle", Lifecycle, misspelt));

        StringAssert.Contains(
            fault.Message,
            "\nSalon lifecycle(4,51): error RX020: rule 'Lost': unknown fact 'customer.DaysSinceLastPurchse'. Hint: did you mean customer.DaysSinceLastPurchase?");
        Assert.IsEmpty(Rulesets());
    }

    [TestMethod]
    public void A_definition_of_another_kind_than_the_row_is_refused_saying_which_kind_to_choose()
    {
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Save("Salon offers", Offers, SmallLifecycle));

        Assert.AreEqual(
            "Ruleset 'Salon offers' was not saved: its Kind is Offers, but its definition is a Lifecycle ruleset (WorkflowName 'Lifecycle.Salon'). " +
            "Set Kind to Lifecycle, or use a definition whose WorkflowName starts with Offers.",
            fault.Message);
        Assert.IsEmpty(Rulesets());
    }

    [TestMethod]
    public void A_valid_ruleset_is_saved_as_Valid_at_version_1()
    {
        var id = Save("Salon lifecycle", Lifecycle, SmallLifecycle);

        var row = Read(id);
        Assert.AreEqual("Valid", row.GetAttributeValue<string>("rx_validationresult"));
        Assert.AreEqual(1, row.GetAttributeValue<int>("rx_version"));
    }

    [TestMethod]
    public void A_ruleset_saved_without_a_kind_takes_the_kind_its_definition_names()
    {
        var id = _service.Create(new Entity("rx_ruleset") { ["rx_name"] = "Salon lifecycle", ["rx_definition"] = SmallLifecycle });

        Assert.AreEqual(Lifecycle, Read(id).GetAttributeValue<OptionSetValue>("rx_kind").Value);
    }

    [TestMethod]
    public void A_warning_is_kept_in_the_validation_result_and_does_not_block_the_save()
    {
        var unreachable = SmallLifecycle.Replace("customer.DaysSinceLastPurchase > 120", "true", StringComparison.Ordinal);

        var id = Save("Salon lifecycle", Lifecycle, unreachable);

        var result = Read(id).GetAttributeValue<string>("rx_validationresult");
        StringAssert.StartsWith(result, "Salon lifecycle(");
        StringAssert.Contains(result, "warning RX060: rule 'Active'");
    }

    [TestMethod]
    public void Editing_the_definition_raises_the_version_and_renaming_the_ruleset_does_not()
    {
        var id = Save("Salon lifecycle", Lifecycle, SmallLifecycle);

        _service.Update(new Entity("rx_ruleset", id) { ["rx_definition"] = SmallLifecycle.Replace("120", "150", StringComparison.Ordinal) });
        Assert.AreEqual(2, Read(id).GetAttributeValue<int>("rx_version"));

        _service.Update(new Entity("rx_ruleset", id) { ["rx_name"] = "Salon lifecycle 2026" });
        _service.Update(new Entity("rx_ruleset", id) { ["rx_definition"] = SmallLifecycle.Replace("120", "150", StringComparison.Ordinal) });
        Assert.AreEqual(2, Read(id).GetAttributeValue<int>("rx_version"), "the same text again is not a new version");
    }

    [TestMethod]
    public void A_refused_edit_keeps_the_old_definition_and_version()
    {
        var id = Save("Salon lifecycle", Lifecycle, SmallLifecycle);

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(
            () => _service.Update(new Entity("rx_ruleset", id) { ["rx_definition"] = SmallLifecycle.Replace("\"Lost\" }", "\"Gone\" }", StringComparison.Ordinal) }));

        StringAssert.Contains(fault.Message, "\nSalon lifecycle(4,97): error RX050: rule 'Lost': unknown stage 'Gone'.");
        var row = Read(id);
        Assert.AreEqual(SmallLifecycle, row.GetAttributeValue<string>("rx_definition"));
        Assert.AreEqual(1, row.GetAttributeValue<int>("rx_version"));
    }

    [TestMethod]
    public void A_definition_with_many_errors_lists_the_first_ten_and_counts_the_rest()
    {
        var rules = string.Join(",\n", Enumerable.Range(1, 13).Select(i => $$"""    { "RuleName": "R{{i}}", "Expression": "customer.Nope{{i}} > 1", "SuccessEvent": "Lost" }"""));
        var definition = "{\n  \"WorkflowName\": \"Lifecycle\",\n  \"Rules\": [\n" + rules + "\n  ]\n}";

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Save("Many", Lifecycle, definition));

        var lines = fault.Message.Split('\n');
        Assert.AreEqual("Ruleset 'Many' was not saved: its definition has 13 errors.", lines[0]);
        Assert.HasCount(12, lines);
        Assert.AreEqual("... and 3 more; `reactivation lint` on the file lists them all.", lines[^1]);
    }

    [TestMethod]
    public void A_ruleset_without_a_definition_saves_as_a_draft_but_cannot_be_activated()
    {
        var id = _service.Create(new Entity("rx_ruleset") { ["rx_name"] = "Draft", ["rx_kind"] = new OptionSetValue(Lifecycle) });
        Assert.AreEqual("No definition yet.", Read(id).GetAttributeValue<string>("rx_validationresult"));

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(
            () => _service.Update(new Entity("rx_ruleset", id) { ["rx_isactive"] = true }));

        Assert.AreEqual("Ruleset 'Draft' cannot be active without a definition. Paste the ruleset JSON into Definition, or leave Active at No.", fault.Message);
        Assert.IsFalse(Read(id).GetAttributeValue<bool>("rx_isactive"));
    }

    [TestMethod]
    public void Activating_a_second_Lifecycle_ruleset_switches_off_the_first_but_not_the_active_Offers_ruleset()
    {
        var first = Save("Lifecycle 2025", Lifecycle, SmallLifecycle, active: true);
        var offers = Save("Offers", Offers, Shipped("rules/default/offers.json"), active: true);
        var second = Save("Lifecycle 2026", Lifecycle, SmallLifecycle.Replace("120", "150", StringComparison.Ordinal));
        _org.ClearLogs();

        _service.Update(new Entity("rx_ruleset", second) { ["rx_isactive"] = true });

        Assert.IsFalse(Read(first).GetAttributeValue<bool>("rx_isactive"), "one Lifecycle ruleset is in force");
        Assert.IsTrue(Read(second).GetAttributeValue<bool>("rx_isactive"));
        Assert.IsTrue(Read(offers).GetAttributeValue<bool>("rx_isactive"), "another kind is left alone");
        Assert.AreEqual(2, _org.TraceLog.Max(t => t.Depth), "switching the first off re-fires the steps once, and they stop there");
        Assert.HasCount(2, _org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin), "one query and one Update for the one other active row");
        Assert.AreEqual(1, Read(first).GetAttributeValue<int>("rx_version"), "switching off is not a new version");
        var switchedOff = _org.TraceLog.Single(t => t.Depth == 2 && t.PluginTypeName.EndsWith("RulesetValidationPlugin", StringComparison.Ordinal));
        StringAssert.Contains(switchedOff.MessageBlock, "nothing to check", "a row being retired is not validated again, so an outdated one can always be switched off");
    }

    [TestMethod]
    public void Renaming_an_active_ruleset_runs_no_ruleset_step()
    {
        var id = Save("Lifecycle 2025", Lifecycle, SmallLifecycle, active: true);
        _org.ClearLogs();

        _service.Update(new Entity("rx_ruleset", id) { ["rx_name"] = "Lifecycle 2025 (spring)" });

        Assert.IsEmpty(_org.TraceLog, "neither definition, kind nor Active changed: the filtering attributes keep both steps out");
        Assert.IsTrue(Read(id).GetAttributeValue<bool>("rx_isactive"));
    }

    [TestMethod]
    public void Every_shipped_default_and_preset_ruleset_saves_cleanly()
    {
        var root = TestPaths.RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "rules", "default"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(root, "rules", "presets"), "*.json", SearchOption.AllDirectories))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.IsGreaterThanOrEqualTo(18, files.Count);

        foreach (var file in files)
        {
            var name = Path.GetRelativePath(root, file).Replace('\\', '/');
            var id = _service.Create(new Entity("rx_ruleset") { ["rx_name"] = name, ["rx_definition"] = File.ReadAllText(file), ["rx_isactive"] = true });

            var row = Read(id);
            Assert.AreEqual("Valid", row.GetAttributeValue<string>("rx_validationresult"), name);
            Assert.IsNotNull(row.GetAttributeValue<OptionSetValue>("rx_kind"), name);
        }

        Assert.HasCount(3, Rulesets().Where(r => r.GetAttributeValue<bool>("rx_isactive")), "one active ruleset per kind: the last saved of each");
    }

    private Guid Save(string name, int kind, string definition, bool active = false) =>
        _service.Create(new Entity("rx_ruleset")
        {
            ["rx_name"] = name,
            ["rx_kind"] = new OptionSetValue(kind),
            ["rx_definition"] = definition,
            ["rx_isactive"] = active,
        });

    private Entity Read(Guid id) =>
        _service.Retrieve("rx_ruleset", id, new ColumnSet("rx_name", "rx_kind", "rx_definition", "rx_version", "rx_isactive", "rx_validationresult"));

    private List<Entity> Rulesets() =>
        _service.RetrieveMultiple(new QueryExpression("rx_ruleset") { ColumnSet = new ColumnSet("rx_name", "rx_isactive") }).Entities.ToList();

    private static string Shipped(string relativePath) =>
        File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), relativePath));
}
