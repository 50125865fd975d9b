using Reactivation.Core.Json;

namespace Reactivation.Core.Tests;

/// <summary>
/// Core's own JSON reader (the rulesets' parser inside the sandbox): values with their positions, and every kind
/// of broken or hostile text refused with the line and column an editor jumps to. A fault is placed on the last
/// character read before the offending one (Newtonsoft's convention, which the rulesets' diagnostics keep).
/// </summary>
[TestClass]
public sealed class JsonReaderTests
{
    private static JsonReadException Refused(string text)
    {
        return Assert.ThrowsExactly<JsonReadException>(() => JsonReader.Read(text));
    }

    private static void AssertFault(string text, int line, int column, string messageStart)
    {
        var fault = Refused(text);
        Assert.AreEqual((line, column), (fault.Line, fault.Column), fault.Message);
        StringAssert.StartsWith(fault.Message, messageStart);
    }

    [TestMethod]
    public void A_document_becomes_values_with_the_line_and_column_where_each_starts()
    {
        var root = (JsonObject)JsonReader.Read("{\n  \"Name\": \"Lost\",\n  \"Days\": [180, -2.5e1],\n  \"On\": true, \"Off\": null\n}");

        Assert.AreEqual((1, 1), (root.Line, root.Column));
        CollectionAssert.AreEqual(new[] { "Name", "Days", "On", "Off" }, root.Properties.Select(p => p.Name).ToArray());
        var name = root.Property("Name")!;
        Assert.AreEqual((2, 4), (name.Line, name.Column), "a property is placed on its name's first character");
        var lost = (JsonString)name.Value;
        Assert.AreEqual("Lost", lost.Value);
        Assert.AreEqual((2, 11), (lost.Line, lost.Column), "a string starts at its opening quote");
        var days = (JsonArray)root["Days"]!;
        Assert.AreEqual((3, 11), (days.Line, days.Column));
        var first = (JsonNumber)days.Items[0];
        var second = (JsonNumber)days.Items[1];
        Assert.AreEqual((180m, true, 12, 14), (first.Value, first.IsInteger, first.Column, first.EndColumn));
        Assert.AreEqual((-25m, false, "-2.5e1"), (second.Value, second.IsInteger, second.Text));
        Assert.IsTrue(((JsonBoolean)root["On"]!).Value);
        Assert.IsInstanceOfType<JsonNull>(root["Off"]);
        Assert.IsNull(root["name"], "names are case-sensitive");
    }

    [TestMethod]
    public void Numbers_are_decimals_so_a_tenth_is_exact_and_dates_stay_strings()
    {
        var root = (JsonArray)JsonReader.Read("[0.1, 79228162514264337593543950335, 1E2, -0, \"2025-06-15T12:00:00Z\"]");

        Assert.AreEqual(0.1m, ((JsonNumber)root.Items[0]).Value);
        Assert.AreEqual(decimal.MaxValue, ((JsonNumber)root.Items[1]).Value);
        Assert.AreEqual(100m, ((JsonNumber)root.Items[2]).Value);
        Assert.IsFalse(((JsonNumber)root.Items[2]).IsInteger, "an exponent makes it a non-integer literal, as a whole-number property needs");
        Assert.AreEqual(0m, ((JsonNumber)root.Items[3]).Value);
        Assert.AreEqual("2025-06-15T12:00:00Z", ((JsonString)root.Items[4]).Value);
    }

    [TestMethod]
    public void Escapes_are_decoded_and_positions_inside_a_string_count_them_as_written()
    {
        var text = (JsonString)((JsonObject)JsonReader.Read("{\"e\": \"a\\\"b\\u00e9\\n\\\\c \\uD83D\\uDE00/\\/\"}"))["e"]!;

        Assert.AreEqual("a\"b\u00e9\n\\c \U0001F600//", text.Value);
        Assert.AreEqual(7, text.Column);
        Assert.AreEqual(8, text.PositionAt(0).Column, "'a' right after the quote");
        Assert.AreEqual(11, text.PositionAt(2).Column, "'b' after the two-character escape \\\"");
        Assert.AreEqual(18, text.PositionAt(4).Column, "the line break after the six-character \\u00e9");
        Assert.AreEqual(text.PositionAt(text.Value.Length).Column, text.PositionAt(1000).Column, "past the end: the closing quote");
    }

    [TestMethod]
    public void Comments_are_skipped_and_lines_count_through_them()
    {
        var root = (JsonObject)JsonReader.Read("// the salon's rules\n{ /* two\n lines */ \"a\": 1 // trailing\n}\n/* after */");

        Assert.AreEqual((3, 12), (root.Property("a")!.Line, root.Property("a")!.Column));
        AssertFault("{ \"a\": 1 /* never closed\n", 2, 1, "Unexpected end of the text: the comment opened on line 1 is not closed with */");
        AssertFault("{ \"a\": 1 / 2 }", 1, 9, "Unexpected character encountered while parsing value: /");
    }

    [TestMethod]
    public void An_unterminated_string_is_placed_at_the_end_of_its_line_or_of_the_text()
    {
        AssertFault("{\"a\": \"abc", 1, 10, "Unterminated string. Expected delimiter: \"");
        AssertFault("{\n  \"a\": \"abc\n}", 2, 11, "Unterminated string: a string ends on the line it starts");
        AssertFault("[\"abc\\", 1, 6, "Unterminated string. Expected delimiter: \"");
    }

    [TestMethod]
    public void A_bad_escape_is_placed_on_its_backslash()
    {
        AssertFault("{\"a\": \"x\\q\"}", 1, 9, "Bad JSON escape sequence: \\q");
        AssertFault("[\"\\u12G4\"]", 1, 3, "Invalid Unicode escape sequence: \\u needs four hexadecimal digits");
        AssertFault("[\"\\x41\"]", 1, 3, "Bad JSON escape sequence: \\x");
    }

    [TestMethod]
    public void Half_a_surrogate_pair_is_refused_escaped_or_raw()
    {
        AssertFault("[\"\\uD800\"]", 1, 3, "\\uD800 is the first half of a surrogate pair");
        AssertFault("[\"\\uD83Dx\"]", 1, 3, "\\uD83D is the first half of a surrogate pair");
        AssertFault("[\"\\uD83D\\u0041\"]", 1, 3, "\\uD83D is the first half of a surrogate pair");
        AssertFault("[\"ok \\uDE00\"]", 1, 6, "\\uDE00 is the second half of a surrogate pair without the first");
        AssertFault("[\"a\uD800\"]", 1, 3, "the string holds half of a surrogate pair (U+D800)");
        AssertFault("[\"a\uDC00b\"]", 1, 3, "the string holds half of a surrogate pair (U+DC00)");
        Assert.AreEqual("\U0001F600", ((JsonString)((JsonArray)JsonReader.Read("[\"\U0001F600\"]")).Items[0]).Value, "a whole raw pair is fine");
    }

    [TestMethod]
    public void Control_characters_must_be_escaped_inside_strings()
    {
        AssertFault("{\"a\": \"tab\there\"}", 1, 10, "a control character (U+0009) must be escaped inside a string");
        AssertFault("[\"\0\"]", 1, 2, "a control character (U+0000) must be escaped inside a string");
    }

    [TestMethod]
    public void Nesting_stops_at_64_levels_with_a_fault_not_a_stack_overflow()
    {
        Assert.IsInstanceOfType<JsonArray>(JsonReader.Read(new string('[', 64) + new string(']', 64)));
        AssertFault(new string('[', 65) + new string(']', 65), 1, 64, "JSON nests deeper than 64 levels");
        AssertFault(new string('[', 100_000), 1, 64, "JSON nests deeper than 64 levels");
        AssertFault(string.Concat(Enumerable.Repeat("{\"a\":", 70)), 1, 320, "JSON nests deeper than 64 levels");
    }

    [TestMethod]
    public void Numbers_outside_the_decimal_range_or_badly_written_are_refused()
    {
        AssertFault("1e400", 1, 1, "the number 1e400 is outside the range");
        AssertFault("[1, 79228162514264337593543950336]", 1, 4, "the number 79228162514264337593543950336 is outside the range");
        AssertFault("[" + new string('9', 5000) + "]", 1, 1, "the number 99999999999999999999… (5000 digits) is outside the range");
        AssertFault("[01]", 1, 2, "Invalid number: a number cannot start with 0 followed by digits");
        AssertFault("[1.]", 1, 3, "Invalid number: a digit must follow the decimal point");
        AssertFault("[1e+]", 1, 4, "Invalid number: a digit must follow the exponent");
        AssertFault("[-]", 1, 2, "Invalid number: a digit must follow '-'");
        AssertFault("[.5]", 1, 1, "Unexpected character encountered while parsing value: .");
        AssertFault("[+1]", 1, 1, "Unexpected character encountered while parsing value: +");
        Assert.AreEqual(0m, ((JsonNumber)JsonReader.Read("1e-400")).Value, "too small to tell from zero is zero");
    }

    [TestMethod]
    public void Text_after_the_value_is_refused()
    {
        AssertFault("{} x", 1, 3, "Additional text encountered after finished reading JSON content: x");
        AssertFault("{\"a\": 1}}", 1, 8, "Additional text encountered after finished reading JSON content: }");
        AssertFault("{}\n\n  {}", 3, 2, "Additional text encountered after finished reading JSON content: {");
    }

    [TestMethod]
    public void A_leading_byte_order_mark_is_skipped_and_not_counted_in_columns()
    {
        var root = (JsonObject)JsonReader.Read("\uFEFF{\"a\": 1}");
        Assert.AreEqual((1, 1), (root.Line, root.Column));
        Assert.AreEqual(3, root.Property("a")!.Column);
        AssertFault("\uFEFF{\"a\" 1}", 1, 5, "Invalid character after parsing property name. Expected ':' but got: 1");
        AssertFault("{\"a\": \uFEFF1}", 1, 6, "Unexpected character encountered while parsing value: U+FEFF");
    }

    [TestMethod]
    public void CRLF_CR_and_LF_each_end_one_line()
    {
        var root = (JsonObject)JsonReader.Read("{\r\n  \"a\": 1,\r\n  \"b\": 2,\r  \"c\": 3,\n  \"d\": 4\r\n}");
        CollectionAssert.AreEqual(new[] { 2, 3, 4, 5 }, root.Properties.Select(p => p.Line).ToArray());
        CollectionAssert.AreEqual(new[] { 4, 4, 4, 4 }, root.Properties.Select(p => p.Column).ToArray());
        AssertFault("{\r\n  \"a\": 1,\r\n  \"b\": x\r\n}", 3, 7, "Unexpected character encountered while parsing value: x");
        AssertFault("{\r\n  \"a\": 1\r\n  \"b\": 2\r\n}", 3, 2, "After parsing a value an unexpected character was encountered: \"");
    }

    [TestMethod]
    public void A_duplicate_property_name_is_refused_at_the_second_name()
    {
        AssertFault("{\"a\": 1, \"a\": 2}", 1, 11, "Property with the name 'a' already exists in the current JSON object");
        var many = "{" + string.Join(", ", Enumerable.Range(0, 5000).Select(i => "\"p" + i + "\": " + i)) + ", \"p4999\": 0}";
        StringAssert.StartsWith(Refused(many).Message, "Property with the name 'p4999' already exists");
        Assert.AreEqual(4999m, ((JsonNumber)((JsonObject)JsonReader.Read(many.Replace(", \"p4999\": 0}", "}", StringComparison.Ordinal)))["p4999"]!).Value);
    }

    [TestMethod]
    public void What_Newtonsoft_tolerated_is_refused_with_what_to_write_instead()
    {
        AssertFault("{'a': 1}", 1, 1, "Invalid property identifier character: ' (names take double quotes)");
        AssertFault("{a: 1}", 1, 1, "Invalid property identifier character: a (names are quoted: \"Name\")");
        AssertFault("{\"a\": 1,}", 1, 8, "Invalid property identifier character: } (a comma before '}' is one too many)");
        AssertFault("[1, 2,]", 1, 6, "Unexpected character encountered while parsing value: ] (a value is missing, or a comma is one too many)");
        AssertFault("[NaN]", 1, 1, "Unexpected character encountered while parsing value: N");
        AssertFault("['x']", 1, 1, "Unexpected character encountered while parsing value: ' (strings and names take double quotes)");
        AssertFault("[tru]", 1, 1, "Unexpected character encountered while parsing value: t (did you mean true?)");
    }

    [TestMethod]
    public void Brackets_that_do_not_match_name_the_one_still_open()
    {
        AssertFault("{\n  \"Rules\": [\n    {}\n  }\n}", 4, 2, "'}' closes an object, but the array opened on line 2 is not closed with ']' yet");
        AssertFault("[{\"a\": 1]", 1, 8, "']' closes an array, but the object opened on line 1 is not closed with '}' yet");
    }

    [TestMethod]
    public void Empty_or_truncated_text_says_what_is_missing()
    {
        AssertFault("", 1, 1, "the text is empty");
        AssertFault("  \n ", 2, 1, "the text is empty");
        AssertFault("{ \"WorkflowName\": \"Lifecycle\", ", 1, 31, "Unexpected end of the text: the object opened on line 1 is not closed with '}'");
        AssertFault("{\"a\"", 1, 4, "Unexpected end of the text: ':' and a value are missing after \"a\"");
        AssertFault("{\"a\": ", 1, 6, "Unexpected end of the text: the value of \"a\" is missing");
        AssertFault("[1,\n", 2, 1, "Unexpected end of the text: the array opened on line 1 is not closed with ']'");
    }
}
