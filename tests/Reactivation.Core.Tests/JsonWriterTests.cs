using System.Globalization;
using JsonTextWriter = Newtonsoft.Json.JsonTextWriter;
using Formatting = Newtonsoft.Json.Formatting;
using Reactivation.Core.Json;

namespace Reactivation.Core.Tests;

/// <summary>
/// Core's JSON writer (rx_ExplainContact's output) writes byte for byte what Newtonsoft's JsonTextWriter wrote
/// before Newtonsoft left the plugin: the same document through both writers, compared as text.
/// </summary>
[TestClass]
public sealed class JsonWriterTests
{
    /// <summary>One sequence of writes, replayed on both writers.</summary>
    private static (string Core, string Newtonsoft) Both(Action<IWrites> writes, bool indented = true)
    {
        using var coreText = new StringWriter(CultureInfo.InvariantCulture);
        writes(new CoreWrites(new JsonWriter(coreText, indented)));
        using var newtonsoftText = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(newtonsoftText) { Formatting = indented ? Formatting.Indented : Formatting.None })
        {
            writes(new NewtonsoftWrites(json));
        }

        return (coreText.ToString(), newtonsoftText.ToString());
    }

    [TestMethod]
    public void An_explanation_shaped_document_is_written_as_Newtonsoft_wrote_it()
    {
        void Document(IWrites w)
        {
            w.StartObject();
            w.Name("contactId");
            w.Value("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
            w.Name("rulesets");
            w.StartObject();
            w.Name("lifecycle");
            w.StartObject();
            w.Name("version");
            w.Value((int?)null);
            w.Name("count");
            w.Value(3);
            w.EndObject();
            w.EndObject();
            w.Name("changes");
            w.Value(true);
            w.Name("decidingRules");
            w.StartArray();
            w.EndArray();
            w.Name("facts");
            w.StartObject();
            w.EndObject();
            w.Name("reasonCodes");
            w.StartArray();
            w.Value("NoConsent");
            w.Value("CapReached");
            w.EndArray();
            w.Name("explanation");
            w.StartArray();
            w.StartObject();
            w.Name("rule");
            w.Value("Silent");
            w.Name("matched");
            w.Value(false);
            w.Name("error");
            w.Value((string?)null);
            w.EndObject();
            w.StartArray();
            w.Value(-7);
            w.EndArray();
            w.EndArray();
            w.Name("label");
            w.Value("B 类客户");
            w.EndObject();
        }

        var (core, newtonsoft) = Both(Document);
        Assert.AreEqual(newtonsoft, core);
        StringAssert.Contains(core, "\"decidingRules\": []," + Environment.NewLine);
        var (compact, newtonsoftCompact) = Both(Document, indented: false);
        Assert.AreEqual(newtonsoftCompact, compact);
    }

    [TestMethod]
    public void Every_character_a_string_can_hold_is_escaped_as_Newtonsoft_escapes_it()
    {
        var all = new System.Text.StringBuilder();
        for (var c = 0; c < 0x3000; c++) all.Append((char)c);
        all.Append("\uFEFF\uFFFF\U0001F600\uD800 lone \uDC00");
        var tricky = new[] { all.ToString(), "", "\"quoted\" \\ back/slash", "tab\there\r\nline", "<script>&'", "\u2028\u2029\u0085\u007f" };

        var (core, newtonsoft) = Both(w =>
        {
            w.StartObject();
            foreach (var text in tricky)
            {
                w.Name(text);
                w.Value(text);
            }

            w.EndObject();
        });

        Assert.AreEqual(newtonsoft, core);
    }

    [TestMethod]
    public void Counts_money_and_shares_are_written_as_Newtonsoft_writes_them()
    {
        var (core, newtonsoft) = Both(w =>
        {
            w.StartArray();
            w.Count(50_000L);
            w.Count(-3L);
            w.Money(160.00m);
            w.Money(120m);
            w.Money(0.1m);
            w.Share((double?)0.5);
            w.Share((double?)1.0);
            w.Share((double?)(1.0 / 3));
            w.Share((double?)-0.0625);
            w.Share((double?)1e-7);
            w.Share((double?)null);
            w.EndArray();
        });

        Assert.AreEqual(newtonsoft, core);
    }

    [TestMethod]
    public void A_value_read_by_the_reader_is_written_back_compactly()
    {
        var value = JsonReader.Read("{ \"a\": [1.50, true, null, \"x\\\"y\"], \"b\": {} }");
        Assert.AreEqual("{\"a\":[1.50,true,null,\"x\\\"y\"],\"b\":{}}", value.ToString());
        Assert.AreEqual("x\"y", ((JsonArray)((JsonObject)value)["a"]!).Items[3].ToString(), "a string's text, without quotes, for messages");
    }

    [TestMethod]
    public void Writes_out_of_place_are_refused()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var json = new JsonWriter(text);
        json.WriteStartObject();
        Assert.ThrowsExactly<InvalidOperationException>(() => json.WriteValue(1), "a value in an object needs a name");
        Assert.ThrowsExactly<InvalidOperationException>(() => json.WriteEndArray(), "an object is open, not an array");
        json.WriteEndObject();
        Assert.ThrowsExactly<InvalidOperationException>(() => json.WriteStartArray(), "the document is complete");
    }

    private interface IWrites
    {
        void StartObject();

        void EndObject();

        void StartArray();

        void EndArray();

        void Name(string name);

        void Value(string? value);

        void Value(int? value);

        void Value(bool value);

        void Count(long value);

        void Money(decimal value);

        void Share(double? value);
    }

    private sealed class CoreWrites(JsonWriter json) : IWrites
    {
        public void StartObject() => json.WriteStartObject();

        public void EndObject() => json.WriteEndObject();

        public void StartArray() => json.WriteStartArray();

        public void EndArray() => json.WriteEndArray();

        public void Name(string name) => json.WritePropertyName(name);

        public void Value(string? value) => json.WriteValue(value);

        public void Value(int? value) => json.WriteValue(value);

        public void Value(bool value) => json.WriteValue(value);

        public void Count(long value) => json.WriteValue(value);

        public void Money(decimal value) => json.WriteValue(value);

        public void Share(double? value) => json.WriteValue(value);
    }

    private sealed class NewtonsoftWrites(JsonTextWriter json) : IWrites
    {
        public void StartObject() => json.WriteStartObject();

        public void EndObject() => json.WriteEndObject();

        public void StartArray() => json.WriteStartArray();

        public void EndArray() => json.WriteEndArray();

        public void Name(string name) => json.WritePropertyName(name);

        public void Value(string? value) => json.WriteValue(value);

        public void Value(int? value) => json.WriteValue(value);

        public void Value(bool value) => json.WriteValue(value);

        public void Count(long value) => json.WriteValue(value);

        public void Money(decimal value) => json.WriteValue(value);

        public void Share(double? value) => json.WriteValue(value);
    }
}
