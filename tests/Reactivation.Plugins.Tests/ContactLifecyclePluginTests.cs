using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Lifecycle;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// ContactLifecyclePlugin as an admin imports it: the product's solution/ loaded into the local
/// organisation (steps, images, filtering attributes and tables from the XML), run through the pipeline.
/// </summary>
[TestClass]
public sealed class ContactLifecyclePluginTests
{
    private static readonly int New = ContactColumns.Stages.ValueOf(LifecycleStage.New);
    private static readonly int Silent = ContactColumns.Stages.ValueOf(LifecycleStage.Silent);

    private static (LocalOrganization Org, IOrganizationService Service) LoadProduct()
    {
        var org = ProductOrganization.Load(() => DateTime.UtcNow);
        return (org, org.CreateOrganizationService(null));
    }

    private static string Ledger(params (int DaysAgo, decimal Amount)[] orders) =>
        "P1" + string.Concat(orders.Select((o, i) =>
            ";" + LedgerInstant.Write(DateTime.UtcNow.AddDays(-o.DaysAgo)) + "=" + o.Amount.ToString(CultureInfo.InvariantCulture) + "#0000000" + i.ToString(CultureInfo.InvariantCulture)));

    private static Entity Read(IOrganizationService service, Guid id) =>
        service.Retrieve("contact", id, new ColumnSet("rx_lifecyclestage", "rx_stagechangedon", "rx_nextevaluationon", "rx_attemptdeadline"));

    [TestMethod]
    public void A_contact_created_with_one_order_ten_days_ago_is_New_and_due_again_in_36_days()
    {
        var (_, service) = LoadProduct();

        var id = service.Create(new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = Ledger((10, 88m)) });

        var contact = Read(service, id);
        Assert.AreEqual(New, contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        Assert.IsNotNull(contact.GetAttributeValue<DateTime?>("rx_stagechangedon"));
        var next = contact.GetAttributeValue<DateTime>("rx_nextevaluationon");
        Assert.AreEqual(DateTime.UtcNow.Date.AddDays(36), next, "46 days after the order the contact turns Silent: midnight UTC of that day");
    }

    [TestMethod]
    public void An_update_moving_the_last_purchase_46_days_back_makes_the_contact_Silent_and_dates_the_change()
    {
        var (_, service) = LoadProduct();
        var id = service.Create(new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = Ledger((10, 88m)) });
        var before = Read(service, id).GetAttributeValue<DateTime>("rx_stagechangedon");
        Thread.Sleep(20);

        service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = Ledger((46, 88m)) });

        var contact = Read(service, id);
        Assert.AreEqual(Silent, contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        Assert.IsGreaterThan(before, contact.GetAttributeValue<DateTime>("rx_stagechangedon"));
        var deadline = contact.GetAttributeValue<DateTime>("rx_attemptdeadline");
        Assert.AreEqual(DateTime.UtcNow.Date.AddDays(3).AddHours(23).AddMinutes(59), deadline, "the Silent stage's attempt is followed up after 3 days");
        Assert.AreEqual(deadline, contact.GetAttributeValue<DateTime>("rx_nextevaluationon"), "the attempt's deadline comes before Sleeping (after 91 days)");
    }

    [TestMethod]
    public void An_update_that_changes_nothing_stage_relevant_makes_no_request_from_plugin_code_and_keeps_the_stage_date()
    {
        var (org, service) = LoadProduct();
        var id = service.Create(new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = Ledger((10, 88m)) });
        var before = Read(service, id);
        // The Update step's first event reads the active rulesets (ActiveRulesetTests counts that read); warm it so the
        // log holds only what follows, within the refresh interval.
        service.Update(new Entity("contact", id) { ["rx_satisfaction"] = 3 });
        org.ClearLogs();

        service.Update(new Entity("contact", id) { ["rx_satisfaction"] = 4 });
        service.Update(new Entity("contact", id) { ["firstname"] = "Mei" });

        Assert.IsEmpty(org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin), "facts come from the Target and the pre-image only");
        Assert.HasCount(1, org.TraceLog.Where(t => t.StepName.Contains("ContactLifecyclePlugin", StringComparison.Ordinal)), "the step ran for the filtered column only, not for firstname");
        var after = Read(service, id);
        Assert.AreEqual(before.GetAttributeValue<DateTime>("rx_stagechangedon"), after.GetAttributeValue<DateTime>("rx_stagechangedon"));
        Assert.AreEqual(New, after.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
    }

    [TestMethod]
    public void A_save_writing_a_broken_purchase_ledger_is_refused_naming_the_column_and_the_fault()
    {
        var (_, service) = LoadProduct();
        var id = service.Create(new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = Ledger((10, 88m)) });

        var fault = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = "P1;20260101=88#00000001" }));

        StringAssert.Contains(fault.Message, "Contact " + id.ToString("D") + ": rx_purchaseledger is not a ledger the product wrote: '20260101' is not a ledger instant (yyyyMMddHHmm, UTC).");
        Assert.AreEqual(New, Read(service, id).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "nothing was saved");
    }

    [TestMethod]
    public void A_broken_ledger_already_stored_does_not_block_a_reps_unrelated_edit()
    {
        // An old import wrote the ledger before the product was installed.
        var org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => DateTime.UtcNow, PluginAssemblies = [typeof(ContactLifecyclePlugin).Assembly] });
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = "P7;imported", ["rx_lifecyclestage"] = new OptionSetValue(Silent) });
        org.LoadSolution(ProductOrganization.SolutionFolder);

        service.Update(new Entity("contact", id) { ["rx_satisfaction"] = 2 });

        Assert.AreEqual(2, service.Retrieve("contact", id, new ColumnSet("rx_satisfaction")).GetAttributeValue<int>("rx_satisfaction"), "the rep's edit is saved");
        Assert.AreEqual(Silent, Read(service, id).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "the stage stays as it was");
        var trace = string.Join("\n", org.TraceLog.SelectMany(t => t.Lines));
        StringAssert.Contains(trace, "Lifecycle kept: the stored rx_purchaseledger is not readable");
        StringAssert.Contains(trace, "No outreach: the stored rx_purchaseledger is not readable");
    }
}
