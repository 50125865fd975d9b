using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.Store;

/// <summary>
/// A stored row. Rows are never changed in place: an update stores a new row object, so the undo log
/// only keeps references to the old ones and a rollback puts them back.
/// </summary>
internal sealed class StoredRow
{
    public StoredRow(string entity, Guid id, Dictionary<string, object?> attributes, long version)
    {
        Entity = entity;
        Id = id;
        Attributes = attributes;
        Version = version;
    }

    public string Entity { get; }

    public Guid Id { get; }

    public Dictionary<string, object?> Attributes { get; }

    public long Version { get; }

    public object? this[string column] => Attributes.TryGetValue(column, out var value) ? value : null;
}

internal sealed class AlternateKey
{
    public AlternateKey(string name, string[] columns)
    {
        Name = name;
        Columns = columns;
    }

    public string Name { get; }

    public string[] Columns { get; }

    public Dictionary<KeyTuple, Guid> Index { get; } = [];
}

/// <summary>The index form of an alternate key's values (null when a column is empty: such rows are not indexed).</summary>
internal readonly record struct KeyTuple(string Value);

/// <summary>One table: rows by id, its alternate keys, and the equality indexes queries asked for.</summary>
internal sealed class Table
{
    public Table(string name, string primaryIdAttribute)
    {
        Name = name;
        PrimaryIdAttribute = primaryIdAttribute;
    }

    public string Name { get; }

    public string PrimaryIdAttribute { get; }

    public Dictionary<Guid, StoredRow> Rows { get; } = [];

    public List<AlternateKey> Keys { get; } = [];

    /// <summary>column -> index key -> row ids. Built on the first Equal lookup on the column, then kept up to date.</summary>
    public Dictionary<string, Dictionary<object, HashSet<Guid>>> Indexes { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The organisation's data: per-table dictionaries (O(1) by id), alternate-key uniqueness and lazy
/// equality indexes. Every write goes through a <see cref="Transaction"/> so it can be undone.
/// </summary>
internal sealed class EntityStore
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly Func<string, string> _primaryIdOf;
    private long _version = 1000;

    public EntityStore(Func<string, string> primaryIdOf) => _primaryIdOf = primaryIdOf;

    public long NextVersion() => ++_version;

    public Table Table(string entity)
    {
        if (!_tables.TryGetValue(entity, out var table))
        {
            table = new Table(entity, _primaryIdOf(entity));
            _tables.Add(entity, table);
        }

        return table;
    }

    public bool TryGetTable(string entity, out Table table) => _tables.TryGetValue(entity, out table!);

    public StoredRow? Get(string entity, Guid id) =>
        _tables.TryGetValue(entity, out var table) && table.Rows.TryGetValue(id, out var row) ? row : null;

    public int Count(string entity) => _tables.TryGetValue(entity, out var table) ? table.Rows.Count : 0;

    public void DefineAlternateKey(string entity, string keyName, string[] columns)
    {
        var table = Table(entity);
        if (table.Keys.Any(k => string.Equals(k.Name, keyName, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The table '{entity}' already has a key named '{keyName}'.");
        }

        var key = new AlternateKey(keyName, columns);
        foreach (var row in table.Rows.Values)
        {
            var tuple = KeyOf(key, row.Attributes);
            if (tuple is { } t && !key.Index.TryAdd(t, row.Id))
            {
                throw new InvalidOperationException($"The key '{keyName}' cannot be created on '{entity}': existing rows share the values {t.Value}.");
            }
        }

        table.Keys.Add(key);
    }

    /// <summary>The row id an alternate key (or a primary-key value) points at, or null.</summary>
    public Guid? FindByKey(string entity, KeyAttributeCollection keyAttributes)
    {
        if (!_tables.TryGetValue(entity, out var table))
        {
            return null;
        }

        if (keyAttributes.Count == 1 && keyAttributes.TryGetValue(table.PrimaryIdAttribute, out var pk))
        {
            var id = pk is Guid g ? g : Guid.Parse(Convert.ToString(pk, CultureInfo.InvariantCulture)!);
            return table.Rows.ContainsKey(id) ? id : null;
        }

        foreach (var key in table.Keys)
        {
            if (key.Columns.Length == keyAttributes.Count && key.Columns.All(keyAttributes.ContainsKey))
            {
                var values = key.Columns.ToDictionary(c => c, c => (object?)keyAttributes[c], StringComparer.Ordinal);
                var tuple = KeyOf(key, values);
                return tuple is { } t && key.Index.TryGetValue(t, out var found) ? found : null;
            }
        }

        throw ServiceFaults.InvalidArgument(
            $"The specified key attributes are not a defined key for the {entity} entity: {string.Join(", ", keyAttributes.Keys)}");
    }

    public IEnumerable<StoredRow> Scan(string entity) =>
        _tables.TryGetValue(entity, out var table) ? table.Rows.Values : [];

    /// <summary>Rows whose column equals the value, through an index built on first use; null when the value can't be indexed.</summary>
    public IEnumerable<StoredRow>? LookupEqual(string entity, string column, object? value)
    {
        if (!_tables.TryGetValue(entity, out var table))
        {
            return [];
        }

        var key = Values.IndexKey(value);
        if (key == null)
        {
            return null;
        }

        if (string.Equals(column, table.PrimaryIdAttribute, StringComparison.Ordinal))
        {
            return key is Guid id && table.Rows.TryGetValue(id, out var row) ? [row] : [];
        }

        return IndexOf(table, column).TryGetValue(key, out var ids) ? ids.Select(id => table.Rows[id]).ToList() : [];
    }

    /// <summary>The column's equality index, built on first use and kept up to date by every write after.</summary>
    private static Dictionary<object, HashSet<Guid>> IndexOf(Table table, string column)
    {
        if (!table.Indexes.TryGetValue(column, out var index))
        {
            index = [];
            foreach (var row in table.Rows.Values)
            {
                AddToIndex(index, row, column);
            }

            table.Indexes.Add(column, index);
        }

        return index;
    }

    /// <summary>
    /// Rows whose date-time column compares to the value as the operator says (rows without a value never match,
    /// as in SQL), through the column's equality index: its distinct values are walked, not its rows, so a daily
    /// "due by now" query costs the due rows plus one look at each distinct date.
    /// </summary>
    public IEnumerable<StoredRow> LookupRange(string entity, string column, Func<int, bool> accepts, DateTime value)
    {
        if (!_tables.TryGetValue(entity, out var table))
        {
            return [];
        }

        var index = IndexOf(table, column);
        var hits = new List<StoredRow>();
        foreach (var (key, ids) in index)
        {
            if (key is DateTime date && accepts(date.CompareTo(value)))
            {
                hits.AddRange(ids.Select(id => table.Rows[id]));
            }
        }

        return hits;
    }

    public void Insert(Transaction transaction, StoredRow row)
    {
        var table = Table(row.Entity);
        if (table.Rows.ContainsKey(row.Id))
        {
            throw ServiceFaults.Create(DataverseErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
        }

        CheckKeys(table, row, previous: null);
        Put(table, row, previous: null);
        transaction.RecordUndo(table, row.Id, previous: null);
    }

    public void Replace(Transaction transaction, StoredRow row)
    {
        var table = Table(row.Entity);
        var previous = table.Rows[row.Id];
        CheckKeys(table, row, previous);
        Put(table, row, previous);
        transaction.RecordUndo(table, row.Id, previous);
    }

    public void Delete(Transaction transaction, string entity, Guid id)
    {
        var table = Table(entity);
        var previous = table.Rows[id];
        Remove(table, previous);
        transaction.RecordUndo(table, id, previous);
    }

    /// <summary>Puts a table back as it was before one write (the undo log calls this in reverse order).</summary>
    public static void Undo(Table table, Guid id, StoredRow? previous)
    {
        if (table.Rows.TryGetValue(id, out var current))
        {
            Remove(table, current);
        }

        if (previous != null)
        {
            Put(table, previous, previous: null);
        }
    }

    private static void CheckKeys(Table table, StoredRow row, StoredRow? previous)
    {
        foreach (var key in table.Keys)
        {
            if (KeyOf(key, row.Attributes) is { } tuple && key.Index.TryGetValue(tuple, out var owner) && owner != row.Id)
            {
                var values = string.Join(", ", key.Columns.Select(c => Values.Text(row[c])));
                throw ServiceFaults.Create(
                    DataverseErrorCodes.DuplicateRecordEntityKey,
                    $"A record that has the attribute values {values} already exists. The entity key {key.Name} requires that this set of attributes contains unique values. Select unique values and try again.");
            }
        }

        _ = previous;
    }

    private static void Put(Table table, StoredRow row, StoredRow? previous)
    {
        if (previous != null)
        {
            Remove(table, previous);
        }

        table.Rows[row.Id] = row;
        foreach (var key in table.Keys)
        {
            if (KeyOf(key, row.Attributes) is { } tuple)
            {
                key.Index[tuple] = row.Id;
            }
        }

        foreach (var (column, index) in table.Indexes)
        {
            AddToIndex(index, row, column);
        }
    }

    private static void Remove(Table table, StoredRow row)
    {
        table.Rows.Remove(row.Id);
        foreach (var key in table.Keys)
        {
            if (KeyOf(key, row.Attributes) is { } tuple && key.Index.TryGetValue(tuple, out var owner) && owner == row.Id)
            {
                key.Index.Remove(tuple);
            }
        }

        foreach (var (column, index) in table.Indexes)
        {
            if (Values.IndexKey(row[column]) is { } k && index.TryGetValue(k, out var ids))
            {
                ids.Remove(row.Id);
                if (ids.Count == 0)
                {
                    index.Remove(k);
                }
            }
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

    private static KeyTuple? KeyOf(AlternateKey key, Dictionary<string, object?> values)
    {
        var parts = new string[key.Columns.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            values.TryGetValue(key.Columns[i], out var raw);
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
