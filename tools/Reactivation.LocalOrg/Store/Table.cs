using System.Globalization;

namespace Reactivation.LocalOrg.Store;

/// <summary>
/// A stored row. Rows are never changed in place: an update stores a new row object, so the undo log
/// only keeps references to the old ones and a rollback puts them back.
/// </summary>
internal sealed class StoredRow(string entity, Guid id, Dictionary<string, object?> attributes, long version)
{
    public string Entity { get; } = entity;

    public Guid Id { get; } = id;

    public Dictionary<string, object?> Attributes { get; } = attributes;

    public long Version { get; } = version;

    public object? this[string column] => Attributes.TryGetValue(column, out var value) ? value : null;
}

/// <summary>An alternate key of a table and its unique index (key values → the row that has them).</summary>
internal sealed class AlternateKey(string name, string[] columns)
{
    public string Name { get; } = name;

    public string[] Columns { get; } = columns;

    public Dictionary<KeyTuple, Guid> Index { get; } = [];

    /// <summary>The index form of a row's values for this key; null when a column is empty (such rows are not indexed).</summary>
    public KeyTuple? Of(IReadOnlyDictionary<string, object?> values)
    {
        var parts = new string[Columns.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            values.TryGetValue(Columns[i], out var raw);
            var k = Values.IndexKey(raw);
            if (k == null)
            {
                return null;
            }

            parts[i] = k is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : k.ToString()!;
        }

        return new KeyTuple(string.Join("\u001f", parts));
    }
}

/// <summary>The index form of an alternate key's values.</summary>
internal readonly record struct KeyTuple(string Value);

/// <summary>
/// One table: rows by id (O(1)), its alternate keys and the equality indexes queries asked for. Every change of
/// a row goes through <see cref="Put"/> or <see cref="Remove"/>, which keep the keys and indexes true.
/// </summary>
internal sealed class Table(string name, string primaryIdAttribute)
{
    /// <summary>column -> index key -> row ids. Built on the first lookup on the column, then kept up to date.</summary>
    private readonly Dictionary<string, Dictionary<object, HashSet<Guid>>> _indexes = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public string PrimaryIdAttribute { get; } = primaryIdAttribute;

    public Dictionary<Guid, StoredRow> Rows { get; } = [];

    public List<AlternateKey> Keys { get; } = [];

    /// <summary>The column's equality index, built on first use and kept up to date by every write after.</summary>
    public Dictionary<object, HashSet<Guid>> IndexOf(string column)
    {
        if (!_indexes.TryGetValue(column, out var index))
        {
            index = [];
            foreach (var row in Rows.Values)
            {
                AddToIndex(index, row, column);
            }

            _indexes.Add(column, index);
        }

        return index;
    }

    /// <summary>Fails as the platform does when another row already has the values of one of the alternate keys.</summary>
    public void CheckKeys(StoredRow row)
    {
        foreach (var key in Keys)
        {
            if (key.Of(row.Attributes) is { } tuple && key.Index.TryGetValue(tuple, out var owner) && owner != row.Id)
            {
                var values = string.Join(", ", key.Columns.Select(c => Values.Text(row[c])));
                throw ServiceFaults.Create(
                    DataverseErrorCodes.DuplicateRecordEntityKey,
                    $"A record that has the attribute values {values} already exists. The entity key {key.Name} requires that this set of attributes contains unique values. Select unique values and try again.");
            }
        }
    }

    /// <summary>Stores the row (replacing the one with its id, if any) and indexes it.</summary>
    public void Put(StoredRow row)
    {
        if (Rows.TryGetValue(row.Id, out var previous))
        {
            Remove(previous);
        }

        Rows[row.Id] = row;
        foreach (var key in Keys)
        {
            if (key.Of(row.Attributes) is { } tuple)
            {
                key.Index[tuple] = row.Id;
            }
        }

        foreach (var pair in _indexes)
        {
            AddToIndex(pair.Value, row, pair.Key);
        }
    }

    public void Remove(StoredRow row)
    {
        Rows.Remove(row.Id);
        foreach (var key in Keys)
        {
            if (key.Of(row.Attributes) is { } tuple && key.Index.TryGetValue(tuple, out var owner) && owner == row.Id)
            {
                key.Index.Remove(tuple);
            }
        }

        foreach (var pair in _indexes)
        {
            if (Values.IndexKey(row[pair.Key]) is { } k && pair.Value.TryGetValue(k, out var ids))
            {
                ids.Remove(row.Id);
                if (ids.Count == 0)
                {
                    pair.Value.Remove(k);
                }
            }
        }
    }

    /// <summary>Puts the table back as it was before one write (the undo log calls this in reverse order).</summary>
    public void Undo(Guid id, StoredRow? previous)
    {
        if (Rows.TryGetValue(id, out var current))
        {
            Remove(current);
        }

        if (previous != null)
        {
            Put(previous);
        }
    }

    private static void AddToIndex(Dictionary<object, HashSet<Guid>> index, StoredRow row, string column)
    {
        if (Values.IndexKey(row[column]) is { } k)
        {
            if (!index.TryGetValue(k, out var ids))
            {
                ids = [];
                index.Add(k, ids);
            }

            ids.Add(row.Id);
        }
    }
}
