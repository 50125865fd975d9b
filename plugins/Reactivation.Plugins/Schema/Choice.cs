using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Schema
{
    /// <summary>Choices whose options are the publisher's own.</summary>
    public static class Choice
    {
        /// <summary>Choice values start at the publisher's option value prefix 10177 × 10,000.</summary>
        public const int PublisherBase = 101770000;

        /// <summary>A choice whose options are the publisher's, valued in the order of <paramref name="names"/>.</summary>
        public static Choice<T> FromPublisherBase<T>(string table, string column, params T[] names)
        {
            var values = new int[names.Length];
            for (var i = 0; i < names.Length; i++) values[i] = PublisherBase + i;
            return new Choice<T>(table, column, names, values);
        }
    }

    /// <summary>
    /// A choice column as the product reads and writes it: each name the product uses (a Core enum member or a Core
    /// vocabulary word) and its option value as solution/ declares it. The one place a choice value is written down;
    /// a test compares every choice here with solution/.
    /// </summary>
    public sealed class Choice<T>
    {
        private readonly T[] _names;
        private readonly int[] _values;

        /// <param name="table">The table whose column is checked against solution/ (a global choice: one of the tables using it).</param>
        public Choice(string table, string column, T[] names, int[] values)
        {
            if (names.Length != values.Length) throw new ArgumentException("Every name needs one value.", nameof(values));
            Table = table;
            Column = column;
            _names = names;
            _values = values;
        }

        public string Table { get; }

        public string Column { get; }

        /// <summary>The names in the order of their values.</summary>
        public IReadOnlyList<T> Names => _names;

        public IReadOnlyList<int> Values => _values;

        public int ValueOf(T name)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (EqualityComparer<T>.Default.Equals(_names[i], name)) return _values[i];
            }

            throw new ArgumentException(Table + "." + Column + " has no option for " + name + ".", nameof(name));
        }

        public OptionSetValue Option(T name) => new OptionSetValue(ValueOf(name));

        /// <summary>The name of <paramref name="value"/>; false when unset or not an option the product knows.</summary>
        public bool TryName(OptionSetValue? value, out T name)
        {
            if (value is not null)
            {
                for (var i = 0; i < _values.Length; i++)
                {
                    if (_values[i] == value.Value)
                    {
                        name = _names[i];
                        return true;
                    }
                }
            }

            name = default!;
            return false;
        }

        /// <summary>The name whose text is <paramref name="text"/> (ordinal), for configuration that names options.</summary>
        public bool TryNameOf(string text, out T name)
        {
            foreach (var candidate in _names)
            {
                if (string.Equals(candidate?.ToString(), text, StringComparison.Ordinal))
                {
                    name = candidate;
                    return true;
                }
            }

            name = default!;
            return false;
        }
    }
}
