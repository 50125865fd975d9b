using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace Reactivation.XrmSdkCompat.Tests;

[TestClass]
public sealed class CollectionTests
{
    [TestMethod]
    public void Reading_a_missing_key_from_a_DataCollection_throws_KeyNotFoundException()
    {
        var inputs = new ParameterCollection();

        Assert.ThrowsExactly<KeyNotFoundException>(() => inputs["Target"]);
    }

    [TestMethod]
    public void Setting_a_key_adds_it_and_setting_it_again_replaces_the_value()
    {
        var inputs = new ParameterCollection { ["Target"] = "first" };
        inputs["Target"] = "second";

        Assert.HasCount(1, inputs);
        Assert.AreEqual("second", inputs["Target"]);
    }

    [TestMethod]
    public void Adding_a_key_that_is_already_there_throws_ArgumentException()
    {
        var attributes = new AttributeCollection { { "firstname", "Mei" } };

        Assert.ThrowsExactly<ArgumentException>(() => attributes.Add("firstname", "Li"));
        Assert.ThrowsExactly<ArgumentException>(() => attributes.Add(new KeyValuePair<string, object?>("firstname", "Li")));
    }

    [TestMethod]
    public void Keys_are_compared_case_sensitively()
    {
        var images = new EntityImageCollection { { "PreImage", new Entity("contact") } };

        Assert.IsTrue(images.Contains("PreImage"));
        Assert.IsFalse(images.ContainsKey("preimage"));
        Assert.IsFalse(images.TryGetValue("PREIMAGE", out _));
    }

    [TestMethod]
    public void A_read_only_collection_refuses_every_change_with_the_SDK_message()
    {
        var images = new EntityImageCollection { { "PreImage", new Entity("contact") } };
        images.IsReadOnly = true;
        var extra = new KeyValuePair<string, Entity>("PostImage", new Entity("contact"));

        Action[] changes =
        [
            () => images.Add("PostImage", new Entity("contact")),
            () => images.Add(extra),
            () => images.AddRange(extra),
            () => images["PreImage"] = new Entity("contact"),
            () => images.Remove("PreImage"),
            () => images.Remove(new KeyValuePair<string, Entity>("PreImage", images["PreImage"])),
            () => images.Clear(),
        ];
        foreach (var change in changes)
        {
            var error = Assert.ThrowsExactly<InvalidOperationException>(change);
            Assert.AreEqual("The collection is read-only.", error.Message);
        }

        Assert.HasCount(1, images);
        Assert.IsNotNull(images["PreImage"]);
    }

    [TestMethod]
    public void IsReadOnly_cannot_be_set_from_outside_the_SDK()
    {
        var property = typeof(DataCollection<string, object>).GetProperty(nameof(DataCollection<string, object>.IsReadOnly))!;

        Assert.IsTrue(property.GetMethod!.IsPublic);
        Assert.IsTrue(property.SetMethod!.IsAssembly);
    }

    [TestMethod]
    public void DataCollection_of_T_cannot_be_constructed_outside_the_SDK_but_its_named_collections_can()
    {
        Assert.IsEmpty(typeof(DataCollection<Entity>).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.IsNotNull(typeof(OrganizationRequestCollection).GetConstructor(Type.EmptyTypes));

        var requests = new OrganizationRequestCollection();
        requests.AddRange(new OrganizationRequest("WhoAmI"), new OrganizationRequest("WhoAmI"));
        Assert.HasCount(2, requests.ToArray());
    }

    [TestMethod]
    public void AddOrUpdateIfNotNull_ignores_null_and_otherwise_adds_or_replaces()
    {
        var outputs = new ParameterCollection { ["rx_nextevaluation"] = "old" };

        outputs.AddOrUpdateIfNotNull("rx_nextevaluation", null);
        outputs.AddOrUpdateIfNotNull("rx_reason", null);
        Assert.AreEqual("old", outputs["rx_nextevaluation"]);
        Assert.IsFalse(outputs.Contains("rx_reason"));

        outputs.AddOrUpdateIfNotNull("rx_nextevaluation", "new");
        outputs.AddOrUpdateIfNotNull("rx_reason", "overdue");
        Assert.AreEqual("new", outputs["rx_nextevaluation"]);
        Assert.AreEqual("overdue", outputs["rx_reason"]);
    }

    [TestMethod]
    public void ParameterCollection_TryGetValue_of_T_is_false_for_a_missing_key_or_a_value_of_another_type()
    {
        var inputs = new ParameterCollection { ["Target"] = new EntityReference("contact", Guid.NewGuid()) };

        Assert.IsTrue(inputs.TryGetValue<EntityReference>("Target", out var target));
        Assert.AreEqual("contact", target.LogicalName);
        Assert.IsFalse(inputs.TryGetValue<Entity>("Target", out var asEntity));
        Assert.IsNull(asEntity);
        Assert.IsFalse(inputs.TryGetValue<Entity>("target", out _));
    }

    [TestMethod]
    public void A_collection_built_from_a_dictionary_copies_it()
    {
        var source = new Dictionary<string, object?> { ["firstname"] = "Mei" };
        var attributes = new AttributeCollection(source);
        source["lastname"] = "Wang";

        Assert.HasCount(1, attributes);
        Assert.IsTrue(attributes.Contains(new KeyValuePair<string, object?>("firstname", "Mei")));
        Assert.HasCount(1, attributes.Keys);
        Assert.HasCount(1, attributes.Values);
    }
}
