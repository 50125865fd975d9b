using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Reactivation.Core.Json
{
    /// <summary>
    /// The text is not JSON (or exceeds what <see cref="JsonReader"/> accepts). Placed as Newtonsoft.Json placed
    /// its faults, which the rulesets' diagnostics have always shown: the column is the number of characters read
    /// on the line before the offending one (at least 1), so a missing comma is reported on the character before
    /// the value that follows it, and a bad escape on its backslash.
    /// </summary>
    public sealed class JsonReadException : Exception
    {
        public JsonReadException()
            : this("invalid JSON", 0, 0)
        {
        }

        public JsonReadException(string message)
            : this(message, 0, 0)
        {
        }

        public JsonReadException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public JsonReadException(string message, int line, int column)
            : base(message)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }
    }

    /// <summary>
    /// A strict JSON reader (RFC 8259) for the rulesets: a document becomes a tree of <see cref="JsonValue"/>s that
    /// know their line and column. Sandbox-safe (plain C#, no reflection) and bounded: nesting stops at
    /// <see cref="MaxDepth"/>, work is linear in the text. Beyond the RFC it accepts <c>//</c> and <c>/* */</c>
    /// comments (skipped) and a leading byte-order mark (not counted in columns). It refuses duplicate property
    /// names, raw control characters and unpaired surrogates in strings, numbers outside the decimal range, and
    /// what Newtonsoft.Json tolerated: single quotes, unquoted names, trailing commas, NaN. Numbers are decimals;
    /// dates are strings like any other.
    /// </summary>
    public sealed class JsonReader
    {
        public const int MaxDepth = 64;

        private const string Unterminated = "Unterminated string. Expected delimiter: \"";

        private readonly string _text;
        private int _pos;
        private int _line = 1;
        private int _lineStart;
        private int _depth;

        private JsonReader(string text)
        {
            _text = text;
        }

        /// <summary>The one value the text holds; throws <see cref="JsonReadException"/> naming line and column otherwise.</summary>
        public static JsonValue Read(string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var reader = new JsonReader(text);
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                reader._pos = 1;
                reader._lineStart = 1;
            }

            reader.SkipWhitespace();
            if (reader.AtEnd) throw reader.Fault(reader._pos, "the text is empty: a JSON value was expected");
            var root = reader.ReadValue();
            reader.SkipWhitespace();
            if (!reader.AtEnd) throw reader.Fault(reader._pos, "Additional text encountered after finished reading JSON content: " + Describe(text[reader._pos]));
            return root;
        }

        private bool AtEnd => _pos >= _text.Length;

        private JsonValue ReadValue()
        {
            var c = _text[_pos];
            switch (c)
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"': return ReadString();
                case 't': return ReadLiteral("true");
                case 'f': return ReadLiteral("false");
                case 'n': return ReadLiteral("null");
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    var hint = c == '\'' ? " (strings and names take double quotes)" : c == ']' || c == '}' ? " (a value is missing, or a comma is one too many)" : "";
                    throw Fault(_pos, "Unexpected character encountered while parsing value: " + Describe(c) + hint);
            }
        }

        private JsonObject ReadObject()
        {
            var line = _line;
            var column = ColumnOf(_pos);
            Enter();
            _pos++;
            var properties = new List<JsonProperty>();
            HashSet<string>? names = null;
            SkipWhitespace();
            if (!AtEnd && _text[_pos] == '}')
            {
                _pos++;
                _depth--;
                return new JsonObject(line, column, properties.ToArray());
            }

            while (true)
            {
                if (AtEnd) throw EndFault("Unexpected end of the text: the object opened on line " + line.ToString(CultureInfo.InvariantCulture) + " is not closed with '}'");
                var c = _text[_pos];
                if (c != '"')
                {
                    var hint = c == '}' ? " (a comma before '}' is one too many)" : c == '\'' ? " (names take double quotes)" : " (names are quoted: \"Name\")";
                    throw Fault(_pos, "Invalid property identifier character: " + Describe(c) + hint);
                }

                var nameLine = _line;
                var nameColumn = ColumnOf(_pos) + 1;
                var name = ReadString().Value;
                SkipWhitespace();
                if (AtEnd) throw EndFault("Unexpected end of the text: ':' and a value are missing after \"" + name + "\"");
                if (_text[_pos] != ':') throw Fault(_pos, "Invalid character after parsing property name. Expected ':' but got: " + Describe(_text[_pos]));
                _pos++;
                SkipWhitespace();
                if (AtEnd) throw EndFault("Unexpected end of the text: the value of \"" + name + "\" is missing");
                var value = ReadValue();

                // A few names are compared in order; a hostile object with thousands gets a set.
                if (properties.Count >= 8 && names is null)
                {
                    names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var p in properties) names.Add(p.Name);
                }

                var duplicate = names is not null ? !names.Add(name) : Contains(properties, name);
                if (duplicate)
                {
                    throw new JsonReadException("Property with the name '" + name + "' already exists in the current JSON object", nameLine, nameColumn);
                }

                properties.Add(new JsonProperty(name, value, nameLine, nameColumn));
                SkipWhitespace();
                if (AtEnd) throw EndFault("Unexpected end of the text: the object opened on line " + line.ToString(CultureInfo.InvariantCulture) + " is not closed with '}'");
                c = _text[_pos];
                if (c == '}')
                {
                    _pos++;
                    _depth--;
                    return new JsonObject(line, column, properties.ToArray());
                }

                if (c == ']') throw Fault(_pos, "']' closes an array, but the object opened on line " + line.ToString(CultureInfo.InvariantCulture) + " is not closed with '}' yet");
                if (c != ',') throw Fault(_pos, "After parsing a value an unexpected character was encountered: " + Describe(c));
                _pos++;
                SkipWhitespace();
            }
        }

        private static bool Contains(List<JsonProperty> properties, string name)
        {
            foreach (var p in properties)
            {
                if (string.Equals(p.Name, name, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        private JsonArray ReadArray()
        {
            var line = _line;
            var column = ColumnOf(_pos);
            Enter();
            _pos++;
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (!AtEnd && _text[_pos] == ']')
            {
                _pos++;
                _depth--;
                return new JsonArray(line, column, items.ToArray());
            }

            while (true)
            {
                if (AtEnd) throw EndFault("Unexpected end of the text: the array opened on line " + line.ToString(CultureInfo.InvariantCulture) + " is not closed with ']'");
                items.Add(ReadValue());
                SkipWhitespace();
                if (AtEnd) throw EndFault("Unexpected end of the text: the array opened on line " + line.ToString(CultureInfo.InvariantCulture) + " is not closed with ']'");
                var c = _text[_pos];
                if (c == ']')
                {
                    _pos++;
                    _depth--;
                    return new JsonArray(line, column, items.ToArray());
                }

                if (c == '}') throw Fault(_pos, "'}' closes an object, but the array opened on line " + line.ToString(CultureInfo.InvariantCulture) + " is not closed with ']' yet");
                if (c != ',') throw Fault(_pos, "After parsing a value an unexpected character was encountered: " + Describe(c));
                _pos++;
                SkipWhitespace();
            }
        }

        private void Enter()
        {
            if (++_depth > MaxDepth) throw Fault(_pos, "JSON nests deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
        }

        private JsonString ReadString()
        {
            var open = _pos;
            var line = _line;
            var column = ColumnOf(open);
            var i = open + 1;
            StringBuilder? decoded = null;
            var runStart = i;
            while (true)
            {
                if (i >= _text.Length)
                {
                    throw EndFault(Unterminated);
                }

                var c = _text[i];
                if (c == '"') break;
                if (c < ' ')
                {
                    if (c == '\n' || c == '\r') throw Fault(i, "Unterminated string: a string ends on the line it starts (write \\n for a line break)");
                    throw Fault(i, "a control character (" + Describe(c) + ") must be escaped inside a string");
                }

                if (char.IsSurrogate(c))
                {
                    if (char.IsHighSurrogate(c) && i + 1 < _text.Length && char.IsLowSurrogate(_text[i + 1]))
                    {
                        i += 2;
                        continue;
                    }

                    throw Fault(i, "the string holds half of a surrogate pair (" + Describe(c) + ") without the other half");
                }

                if (c != '\\')
                {
                    i++;
                    continue;
                }

                decoded ??= new StringBuilder();
                decoded.Append(_text, runStart, i - runStart);
                i = ReadEscape(i, decoded);
                runStart = i;
            }

            string value;
            if (decoded is null)
            {
                value = _text.Substring(open + 1, i - open - 1);
            }
            else
            {
                decoded.Append(_text, runStart, i - runStart);
                value = decoded.ToString();
            }

            _pos = i + 1;
            return new JsonString(value, line, column, _text, open);
        }

        /// <summary>Decodes the escape whose backslash is at <paramref name="backslash"/>; returns the index after it.</summary>
        private int ReadEscape(int backslash, StringBuilder into)
        {
            var at = backslash + 1;
            if (at >= _text.Length)
            {
                throw EndFault(Unterminated);
            }

            switch (_text[at])
            {
                case '"': into.Append('"'); return at + 1;
                case '\\': into.Append('\\'); return at + 1;
                case '/': into.Append('/'); return at + 1;
                case 'b': into.Append('\b'); return at + 1;
                case 'f': into.Append('\f'); return at + 1;
                case 'n': into.Append('\n'); return at + 1;
                case 'r': into.Append('\r'); return at + 1;
                case 't': into.Append('\t'); return at + 1;
                case 'u':
                    var unit = ReadHex4(backslash);
                    if (char.IsHighSurrogate(unit))
                    {
                        var next = backslash + 6;
                        if (next + 1 < _text.Length && _text[next] == '\\' && _text[next + 1] == 'u')
                        {
                            var low = ReadHex4(next);
                            if (char.IsLowSurrogate(low))
                            {
                                into.Append(unit).Append(low);
                                return next + 6;
                            }
                        }

                        throw Fault(at, "\\u" + Hex(unit) + " is the first half of a surrogate pair; the second half (\\uDC00-\\uDFFF) must follow");
                    }

                    if (char.IsLowSurrogate(unit)) throw Fault(at, "\\u" + Hex(unit) + " is the second half of a surrogate pair without the first (\\uD800-\\uDBFF)");
                    into.Append(unit);
                    return backslash + 6;
                default:
                    throw Fault(at, "Bad JSON escape sequence: \\" + Describe(_text[at]) + " (the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
        }

        private char ReadHex4(int backslash)
        {
            var value = 0;
            for (var k = 0; k < 4; k++)
            {
                var i = backslash + 2 + k;
                if (i >= _text.Length)
                {
                    throw EndFault(Unterminated);
                }

                var digit = HexDigit(_text[i]);
                if (digit < 0) throw Fault(backslash + 1, "Invalid Unicode escape sequence: \\u needs four hexadecimal digits");
                value = (value * 16) + digit;
            }

            return (char)value;
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static string Hex(char c) => ((int)c).ToString("X4", CultureInfo.InvariantCulture);

        private JsonNumber ReadNumber()
        {
            var start = _pos;
            var i = start;
            if (_text[i] == '-') i++;
            if (i >= _text.Length || !IsDigit(_text[i])) throw Fault(i, "Invalid number: a digit must follow '-'");
            if (_text[i] == '0')
            {
                i++;
                if (i < _text.Length && IsDigit(_text[i])) throw Fault(i, "Invalid number: a number cannot start with 0 followed by digits");
            }
            else
            {
                while (i < _text.Length && IsDigit(_text[i])) i++;
            }

            if (i < _text.Length && _text[i] == '.')
            {
                i++;
                if (i >= _text.Length || !IsDigit(_text[i])) throw Fault(i, "Invalid number: a digit must follow the decimal point");
                while (i < _text.Length && IsDigit(_text[i])) i++;
            }

            if (i < _text.Length && (_text[i] == 'e' || _text[i] == 'E'))
            {
                i++;
                if (i < _text.Length && (_text[i] == '+' || _text[i] == '-')) i++;
                if (i >= _text.Length || !IsDigit(_text[i])) throw Fault(i, "Invalid number: a digit must follow the exponent");
                while (i < _text.Length && IsDigit(_text[i])) i++;
            }

            var text = _text.Substring(start, i - start);
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            {
                throw Fault(start, "the number " + Shorten(text) + " is outside the range a ruleset number may take (about ±7.9e28)");
            }

            var column = ColumnOf(start);
            _pos = i;
            return new JsonNumber(value, text, _line, column);
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private JsonValue ReadLiteral(string literal)
        {
            var start = _pos;
            if (string.CompareOrdinal(_text, start, literal, 0, literal.Length) != 0)
            {
                throw Fault(start, "Unexpected character encountered while parsing value: " + Describe(_text[start]) + " (did you mean " + literal + "?)");
            }

            var column = ColumnOf(start);
            _pos = start + literal.Length;
            switch (literal)
            {
                case "true": return new JsonBoolean(true, _line, column);
                case "false": return new JsonBoolean(false, _line, column);
                default: return new JsonNull(_line, column);
            }
        }

        /// <summary>Skips whitespace (space, tab, CR, LF) and comments, counting lines: CRLF, CR and LF each end one.</summary>
        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                switch (c)
                {
                    case ' ':
                    case '\t':
                        _pos++;
                        break;
                    case '\r':
                        _pos++;
                        if (_pos < _text.Length && _text[_pos] == '\n') _pos++;
                        NewLine();
                        break;
                    case '\n':
                        _pos++;
                        NewLine();
                        break;
                    case '/':
                        SkipComment();
                        break;
                    default:
                        return;
                }
            }
        }

        private void SkipComment()
        {
            var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
            if (next == '/')
            {
                _pos += 2;
                while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r') _pos++;
                return;
            }

            if (next != '*') throw Fault(_pos, "Unexpected character encountered while parsing value: / (comments start with // or /*)");
            var openLine = _line;
            _pos += 2;
            while (true)
            {
                if (_pos >= _text.Length) throw EndFault("Unexpected end of the text: the comment opened on line " + openLine.ToString(CultureInfo.InvariantCulture) + " is not closed with */");
                var c = _text[_pos];
                if (c == '*' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                {
                    _pos += 2;
                    return;
                }

                _pos++;
                if (c == '\r')
                {
                    if (_pos < _text.Length && _text[_pos] == '\n') _pos++;
                    NewLine();
                }
                else if (c == '\n')
                {
                    NewLine();
                }
            }
        }

        private void NewLine()
        {
            _line++;
            _lineStart = _pos;
        }

        private int ColumnOf(int index) => index - _lineStart + 1;

        /// <summary>A fault at <paramref name="offending"/> (on the current line), placed on the character before it.</summary>
        private JsonReadException Fault(int offending, string message) =>
            new JsonReadException(message, _line, Math.Max(1, offending - _lineStart));

        /// <summary>The text ends too early: placed after its last character.</summary>
        private JsonReadException EndFault(string message) =>
            new JsonReadException(message, _line, Math.Max(1, _text.Length - _lineStart));

        private static string Describe(char c)
        {
            if (c < ' ' || c == '\u007F' || char.IsWhiteSpace(c) || char.IsSurrogate(c) || c == '\uFEFF' || (c >= '\u0080' && c < '\u00A0'))
            {
                return "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            }

            return c.ToString();
        }

        private static string Shorten(string number) =>
            number.Length <= 40 ? number : new StringBuilder().Append(number, 0, 20).Append("… (").Append(number.Length.ToString(CultureInfo.InvariantCulture)).Append(" digits)").ToString();
    }
}
