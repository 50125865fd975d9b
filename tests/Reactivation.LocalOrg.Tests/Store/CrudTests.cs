using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Tests.Pipeline;

namespace Reactivation.LocalOrg.Tests.Store;

[TestClass]
public sealed class CrudTests
{
    [TestMethod]
    public void Create_stores_the_columns_and_sets_the_system_columns()
    {
        var user = Guid.NewGuid();
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(user);

        var id = service.Create(new Entity("contact") { ["lastname"] = "Lin", ["rx_visits"] = 3 });

        var row = service.Retrieve("contact", id, new ColumnSet(true));
        Assert.AreEqual("Lin", row["lastname"]);
        Assert.AreEqual(3, row["rx_visits"]);
        Assert.AreEqual(id, row["contactid"]);
        Assert.AreEqual(TestOrg.Now, row["createdon"]);
        Assert.AreEqual(TestOrg.Now, row["modifiedon"]);
        Assert.AreEqual(new EntityReference("systemuser", user), row["createdby"]);
        Assert.AreEqual(new EntityReference("systemuser", user), row["modifiedby"]);
        Assert.AreEqual(new EntityReference("systemuser", user), row["ownerid"]);
        Assert.AreEqual(new OptionSetValue(0), row["statecode"]);
        Assert.AreEqual(new OptionSetValue(1), row["statuscode"]);
        Assert.IsInstanceOfType<long>(row["versionnumber"]);
        Assert.AreEqual(row.GetAttributeValue<long>("versionnumber").ToString(System.Globalization.CultureInfo.InvariantCulture), row.RowVersion);
    }

    [TestMethod]
    public void Create_keeps_an_owner_and_state_the_caller_gave()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var team = new EntityReference("team", Guid.NewGuid());

        var id = service.Create(new Entity("contact") { ["ownerid"] = team, ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

        var row = service.Retrieve("contact", id, new ColumnSet("ownerid", "statecode", "statuscode"));
        Assert.AreEqual(team, row["ownerid"]);
        Assert.AreEqual(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(2, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [TestMethod]
    public void Create_uses_an_id_the_caller_chose_and_a_second_create_with_it_fails_as_a_duplicate_key()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = Guid.NewGuid();

        Assert.AreEqual(id, service.Create(new Entity("contact", id)));

        var fault = Faults.Expect(() => service.Create(new Entity("contact", id)), DataverseErrorCodes.DuplicateRecord);
        Assert.AreEqual("Cannot insert duplicate key.", fault.Message);
    }

    [TestMethod]
    public void Activity_tables_use_activityid_as_their_primary_key()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);

        var taskId = service.Create(new Entity("task") { ["subject"] = "Call back" });
        var outreachId = service.Create(new Entity("rx_outreachmessage"));

        Assert.AreEqual(taskId, service.Retrieve("task", taskId, new ColumnSet("subject"))["activityid"]);
        Assert.IsTrue(service.Retrieve("rx_outreachmessage", outreachId, new ColumnSet()).Contains("activityid"));
        Assert.AreEqual("rx_incentiveid", org.PrimaryIdAttributeOf("rx_incentive"));
    }

    [TestMethod]
    public void The_primary_key_rule_can_be_overridden()
    {
        var org = new LocalOrganization(new LocalOrganizationOptions { PrimaryIdAttribute = t => t == "rx_legacy" ? "rx_legacykey" : null });

        Assert.AreEqual("rx_legacykey", org.PrimaryIdAttributeOf("rx_legacy"));
        Assert.AreEqual("contactid", org.PrimaryIdAttributeOf("contact"));
    }

    [TestMethod]
    public void Retrieve_returns_only_the_requested_columns_that_have_values_plus_the_primary_key()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["firstname"] = "Mei", ["lastname"] = "Lin", ["emailaddress1"] = "mei@example.com" });

        var row = service.Retrieve("contact", id, new ColumnSet("firstname", "telephone1"));

        CollectionAssert.AreEquivalent(new[] { "firstname", "contactid" }, row.Attributes.Keys.ToArray());
        Assert.AreEqual(id, row.Id);
        Assert.AreEqual("contact", row.LogicalName);
        Assert.IsNotNull(row.RowVersion);
    }

    [TestMethod]
    public void Retrieve_of_a_missing_row_fails_with_does_not_exist()
    {
        var org = TestOrg.Create();
        var id = Guid.NewGuid();

        var fault = Faults.Expect(() => org.CreateOrganizationService(null).Retrieve("contact", id, new ColumnSet(true)), DataverseErrorCodes.ObjectDoesNotExist);

        Assert.AreEqual($"contact With Id = {id} Does Not Exist", fault.Message);
    }

    [TestMethod]
    public void Stored_rows_cannot_be_changed_through_references_the_caller_kept()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var parent = new EntityReference("account", Guid.NewGuid());
        var sent = new Entity("contact") { ["lastname"] = "Original", ["parentcustomerid"] = parent };
        var id = service.Create(sent);

        sent["lastname"] = "Changed after create";
        parent.Id = Guid.Empty;
        var retrieved = service.Retrieve("contact", id, new ColumnSet(true));
        retrieved["lastname"] = "Changed after retrieve";
        retrieved.GetAttributeValue<EntityReference>("parentcustomerid").Id = Guid.Empty;

        var again = service.Retrieve("contact", id, new ColumnSet(true));
        Assert.AreEqual("Original", again["lastname"]);
        Assert.AreNotEqual(Guid.Empty, again.GetAttributeValue<EntityReference>("parentcustomerid").Id);
    }

    [TestMethod]
    public void Update_merges_the_Target_into_the_row_and_stamps_modifiedon_modifiedby_and_the_version()
    {
        var now = TestOrg.Now;
        var org = TestOrg.Create(() => now);
        var creator = org.CreateOrganizationService(null);
        var id = creator.Create(new Entity("contact") { ["firstname"] = "Mei", ["lastname"] = "Lin" });
        var before = creator.Retrieve("contact", id, new ColumnSet(true));
        now = now.AddHours(5);
        var editor = Guid.NewGuid();

        org.CreateOrganizationService(editor).Update(new Entity("contact", id) { ["lastname"] = "Wang", ["createdon"] = DateTime.UnixEpoch });

        var after = creator.Retrieve("contact", id, new ColumnSet(true));
        Assert.AreEqual("Mei", after["firstname"]);
        Assert.AreEqual("Wang", after["lastname"]);
        Assert.AreEqual(TestOrg.Now, after["createdon"], "createdon cannot be changed by an update");
        Assert.AreEqual(TestOrg.Now.AddHours(5), after["modifiedon"]);
        Assert.AreEqual(editor, after.GetAttributeValue<EntityReference>("modifiedby").Id);
        Assert.IsGreaterThan(before.GetAttributeValue<long>("versionnumber"), after.GetAttributeValue<long>("versionnumber"));
    }

    [TestMethod]
    public void Update_with_a_null_value_clears_the_column()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["telephone1"] = "555" });

        service.Update(new Entity("contact", id) { ["telephone1"] = null });

        Assert.IsFalse(service.Retrieve("contact", id, new ColumnSet("telephone1")).Contains("telephone1"));
    }

    [TestMethod]
    public void Update_and_Delete_of_a_missing_row_fail_with_does_not_exist()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);

        Faults.Expect(() => service.Update(new Entity("contact", Guid.NewGuid()) { ["lastname"] = "x" }), DataverseErrorCodes.ObjectDoesNotExist);
        Faults.Expect(() => service.Delete("contact", Guid.NewGuid()), DataverseErrorCodes.ObjectDoesNotExist);
    }

    [TestMethod]
    public void Delete_removes_the_row()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact"));

        service.Delete("contact", id);

        Faults.Expect(() => service.Retrieve("contact", id, new ColumnSet(true)), DataverseErrorCodes.ObjectDoesNotExist);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void Table_and_column_names_are_case_sensitive()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "lower" });

        Faults.Expect(() => service.Retrieve("Contact", id, new ColumnSet(true)), DataverseErrorCodes.ObjectDoesNotExist);
        Assert.IsFalse(service.Retrieve("contact", id, new ColumnSet("LastName")).Contains("LastName"));
    }

    [TestMethod]
    public void Local_date_times_are_stored_as_UTC()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var local = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);

        var id = service.Create(new Entity("contact") { ["birthdate"] = local });

        var stored = service.Retrieve("contact", id, new ColumnSet("birthdate")).GetAttributeValue<DateTime>("birthdate");
        Assert.AreEqual(DateTimeKind.Utc, stored.Kind);
        Assert.AreEqual(local.ToUniversalTime(), stored);
    }

    [TestMethod]
    public void WhoAmI_answers_the_caller_business_unit_and_organisation()
    {
        var org = TestOrg.Create();
        var user = Guid.NewGuid();

        var response = org.CreateOrganizationService(user).Execute(new OrganizationRequest("WhoAmI"));

        Assert.AreEqual(user, response["UserId"]);
        Assert.AreEqual(org.Options.BusinessUnitId, response["BusinessUnitId"]);
        Assert.AreEqual(org.Options.OrganizationId, response["OrganizationId"]);
    }
}
