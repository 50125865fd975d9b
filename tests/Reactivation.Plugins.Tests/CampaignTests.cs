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
/// contacted only while a campaign for Lost runs): a manager's typo — in the stages, the window or the audience — is
/// refused on save, a campaign planned ahead is the retry date of a Lost customer held back, a campaign that starts
/// brings every Lost customer in through the daily evaluation, page by page, once, only the customers in its audience
/// are contacted in it, and its owner team works them. Simulated clock; the records a manager and a rep see.
/// </summary>
[TestClass]
public sealed class CampaignTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc))
{
    private static readonly int OutcomeOpen = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Open);
    private static readonly int OutcomeSuppressed = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Suppressed);

    [TestMethod]
    public void A_campaign_whose_stages_or_window_do_not_read_is_refused_on_save_naming_what_to_fix()
    {
        Assert.AreEqual(
            "Campaign 'Spring win-back' names an unknown stage 'Lsot' in Stages (did you mean 'Lost'?); the stages are Prospect, New, Active, Silent, Sleeping, Lost, Loyal, Reactivated.",
            Refused(() => Service.Create(Campaign("Spring win-back", Now, Now.AddDays(7), "Sleeping, Lsot"))));
        Assert.AreEqual("Campaign 'Spring win-back' ends (2026-03-10) before it starts (2026-03-17).", Refused(() => Service.Create(Campaign("Spring win-back", Now.AddDays(7), Now, "Lost"))));
        Assert.IsEmpty(Service.All("rx_campaign"), "nothing is written");

        var id = Service.Create(Campaign("Spring win-back", Now, Now.AddDays(7), "Lost"));
        Assert.AreEqual("Campaign 'Spring win-back' has no start (Starts On).", Refused(() => Service.Update(new Entity("rx_campaign", id) { ["rx_startson"] = null })), "the row as it would be after the update is checked");
        Assert.AreEqual(Now, Service.Retrieve("rx_campaign", id, new ColumnSet("rx_startson")).GetAttributeValue<DateTime>("rx_startson"));
    }

    [TestMethod]
    public void An_audience_that_does_not_read_is_refused_on_save_naming_the_campaign_the_line_and_column_and_the_closest_fact()
    {
        Assert.AreEqual(
            "Campaign 'Spring win-back' Audience (1,10): unknown fact 'customer.Teir' (did you mean customer.Tier?).",
            Refused(() => Service.Create(Campaign("Spring win-back", Now, Now.AddDays(7), "Lost", audience: "customer.Teir == \"Gold\""))));
        Assert.AreEqual(
            "Campaign 'Spring win-back' Audience (2,14): customer.HasOpenAttempt cannot choose a campaign's audience (the campaign's own outreach changes it: its attempt would take the customer out of the campaign before the wake step or the follow-up).",
            Refused(() => Service.Create(Campaign("Spring win-back", Now, Now.AddDays(7), "Lost", audience: "customer.TotalSpend >= 1000\n&& !customer.HasOpenAttempt"))));
        Assert.IsEmpty(Service.All("rx_campaign"), "nothing is written");

        var id = Service.Create(Campaign("Spring win-back", Now, Now.AddDays(7), "Lost", audience: "customer.Tier == \"Gold\""));
        Assert.AreEqual(
            "Campaign 'Spring win-back' Audience (1,19): 'Lsot' is not a lifecycle stage, so customer.Stage == \"Lsot\" is never true (did you mean 'Lost'?).",
            Refused(() => Service.Update(new Entity("rx_campaign", id) { ["rx_audience"] = "customer.Stage == \"Lsot\"" })));
        Assert.AreEqual("customer.Tier == \"Gold\"", Service.Retrieve("rx_campaign", id, new ColumnSet("rx_audience")).GetAttributeValue<string>("rx_audience"), "the audience saved before stands");
        Assert.AreEqual(
            "Campaign 'Spring win-back' names an unknown stage 'Lsot' in Stages (did you mean 'Lost'?); the stages are Prospect, New, Active, Silent, Sleeping, Lost, Loyal, Reactivated.",
            Refused(() => Service.Update(new Entity("rx_campaign", id) { ["rx_stages"] = "Lsot" })), "an update of another column checks the stored audience too, and the first problem is named");
    }

    /// <summary>
    /// Mrs Qian and Mrs Sun turn Lost on 11 March. The store manager has planned a win-back campaign from 12 March for
    /// the Gold members among the Lost customers. Both are held back on the 11th; Mrs Qian, Gold, is retried on the
    /// campaign's first day and gets the call to ask why; Mrs Sun, a Standard member, is in no campaign, so the shipped
    /// policy keeps her out of reach and nothing is planned to lift that.
    /// </summary>
    [TestMethod]
    public void Only_the_Lost_customers_in_a_campaigns_audience_are_contacted_in_it()
    {
        var qian = LostCustomer("Qian", tier: "Gold");
        var sun = LostCustomer("Sun", tier: "Standard");
        Service.Create(Campaign("Gold win-back", new DateTime(2026, 3, 12, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 26, 0, 0, 0, DateTimeKind.Utc), "Lost", audience: "customer.Tier == \"Gold\""));

        Morning(11);
        Assert.AreEqual(new DateTime(2026, 3, 12, 0, 0, 0, DateTimeKind.Utc), AttemptOf(qian).GetAttributeValue<DateTime?>("rx_retryon"), "the Gold member is retried on the campaign's first day");
        Assert.IsNull(AttemptOf(sun).GetAttributeValue<DateTime?>("rx_retryon"), "no campaign ahead has the Standard member in its audience");

        Morning(12);
        var call = Service.All("phonecall").Single();
        Assert.AreEqual(qian, call.GetAttributeValue<EntityReference>("regardingobjectid").Id, "only the Gold member gets the call to ask why");
        Assert.AreEqual(OutcomeOpen, Outcome(AttemptOf(qian)));
        var held = AttemptOf(sun);
        Assert.AreEqual(OutcomeSuppressed, Outcome(held), "the Standard member stays held back");
        StringAssert.Contains(held.GetAttributeValue<string>("rx_blockreasons"), "PhoneCall Phone LostOutsideCampaign", "LostOnlyInCampaigns: she is in no campaign");
    }

    /// <summary>
    /// The store manager gives the spring win-back to the win-back crew, a team the outreach step's configuration does not
    /// name. Mrs Qian, Lost, is brought in on its first morning: her attempt and the call to ask why are the crew's.
    /// </summary>
    [TestMethod]
    public void The_owner_team_of_a_campaign_owns_the_attempts_started_in_it_and_works_their_calls()
    {
        var crew = Service.Create(new Entity("team") { ["name"] = "Win-back crew" });
        var qian = LostCustomer("Qian");
        Service.Create(Campaign("Spring win-back", new DateTime(2026, 3, 11, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 25, 0, 0, 0, DateTimeKind.Utc), "Lost", ownerTeam: crew));

        Morning(11);

        var attempt = AttemptOf(qian);
        Assert.AreEqual(OutcomeOpen, Outcome(attempt));
        Assert.AreEqual(new EntityReference("team", crew), attempt.GetAttributeValue<EntityReference>("ownerid"));
        var call = Service.All("phonecall").Single();
        StringAssert.StartsWith(call.GetAttributeValue<string>("subject"), "Ask why");
        Assert.AreEqual(new EntityReference("team", crew), call.GetAttributeValue<EntityReference>("ownerid"), "the crew calls her, not her usual rep");
        Assert.AreEqual(attempt.Id, call.GetAttributeValue<EntityReference>("rx_attemptid").Id);
    }

    /// <summary>
    /// Mrs Qian turns Lost on 11 March. The store manager has planned the April win-back week for Lost customers: her
    /// attempt is Suppressed until then and says it is retried on 1 April, the campaign's first day.
    /// </summary>
    [TestMethod]
    public void A_Lost_customer_held_back_outside_a_campaign_is_retried_on_the_first_day_of_the_one_planned()
    {
        Service.Create(Campaign("April win-back week", new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 7, 23, 59, 0, DateTimeKind.Utc), "Lost"));
        var qian = LostCustomer("Qian");

        Morning(11);

        var attempt = Service.All("rx_reactivationattempt").Single();
        Assert.AreEqual(OutcomeSuppressed, Outcome(attempt));
        Assert.AreEqual(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), attempt.GetAttributeValue<DateTime>("rx_retryon"));
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_explanation"), "Retry on 2026-04-01");
        Assert.AreEqual(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), Service.Contact(qian).GetAttributeValue<DateTime>("rx_outreachdueon"));
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
        Assert.IsTrue(Service.All("rx_reactivationattempt").All(a => Outcome(a) == OutcomeSuppressed), "no campaign yet: all three held back");
        Assert.IsTrue(Service.All("rx_reactivationattempt").All(a => a.GetAttributeValue<DateTime?>("rx_retryon") is null), "and none planned");

        Now = new DateTime(2026, 3, 11, 16, 0, 0, DateTimeKind.Utc);
        var campaign = Service.Create(Campaign("Spring win-back", Now, Now.AddDays(14), "Lost"));

        Now = new DateTime(2026, 3, 12, 2, 30, 0, DateTimeKind.Utc);
        Org.ClearLogs();
        var (evaluated, calls) = ProductOrganization.EvaluateDueContacts(Service, pageSize: 2);

        Assert.AreEqual(4, calls, "two intake pages (2 + 1 customers), then one due page with the three, then the empty end");
        var attempts = Service.All("rx_reactivationattempt");
        Assert.HasCount(3, attempts, "the same three attempts, no new ones");
        Assert.IsTrue(attempts.All(a => Outcome(a) == OutcomeOpen), "each goes ahead in the campaign");
        var calls3 = Service.All("phonecall");
        Assert.HasCount(3, calls3);
        Assert.IsTrue(calls3.All(c => c.GetAttributeValue<string>("subject").StartsWith("Ask why: no purchase for 20", StringComparison.Ordinal)), "the rep's call to ask why, 201 or 202 days on");
        CollectionAssert.AreEquivalent(customers, calls3.Select(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id).ToArray());
        var row = Service.Retrieve("rx_campaign", campaign, new ColumnSet("rx_broughtinon", "rx_broughtinthrough"));
        Assert.AreEqual(Now, row.GetAttributeValue<DateTime>("rx_broughtinon"));
        Assert.AreEqual(customers.Max().ToString("D"), row.GetAttributeValue<string>("rx_broughtinthrough"), "the last contact, in key order");

        Now = Now.AddDays(1);
        Org.ClearLogs();
        ProductOrganization.EvaluateDueContacts(Service, pageSize: 2);
        Assert.HasCount(3, Service.All("phonecall"), "nobody is brought in twice");
        Assert.IsFalse(Org.RequestLog.Any(r => r.Origin == RequestOrigin.Plugin && r.EntityName == "rx_campaign" && r.RequestName != "RetrieveMultiple"), "the campaign is done: not read or written again");
    }

    private Guid LostCustomer(string name, string? tier = null)
    {
        var contact = new Entity("contact")
        {
            ["lastname"] = name,
            ["rx_purchaseledger"] = "P1;" + LedgerInstant.Write(Now.AddDays(-200)) + "=88.00#0000000b",
        };
        if (tier is not null) contact["rx_tier"] = tier;
        return Service.Create(contact);
    }

    private static Entity Campaign(string name, DateTime startsOn, DateTime endsOn, string stages, string? audience = null, Guid? ownerTeam = null)
    {
        var campaign = new Entity("rx_campaign") { ["rx_name"] = name, ["rx_startson"] = startsOn, ["rx_endson"] = endsOn, ["rx_stages"] = stages };
        if (audience is not null) campaign["rx_audience"] = audience;
        if (ownerTeam is { } team) campaign["rx_ownerteamid"] = new EntityReference("team", team);
        return campaign;
    }

    /// <summary>The message a manager sees when the save is refused.</summary>
    private static string Refused(Action save) => Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(save).Message;

    private static int Outcome(Entity attempt) => attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value;

    private Entity AttemptOf(Guid contact) => Service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id == contact);

    /// <summary>Runs the daily evaluation at 02:30 UTC on the given day of March 2026 until it has no more pages.</summary>
    private void Morning(int day)
    {
        Now = new DateTime(2026, 3, day, 2, 30, 0, DateTimeKind.Utc);
        Org.ClearLogs();
        ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);
    }
}
