using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Tests;

[TestClass]
public sealed class TraceValueTests
{
    [TestMethod]
    [DataRow("StageSilent-45d")]
    [DataRow("rx_lifecyclestage")]
    [DataRow("Unused package reminder")]
    [DataRow("唤醒第一步")]
    public void A_rule_or_column_name_is_traced_as_it_is(string name)
    {
        Assert.AreEqual(name, TraceValue.Name(name).Text);
    }

    [TestMethod]
    [DataRow("zhang.san@example.com")]
    [DataRow("call 13800138000")]
    [DataRow("line\nbreak")]
    public void Text_shaped_like_an_e_mail_address_or_phone_number_is_redacted_even_as_a_name(string text)
    {
        Assert.AreEqual("[redacted]", TraceValue.Name(text).Text);
    }

    [TestMethod]
    public void A_name_longer_than_128_characters_is_redacted()
    {
        Assert.AreEqual("[redacted]", TraceValue.Name(new string('a', 129)).Text);
    }

    [TestMethod]
    public void Numbers_flags_and_ids_convert_implicitly_in_invariant_culture()
    {
        var id = Guid.NewGuid();
        var trace = new RecordingTrace();

        new SafeTrace(trace).Write($"{3} {1234567890123L} {1.5m} {0.25} {true} {id}");

        Assert.AreEqual($"3 1234567890123 1.5 0.25 true {id}", trace.Lines.Single());
    }

    [TestMethod]
    public void A_lookup_is_traced_as_table_and_id_never_its_name()
    {
        var id = Guid.NewGuid();
        var value = TraceValue.Reference(new EntityReference("contact", id) { Name = "Zhang San" });

        Assert.AreEqual($"contact:{id}", value.Text);
    }

    [TestMethod]
    public void A_failure_is_traced_as_its_exception_types_and_stack_without_messages()
    {
        Exception failure;
        try
        {
            throw new InvalidOperationException("outer Zhang San", new FormatException("inner 13800138000"));
        }
        catch (InvalidOperationException e)
        {
            failure = e;
        }

        var text = TraceValue.Failure(failure).Text;

        StringAssert.StartsWith(text, "System.InvalidOperationException <- System.FormatException");
        Assert.Contains(nameof(A_failure_is_traced_as_its_exception_types_and_stack_without_messages), text);
        Assert.DoesNotContain("Zhang", text);
        Assert.DoesNotContain("13800138000", text);
    }

    [TestMethod]
    public void A_column_that_is_absent_or_of_another_type_is_traced_without_its_content()
    {
        var entity = new Entity("contact") { ["rx_related"] = new EntityCollection() };

        Assert.AreEqual("(absent)", TraceValue.Column(entity, "rx_missing").Text);
        Assert.AreEqual("[EntityCollection]", TraceValue.Column(entity, "rx_related").Text);
        Assert.AreEqual("(absent)", TraceValue.Column(null, "fullname").Text);
    }

    [TestMethod]
    [DataRow("fullname")]
    [DataRow("EmailAddress2")]
    [DataRow("mobilephone")]
    [DataRow("address2_postalcode")]
    [DataRow("birthdate")]
    public void Columns_known_to_hold_personal_data_are_listed(string column)
    {
        Assert.IsTrue(PersonalColumns.Contains(column));
    }

    [TestMethod]
    public void A_trace_without_a_tracing_service_writes_nothing_and_does_not_fail()
    {
        new SafeTrace(null).Write($"nothing {1}");
    }

    private sealed class RecordingTrace : ITracingService
    {
        public List<string> Lines { get; } = [];

        public void Trace(string format, params object[] args) =>
            Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
