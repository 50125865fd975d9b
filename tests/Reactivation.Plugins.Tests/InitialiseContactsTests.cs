using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Go-live on an organisation that already has customers: contacts and orders created through the service before the
/// product's solution/ is imported (no steps ran on them), then rx_InitialiseContacts called until MoreRecords is false,
/// then the next morning's rx_EvaluateDueContacts. Simulated clock; the records and request counts an admin would see.
/// </summary>
[TestClass]
public sealed class InitialiseContactsTests
{
    private const string Api = "rx_InitialiseContacts";
    private const int Fulfilled = 3;
    private const int Invoiced = 4;
    private const int Canceled = 2;
    private static readonly Guid LifecycleUpdateStep = new("7d1e2c4b-93a0-4f6e-b1d8-5a2c9e0f4b17");
    private static readonly EntityReference Yuan = new("transactioncurrency", new Guid("5f0c1a2b-0000-4000-8000-000000000156"));
    private static readonly LifecycleStage[] Dormant = [LifecycleStage.Silent, LifecycleStage.Sleeping, LifecycleStage.Lost];
    private static readonly string[] RequestParameters = ["PageSize:7:True", "PagingCookie:10:True", "UtcOffsetMinutes:7:True"];
    private static readonly string[] ResponseProperties = ["Initialised:7", "Skipped:7", "OrdersRecorded:7", "OutreachDue:7", "Report:10", "MoreRecords:0", "PagingCookie:10"];

    private DateTime _now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void OrganisationBeforeImport()
    {
        _org = ProductOrganization.BeforeImport(() => _now);
        _service = _org.CreateOrganizationService(null);
        _service.Create(new Entity("organization", _org.Options.OrganizationId) { ["name"] = "Salon", ["basecurrencyid"] = Yuan });
    }

    [TestMethod]
    public void The_product_solution_declares_the_API_as_a_global_action_with_its_parameters()
    {
        Import();
        var api = _org.CustomApis.Single(a => a.UniqueName == Api);
        Assert.AreEqual(0, api.BindingType);
        Assert.IsFalse(api.IsFunction);
        Assert.AreEqual("Reactivation.Plugins.Initialisation.InitialiseContactsPlugin", api.PluginTypeName);
        CollectionAssert.AreEquivalent(RequestParameters, api.RequestParameters.Select(p => p.UniqueName + ":" + p.Type + ":" + p.IsOptional).ToArray());
        CollectionAssert.AreEquivalent(ResponseProperties, api.ResponseProperties.Select(p => p.UniqueName + ":" + p.Type).ToArray());
    }

    /// <summary>The acceptance story at CI size (2,000 contacts, 10,000 orders); the full 20,000 / 100,000 runs through <c>reactivation initialise</c>.</summary>
    [TestMethod]
    public void Two_thousand_existing_customers_get_the_stages_Core_computes_from_their_orders_each_once_and_a_second_run_writes_nothing()
    {
        var orders = Seed(contacts: 2000, orders: 10000, new Random(7));
        Import();
        _now = _now.AddHours(1);
        var initialisedOn = _now;

        var calls = new List<(ParameterCollection Response, List<RequestRecord> Requests)>();
        string? cookie = null;
        do
        {
            _org.ClearLogs();
            var response = Initialise(250, cookie);
            calls.Add((response, _org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin).ToList()));
            cookie = (string)response["PagingCookie"]!;
        }
        while ((bool)calls[^1].Response["MoreRecords"]! && calls.Count < 20);

        Assert.HasCount(8, calls, "2,000 contacts, 250 a call");
        Assert.AreEqual(2000, calls.Sum(c => (int)c.Response["Initialised"]!));
        Assert.AreEqual(0, calls.Sum(c => (int)c.Response["Skipped"]!));
        Assert.IsTrue(calls.All(c => (string)c.Response["Report"]! == ""), "nothing to report");
        Assert.AreEqual(orders.Count(o => o.State is Fulfilled or Invoiced), calls.Sum(c => (int)c.Response["OrdersRecorded"]!), "every order that counts, once");
        foreach (var (response, requests) in calls)
        {
            TestContext.WriteLine($"call: initialised {response["Initialised"]}, orders recorded {response["OrdersRecorded"]}, outreach due {response["OutreachDue"]}; {requests.Count} requests: "
                + string.Join(", ", requests.GroupBy(r => r.RequestName + " " + r.EntityName + " (depth " + r.Depth + ")").Select(g => g.Count() + " " + g.Key)));
            var api = requests.Where(r => r.Depth == 1).Select(r => r.RequestName + " " + r.EntityName).Where(r => r != "RetrieveMultiple rx_ruleset").ToList();
            var first = ReferenceEquals(response, calls[0].Response);
            string[] reads = first
                ? ["RetrieveMultiple organization", "RetrieveMultiple salesorder", "RetrieveMultiple contact", "RetrieveMultiple salesorder"]
                : ["RetrieveMultiple organization", "RetrieveMultiple contact", "RetrieveMultiple salesorder"];
            CollectionAssert.AreEqual(reads, api.Take(reads.Length).ToArray(), "the base currency, (orders without a customer, once a run,) the page's contacts, their orders");
            CollectionAssert.AreEqual(Enumerable.Repeat("Update contact", 250).ToArray(), api.Skip(reads.Length).ToArray(), "then one Update per contact");
            Assert.IsEmpty(requests.Where(r => r.Depth > 1 && r.EntityName != "rx_ruleset"), "the contact steps on those Updates make no request but their first ruleset read: no outreach inside the initialisation");
        }

        var contacts = Contacts();
        Assert.IsTrue(contacts.All(c => c.GetAttributeValue<DateTime?>("rx_initialisedon") == initialisedOn), "every contact initialised, by this run");
        Assert.IsEmpty(_service.All("rx_reactivationattempt"), "outreach waits for the daily evaluation");
        var countingOrders = orders.Where(o => o.State is Fulfilled or Invoiced).ToLookup(o => o.Contact);
        foreach (var contact in contacts)
        {
            Assert.AreEqual(countingOrders[contact.Id].Count(), contact.GetAttributeValue<int?>("rx_purchasecount") ?? 0, "roll-up of " + contact.Id);
            Assert.AreEqual(countingOrders[contact.Id].Sum(o => o.Amount), contact.GetAttributeValue<Money>("rx_totalspend")?.Value ?? 0m, "spend of " + contact.Id);
        }

        // The first morning.
        _now = new DateTime(2026, 3, 11, 2, 30, 0, DateTimeKind.Utc);
        ProductOrganization.EvaluateDueContacts(_service, pageSize: 5000);

        var lifecycle = RulesetLoader.Load(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "rules", "default", "lifecycle.json")), "lifecycle.json").GetRulesetOrThrow();
        var attempts = _service.All("rx_reactivationattempt").ToLookup(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id);
        var byStage = new Dictionary<LifecycleStage, int>();
        foreach (var contact in Contacts())
        {
            var input = new CustomerFactsInput { UtcNow = _now, OrganisationTimeZone = TimeZoneInfo.Utc };
            foreach (var order in countingOrders[contact.Id]) input.Purchases.Add(new Purchase(order.Fulfilled!.Value, order.Amount));
            var expected = LifecycleEvaluator.Evaluate(lifecycle, CustomerFactsBuilder.Build(input)).Stage!.Value;
            Assert.AreEqual(ContactColumns.Stages.ValueOf(expected), contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "stage of " + contact.Id);
            Assert.AreEqual(Dormant.Contains(expected) ? 1 : 0, attempts[contact.Id].Count(), $"attempts of {contact.Id} ({expected})");
            Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_outreachdueon"), "every due spent by the first morning");
            byStage[expected] = byStage.GetValueOrDefault(expected) + 1;
        }

        TestContext.WriteLine("stages after the first morning: " + string.Join(", ", byStage.OrderBy(s => s.Key).Select(s => s.Key + " " + s.Value)));
        Assert.IsGreaterThan(100, Dormant.Sum(s => byStage.GetValueOrDefault(s)), "the seed has dormant customers to win back");

        // A second run the same day: nothing to initialise, nothing written.
        var before = Contacts().ToDictionary(c => c.Id, c => c.GetAttributeValue<DateTime>("modifiedon"));
        _now = _now.AddHours(6);
        _org.ClearLogs();
        var again = ProductOrganization.InitialiseContacts(_service, pageSize: 250);
        Assert.HasCount(1, again);
        Assert.AreEqual((0, 0, false), ((int)again[0]["Initialised"]!, (int)again[0]["Skipped"]!, (bool)again[0]["MoreRecords"]!));
        Assert.IsEmpty(_org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.RequestName != "RetrieveMultiple"));
        Assert.IsTrue(Contacts().All(c => before[c.Id] == c.GetAttributeValue<DateTime>("modifiedon")), "no contact changed");
    }

    [TestMethod]
    public void A_customer_created_dormant_before_import_gets_its_attempt_on_the_first_morning_and_one_created_after_import_is_never_read()
    {
        var old = CreateContact();
        CreateOrder(old, Fulfilled, _now.AddDays(-100), 120m);
        Import();
        var kept = CreateContact();
        Assert.AreEqual(_now, _service.Contact(kept).GetAttributeValue<DateTime>("rx_initialisedon"), "the lifecycle step stamps a contact created after import");
        _now = _now.AddHours(1);

        var response = ProductOrganization.InitialiseContacts(_service, 250).Single();

        Assert.AreEqual((1, 1, 1), ((int)response["Initialised"]!, (int)response["OrdersRecorded"]!, (int)response["OutreachDue"]!));
        var contact = _service.Contact(old);
        Assert.AreEqual(ContactColumns.Stages.ValueOf(LifecycleStage.Sleeping), contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        Assert.AreEqual(_now, contact.GetAttributeValue<DateTime>("rx_stagechangedon"));
        Assert.AreEqual(_now, contact.GetAttributeValue<DateTime>("rx_outreachdueon"));
        Assert.AreEqual(_now, contact.GetAttributeValue<DateTime>("rx_nextevaluationon"));
        Assert.AreEqual(new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc), _service.Contact(kept).GetAttributeValue<DateTime>("rx_initialisedon"), "not touched");

        _now = new DateTime(2026, 3, 11, 2, 30, 0, DateTimeKind.Utc);
        ProductOrganization.EvaluateDueContacts(_service, 250);

        var attempt = _service.All("rx_reactivationattempt").Single();
        Assert.AreEqual(old, attempt.GetAttributeValue<EntityReference>("rx_contactid").Id);
        Assert.AreEqual("Ask why: no purchase for 101 days", _service.All("phonecall").Single().GetAttributeValue<string>("subject"));
    }

    [TestMethod]
    public void A_customer_who_ordered_after_import_but_before_initialisation_has_their_whole_history_merged_and_that_order_counted_once()
    {
        var id = CreateContact();
        CreateOrder(id, Fulfilled, _now.AddDays(-400), 50m);
        CreateOrder(id, Fulfilled, _now.AddDays(-200), 70m);
        Import();
        var recent = CreateOrder(id, Fulfilled, _now.AddDays(-1), 90m);
        Assert.AreEqual(1, _service.Contact(id).GetAttributeValue<int>("rx_purchasecount"), "the order step counted the new order alone");
        Assert.IsNull(_service.Contact(id).GetAttributeValue<DateTime?>("rx_initialisedon"), "an update does not make the contact kept: its history is still to merge");
        _now = _now.AddHours(1);

        var response = ProductOrganization.InitialiseContacts(_service, 250).Single();

        Assert.AreEqual((1, 2), ((int)response["Initialised"]!, (int)response["OrdersRecorded"]!), "the two older orders; the new one was in the ledger by its reference");
        var contact = _service.Contact(id);
        Assert.AreEqual(3, contact.GetAttributeValue<int>("rx_purchasecount"));
        Assert.AreEqual(210m, contact.GetAttributeValue<Money>("rx_totalspend").Value);
        Assert.AreEqual(ContactColumns.Stages.ValueOf(LifecycleStage.Reactivated), contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "back after 199 days");
        StringAssert.Contains(contact.GetAttributeValue<string>("rx_purchaseledger"), "#" + recent.ToString("N")[..8]);
        Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_outreachdueon"), "not dormant: nothing due");
    }

    [TestMethod]
    public void A_call_that_fails_writes_nothing_and_the_next_call_with_the_same_cookie_redoes_its_page()
    {
        var ids = Enumerable.Range(0, 5).Select(i => CreateContact()).ToList();
        foreach (var id in ids) CreateOrder(id, Fulfilled, _now.AddDays(-60), 30m);
        Import();
        _now = _now.AddHours(1);
        var first = Initialise(2, null);
        Assert.AreEqual(2, first["Initialised"]);
        var cookie = (string)first["PagingCookie"]!;

        // A misconfigured step (the lifecycle step runs on every initialised contact) fails the second call.
        _org.ConfigureStep(LifecycleUpdateStep, "utcOffsetMinutes=9999");
        var ex = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Initialise(2, cookie));
        StringAssert.Contains(ex.Message, "utcOffsetMinutes");
        Assert.AreEqual(2, Contacts().Count(c => c.GetAttributeValue<DateTime?>("rx_initialisedon") is not null), "the failed page rolled back: nothing half-written");

        _org.ConfigureStep(LifecycleUpdateStep, "utcOffsetMinutes=0");
        var redone = Initialise(2, cookie);
        Assert.AreEqual((2, true), ((int)redone["Initialised"]!, (bool)redone["MoreRecords"]!));
        var last = Initialise(2, (string)redone["PagingCookie"]!);
        Assert.AreEqual((1, false), ((int)last["Initialised"]!, (bool)last["MoreRecords"]!));
        Assert.IsTrue(Contacts().All(c => c.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value == ContactColumns.Stages.ValueOf(LifecycleStage.Silent)));
    }

    [TestMethod]
    public void Bad_rows_are_reported_by_table_id_and_fault_without_personal_data_and_skipped_whole_while_the_run_goes_on()
    {
        var healthy = CreateContact();
        CreateOrder(healthy, Fulfilled, _now.AddDays(-20), 80m);
        var brokenLedger = CreateContact();
        _service.Update(new Entity("contact", brokenLedger) { ["rx_purchaseledger"] = "P1;tel 13800001111=88" });
        CreateOrder(brokenLedger, Fulfilled, _now.AddDays(-20), 80m);
        var brokenTouches = CreateContact();
        _service.Update(new Entity("contact", brokenTouches) { ["rx_touchledger"] = "T9;Li 13800001111" });
        var inDollars = CreateContact();
        CreateOrder(inDollars, Fulfilled, _now.AddDays(-100), 60m);
        var dollarOrder = CreateOrder(inDollars, Fulfilled, _now.AddDays(-10), 20m, new EntityReference("transactioncurrency", new Guid("5f0c1a2b-0000-4000-8000-000000000840")));
        var ownerless = CreateContact();
        _service.Update(new Entity("contact", ownerless) { ["ownerid"] = null });
        var orphanOrder = _service.Create(new Entity("salesorder") { ["name"] = "Walk-in", ["totalamount"] = new Money(15m), ["statecode"] = new OptionSetValue(Fulfilled) });
        Import();
        _now = _now.AddHours(1);

        var response = ProductOrganization.InitialiseContacts(_service, 250).Single();

        Assert.AreEqual((1, 4, false), ((int)response["Initialised"]!, (int)response["Skipped"]!, (bool)response["MoreRecords"]!), "the healthy contact is initialised; the run does not stop");
        var report = ((string)response["Report"]!).TrimEnd('\n').Split('\n');
        CollectionAssert.AreEquivalent(new[]
        {
            "salesorder " + orphanOrder + ": has no customer, so it belongs to no contact's purchase history; it is left out.",
            "contact " + brokenLedger + ": rx_purchaseledger is not a ledger the product wrote (formats in the solution README); the contact is not initialised until the column is cleared or corrected.",
            "contact " + brokenTouches + ": rx_touchledger is not a ledger the product wrote (formats in the solution README); the contact is not initialised until the column is cleared or corrected.",
            "salesorder " + dollarOrder + ": is in currency 5f0c1a2b-0000-4000-8000-000000000840, not the organisation's base currency " + Yuan.Id + "; its contact " + inDollars + " is not initialised, so that no total mixes currencies.",
            "contact " + ownerless + ": has no owner, so the calls and tasks of its outreach would have no one to work them; the contact is not initialised until it is assigned.",
        }, report);
        Assert.IsFalse(report.Any(l => l.Contains("13800001111", StringComparison.Ordinal) || l.Contains("Li ", StringComparison.Ordinal)), "no value from the rows: not the phone a broken ledger holds, not a name");
        foreach (var skipped in new[] { brokenLedger, brokenTouches, inDollars, ownerless })
        {
            var contact = _service.Contact(skipped);
            Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_initialisedon"), "not half-written: " + skipped);
            Assert.IsNull(contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage"));
            Assert.IsNull(contact.GetAttributeValue<int?>("rx_purchasecount"));
        }

        Assert.AreEqual(ContactColumns.Stages.ValueOf(LifecycleStage.New), _service.Contact(healthy).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);

        // Fixed by the admin, the same contacts are taken up by the next run; nothing else is written again.
        _service.Update(new Entity("contact", brokenLedger) { ["rx_purchaseledger"] = null });
        _service.Update(new Entity("contact", ownerless) { ["ownerid"] = new EntityReference("systemuser", _org.Options.SystemUserId) });
        _org.ClearLogs();
        var again = ProductOrganization.InitialiseContacts(_service, 250).Single();
        Assert.AreEqual((2, 2), ((int)again["Initialised"]!, (int)again["Skipped"]!));
        Assert.AreEqual(2, _org.RequestLog.Count(r => r.Origin == RequestOrigin.Plugin && r.Depth == 1 && r.RequestName == "Update"));
        Assert.AreEqual(1, _service.Contact(brokenLedger).GetAttributeValue<int>("rx_purchasecount"), "the ledger rebuilt from its order");
    }

    [TestMethod]
    public void A_paging_cookie_it_did_not_write_and_a_page_size_outside_1_to_1000_are_refused_with_a_clear_message()
    {
        Import();
        StringAssert.Contains(Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Initialise(250, "D1|1|2|3")).Message, "PagingCookie");
        foreach (var size in new[] { 0, 1001 })
        {
            StringAssert.Contains(Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Initialise(size, null)).Message, "PageSize must be between 1 and 1000");
        }
    }

    // ---- helpers ----

    private sealed record SeededOrder(Guid Id, Guid Contact, int State, DateTime? Fulfilled, decimal Amount);

    /// <summary>Customers and two years of orders, created through the service before import: mostly fulfilled, some invoiced, cancelled or still open.</summary>
    private List<SeededOrder> Seed(int contacts, int orders, Random random)
    {
        var ids = Enumerable.Range(0, contacts).Select(_ => CreateContact()).ToList();
        var seeded = new List<SeededOrder>(orders);
        for (var i = 0; i < orders; i++)
        {
            var contact = ids[random.Next(contacts)];
            var roll = random.NextDouble();
            var state = roll < 0.90 ? Fulfilled : roll < 0.94 ? Invoiced : roll < 0.97 ? Canceled : 0;
            DateTime? fulfilled = state is Fulfilled or Invoiced ? _now.AddDays(-random.Next(1, 730)).AddMinutes(-random.Next(0, 600)) : null;
            var amount = Math.Round((decimal)(20 + random.NextDouble() * 480), 2);
            seeded.Add(new SeededOrder(CreateOrder(contact, state, fulfilled, amount), contact, state, fulfilled, amount));
        }

        return seeded;
    }

    private void Import() => _org.LoadSolution(ProductOrganization.SolutionFolder);

    private Guid CreateContact() => _service.Create(new Entity("contact") { ["lastname"] = "Li", ["mobilephone"] = "13800001111" });

    private Guid CreateOrder(Guid contact, int state, DateTime? fulfilled, decimal amount, EntityReference? currency = null)
    {
        var order = new Entity("salesorder")
        {
            ["name"] = "Visit",
            ["customerid"] = new EntityReference("contact", contact),
            ["totalamount"] = new Money(amount),
            ["transactioncurrencyid"] = currency ?? Yuan,
            ["statecode"] = new OptionSetValue(state),
        };
        if (fulfilled is { } when) order["datefulfilled"] = when;
        return _service.Create(order);
    }

    private ParameterCollection Initialise(int pageSize, string? cookie)
    {
        var request = new OrganizationRequest(Api) { ["PageSize"] = pageSize };
        if (cookie is not null) request["PagingCookie"] = cookie;
        return _service.Execute(request).Results;
    }

    private List<Entity> Contacts() => _service.All("contact");
}
