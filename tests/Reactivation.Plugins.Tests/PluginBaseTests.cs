using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg;
using Reactivation.LocalOrg.Registration;

namespace Reactivation.Plugins.Tests;

/// <summary>The plugin base as Dataverse runs it: plugins registered on the local organisation's pipeline.</summary>
[TestClass]
public sealed class PluginBaseTests
{
    private static readonly Guid CallingUser = new("11111111-2222-3333-4444-555555555555");

    [TestMethod]
    public void Entry_and_exit_are_traced_with_the_step_facts()
    {
        var org = Organization(Step<QuietPlugin>("Create", "contact", 20));

        Service(org).Create(new Entity("contact"));

        var lines = Lines(org);
        var entered = lines.Single(l => l.Contains("entered", StringComparison.Ordinal));
        StringAssert.StartsWith(entered, "Reactivation.Plugins.Tests.QuietPlugin entered: Create of contact, stage 20, mode 0, depth 1, correlation ");
        Assert.IsTrue(Guid.TryParse(entered[(entered.LastIndexOf(' ') + 1)..], out _), "The correlation id is traced.");
        Assert.IsTrue(lines.Any(l => l.StartsWith("Reactivation.Plugins.Tests.QuietPlugin finished in ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void The_base_trace_carries_no_personal_data_of_the_record()
    {
        var org = Organization(Step<QuietPlugin>("Create", "contact", 20), Step<QuietPlugin>("Update", "contact", 40));

        var id = Service(org).Create(Customer());
        Service(org).Update(new Entity("contact", id) { ["mobilephone"] = "+86 139 0000 1111" });

        AssertNoPersonalData(Lines(org));
    }

    [TestMethod]
    public void Traced_columns_show_no_personal_values_and_no_text()
    {
        var org = Organization(Step<ColumnTracingPlugin>("Create", "contact", 20));

        Service(org).Create(Customer());

        var lines = Lines(org);
        AssertNoPersonalData(lines);
        CollectionAssert.IsSubsetOf(
            new List<string>
            {
                "fullname=[personal]",
                "emailaddress1=[personal]",
                "telephone1=[personal]",
                "birthdate=[personal]",
                "address1_city=[personal]",
                "rx_visits=5",
                "rx_note=[text, 24 chars]",
                "rx_stage=3",
                "rx_spent=120.50",
            },
            lines);
        Assert.IsTrue(lines.Any(l => l.StartsWith("columns=", StringComparison.Ordinal) && l.Contains("emailaddress1,", StringComparison.Ordinal)), "Column names are not personal.");
    }

    [TestMethod]
    public void An_InvalidPluginExecutionException_reaches_the_caller_unchanged()
    {
        var org = Organization(Step<FailingPlugin>("Create", "contact", 20, "ipee:The customer is on the do-not-contact list."));

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Service(org).Create(new Entity("contact")));

        Assert.AreEqual("The customer is on the do-not-contact list.", fault.Message);
        Assert.AreEqual(DataverseErrorCodes.IsvAborted, fault.Detail.ErrorCode);
        Assert.IsTrue(Lines(org).Any(l => l.Contains("cancelled the operation", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void An_unexpected_exception_becomes_an_InvalidPluginExecutionException_with_a_clear_message_and_no_personal_data()
    {
        var org = Organization(Step<FailingPlugin>("Create", "contact", 20, "unexpected:Zhang San (13800138000) has no orders"));

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Service(org).Create(new Entity("contact")));

        Assert.AreEqual(DataverseErrorCodes.IsvAborted, fault.Detail.ErrorCode, "The base turned it into an InvalidPluginExecutionException, not ISV-code noise.");
        StringAssert.StartsWith(fault.Message, "FailingPlugin failed unexpectedly (InvalidOperationException) during Create of contact at stage 20. Correlation id ");
        Assert.DoesNotContain("Zhang", fault.Message);
        var lines = Lines(org);
        var failure = lines.Single(l => l.Contains("failed after", StringComparison.Ordinal));
        Assert.Contains("System.InvalidOperationException", failure);
        Assert.Contains(nameof(FailingPlugin), failure, "The stack trace is kept in the trace.");
        Assert.IsFalse(lines.Any(l => l.Contains("Zhang", StringComparison.Ordinal) || l.Contains("13800138000", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void A_refused_organisation_service_call_keeps_the_platform_message()
    {
        var org = Organization(Step<MissingRecordPlugin>("Create", "contact", 40));

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Service(org).Create(new Entity("contact")));

        Assert.AreEqual($"contact With Id = {MissingRecordPlugin.MissingId} Does Not Exist", fault.Message);
    }

    [TestMethod]
    public void Services_are_resolved_once_per_execution_and_act_as_the_calling_user_or_SYSTEM()
    {
        var org = Organization(Step<ContextProbePlugin>("Create", "contact", 20));

        org.CreateOrganizationService(CallingUser).Create(new Entity("contact"));

        Assert.Contains(
            $"sameuser=true samesystem=true user={CallingUser} system={LocalOrganizationOptions.DefaultSystemUserId}",
            Lines(org));
    }

    [TestMethod]
    public void The_context_helpers_answer_for_the_step()
    {
        var org = Organization(Step<ContextProbePlugin>("Create", "contact", 40, "unsecure-setting", "secure-setting"));

        var id = Service(org).Create(new Entity("contact"));

        var lines = Lines(org);
        Assert.Contains("iscreate=true isupdate=false stage=40 depth=1 async=false", lines);
        Assert.Contains($"target=contact:{id} unsecure=unsecure-setting secure=secure-setting", lines);
        Assert.Contains("braces={0} {1}", lines, "Traced values are not parsed as a format again.");
        Assert.Contains("preimage=true postimage=true", lines);
    }

    [TestMethod]
    public void Asking_for_an_image_the_step_does_not_register_fails_with_a_message_naming_it()
    {
        var org = Organization(Step<MissingImagePlugin>("Update", "contact", 20));
        var id = Service(org).Create(new Entity("contact"));

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Service(org).Update(new Entity("contact", id) { ["rx_visits"] = 1 }));

        Assert.AreEqual(
            "The Update step on contact at stage 20 has no pre-image 'BeforeChange'. Register it on the step in solution/SdkMessageProcessingSteps.",
            fault.Message);
    }

    [TestMethod]
    public void Asking_for_an_Entity_Target_on_Delete_fails_with_a_message_about_the_registration()
    {
        var org = Organization(Step<TargetOnDeletePlugin>("Delete", "contact", 20));
        var id = Service(org).Create(new Entity("contact"));

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(() => Service(org).Delete("contact", id));

        StringAssert.StartsWith(fault.Message, "This plugin expects an Entity in InputParameters[\"Target\"], but the Delete message of contact has none.");
    }

    private static Entity Customer() => new("contact")
    {
        ["fullname"] = "Zhang San",
        ["firstname"] = "San",
        ["lastname"] = "Zhang",
        ["emailaddress1"] = "zhang.san@example.com",
        ["telephone1"] = "13800138000",
        ["birthdate"] = new DateTime(1990, 5, 17, 0, 0, 0, DateTimeKind.Utc),
        ["address1_city"] = "Hangzhou",
        ["rx_visits"] = 5,
        ["rx_note"] = "Prefers evening bookings",
        ["rx_stage"] = new OptionSetValue(3),
        ["rx_spent"] = new Money(120.50m),
    };

    private static void AssertNoPersonalData(IReadOnlyList<string> lines)
    {
        Assert.IsNotEmpty(lines);
        foreach (var personal in new[] { "Zhang", "San", "zhang.san@example.com", "13800138000", "1990", "Hangzhou", "139 0000", "evening" })
        {
            Assert.IsFalse(lines.Any(l => l.Contains(personal, StringComparison.Ordinal)), $"'{personal}' reached the trace.");
        }
    }

    private static StepRegistration Step<TPlugin>(string message, string entity, int stage, string? unsecure = null, string? secure = null)
        where TPlugin : IPlugin =>
        new(Guid.NewGuid(), $"{typeof(TPlugin).Name}: {message} of {entity}", message, entity, stage, 0, 1, [], [], typeof(TPlugin).FullName!, unsecure, secure);

    private static LocalOrganization Organization(params StepRegistration[] steps)
    {
        var org = new LocalOrganization(new LocalOrganizationOptions { PluginAssemblies = [typeof(PluginBaseTests).Assembly] });
        foreach (var step in steps)
        {
            org.Register(step);
        }

        return org;
    }

    private static IOrganizationService Service(LocalOrganization org) => org.CreateOrganizationService(null);

    private static List<string> Lines(LocalOrganization org) => org.TraceLog.SelectMany(r => r.Lines).ToList();
}
