using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Registration;

namespace Reactivation.LocalOrg.Tests.Pipeline;

[TestClass]
public sealed class ImageAndFilteringTests
{
    [TestMethod]
    public void Filtering_attributes_skip_an_update_that_touches_none_of_them()
    {
        var org = TestOrg.Create();
        var fired = 0;
        org.Step("Update", "contact", 40, _ => fired++, filteringAttributes: ["rx_lastpurchaseon", "rx_lifecyclestage"]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact"));

        service.Update(new Entity("contact", id) { ["telephone1"] = "555" });

        Assert.AreEqual(0, fired);
    }

    [TestMethod]
    public void Filtering_attributes_fire_when_one_of_them_is_in_the_Target_even_with_the_same_value()
    {
        var org = TestOrg.Create();
        var fired = 0;
        org.Step("Update", "contact", 40, _ => fired++, filteringAttributes: ["rx_lastpurchaseon", "rx_lifecyclestage"]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["rx_lifecyclestage"] = new OptionSetValue(2) });

        service.Update(new Entity("contact", id) { ["rx_lifecyclestage"] = new OptionSetValue(2) });

        Assert.AreEqual(1, fired);
    }

    [TestMethod]
    public void Filtering_attributes_are_checked_per_step_against_the_Target_as_earlier_steps_left_it()
    {
        var org = TestOrg.Create();
        var fired = false;
        org.Step("Update", "contact", 20, run => run.Target["rx_lifecyclestage"] = new OptionSetValue(4), rank: 1);
        org.Step("Update", "contact", 20, _ => fired = true, rank: 2, filteringAttributes: ["rx_lifecyclestage"]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact"));

        service.Update(new Entity("contact", id) { ["telephone1"] = "555" });

        Assert.IsTrue(fired);
    }

    [TestMethod]
    public void Filtering_attributes_do_not_apply_to_Create()
    {
        var org = TestOrg.Create();
        var fired = false;
        org.Step("Create", "contact", 40, _ => fired = true, filteringAttributes: ["rx_lifecyclestage"]);

        org.CreateOrganizationService(null).Create(new Entity("contact") { ["lastname"] = "Ma" });

        Assert.IsTrue(fired);
    }

    [TestMethod]
    public void A_pre_image_has_the_stored_values_including_columns_not_in_the_Target()
    {
        var org = TestOrg.Create();
        Entity? pre = null;
        org.Step("Update", "contact", 40, run => pre = run.Context.PreEntityImages["PreImage"], images: [TestOrg.PreImage()]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Old", ["emailaddress1"] = "a@example.com" });

        service.Update(new Entity("contact", id) { ["lastname"] = "New" });

        Assert.AreEqual("Old", pre!["lastname"]);
        Assert.AreEqual("a@example.com", pre["emailaddress1"]);
        Assert.AreEqual(id, pre.Id);
        Assert.IsTrue(pre.Contains("createdon"));
    }

    [TestMethod]
    public void A_pre_image_is_there_at_every_stage_of_an_update()
    {
        var org = TestOrg.Create();
        var stages = new List<int>();
        foreach (var stage in new[] { 10, 20, 40 })
        {
            org.Step("Update", "contact", stage, run =>
            {
                if (run.Context.PreEntityImages.Contains("PreImage"))
                {
                    stages.Add(run.Context.Stage);
                }
            }, images: [TestOrg.PreImage()]);
        }

        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact"));
        service.Update(new Entity("contact", id) { ["lastname"] = "x" });

        CollectionAssert.AreEqual(new[] { 10, 20, 40 }, stages);
    }

    [TestMethod]
    public void Image_attribute_lists_limit_the_columns_in_the_image()
    {
        var org = TestOrg.Create();
        Entity? pre = null;
        org.Step("Update", "contact", 20, run => pre = run.Context.PreEntityImages["Lean"], images: [TestOrg.PreImage("Lean", "lastname", "rx_lifecyclestage")]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Old", ["emailaddress1"] = "a@example.com", ["rx_lifecyclestage"] = new OptionSetValue(1) });

        service.Update(new Entity("contact", id) { ["telephone1"] = "555" });

        CollectionAssert.AreEquivalent(new[] { "lastname", "rx_lifecyclestage" }, pre!.Attributes.Keys.ToArray());
    }

    [TestMethod]
    public void A_post_image_on_update_has_the_merged_row_after_the_operation()
    {
        var org = TestOrg.Create(() => TestOrg.Now.AddDays(1));
        Entity? post = null;
        org.Step("Update", "contact", 40, run => post = run.Context.PostEntityImages["PostImage"], images: [TestOrg.PostImage()]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Old", ["emailaddress1"] = "a@example.com" });

        service.Update(new Entity("contact", id) { ["lastname"] = "New" });

        Assert.AreEqual("New", post!["lastname"]);
        Assert.AreEqual("a@example.com", post["emailaddress1"]);
        Assert.AreEqual(TestOrg.Now.AddDays(1), post["modifiedon"]);
    }

    [TestMethod]
    public void A_post_image_on_create_has_the_system_columns_the_platform_set()
    {
        var org = TestOrg.Create();
        Entity? post = null;
        org.Step("Create", "contact", 40, run => post = run.Context.PostEntityImages["PostImage"], images: [new ImageRegistration("PostImage", 1, [], "id")]);

        var id = org.CreateOrganizationService(null).Create(new Entity("contact") { ["lastname"] = "New" });

        Assert.AreEqual(id, post!["contactid"]);
        Assert.AreEqual(0, post.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.IsTrue(post.Contains("ownerid"));
    }

    [TestMethod]
    public void A_delete_pre_image_has_the_row_that_was_deleted()
    {
        var org = TestOrg.Create();
        Entity? pre = null;
        EntityReference? target = null;
        org.Step("Delete", "contact", 40, run =>
        {
            pre = run.Context.PreEntityImages["PreImage"];
            target = (EntityReference)run.Context.InputParameters["Target"]!;
        }, images: [TestOrg.PreImage()]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Gone" });

        service.Delete("contact", id);

        Assert.AreEqual("Gone", pre!["lastname"]);
        Assert.AreEqual(new EntityReference("contact", id), target);
    }

    [TestMethod]
    public void Both_image_type_gives_a_pre_and_a_post_image_under_the_same_alias()
    {
        var org = TestOrg.Create();
        (string? Pre, string? Post) seen = default;
        org.Step("Update", "contact", 40, run => seen = (
            run.Context.PreEntityImages["Image"].GetAttributeValue<string>("lastname"),
            run.Context.PostEntityImages["Image"].GetAttributeValue<string>("lastname")), images: [new ImageRegistration("Image", 2, ["lastname"], "Target")]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Before" });

        service.Update(new Entity("contact", id) { ["lastname"] = "After" });

        Assert.AreEqual(("Before", "After"), seen);
    }

    [TestMethod]
    public void Registrations_Dataverse_refuses_are_refused()
    {
        var org = TestOrg.Create();

        Assert.ThrowsExactly<ArgumentException>(() => org.Step("Create", "contact", 40, _ => { }, images: [TestOrg.PreImage()]), "pre-image on Create");
        Assert.ThrowsExactly<ArgumentException>(() => org.Step("Delete", "contact", 40, _ => { }, images: [TestOrg.PostImage()]), "post-image on Delete");
        Assert.ThrowsExactly<ArgumentException>(() => org.Step("Update", "contact", 20, _ => { }, images: [TestOrg.PostImage()]), "post-image at PreOperation");
        Assert.ThrowsExactly<ArgumentException>(() => org.Step("Update", "contact", 20, _ => { }, mode: 1), "async at PreOperation");
        Assert.ThrowsExactly<ArgumentException>(() => org.Step("Update", "contact", 30, _ => { }), "stage 30");
        Assert.IsEmpty(org.Steps);
    }

    [TestMethod]
    public void Images_are_copies_so_changing_one_does_not_change_the_stored_row()
    {
        var org = TestOrg.Create();
        org.Step("Update", "contact", 40, run => run.Context.PreEntityImages["PreImage"]["lastname"] = "Tampered", images: [TestOrg.PreImage()]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Kept", ["firstname"] = "A" });

        service.Update(new Entity("contact", id) { ["firstname"] = "B" });

        Assert.AreEqual("Kept", service.Retrieve("contact", id, new ColumnSet("lastname"))["lastname"]);
    }
}
