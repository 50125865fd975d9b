using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Reactivation.Core.Json
{
    /// <summary>
    /// Writes JSON token by token, as Newtonsoft.Json's JsonTextWriter writes it (so rx_ExplainContact's output
    /// did not change when Newtonsoft left the plugin): indented two spaces with the writer's own line ending,
    /// <c>"name": value</c>, empty containers as <c>{}</c> / <c>[]</c>; strings escape quote, backslash, control
    /// characters (<c>\n</c>, <c>\t</c>, … or <c>\u001f</c>) and U+0085, U+2028, U+2029, and nothing else.
    /// The caller writes a well-formed sequence; a call out of place throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly TextWriter _output;
        private readonly bool _indented;

        // One entry per open container: whether it is an object, and whether it has content yet.
        private readonly List<bool> _isObject = new List<bool>();
        private readonly List<bool> _hasContent = new List<bool>();
        private bool _afterName;
        private bool _done;

        public JsonWriter(TextWriter output, bool indented = true)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _indented = indented;
        }

        public void WriteStartObject()
        {
            BeforeValue();
            _output.Write('{');
            Open(isObject: true);
        }

        public void WriteEndObject() => Close(isObject: true, '}');

        public void WriteStartArray()
        {
            BeforeValue();
            _output.Write('[');
            Open(isObject: false);
        }

        public void WriteEndArray() => Close(isObject: false, ']');

        public void WritePropertyName(string name)
        {
            if (name is null) throw new ArgumentNullException(nameof(name));
            var top = _isObject.Count - 1;
            if (top < 0 || !_isObject[top] || _afterName) throw new InvalidOperationException("A property name belongs directly inside an object.");
            if (_hasContent[top]) _output.Write(',');
            _hasContent[top] = true;
            NewLineAndIndent(_isObject.Count);
            WriteQuoted(name);
            _output.Write(':');
            _afterName = true;
        }

        public void WriteValue(string? value)
        {
            if (value is null)
            {
                WriteNull();
                return;
            }

            BeforeValue();
            WriteQuoted(value);
            AfterScalar();
        }

        public void WriteValue(bool value) => WriteRaw(value ? "true" : "false");

        public void WriteValue(int value) => WriteRaw(value.ToString(CultureInfo.InvariantCulture));

        public void WriteValue(int? value)
        {
            if (value.HasValue) WriteValue(value.GetValueOrDefault());
            else WriteNull();
        }

        public void WriteValue(long value) => WriteRaw(value.ToString(CultureInfo.InvariantCulture));

        /// <summary>A decimal as it is held, scale included (<c>160.00</c>; <c>.0</c> added to an integral one, as Newtonsoft does): sums of money read back exactly.</summary>
        public void WriteValue(decimal value) => WriteRaw(WithDecimalPlace(value.ToString(CultureInfo.InvariantCulture)));

        /// <summary>A finite double in its round-trip form, integral ones with <c>.0</c> as Newtonsoft writes them; null when not finite.</summary>
        public void WriteValue(double? value)
        {
            if (!value.HasValue || double.IsNaN(value.Value) || double.IsInfinity(value.Value))
            {
                WriteNull();
                return;
            }

            WriteRaw(WithDecimalPlace(value.Value.ToString("R", CultureInfo.InvariantCulture)));
        }

        private static string WithDecimalPlace(string number)
        {
            foreach (var c in number)
            {
                if (c == '.' || c == 'E' || c == 'e') return number;
            }

            return number + ".0";
        }

        public void WriteNull() => WriteRaw("null");

        /// <summary>A value read by <see cref="JsonReader"/>, written again (numbers as they were written).</summary>
        public void WriteValue(JsonValue value)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            switch (value)
            {
                case JsonObject obj:
                    WriteStartObject();
                    foreach (var property in obj.Properties)
                    {
                        WritePropertyName(property.Name);
                        WriteValue(property.Value);
                    }

                    WriteEndObject();
                    break;
                case JsonArray array:
                    WriteStartArray();
                    foreach (var item in array.Items) WriteValue(item);
                    WriteEndArray();
                    break;
                case JsonString text:
                    WriteValue(text.Value);
                    break;
                case JsonNumber number:
                    WriteRaw(number.Text);
                    break;
                case JsonBoolean flag:
                    WriteValue(flag.Value);
                    break;
                default:
                    WriteNull();
                    break;
            }
        }

        private void WriteRaw(string literal)
        {
            BeforeValue();
            _output.Write(literal);
            AfterScalar();
        }

        private void BeforeValue()
        {
            if (_done) throw new InvalidOperationException("The JSON value is complete; nothing may follow it.");
            var top = _isObject.Count - 1;
            if (_afterName)
            {
                if (_indented) _output.Write(' ');
                _afterName = false;
                return;
            }

            if (top < 0) return;
            if (_isObject[top]) throw new InvalidOperationException("A value inside an object needs a property name first.");
            if (_hasContent[top]) _output.Write(',');
            _hasContent[top] = true;
            NewLineAndIndent(_isObject.Count);
        }

        private void AfterScalar()
        {
            if (_isObject.Count == 0) _done = true;
        }

        private void Open(bool isObject)
        {
            _isObject.Add(isObject);
            _hasContent.Add(false);
        }

        private void Close(bool isObject, char bracket)
        {
            var top = _isObject.Count - 1;
            if (top < 0 || _isObject[top] != isObject || _afterName) throw new InvalidOperationException("'" + bracket + "' does not close the open " + (top < 0 ? "value" : _isObject[top] ? "object" : "array") + ".");
            var hadContent = _hasContent[top];
            _isObject.RemoveAt(top);
            _hasContent.RemoveAt(top);
            if (hadContent) NewLineAndIndent(top);
            _output.Write(bracket);
            if (top == 0) _done = true;
        }

        private void NewLineAndIndent(int level)
        {
            if (!_indented) return;
            _output.Write(_output.NewLine);
            for (var i = 0; i < level; i++) _output.Write("  ");
        }

        private void WriteQuoted(string text)
        {
            _output.Write('"');
            foreach (var c in text)
            {
                var escape = EscapeFor(c);
                if (escape is null) _output.Write(c);
                else _output.Write(escape);
            }

            _output.Write('"');
        }

        private static string? EscapeFor(char c)
        {
            switch (c)
            {
                case '"': return "\\\"";
                case '\\': return "\\\\";
                case '\n': return "\\n";
                case '\r': return "\\r";
                case '\t': return "\\t";
                case '\b': return "\\b";
                case '\f': return "\\f";
                case '\u0085': return "\\u0085";
                case '\u2028': return "\\u2028";
                case '\u2029': return "\\u2029";
                default:
                    return c < ' ' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : null;
            }
        }
    }
}
