using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Reactivation.Core.Json
{
    /// <summary>A place in the text: 1-based line and column, counted in UTF-16 code units (a tab is one column).</summary>
    public readonly struct JsonPosition
    {
        public JsonPosition(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }

        public override string ToString() => "(" + Line.ToString(CultureInfo.InvariantCulture) + "," + Column.ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>
    /// One value of a document read by <see cref="JsonReader"/>, with the line and column where it starts
    /// (the opening quote, bracket or brace, or the first character of a number or literal).
    /// Read-only once read.
    /// </summary>
    public abstract class JsonValue
    {
        private protected JsonValue(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }

        /// <summary>The value as compact JSON; a string gives its text without quotes (what a message quotes).</summary>
        public override string ToString()
        {
            using (var text = new StringWriter(CultureInfo.InvariantCulture))
            {
                new JsonWriter(text, indented: false).WriteValue(this);
                return text.ToString();
            }
        }
    }

    public sealed class JsonObject : JsonValue
    {
        // Small objects are searched in order; a large one (hostile input) gets an index so lookups stay linear overall.
        private const int IndexedFrom = 9;
        private readonly JsonProperty[] _properties;
        private readonly Dictionary<string, JsonProperty>? _index;

        internal JsonObject(int line, int column, JsonProperty[] properties)
            : base(line, column)
        {
            _properties = properties;
            if (properties.Length >= IndexedFrom)
            {
                _index = new Dictionary<string, JsonProperty>(properties.Length, StringComparer.Ordinal);
                foreach (var property in properties) _index[property.Name] = property;
            }
        }

        /// <summary>In the order of the text; names are unique (the reader refuses duplicates).</summary>
        public IReadOnlyList<JsonProperty> Properties => _properties;

        /// <summary>The value of the property with this exact (case-sensitive) name, or null.</summary>
        public JsonValue? this[string name] => Property(name)?.Value;

        public JsonProperty? Property(string name)
        {
            if (_index is not null) return _index.TryGetValue(name, out var found) ? found : null;
            foreach (var property in _properties)
            {
                if (string.Equals(property.Name, name, StringComparison.Ordinal)) return property;
            }

            return null;
        }
    }

    /// <summary>A name and its value; placed on the name's first character (inside its quotes).</summary>
    public sealed class JsonProperty
    {
        internal JsonProperty(string name, JsonValue value, int line, int column)
        {
            Name = name;
            Value = value;
            Line = line;
            Column = column;
        }

        public string Name { get; }
        public JsonValue Value { get; }
        public int Line { get; }
        public int Column { get; }
    }

    public sealed class JsonArray : JsonValue
    {
        private readonly JsonValue[] _items;

        internal JsonArray(int line, int column, JsonValue[] items)
            : base(line, column)
        {
            _items = items;
        }

        public IReadOnlyList<JsonValue> Items => _items;
        public int Count => _items.Length;
    }

    public sealed class JsonString : JsonValue
    {
        private readonly string _source;
        private readonly int _openQuote;

        internal JsonString(string value, int line, int column, string source, int openQuote)
            : base(line, column)
        {
            Value = value;
            _source = source;
            _openQuote = openQuote;
        }

        /// <summary>The decoded text (escapes resolved).</summary>
        public string Value { get; }

        public override string ToString() => Value;

        /// <summary>
        /// Where the character at <paramref name="offset"/> of <see cref="Value"/> stands in the text, escapes
        /// counted as written (<c>\"</c> is two columns, <c>\u00e9</c> six): an error inside an expression points at
        /// the character an editor shows. An offset past the end gives the closing quote.
        /// </summary>
        public JsonPosition PositionAt(int offset)
        {
            var i = _openQuote + 1;
            var decoded = 0;
            while (i < _source.Length && decoded < offset && _source[i] != '"')
            {
                if (_source[i] == '\\') i += i + 1 < _source.Length && _source[i + 1] == 'u' ? 6 : 2;
                else i++;
                decoded++;
            }

            return new JsonPosition(Line, Column + (i - _openQuote));
        }
    }

    /// <summary>A number, kept as decimal (no binary floating point) together with the text it was written as.</summary>
    public sealed class JsonNumber : JsonValue
    {
        internal JsonNumber(decimal value, string text, int line, int column)
            : base(line, column)
        {
            Value = value;
            Text = text;
        }

        public decimal Value { get; }

        /// <summary>As written, e.g. <c>1.50</c> or <c>2e3</c>.</summary>
        public string Text { get; }

        /// <summary>Written without a fraction or an exponent (<c>30</c>, not <c>30.0</c> or <c>3e1</c>).</summary>
        public bool IsInteger => Text.IndexOfAny(FractionOrExponent) < 0;

        /// <summary>Column of the last character: numbers and literals have always been placed there in diagnostics.</summary>
        public int EndColumn => Column + Text.Length - 1;

        private static readonly char[] FractionOrExponent = { '.', 'e', 'E' };
    }

    public sealed class JsonBoolean : JsonValue
    {
        internal JsonBoolean(bool value, int line, int column)
            : base(line, column)
        {
            Value = value;
        }

        public bool Value { get; }

        /// <summary>Column of the last character of <c>true</c> / <c>false</c>.</summary>
        public int EndColumn => Column + (Value ? 3 : 4);
    }

    public sealed class JsonNull : JsonValue
    {
        internal JsonNull(int line, int column)
            : base(line, column)
        {
        }

        /// <summary>Column of the last character of <c>null</c>.</summary>
        public int EndColumn => Column + 3;
    }
}
