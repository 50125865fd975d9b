using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Newtonsoft.Json.Linq;
using Reactivation.Core.Decisions;
using Reactivation.Core.Rules;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// The organisation's active rx_ruleset rows decide, as an admin activates them: the product's solution/ loaded into
/// the local organisation (rows saved through the organisation service, so the validation and activation steps run),
/// a simulated clock moved past the refresh interval (60 s by default), and the stage read back from the contact.
/// One order 130 days ago is Sleeping by the shipped default, New by the dental preset (a six-month recall cycle) and
/// Lost by the restaurant preset (120 days), so the stamped stage says which ruleset decided.
/// </summary>
[TestClass]
public sealed class ActiveRulesetTests
{
    private static readonly int Lifecycle = RulesetColumns.Kinds.ValueOf(RulesetKind.Lifecycle);
    private static readonly int Offers = RulesetColumns.Kinds.ValueOf(RulesetKind.Offers);
    private static readonly int New = ContactColumns.Stages.ValueOf(LifecycleStage.New);
    private static readonly int Sleeping = ContactColumns.Stages.ValueOf(LifecycleStage.Sleeping);
    private static readonly int Lost = ContactColumns.Stages.ValueOf(LifecycleStage.Lost);
    private static readonly int Dissatisfied = ContactColumns.Reasons.ValueOf("Dissatisfied");
    private const string Dental = "rules/presets/dental/lifecycle.json";
    private const string Restaurant = "rules/presets/restaurant/lifecycle.json";
    private const string LifecycleUpdateStep = "Reactivation.Plugins.Lifecycle.ContactLifecyclePlugin: Update of contact";

    private static readonly string[] OneRulesetRead = ["RetrieveMultiple rx_ruleset"];

    private static readonly string[] RulesetSteps =
    [
        "{21299129-3002-415b-bbe7-7f9eb447cc65}.xml", "{ee518e14-6038-4588-8465-d4b91eabd2e1}.xml", // validation
        "{bc44b7a8-320e-479a-9ee7-12c1eb03312b}.xml", "{00f1b973-4f82-4afa-859a-39c2b1f0408e}.xml", // activation
    ];

    private const string MissingComma = """
        {
          "WorkflowName": "Lifecycle",
          "Rules": [
            { "RuleName": "Lost", "Expression": "customer.DaysSinceLastPurchase > 180", "SuccessEvent": "Lost" }
            { "RuleName": "Active", "Expression": "true", "SuccessEvent": "Active" }
          ]
        }
        """;

    private DateTime _now = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;
    private int _touches;

    [TestInitialize]
    public void LoadProduct() => Load(ProductOrganization.SolutionFolder);

    [TestMethod]
    public void An_activated_preset_decides_contact_saves_once_the_refresh_interval_has_passed_reading_it_once()
    {
        var id = _service.CreateCustomer(lastPurchase: _now.AddDays(-130));
        Touch(id); // the Update step's first event reads the rulesets: none active yet, the shipped default
        Assert.AreEqual(Sleeping, Stage(id));

        var dental = Save("Dental lifecycle", Lifecycle, Preset(Dental), active: true);
        Assert.AreEqual("Valid", _service.Retrieve("rx_ruleset", dental, new ColumnSet("rx_validationresult")).GetAttributeValue<string>("rx_validationresult"));
        _now = _now.AddSeconds(30);
        _org.ClearLogs();

        Touch(id);

        Assert.AreEqual(Sleeping, Stage(id), "within the interval the step keeps the rulesets it read");
        Assert.IsEmpty(LifecycleUpdateRequests(), "between refreshes: no request");

        _now = _now.AddSeconds(31);
        _org.ClearLogs();

        Touch(id);

        Assert.AreEqual(New, Stage(id), "the dental preset's six-month cycle: one visit 130 days ago is still New");
        CollectionAssert.AreEqual(OneRulesetRead, LifecycleUpdateRequests(), "the refresh: one query, attributed to the step");
        CollectionAssert.Contains(LifecycleUpdateTrace(), $"Ruleset Lifecycle in force: row {dental} Dental lifecycle version 1");

        _now = _now.AddSeconds(20);
        _org.ClearLogs();
        Touch(id);

        Assert.IsEmpty(LifecycleUpdateRequests(), "a second event inside the interval makes no request");
    }

    [TestMethod]
    public void Activating_another_ruleset_and_then_switching_it_off_hand_over_after_the_interval_to_it_and_then_to_the_shipped_default()
    {
        var dental = Save("Dental lifecycle", Lifecycle, Preset(Dental), active: true);
        var id = _service.CreateCustomer(lastPurchase: _now.AddDays(-130));
        Assert.AreEqual(New, Stage(id), "the Create step read the dental preset on its first event");
        Touch(id); // the Update step's first event: it reads the dental preset too

        var restaurant = Save("Restaurant lifecycle", Lifecycle, Preset(Restaurant), active: true);
        Assert.IsFalse(IsActive(dental), "the activation step switched the dental preset off");
        Touch(id);
        Assert.AreEqual(New, Stage(id), "inside the interval the dental preset still decides");
        _now = _now.AddSeconds(61);

        Touch(id);
        Assert.AreEqual(Lost, Stage(id), "the restaurant preset: 120 days without a visit is Lost");

        _service.Update(new Entity("rx_ruleset", restaurant) { ["rx_isactive"] = false });
        Touch(id);
        Assert.AreEqual(Lost, Stage(id), "inside the interval the restaurant preset still decides");
        _now = _now.AddSeconds(61);

        Touch(id);
        Assert.AreEqual(Sleeping, Stage(id), "no active Lifecycle ruleset: the shipped default (Sleeping after 90 days)");
        CollectionAssert.Contains(LifecycleUpdateTrace(), "Ruleset Lifecycle in force: the shipped default");
    }

    [TestMethod]
    public void The_daily_evaluation_dates_and_stamps_stages_by_the_active_preset()
    {
        Save("Dental lifecycle", Lifecycle, Preset(Dental), active: true);
        var id = _service.CreateCustomer(lastPurchase: _now.AddDays(-10));
        Assert.AreEqual(_now.Date.AddDays(171), _service.Contact(id).GetAttributeValue<DateTime>("rx_nextevaluationon"), "New until 180 days after the visit (the default would say 36)");

        _now = _now.AddDays(40);
        _org.ClearLogs();
        var early = Evaluate();

        Assert.AreEqual(0, early["Evaluated"], "not due: the default's Silent at 46 days does not apply");
        Assert.AreEqual(New, Stage(id));
        Assert.AreEqual("RetrieveMultiple rx_ruleset, RetrieveMultiple rx_campaign, RetrieveMultiple contact", ApiRequests(), "one read of the active lifecycle ruleset and of the campaigns per refresh interval, then the page");

        _now = _now.AddDays(131);
        var due = Evaluate();

        Assert.AreEqual(1, due["StageChanges"]);
        Assert.AreEqual(101770003, Stage(id), "Silent: 181 days after the visit, by the dental preset");
    }

    [TestMethod]
    public void The_outreach_step_offers_what_the_active_Offers_ruleset_says()
    {
        Save("Dental offers", Offers, Preset("rules/presets/dental/offers.json"), active: true);
        var id = _service.Create(new Entity("contact")
        {
            ["lastname"] = "Li",
            ["rx_dormancyreason"] = new OptionSetValue(Dissatisfied),
            ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(_now.AddDays(-10)),
        });

        _service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(_now.AddDays(-200)) });

        Assert.AreEqual(Lost, Stage(id));
        var attempt = _service.RetrieveMultiple(new QueryExpression("rx_reactivationattempt") { ColumnSet = new ColumnSet("rx_rulename", "rx_offer") }).Entities.Single();
        Assert.AreEqual("ApologyAndAnotherDentist", attempt.GetAttributeValue<string>("rx_rulename"), "the dental preset's rule, not the default's DissatisfiedApology");
        Assert.AreEqual("ApologyAndFreeCheckup", attempt.GetAttributeValue<string>("rx_offer"));
    }

    [TestMethod]
    public void Explaining_a_contact_names_the_rulesets_that_decided()
    {
        var dental = Save("Dental lifecycle", Lifecycle, Preset(Dental), active: true);
        var id = _service.CreateCustomer(lastPurchase: _now.AddDays(-130));

        var json = (string)_service.Execute(new OrganizationRequest("rx_ExplainContact") { ["ContactId"] = id }).Results["Decision"]!;

        var rulesets = JObject.Parse(json)["rulesets"]!;
        Assert.AreEqual("active ruleset", (string?)rulesets["lifecycle"]!["source"]);
        Assert.AreEqual("Dental lifecycle", (string?)rulesets["lifecycle"]!["name"]);
        Assert.AreEqual(1, (int)rulesets["lifecycle"]!["version"]!);
        Assert.AreEqual(dental.ToString("D"), (string?)rulesets["lifecycle"]!["rulesetId"]);
        Assert.AreEqual("shipped default", (string?)rulesets["contactPolicy"]!["source"]);
        Assert.AreEqual(JTokenType.Null, rulesets["offers"]!["version"]!.Type);
        Assert.AreEqual("New", (string?)JObject.Parse(json)["stage"]!["decided"]);
    }

    [TestMethod]
    public void A_broken_definition_written_past_the_ruleset_steps_keeps_the_last_valid_ruleset_deciding_and_is_traced_with_its_row_and_first_error()
    {
        // A data migration writing rx_ruleset with custom plugins bypassed: the organisation without the ruleset steps.
        Load(WithoutRulesetSteps());
        var dental = Save("Dental lifecycle", Lifecycle, Preset(Dental), active: true, version: 1);
        var id = _service.CreateCustomer(lastPurchase: _now.AddDays(-130));
        Touch(id);
        Assert.AreEqual(New, Stage(id));

        _service.Update(new Entity("rx_ruleset", dental) { ["rx_definition"] = MissingComma, ["rx_version"] = 2 });
        _now = _now.AddSeconds(61);
        _org.ClearLogs();

        Touch(id);
        var other = _service.CreateCustomer(lastPurchase: _now.AddDays(-130));

        Assert.AreEqual(New, Stage(id), "the save went through, and the last valid ruleset (the dental preset) still decides");
        Assert.AreEqual(New, Stage(other), "a new contact too: the Create step keeps the dental preset as well");
        Assert.IsTrue(_org.TraceLog.All(t => t.ExceptionDetails is null));
        CollectionAssert.Contains(
            LifecycleUpdateTrace(),
            $"Active Lifecycle ruleset row {dental} Dental lifecycle version 2 is not used, the last valid one stays in force: RX001 at line 5, column 4, rule (none): invalid JSON: After parsing a value an unexpected character was encountered: {{. Correct the definition and save the row: the validation step lists every error");
        CollectionAssert.Contains(LifecycleUpdateTrace(), $"Ruleset Lifecycle in force: row {dental} Dental lifecycle version 1");
    }

    [TestMethod]
    public void A_row_whose_definition_is_another_kind_is_not_used_and_the_shipped_default_decides()
    {
        Load(WithoutRulesetSteps());
        var wrong = Save("Offers saved as lifecycle", Lifecycle, Preset("rules/default/offers.json"), active: true, version: 4);

        var id = _service.CreateCustomer(lastPurchase: _now.AddDays(-130));

        Assert.AreEqual(Sleeping, Stage(id));
        var trace = _org.TraceLog.Single(t => t.StepName.StartsWith("Reactivation.Plugins.Lifecycle.ContactLifecyclePlugin: Create", StringComparison.Ordinal)).Lines.ToList();
        CollectionAssert.Contains(trace, $"Active Lifecycle ruleset row {wrong} Offers saved as lifecycle version 4 is not used, the last valid one stays in force: its definition is a Offers ruleset (WorkflowName Offers)");
    }

    [TestMethod]
    public void Of_two_active_rows_of_a_kind_the_highest_version_decides_and_the_trace_says_so()
    {
        Load(WithoutRulesetSteps());
        Save("Dental lifecycle", Lifecycle, Preset(Dental), active: true, version: 3);
        var restaurant = Save("Restaurant lifecycle", Lifecycle, Preset(Restaurant), active: true, version: 7);

        var id = _service.CreateCustomer(lastPurchase: _now.AddDays(-130));

        Assert.AreEqual(Lost, Stage(id), "the restaurant preset, version 7");
        var trace = _org.TraceLog.Single(t => t.StepName.StartsWith("Reactivation.Plugins.Lifecycle.ContactLifecyclePlugin: Create", StringComparison.Ordinal)).Lines.ToList();
        CollectionAssert.Contains(trace, $"2 active Lifecycle rulesets: using row {restaurant} (highest version, then latest modified); switch the others off");
    }

    [TestMethod]
    public void The_steps_configuration_sets_the_refresh_interval()
    {
        var copy = ProductOrganization.CopyOfSolution();
        foreach (var step in new[] { "{7d1e2c4b-93a0-4f6e-b1d8-5a2c9e0f4b17}.xml", "{ca0da0fe-c347-49ba-9418-febb0d83797b}.xml" })
        {
            var file = Path.Combine(copy, "SdkMessageProcessingSteps", step);
            var xml = File.ReadAllText(file);
            Assert.Contains("<Configuration>utcOffsetMinutes=0</Configuration>", xml);
            File.WriteAllText(file, xml.Replace("<Configuration>utcOffsetMinutes=0</Configuration>", "<Configuration>utcOffsetMinutes=0;rulesetRefreshSeconds=300</Configuration>", StringComparison.Ordinal));
        }

        Load(copy);
        var id = _service.CreateCustomer(lastPurchase: _now.AddDays(-130));
        Touch(id);
        Save("Dental lifecycle", Lifecycle, Preset(Dental), active: true);

        _now = _now.AddSeconds(299);
        Touch(id);
        Assert.AreEqual(Sleeping, Stage(id), "299 s: the shipped default still decides");

        _now = _now.AddSeconds(2);
        Touch(id);
        Assert.AreEqual(New, Stage(id), "301 s: the dental preset (and the outreach step, run by the stage change, accepts the setting too)");
        Assert.IsTrue(_org.TraceLog.Any(t => t.StepName.Contains("ContactOutreachPlugin", StringComparison.Ordinal) && t.ExceptionDetails is null));
    }

    // ---- helpers ----

    private void Load(string solutionFolder)
    {
        _org = ProductOrganization.Load(() => _now, solutionFolder);
        _service = _org.CreateOrganizationService(null);
    }

    private static string WithoutRulesetSteps()
    {
        var copy = ProductOrganization.CopyOfSolution();
        foreach (var step in RulesetSteps) File.Delete(Path.Combine(copy, "SdkMessageProcessingSteps", step));
        return copy;
    }

    private Guid Save(string name, int kind, string definition, bool active, int? version = null)
    {
        var row = new Entity("rx_ruleset") { ["rx_name"] = name, ["rx_kind"] = new OptionSetValue(kind), ["rx_definition"] = definition, ["rx_isactive"] = active };
        if (version is { } v) row["rx_version"] = v;
        return _service.Create(row);
    }

    private bool IsActive(Guid ruleset) => _service.Retrieve("rx_ruleset", ruleset, new ColumnSet("rx_isactive")).GetAttributeValue<bool>("rx_isactive");

    private static string Preset(string relativePath) => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), relativePath));

    /// <summary>An edit that runs the lifecycle Update step (rx_tier is one of its filtering attributes) and no other step.</summary>
    private void Touch(Guid id) => _service.Update(new Entity("contact", id) { ["rx_tier"] = "Tier " + (++_touches) });

    private int Stage(Guid id) => _service.Contact(id).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value;

    private ParameterCollection Evaluate() => _service.Execute(new OrganizationRequest("rx_EvaluateDueContacts")).Results;

    private string ApiRequests() =>
        string.Join(", ", _org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.Depth == 1).Select(r => r.RequestName + " " + r.EntityName));

    private string[] LifecycleUpdateRequests() =>
        _org.RequestLog.Where(r => r.StepName == LifecycleUpdateStep).Select(r => r.RequestName + " " + r.EntityName).ToArray();

    private List<string> LifecycleUpdateTrace() =>
        _org.TraceLog.Where(t => t.StepName == LifecycleUpdateStep).SelectMany(t => t.Lines).ToList();
}
