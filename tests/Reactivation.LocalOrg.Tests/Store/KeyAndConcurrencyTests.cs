using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Tests.Pipeline;

namespace Reactivation.LocalOrg.Tests.Store;

[TestClass]
public sealed class KeyAndConcurrencyTests
{
    private static (LocalOrganization Org, IOrganizationService Service) WithAttemptKey()
    {
        var org = TestOrg.Create();
        org.DefineAlternateKey("rx_reactivationattempt", "rx_attemptkey", "rx_contactid", "rx_period");
        return (org, org.CreateOrganizationService(null));
    }

    private static Entity Attempt(Guid contact, string period) =>
        new("rx_reactivationattempt") { ["rx_contactid"] = new EntityReference("contact", contact), ["rx_period"] = period };

    [TestMethod]
    public void A_duplicate_alternate_key_fails_with_DuplicateRecordEntityKey()
    {
        var (_, service) = WithAttemptKey();
        var contact = Guid.NewGuid();
        service.Create(Attempt(contact, "2026-03"));

        var fault = Faults.Expect(() => service.Create(Attempt(contact, "2026-03")), DataverseErrorCodes.DuplicateRecordEntityKey);

        StringAssert.Contains(fault.Message, "rx_attemptkey");
        Assert.HasCount(1, service.RetrieveMultiple(new QueryExpression("rx_reactivationattempt")).Entities);
    }

    [TestMethod]
    public void Rows_with_different_key_values_or_an_empty_key_column_do_not_collide()
    {
        var (_, service) = WithAttemptKey();
        var contact = Guid.NewGuid();

        service.Create(Attempt(contact, "2026-03"));
        service.Create(Attempt(contact, "2026-04"));
        service.Create(Attempt(Guid.NewGuid(), "2026-03"));
        service.Create(new Entity("rx_reactivationattempt") { ["rx_contactid"] = new EntityReference("contact", contact) });
        service.Create(new Entity("rx_reactivationattempt") { ["rx_contactid"] = new EntityReference("contact", contact) });

        Assert.HasCount(5, service.RetrieveMultiple(new QueryExpression("rx_reactivationattempt")).Entities);
    }

    [TestMethod]
    public void Alternate_key_text_compares_without_case_like_the_database()
    {
        var org = TestOrg.Create();
        org.DefineAlternateKey("contact", "rx_externalkey", "rx_externalid");
        var service = org.CreateOrganizationService(null);
        service.Create(new Entity("contact") { ["rx_externalid"] = "abc-1" });

        Faults.Expect(() => service.Create(new Entity("contact") { ["rx_externalid"] = "ABC-1" }), DataverseErrorCodes.DuplicateRecordEntityKey);
    }

    [TestMethod]
    public void An_update_that_would_duplicate_a_key_fails_and_changes_nothing()
    {
        var (_, service) = WithAttemptKey();
        var contact = Guid.NewGuid();
        service.Create(Attempt(contact, "2026-03"));
        var second = service.Create(Attempt(contact, "2026-04"));

        Faults.Expect(() => service.Update(new Entity("rx_reactivationattempt", second) { ["rx_period"] = "2026-03" }), DataverseErrorCodes.DuplicateRecordEntityKey);

        Assert.AreEqual("2026-04", service.Retrieve("rx_reactivationattempt", second, new ColumnSet("rx_period"))["rx_period"]);
    }

    [TestMethod]
    public void A_deleted_rows_key_values_can_be_used_again()
    {
        var (_, service) = WithAttemptKey();
        var contact = Guid.NewGuid();
        var first = service.Create(Attempt(contact, "2026-03"));

        service.Delete("rx_reactivationattempt", first);

        service.Create(Attempt(contact, "2026-03"));
    }

    [TestMethod]
    public void Update_Retrieve_and_Delete_can_address_a_row_by_its_alternate_key()
    {
        var (_, service) = WithAttemptKey();
        var contact = Guid.NewGuid();
        var id = service.Create(Attempt(contact, "2026-03"));
        var keys = new KeyAttributeCollection { { "rx_contactid", new EntityReference("contact", contact) }, { "rx_period", "2026-03" } };

        service.Update(new Entity("rx_reactivationattempt", keys) { ["rx_outcome"] = new OptionSetValue(2) });
        var retrieved = ((RetrieveResponse)service.Execute(new RetrieveRequest { Target = new EntityReference("rx_reactivationattempt", keys), ColumnSet = new ColumnSet("rx_outcome") })).Entity;
        service.Execute(new DeleteRequest { Target = new EntityReference("rx_reactivationattempt", keys) });

        Assert.AreEqual(id, retrieved.Id);
        Assert.AreEqual(2, retrieved.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Faults.Expect(() => service.Retrieve("rx_reactivationattempt", id, new ColumnSet()), DataverseErrorCodes.ObjectDoesNotExist);
    }

    [TestMethod]
    public void Update_by_a_key_nobody_has_fails_with_does_not_exist()
    {
        var (_, service) = WithAttemptKey();
        var keys = new KeyAttributeCollection { { "rx_contactid", new EntityReference("contact", Guid.NewGuid()) }, { "rx_period", "1999-01" } };

        Faults.Expect(() => service.Update(new Entity("rx_reactivationattempt", keys) { ["rx_outcome"] = new OptionSetValue(2) }), DataverseErrorCodes.ObjectDoesNotExist);
    }

    [TestMethod]
    public void Upsert_by_alternate_key_creates_the_row_then_updates_it()
    {
        var (_, service) = WithAttemptKey();
        var contact = Guid.NewGuid();
        var keys = new KeyAttributeCollection { { "rx_contactid", new EntityReference("contact", contact) }, { "rx_period", "2026-03" } };

        var first = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("rx_reactivationattempt", keys) { ["rx_step"] = 1 } });
        var second = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("rx_reactivationattempt", keys) { ["rx_step"] = 2 } });

        Assert.IsTrue(first.RecordCreated);
        Assert.IsFalse(second.RecordCreated);
        Assert.AreEqual(first.Target.Id, second.Target.Id);
        var row = service.Retrieve("rx_reactivationattempt", first.Target.Id, new ColumnSet(true));
        Assert.AreEqual(2, row["rx_step"]);
        Assert.AreEqual("2026-03", row["rx_period"], "the key values were written as columns on create");
        Assert.HasCount(1, service.RetrieveMultiple(new QueryExpression("rx_reactivationattempt")).Entities);
    }

    [TestMethod]
    public void Upsert_with_an_id_creates_the_row_with_that_id()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = Guid.NewGuid();

        var response = (UpsertResponse)service.Execute(new UpsertRequest { Target = new Entity("contact", id) { ["lastname"] = "New" } });

        Assert.IsTrue(response.RecordCreated);
        Assert.AreEqual(id, response.Target.Id);
        Assert.AreEqual("New", service.Retrieve("contact", id, new ColumnSet("lastname"))["lastname"]);
    }

    [TestMethod]
    public void Defining_a_key_over_rows_that_already_share_values_fails()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        service.Create(new Entity("contact") { ["emailaddress1"] = "same@example.com" });
        service.Create(new Entity("contact") { ["emailaddress1"] = "same@example.com" });

        Assert.ThrowsExactly<InvalidOperationException>(() => org.DefineAlternateKey("contact", "rx_email", "emailaddress1"));
    }

    [TestMethod]
    public void An_update_with_a_stale_RowVersion_fails_with_ConcurrencyVersionMismatch()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "A" });
        var read = service.Retrieve("contact", id, new ColumnSet("lastname"));
        service.Update(new Entity("contact", id) { ["lastname"] = "B" });

        var stale = new Entity("contact", id) { ["lastname"] = "C", RowVersion = read.RowVersion };
        Faults.Expect(() => service.Execute(new UpdateRequest { Target = stale, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }), DataverseErrorCodes.ConcurrencyVersionMismatch);

        Assert.AreEqual("B", service.Retrieve("contact", id, new ColumnSet("lastname"))["lastname"]);
    }

    [TestMethod]
    public void An_update_with_the_current_RowVersion_succeeds()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "A" });
        var read = service.Retrieve("contact", id, new ColumnSet("lastname"));

        service.Execute(new UpdateRequest { Target = new Entity("contact", id) { ["lastname"] = "B", RowVersion = read.RowVersion }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });

        Assert.AreEqual("B", service.Retrieve("contact", id, new ColumnSet("lastname"))["lastname"]);
    }

    [TestMethod]
    public void Default_and_AlwaysOverwrite_ignore_a_stale_RowVersion()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "A" });
        var stale = service.Retrieve("contact", id, new ColumnSet("lastname")).RowVersion;
        service.Update(new Entity("contact", id) { ["lastname"] = "B" });

        service.Execute(new UpdateRequest { Target = new Entity("contact", id) { ["lastname"] = "C", RowVersion = stale }, ConcurrencyBehavior = ConcurrencyBehavior.Default });
        service.Execute(new UpdateRequest { Target = new Entity("contact", id) { ["lastname"] = "D", RowVersion = stale }, ConcurrencyBehavior = ConcurrencyBehavior.AlwaysOverwrite });

        Assert.AreEqual("D", service.Retrieve("contact", id, new ColumnSet("lastname"))["lastname"]);
    }

    [TestMethod]
    public void IfRowVersionMatches_without_a_RowVersion_fails()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact"));

        Faults.Expect(() => service.Execute(new UpdateRequest { Target = new Entity("contact", id) { ["lastname"] = "x" }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }), DataverseErrorCodes.ConcurrencyVersionNotProvided);
    }

    [TestMethod]
    public void A_delete_with_a_stale_RowVersion_fails_and_keeps_the_row()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact"));
        var stale = service.Retrieve("contact", id, new ColumnSet()).RowVersion;
        service.Update(new Entity("contact", id) { ["lastname"] = "B" });

        Faults.Expect(() => service.Execute(new DeleteRequest { Target = new EntityReference("contact", id) { RowVersion = stale }, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }), DataverseErrorCodes.ConcurrencyVersionMismatch);

        Assert.IsNotNull(service.Retrieve("contact", id, new ColumnSet()));
    }
}
