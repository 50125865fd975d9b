using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Pipeline
{
    /// <summary>
    /// A value that may be written to the plugin trace: ids, numbers, flags, names the caller vouches
    /// for, and record columns rendered without personal data. See <see cref="SafeTrace"/>.
    /// </summary>
    public readonly struct TraceValue : IEquatable<TraceValue>
    {
        private const string Redacted = "[redacted]";
        private const int MaxNameLength = 128;

        private TraceValue(string text) => Text = text;

        /// <summary>The rendered text.</summary>
        public string Text { get; }

        public static implicit operator TraceValue(Guid value) => new TraceValue(value.ToString("D"));

        public static implicit operator TraceValue(int value) => new TraceValue(value.ToString(CultureInfo.InvariantCulture));

        public static implicit operator TraceValue(long value) => new TraceValue(value.ToString(CultureInfo.InvariantCulture));

        public static implicit operator TraceValue(decimal value) => new TraceValue(value.ToString(CultureInfo.InvariantCulture));

        public static implicit operator TraceValue(double value) => new TraceValue(value.ToString("R", CultureInfo.InvariantCulture));

        public static implicit operator TraceValue(bool value) => new TraceValue(value ? "true" : "false");

        public static TraceValue FromGuid(Guid value) => value;

        public static TraceValue FromInt32(int value) => value;

        public static TraceValue FromInt64(long value) => value;

        public static TraceValue FromDecimal(decimal value) => value;

        public static TraceValue FromDouble(double value) => value;

        public static TraceValue FromBoolean(bool value) => value;

        /// <summary>
        /// A name the caller vouches is not personal: a rule, ruleset, message, table, column or plugin
        /// name. As a safeguard, text with an '@' or a run of 7 or more digits (an e-mail address or a
        /// phone number slipped in by mistake), control characters, or more than 128 characters is
        /// written as "[redacted]".
        /// </summary>
        public static TraceValue Name(string? name)
        {
            if (name is null)
            {
                return new TraceValue("(null)");
            }

            if (name.Length > MaxNameLength)
            {
                return new TraceValue(Redacted);
            }

            var digitRun = 0;
            foreach (var c in name)
            {
                digitRun = char.IsDigit(c) ? digitRun + 1 : 0;
                if (c == '@' || char.IsControl(c) || digitRun >= 7)
                {
                    return new TraceValue(Redacted);
                }
            }

            return new TraceValue(name);
        }

        /// <summary>A system timestamp (when something ran or is due), in round-trip ISO 8601 form.</summary>
        public static TraceValue Timestamp(DateTime value) => new TraceValue(value.ToString("o", CultureInfo.InvariantCulture));

        /// <summary>A record reference as "table:id" (never its primary name).</summary>
        public static TraceValue Reference(EntityReference? reference) =>
            reference is null
                ? new TraceValue("(null)")
                : new TraceValue(Name(reference.LogicalName).Text + ":" + reference.Id.ToString("D"));

        /// <summary>The logical names of the columns an entity carries, sorted; never their values.</summary>
        public static TraceValue Columns(Entity? entity)
        {
            if (entity is null)
            {
                return new TraceValue("(no entity)");
            }

            var names = new List<string>(entity.Attributes.Count);
            foreach (var pair in entity.Attributes)
            {
                names.Add(Name(pair.Key).Text);
            }

            names.Sort(StringComparer.Ordinal);
            return new TraceValue(names.Count == 0 ? "(none)" : string.Join(",", names));
        }

        /// <summary>
        /// One column of a record, without personal data: a <see cref="PersonalColumns"/> column as
        /// "[personal]", text as "[text, N chars]", and numbers, flags, choices, money, lookups and
        /// dates of other columns as their value.
        /// </summary>
        public static TraceValue Column(Entity? entity, string attributeName)
        {
            if (entity is null || !entity.Attributes.TryGetValue(attributeName, out var value))
            {
                return new TraceValue("(absent)");
            }

            if (PersonalColumns.Contains(attributeName))
            {
                return new TraceValue("[personal]");
            }

            return new TraceValue(Render(value));
        }

        /// <summary>
        /// What failed, for the trace: the exception types (outermost first) and the stack trace, which
        /// hold code locations only. Messages are left out because platform and library messages can
        /// echo record values (duplicate detection, a fault naming the offending value).
        /// </summary>
        public static TraceValue Failure(Exception? exception)
        {
            if (exception is null)
            {
                return new TraceValue("(none)");
            }

            var text = new StringBuilder();
            for (var current = exception; current != null; current = current.InnerException)
            {
                if (text.Length > 0)
                {
                    text.Append(" <- ");
                }

                text.Append(current.GetType().FullName);
            }

            if (exception.StackTrace != null)
            {
                text.Append(Environment.NewLine).Append(exception.StackTrace);
            }

            return new TraceValue(text.ToString());
        }

        public override string ToString() => Text ?? string.Empty;

        public bool Equals(TraceValue other) => string.Equals(Text, other.Text, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is TraceValue other && Equals(other);

        public override int GetHashCode() => Text == null ? 0 : StringComparer.Ordinal.GetHashCode(Text);

        public static bool operator ==(TraceValue left, TraceValue right) => left.Equals(right);

        public static bool operator !=(TraceValue left, TraceValue right) => !left.Equals(right);

        private static string Render(object? value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case string text:
                    return "[text, " + text.Length.ToString(CultureInfo.InvariantCulture) + " chars]";
                case OptionSetValue option:
                    return option.Value.ToString(CultureInfo.InvariantCulture);
                case Money money:
                    return money.Value.ToString(CultureInfo.InvariantCulture);
                case EntityReference reference:
                    return Reference(reference).Text;
                case DateTime date:
                    return Timestamp(date).Text;
                case bool flag:
                    return flag ? "true" : "false";
                case Guid id:
                    return id.ToString("D");
                case int or long or decimal or double:
                    return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                default:
                    // Entities, collections, AliasedValues and the like: their type, not their content.
                    return "[" + value.GetType().Name + "]";
            }
        }
    }
}
