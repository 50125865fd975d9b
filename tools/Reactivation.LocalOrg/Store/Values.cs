using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Reactivation.LocalOrg.Store;

/// <summary>
/// Deep copies of SDK values, so a caller that keeps a reference to what it sent or got back cannot
/// change stored rows (the real service serialises everything across the wire).
/// </summary>
internal static class Values
{
    public static object? Clone(object? value) => value switch
    {
        null => null,
        string or Guid or DateTime or bool or int or long or decimal or double or float or short or byte => value,
        EntityReference r => CloneReference(r),
        OptionSetValue o => new OptionSetValue(o.Value),
        Money m => new Money(m.Value),
        Entity e => CloneEntity(e),
        EntityCollection c => CloneCollection(c),
        OptionSetValueCollection c => new OptionSetValueCollection(c.Select(o => new OptionSetValue(o.Value)).ToList()),
        EntityReferenceCollection c => new EntityReferenceCollection(c.Select(CloneReference).ToList()),
        AliasedValue a => new AliasedValue(a.EntityLogicalName, a.AttributeLogicalName, Clone(a.Value)),
        byte[] bytes => bytes.Clone(),
        string[] strings => strings.Clone(),
        ColumnSet cs => CloneColumnSet(cs),
        _ => value,
    };

    public static EntityReference CloneReference(EntityReference r)
    {
        var copy = new EntityReference(r.LogicalName, r.Id) { Name = r.Name, RowVersion = r.RowVersion };
        if (r.KeyAttributes.Count > 0)
        {
            foreach (var pair in r.KeyAttributes)
            {
                copy.KeyAttributes[pair.Key] = Clone(pair.Value)!;
            }
        }

        return copy;
    }

    public static Entity CloneEntity(Entity e)
    {
        var copy = new Entity(e.LogicalName, e.Id) { RowVersion = e.RowVersion, EntityState = e.EntityState };
        foreach (var pair in e.Attributes)
        {
            copy.Attributes[pair.Key] = Clone(pair.Value);
        }

        foreach (var pair in e.KeyAttributes)
        {
            copy.KeyAttributes[pair.Key] = Clone(pair.Value)!;
        }

        foreach (var pair in e.FormattedValues)
        {
            copy.FormattedValues[pair.Key] = pair.Value;
        }

        return copy;
    }

    public static EntityCollection CloneCollection(EntityCollection c) => new(c.Entities.Select(CloneEntity).ToList())
    {
        EntityName = c.EntityName,
        MoreRecords = c.MoreRecords,
        PagingCookie = c.PagingCookie,
        TotalRecordCount = c.TotalRecordCount,
        TotalRecordCountLimitExceeded = c.TotalRecordCountLimitExceeded,
        MinActiveRowVersion = c.MinActiveRowVersion,
    };

    public static ColumnSet CloneColumnSet(ColumnSet cs)
    {
        var copy = new ColumnSet(cs.AllColumns);
        copy.Columns.AddRange(cs.Columns);
        return copy;
    }

    public static ParameterCollection CloneParameters(ParameterCollection source)
    {
        var copy = new ParameterCollection();
        foreach (var pair in source)
        {
            copy[pair.Key] = Clone(pair.Value);
        }

        return copy;
    }

    /// <summary>
    /// What the database keeps: date-times in UTC (a Local time is converted, an Unspecified one is taken
    /// as UTC — LocalOrg has no per-user time zone), everything else as a private copy.
    /// </summary>
    public static object? ForStorage(object? value) => value switch
    {
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        _ => Clone(value),
    };

    /// <summary>
    /// The comparable form of a column value, as SQL compares it: a lookup is its id, a choice its number,
    /// money its amount, any number a decimal (or double when it does not fit), a date-time its UTC instant.
    /// </summary>
    public static object? Scalar(object? value) => value switch
    {
        null => null,
        EntityReference r => r.Id,
        OptionSetValue o => (decimal)o.Value,
        Money m => m.Value,
        AliasedValue a => Scalar(a.Value),
        Enum e => Convert.ToDecimal(e, CultureInfo.InvariantCulture),
        int i => (decimal)i,
        long l => (decimal)l,
        short s => (decimal)s,
        byte b => (decimal)b,
        decimal d => d,
        float f when FitsDecimal(f) => (decimal)f,
        float f => (double)f,
        double d when FitsDecimal(d) => (decimal)d,
        double d => d,
        DateTime dt => dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        _ => value,
    };

    private static bool FitsDecimal(double d) => !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e27;

    /// <summary>
    /// A key for equality indexes (alternate keys and the Equal-lookup index): strings compare without case,
    /// like SQL Server's default collation. Null when the value cannot be indexed.
    /// </summary>
    public static object? IndexKey(object? value)
    {
        var scalar = Scalar(value);
        return scalar switch
        {
            null => null,
            string s => s.ToUpperInvariant(),
            decimal or Guid or DateTime or bool or double => scalar,
            _ => null,
        };
    }

    /// <summary>Compares two scalars the way SQL would; null when they cannot be compared.</summary>
    public static int? Compare(object? left, object? right)
    {
        var a = Scalar(left);
        var b = Scalar(right);
        if (a == null || b == null)
        {
            return null;
        }

        switch (a, b)
        {
            case (decimal x, decimal y):
                return x.CompareTo(y);
            case (double or decimal, double or decimal):
                return Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture));
            case (string x, string y):
                return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
            case (Guid x, Guid y):
                return x.CompareTo(y);
            case (Guid x, string y) when Guid.TryParse(y, out var g):
                return x.CompareTo(g);
            case (string x, Guid y) when Guid.TryParse(x, out var g):
                return g.CompareTo(y);
            case (DateTime x, DateTime y):
                return x.CompareTo(y);
            case (DateTime x, string y) when DateTime.TryParse(y, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d):
                return x.CompareTo(d);
            case (bool x, bool y):
                return x.CompareTo(y);
            case (bool x, decimal y):
                return (x ? 1m : 0m).CompareTo(y);
            case (decimal x, bool y):
                return x.CompareTo(y ? 1m : 0m);
            case (string x, decimal y) when decimal.TryParse(x, NumberStyles.Any, CultureInfo.InvariantCulture, out var n):
                return n.CompareTo(y);
            case (decimal x, string y) when decimal.TryParse(y, NumberStyles.Any, CultureInfo.InvariantCulture, out var n):
                return x.CompareTo(n);
            default:
                return null;
        }
    }

    /// <summary>Text for Like/BeginsWith/EndsWith and for messages.</summary>
    public static string? Text(object? value) => Scalar(value) switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
