using Microsoft.Xrm.Sdk;

namespace Reactivation.XrmSdkCompat.Tests;

[TestClass]
public sealed class ValueTypeTests
{
    private static readonly Guid OrderId = new("4a5b2c1d-0000-4000-8000-0000000000a1");

    [TestMethod]
    public void Money_with_the_same_amount_is_equal()
    {
        Assert.AreEqual(new Money(120.50m), new Money(120.5m));
        Assert.AreEqual(new Money(120.50m).GetHashCode(), new Money(120.5m).GetHashCode());
        Assert.AreNotEqual(new Money(120m), new Money(121m));
        Assert.IsFalse(new Money(1m).Equals(1m));
    }

    [TestMethod]
    public void OptionSetValue_with_the_same_number_is_equal()
    {
        Assert.AreEqual(new OptionSetValue(100000001), new OptionSetValue(100000001));
        Assert.AreEqual(new OptionSetValue(7).GetHashCode(), new OptionSetValue(7).GetHashCode());
        Assert.AreNotEqual(new OptionSetValue(1), new OptionSetValue(2));
        Assert.IsFalse(new OptionSetValue(1).Equals(1));
    }

    [TestMethod]
    public void EntityReference_equality_ignores_Name_but_not_the_case_of_the_logical_name()
    {
        var a = new EntityReference("salesorder", OrderId) { Name = "Order 1" };
        var b = new EntityReference("salesorder", OrderId) { Name = "Different label" };

        Assert.AreEqual(a, b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
        Assert.AreNotEqual(a, new EntityReference("SalesOrder", OrderId));
        Assert.AreNotEqual(a, new EntityReference("salesorder", Guid.NewGuid()));
    }

    [TestMethod]
    public void EntityReferences_by_alternate_key_are_equal_only_when_the_keys_match()
    {
        var a = new EntityReference("contact", "rx_externalid", "C-001");
        var b = new EntityReference("contact", "rx_externalid", "C-001");
        var c = new EntityReference("contact", "rx_externalid", "C-002");

        Assert.AreEqual(a, b);
        Assert.AreNotEqual(a, c);
        Assert.AreNotEqual(a, new EntityReference("contact"));
    }

    [TestMethod]
    public void AliasedValue_carries_the_linked_table_column_and_value()
    {
        var aliased = new AliasedValue("salesorder", "totalamount", new Money(80m));

        Assert.AreEqual("salesorder", aliased.EntityLogicalName);
        Assert.AreEqual("totalamount", aliased.AttributeLogicalName);
        Assert.AreEqual(new Money(80m), aliased.Value);

        // Only the platform (here: the local organisation, through the internal setter) changes it.
        aliased.Value = new Money(90m);
        Assert.AreEqual(new Money(90m), aliased.Value);
    }

    [TestMethod]
    public void Relationships_with_the_same_schema_name_and_role_are_equal()
    {
        var a = new Relationship("rx_contact_attempts") { PrimaryEntityRole = EntityRole.Referenced };
        var b = new Relationship("rx_contact_attempts") { PrimaryEntityRole = EntityRole.Referenced };

        Assert.AreEqual(a, b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
        Assert.AreNotEqual(a, new Relationship("rx_contact_attempts"));
        Assert.AreEqual("rx_contact_attempts", a.ToString());
    }

    [TestMethod]
    public void EntityCollection_indexer_reads_and_writes_Entities_and_a_list_is_wrapped_not_copied()
    {
        var rows = new List<Entity> { new("contact") };
        var page = new EntityCollection(rows) { EntityName = "contact", MoreRecords = true, PagingCookie = "<cookie page=\"1\" />" };

        rows.Add(new Entity("contact"));
        page[0] = new Entity("contact", OrderId);

        Assert.HasCount(2, page.Entities);
        Assert.AreEqual(OrderId, rows[0].Id);
        Assert.IsEmpty(new EntityCollection().Entities);
    }

    [TestMethod]
    public void OrganizationServiceFault_error_details_are_ready_to_fill()
    {
        var fault = new OrganizationServiceFault { ErrorCode = -2147015902, Message = "Number of requests exceeded the limit." };
        fault.ErrorDetails["Retry-After"] = TimeSpan.FromSeconds(5);

        Assert.AreEqual(TimeSpan.FromSeconds(5), fault.ErrorDetails["Retry-After"]);
        Assert.AreEqual("Number of requests exceeded the limit.", fault.ToString());
        Assert.AreEqual(2, new ExecuteTransactionFault { FaultedRequestIndex = 2 }.FaultedRequestIndex);
    }
}
