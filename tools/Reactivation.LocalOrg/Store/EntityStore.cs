using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.Store;

/// <summary>
/// The organisation's data and the rules of writing it: the system columns the platform sets on Create and
/// Update (createdon, modifiedon, createdby, modifiedby, ownerid, owningbusinessunit, statecode, statuscode,
/// versionnumber), row versions and optimistic concurrency, addressing a row by alternate key, key uniqueness,
/// the lookup indexes, and the undo log: every write goes through a <see cref="Transaction"/> so it can be undone.
/// </summary>
internal sealed class EntityStore
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly Func<string, string> _primaryIdOf;
    private readonly Guid _businessUnitId;
    private long _version = 1000;

    public EntityStore(Func<string, string> primaryIdOf, Guid businessUnitId)
    {
        _primaryIdOf = primaryIdOf;
        _businessUnitId = businessUnitId;
    }

    public Table Table(string entity)
    {
        if (!_tables.TryGetValue(entity, out var table))
        {
            table = new Table(entity, _primaryIdOf(entity));
            _tables.Add(entity, table);
        }

        return table;
    }

    public StoredRow? Get(string entity, Guid id) =>
        _tables.TryGetValue(entity, out var table) && table.Rows.TryGetValue(id, out var row) ? row : null;

    public IEnumerable<StoredRow> Scan(string entity) =>
        _tables.TryGetValue(entity, out var table) ? table.Rows.Values : [];

    /// <summary>The names of the alternate keys a table has.</summary>
    public IReadOnlyList<string> KeyNames(string entity) =>
        _tables.TryGetValue(entity, out var table) ? table.Keys.Select(k => k.Name).ToList() : [];

    /// <exception cref="InvalidOperationException">The table already has the key, or existing rows share key values.</exception>
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
            if (key.Of(row.Attributes) is not { } tuple)
            {
                continue;
            }

            if (key.Index.ContainsKey(tuple))
            {
                throw new InvalidOperationException($"The key '{keyName}' cannot be created on '{entity}': existing rows share the values {tuple.Value}.");
            }

            key.Index.Add(tuple, row.Id);
        }

        table.Keys.Add(key);
    }

    /// <summary>
    /// The row a request addresses: its id, else the primary key column of the Target, else an alternate key.
    /// Fails as the platform does when the key matches no row or is not a key of the table.
    /// </summary>
    public Guid Address(string entity, Guid id, KeyAttributeCollection keys, Entity? target)
    {
        if (id != Guid.Empty)
        {
            return id;
        }

        if (target != null && target.Attributes.TryGetValue(_primaryIdOf(entity), out var pk) && pk is Guid g && g != Guid.Empty)
        {
            return g;
        }

        if (keys.Count > 0)
        {
            return FindByKey(entity, keys) ?? throw ServiceFaults.KeyDoesNotExist(entity);
        }

        throw ServiceFaults.InvalidArgument($"The {entity} record has neither an Id nor key attributes.");
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
                return key.Of(values) is { } t && key.Index.TryGetValue(t, out var found) ? found : null;
            }
        }

        throw ServiceFaults.InvalidArgument(
            $"The specified key attributes are not a defined key for the {entity} entity: {string.Join(", ", keyAttributes.Keys)}");
    }

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

        return table.IndexOf(column).TryGetValue(key, out var ids) ? ids.Select(id => table.Rows[id]).ToList() : [];
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

        var hits = new List<StoredRow>();
        foreach (var pair in table.IndexOf(column))
        {
            if (pair.Key is DateTime date && accepts(date.CompareTo(value)))
            {
                hits.AddRange(pair.Value.Select(id => table.Rows[id]));
            }
        }

        return hits;
    }

    /// <summary>
    /// Creates a row from a Create's Target as the platform does: the caller's columns, then the system columns —
    /// createdon (or overriddencreatedon), modifiedon, createdby and modifiedby from the clock and the user, and
    /// ownerid, owningbusinessunit, statecode 0 and statuscode 1 unless the Target sets them.
    /// </summary>
    public void Create(Transaction transaction, string entity, Guid id, Entity target, Guid userId, DateTime now)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in target.Attributes)
        {
            if (pair.Value != null && !IsSetByPlatform(pair.Key))
            {
                attributes[pair.Key] = Values.ForStorage(pair.Value);
            }
        }

        var user = new EntityReference("systemuser", userId);
        attributes[_primaryIdOf(entity)] = id;
        attributes["createdon"] = target.GetAttributeValue<DateTime?>("overriddencreatedon") is { } overridden ? Values.ForStorage(overridden) : now;
        attributes["modifiedon"] = now;
        attributes["createdby"] = user;
        attributes["modifiedby"] = Values.Clone(user);
        SetUnlessGiven(attributes, "ownerid", Values.Clone(user));
        SetUnlessGiven(attributes, "owningbusinessunit", new EntityReference("businessunit", _businessUnitId));
        SetUnlessGiven(attributes, "statecode", new OptionSetValue(0));
        SetUnlessGiven(attributes, "statuscode", new OptionSetValue(1));

        var table = Table(entity);
        if (table.Rows.ContainsKey(id))
        {
            throw ServiceFaults.Create(DataverseErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
        }

        Write(transaction, table, id, previous: null, attributes);
    }

    /// <summary>
    /// Merges an Update's Target into the row: a null value clears a column; the primary key and the columns the
    /// platform sets are not the caller's to change; modifiedon, modifiedby and the version move on.
    /// </summary>
    public void Update(Transaction transaction, string entity, Guid id, Entity target, Guid userId, DateTime now, ConcurrencyBehavior concurrency)
    {
        var table = Table(entity);
        var existing = ExistingRow(table, id, concurrency, target.RowVersion);
        var attributes = new Dictionary<string, object?>(existing.Attributes, StringComparer.Ordinal);
        foreach (var pair in target.Attributes)
        {
            if (pair.Key == table.PrimaryIdAttribute || IsSetByPlatform(pair.Key))
            {
                continue;
            }

            if (pair.Value == null)
            {
                attributes.Remove(pair.Key);
            }
            else
            {
                attributes[pair.Key] = Values.ForStorage(pair.Value);
            }
        }

        attributes["modifiedon"] = now;
        attributes["modifiedby"] = new EntityReference("systemuser", userId);
        Write(transaction, table, id, existing, attributes);
    }

    public void Delete(Transaction transaction, string entity, Guid id, ConcurrencyBehavior concurrency, string? rowVersion)
    {
        var table = Table(entity);
        var existing = ExistingRow(table, id, concurrency, rowVersion);
        table.Remove(existing);
        transaction.RecordUndo(table, id, existing);
    }

    /// <summary>Columns only the platform writes: what a caller sends for them is ignored.</summary>
    private static bool IsSetByPlatform(string column) =>
        column is "createdon" or "createdby" or "modifiedon" or "modifiedby" or "versionnumber";

    private static void SetUnlessGiven(Dictionary<string, object?> attributes, string column, object? value)
    {
        if (!attributes.ContainsKey(column))
        {
            attributes[column] = value;
        }
    }

    /// <summary>Stores a new version of a row: a fresh versionnumber (its RowVersion), the keys checked, the undo recorded.</summary>
    private void Write(Transaction transaction, Table table, Guid id, StoredRow? previous, Dictionary<string, object?> attributes)
    {
        var version = ++_version;
        attributes["versionnumber"] = version;
        var row = new StoredRow(table.Name, id, attributes, version);
        table.CheckKeys(row);
        table.Put(row);
        transaction.RecordUndo(table, id, previous);
    }

    /// <summary>The row an Update or Delete changes, after the optimistic-concurrency check the caller asked for.</summary>
    private static StoredRow ExistingRow(Table table, Guid id, ConcurrencyBehavior concurrency, string? rowVersion)
    {
        var existing = table.Rows.TryGetValue(id, out var row) ? row : throw ServiceFaults.DoesNotExist(table.Name, id);
        if (concurrency != ConcurrencyBehavior.IfRowVersionMatches)
        {
            return existing;
        }

        if (string.IsNullOrEmpty(rowVersion))
        {
            throw ServiceFaults.Create(
                DataverseErrorCodes.ConcurrencyVersionNotProvided,
                "The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches.");
        }

        if (!string.Equals(rowVersion, existing.Version.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            throw ServiceFaults.Create(
                DataverseErrorCodes.ConcurrencyVersionMismatch,
                "The version of the existing record doesn't match the RowVersion property provided.");
        }

        return existing;
    }
}
