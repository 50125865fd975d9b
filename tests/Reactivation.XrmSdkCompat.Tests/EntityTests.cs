using Microsoft.Xrm.Sdk;

namespace Reactivation.XrmSdkCompat.Tests;

[TestClass]
public sealed class EntityTests
{
    private static readonly Guid ContactId = new("4a5b2c1d-0000-4000-8000-000000000001");

    [TestMethod]
    public void GetAttributeValue_of_a_missing_column_returns_default()
    {
        var contact = new Entity("contact");

        Assert.IsNull(contact.GetAttributeValue<string>("firstname"));
        Assert.AreEqual(0, contact.GetAttributeValue<int>("numberofchildren"));
        Assert.IsNull(contact.GetAttributeValue<int?>("numberofchildren"));
        Assert.AreEqual(Guid.Empty, contact.GetAttributeValue<Guid>("parentcustomerid"));
    }

    [TestMethod]
    public void GetAttributeValue_of_a_column_set_to_null_returns_default()
    {
        var contact = new Entity("contact") { ["birthdate"] = null, ["creditlimit"] = null };

        Assert.AreEqual(default, contact.GetAttributeValue<DateTime>("birthdate"));
        Assert.IsNull(contact.GetAttributeValue<Money>("creditlimit"));
    }

    [TestMethod]
    public void GetAttributeValue_of_a_boxed_int_works_as_int_and_nullable_int_but_throws_as_long()
    {
        var contact = new Entity("contact") { ["numberofchildren"] = 3 };

        Assert.AreEqual(3, contact.GetAttributeValue<int>("numberofchildren"));
        Assert.AreEqual(3, contact.GetAttributeValue<int?>("numberofchildren"));
        Assert.ThrowsExactly<InvalidCastException>(() => contact.GetAttributeValue<long>("numberofchildren"));
    }

    [TestMethod]
    public void GetAttributeValue_of_the_wrong_type_throws_InvalidCastException()
    {
        var contact = new Entity("contact") { ["parentcustomerid"] = "not a reference" };

        Assert.ThrowsExactly<InvalidCastException>(() => contact.GetAttributeValue<EntityReference>("parentcustomerid"));
        Assert.ThrowsExactly<InvalidCastException>(() => contact.GetAttributeValue<OptionSetValue>("parentcustomerid"));
    }

    [TestMethod]
    public void TryGetAttributeValue_is_false_for_a_missing_column_a_null_value_or_another_type()
    {
        var contact = new Entity("contact") { ["firstname"] = "Mei", ["middlename"] = null };

        Assert.IsTrue(contact.TryGetAttributeValue<string>("firstname", out var firstName));
        Assert.AreEqual("Mei", firstName);
        Assert.IsFalse(contact.TryGetAttributeValue<string>("lastname", out _));
        Assert.IsFalse(contact.TryGetAttributeValue<string>("middlename", out _));
        Assert.IsFalse(contact.TryGetAttributeValue<int>("firstname", out var wrong));
        Assert.AreEqual(0, wrong);
    }

    [TestMethod]
    public void Reading_a_column_that_is_not_in_the_entity_through_the_indexer_throws_KeyNotFoundException()
    {
        var contact = new Entity("contact");

        Assert.ThrowsExactly<KeyNotFoundException>(() => contact["emailaddress1"]);
    }

    [TestMethod]
    public void Setting_a_column_through_the_indexer_adds_it_then_replaces_it()
    {
        var contact = new Entity("contact") { ["lastname"] = "Wang" };
        contact["lastname"] = "Li";

        Assert.AreEqual("Li", contact["lastname"]);
        Assert.HasCount(1, contact.Attributes);
    }

    [TestMethod]
    public void Column_names_are_case_sensitive()
    {
        var contact = new Entity("contact") { ["rx_lifecyclestage"] = new OptionSetValue(3) };

        Assert.IsTrue(contact.Contains("rx_lifecyclestage"));
        Assert.IsFalse(contact.Contains("rx_LifecycleStage"));
        Assert.ThrowsExactly<KeyNotFoundException>(() => contact["RX_LIFECYCLESTAGE"]);
        Assert.IsNull(contact.GetAttributeValue<OptionSetValue>("rx_LifecycleStage"));
    }

    [TestMethod]
    public void Attributes_are_created_on_first_use_and_can_be_replaced()
    {
        var contact = new Entity();

        Assert.IsNotNull(contact.Attributes);
        Assert.AreSame(contact.Attributes, contact.Attributes);
        Assert.IsEmpty(contact.Attributes);
        Assert.IsNull(contact.LogicalName);

        var replacement = new AttributeCollection { { "firstname", "Mei" } };
        contact.Attributes = replacement;
        Assert.AreEqual("Mei", contact["firstname"]);
    }

    [TestMethod]
    public void An_entity_created_with_a_name_and_id_has_both_and_no_state()
    {
        var contact = new Entity("contact", ContactId);

        Assert.AreEqual("contact", contact.LogicalName);
        Assert.AreEqual(ContactId, contact.Id);
        Assert.IsNull(contact.EntityState);
        Assert.IsNull(contact.RowVersion);
    }

    [TestMethod]
    public void An_entity_created_with_an_alternate_key_carries_it_in_KeyAttributes_and_has_no_id()
    {
        var contact = new Entity("contact", "rx_externalid", "C-001");

        Assert.AreEqual(Guid.Empty, contact.Id);
        Assert.AreEqual("C-001", contact.KeyAttributes["rx_externalid"]);
        Assert.IsFalse(contact.Contains("rx_externalid"));
    }

    [TestMethod]
    public void ToEntityReference_copies_logical_name_id_and_row_version()
    {
        var contact = new Entity("contact", ContactId) { RowVersion = "12345", ["fullname"] = "Mei Wang" };

        var reference = contact.ToEntityReference();

        Assert.AreEqual("contact", reference.LogicalName);
        Assert.AreEqual(ContactId, reference.Id);
        Assert.AreEqual("12345", reference.RowVersion);
        Assert.IsNull(reference.Name);
    }

    [TestMethod]
    public void ToEntity_makes_a_shallow_copy_that_shares_the_attribute_collection()
    {
        var contact = new Entity("contact", ContactId) { ["firstname"] = "Mei" };

        var asContact = contact.ToEntity<EarlyBoundContact>();
        asContact["lastname"] = "Wang";

        Assert.AreEqual(ContactId, asContact.Id);
        Assert.AreEqual("Mei", asContact.FirstName);
        Assert.AreEqual("Wang", contact["lastname"]);

        var plain = contact.ToEntity<Entity>();
        Assert.AreNotSame(contact, plain);
        Assert.AreSame(contact.Attributes, plain.Attributes);
    }

    [TestMethod]
    public void ToEntity_refuses_to_turn_one_table_into_another()
    {
        Assert.ThrowsExactly<NotSupportedException>(() => new Entity("account").ToEntity<EarlyBoundContact>());
        Assert.ThrowsExactly<NotSupportedException>(() => new Entity().ToEntity<EarlyBoundContact>());
    }

    [TestMethod]
    public void An_early_bound_class_uses_the_protected_SetAttributeValue_and_GetFormattedAttributeValue()
    {
        var contact = new EarlyBoundContact { FirstName = "Mei" };
        contact.FormattedValues["rx_lifecyclestage"] = "Sleeping";

        Assert.AreEqual("Mei", contact["firstname"]);
        Assert.AreEqual("Sleeping", contact.StageLabel);
        Assert.IsNull(contact.LabelOf("gendercode"));
    }

    private sealed class EarlyBoundContact : Entity
    {
        public EarlyBoundContact()
            : base("contact")
        {
        }

        public string? FirstName
        {
            get => GetAttributeValue<string>("firstname");
            set => SetAttributeValue("firstname", value);
        }

        public string? StageLabel => GetFormattedAttributeValue("rx_lifecyclestage");

        public string? LabelOf(string column) => GetFormattedAttributeValue(column);
    }
}
