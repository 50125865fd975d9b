using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Campaigns as records (rx_campaign), through the product's solution/ with the shipped rules (Lost customers are
/// contacted only while a campaign for Lost runs): a manager's typo is refused on save, a
/// campaign planned ahead is the retry date of a Lost customer held back, and a campaign that starts brings every Lost
/// customer in through the daily evaluation, page by page, once. Simulated clock; the records a manager and a rep see.
/// </summary>
[TestClass]
public sealed class CampaignTests
{
    private static readonly int Lost = ContactColumns.Stages.ValueOf(LifecycleStage.Lost);
    private static readonly int OutcomeOpen = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Open);
    private static readonly int OutcomeSuppressed = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Suppressed);

    private DateTime _now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;

    [TestInitialize]
    public void LoadProduct()
    {
        _org = ProductOrganization.Load(() => _now);
        _service = _org.CreateOrganizationService(null);
    }

    [TestMethod]
    public void A_campaign_whose_stages_or_window_do_not_read_is_refused_on_save_naming_what_to_fix()
    {
        var typo = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => _service.Create(Campaign("Spring win-back", _now, _now.AddDays(7), "Sleeping, Lsot")));
        Assert.AreEqual("Campaign 'Spring win-back' names an unknown stage 'Lsot' in Stages (did you mean 'Lost'?); the stages are Prospect, New, Active, Silent, Sleeping, Lost, Loyal, Reactivated.", typo.Message);

        var backwards = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => _service.Create(Campaign("Spring win-back", _now.AddDays(7), _now, "Lost")));
        Assert.AreEqual("Campaign 'Spring win-back' ends (2026-03-10) before it starts (2026-03-17).", backwards.Message);
        Assert.IsEmpty(All("rx_campaign"), "nothing is written");

        var id = _service.Create(Campaign("Spring win-back", _now, _now.AddDays(7), "Lost"));
        var cleared = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => _service.Update(new Entity("rx_campaign", id) { ["rx_startson"] = null }));
        Assert.AreEqual("Campaign 'Spring win-back' has no start (Starts On).", cleared.Message, "the row as it would be after the update is checked");
        Assert.AreEqual(_now, _service.Retrieve("rx_campaign", id, new ColumnSet("rx_startson")).GetAttributeValue<DateTime>("rx_startson"));
    }

    /// <summary>
    /// Mrs Qian turns Lost on 11 March. The store manager has planned the April win-back week for Lost customers: her
    /// attempt is Suppressed until then and says it is retried on 1 April, the campaign's first day.
    /// </summary>
    [TestMethod]
    public void A_Lost_customer_held_back_outside_a_campaign_is_retried_on_the_first_day_of_the_one_planned()
    {
        _service.Create(Campaign("April win-back week", new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 7, 23, 59, 0, DateTimeKind.Utc), "Lost"));
        var qian = LostCustomer("Qian");

        Morning(11);

        var attempt = All("rx_reactivationattempt").Single();
        Assert.AreEqual(OutcomeSuppressed, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.AreEqual(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), attempt.GetAttributeValue<DateTime>("rx_retryon"));
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_explanation"), "Retry on 2026-04-01");
        Assert.AreEqual(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), Contact(qian).GetAttributeValue<DateTime>("rx_outreachdueon"));
    }

    /// <summary>
    /// Three customers are already Lost, held back, when the store manager starts a campaign for Lost customers today.
    /// The next morning's daily evaluation (pages of two) brings them in — two, then one — and the same run's due pages
    /// give each the call to ask why; the campaign records that its customers are in. The morning after, nobody
    /// is brought in twice.
    /// </summary>
    [TestMethod]
    public void A_campaign_that_starts_brings_every_Lost_customer_in_once_page_by_page()
    {
        var customers = new[] { LostCustomer("Qian"), LostCustomer("Sun"), LostCustomer("Li") };
        Morning(11);
        Assert.IsTrue(All("rx_reactivationattempt").All(a => a.GetAttributeValue<OptionSetValue>("rx_outcome").Value == OutcomeSuppressed), "no campaign yet: all three held back");
        Assert.IsTrue(All("rx_reactivationattempt").All(a => a.GetAttributeValue<DateTime?>("rx_retryon") is null), "and none planned");

        _now = new DateTime(2026, 3, 11, 16, 0, 0, DateTimeKind.Utc);
        var campaign = _service.Create(Campaign("Spring win-back", _now, _now.AddDays(14), "Lost"));

        _now = new DateTime(2026, 3, 12, 2, 30, 0, DateTimeKind.Utc);
        _org.ClearLogs();
        var (evaluated, calls) = ProductOrganization.EvaluateDueContacts(_service, pageSize: 2);

        Assert.AreEqual(4, calls, "two intake pages (2 + 1 customers), then one due page with the three, then the empty end");
        var attempts = All("rx_reactivationattempt");
        Assert.HasCount(3, attempts, "the same three attempts, no new ones");
        Assert.IsTrue(attempts.All(a => a.GetAttributeValue<OptionSetValue>("rx_outcome").Value == OutcomeOpen), "each goes ahead in the campaign");
        var calls3 = All("phonecall");
        Assert.HasCount(3, calls3);
        Assert.IsTrue(calls3.All(c => c.GetAttributeValue<string>("subject").StartsWith("Ask why: no purchase for 20", StringComparison.Ordinal)), "the rep's call to ask why, 201 or 202 days on");
        CollectionAssert.AreEquivalent(customers, calls3.Select(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id).ToArray());
        var row = _service.Retrieve("rx_campaign", campaign, new ColumnSet("rx_broughtinon", "rx_broughtinthrough"));
        Assert.AreEqual(_now, row.GetAttributeValue<DateTime>("rx_broughtinon"));
        Assert.AreEqual(customers.Max().ToString("D"), row.GetAttributeValue<string>("rx_broughtinthrough"), "the last contact, in key order");

        _now = _now.AddDays(1);
        _org.ClearLogs();
        ProductOrganization.EvaluateDueContacts(_service, pageSize: 2);
        Assert.HasCount(3, All("phonecall"), "nobody is brought in twice");
        Assert.IsFalse(_org.RequestLog.Any(r => r.Origin == RequestOrigin.Plugin && r.EntityName == "rx_campaign" && r.RequestName != "RetrieveMultiple"), "the campaign is done: not read or written again");
    }

    private Guid LostCustomer(string name) =>
        _service.Create(new Entity("contact")
        {
            ["lastname"] = name,
            ["rx_purchaseledger"] = "P1;" + LedgerInstant.Write(_now.AddDays(-200)) + "=88.00#0000000b",
        });

    private static Entity Campaign(string name, DateTime startsOn, DateTime endsOn, string stages) =>
        new("rx_campaign") { ["rx_name"] = name, ["rx_startson"] = startsOn, ["rx_endson"] = endsOn, ["rx_stages"] = stages };

    /// <summary>Runs the daily evaluation at 02:30 UTC on the given day of March 2026 until it has no more pages.</summary>
    private void Morning(int day)
    {
        _now = new DateTime(2026, 3, day, 2, 30, 0, DateTimeKind.Utc);
        _org.ClearLogs();
        ProductOrganization.EvaluateDueContacts(_service, pageSize: 250);
    }

    private Entity Contact(Guid id) => _service.Retrieve("contact", id, new ColumnSet(true));

    private List<Entity> All(string table) => _service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities.ToList();
}
