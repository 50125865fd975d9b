using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Metadata;
using Reactivation.LocalOrg.Solution;

namespace Reactivation.LocalOrg;

/// <summary>
/// Table metadata: the tables whose columns the organisation knows, and so enforces. A table becomes
/// known when a loaded solution declares it (Entities/*/Entity.xml), or through <see cref="DefineTable"/>.
/// Tables nobody defined stay permissive — any column can be written — so code and tests that use
/// tables the product does not declare keep working.
/// </summary>
public sealed partial class LocalOrganization
{
    private readonly Dictionary<string, TableDefinition> _tableDefinitions = new(StringComparer.Ordinal);

    /// <summary>The tables whose columns are enforced.</summary>
    public IReadOnlyList<TableDefinition> Tables
    {
        get
        {
            lock (_gate)
            {
                return _tableDefinitions.Values.ToList();
            }
        }
    }

    /// <summary>
    /// Makes a table's columns known: from now on a Create or Update of the table that writes another
    /// column, or a value of the wrong type, fails as it does in Dataverse. Defines the table's alternate
    /// keys. Replaces an earlier definition's columns (keys already defined stay).
    /// </summary>
    /// <exception cref="ArgumentException">A key's columns are not columns of the table, or existing rows already share a key's values.</exception>
    public void DefineTable(TableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(table);
        lock (_gate)
        {
            foreach (var key in table.Keys)
            {
                var missing = key.Columns.FirstOrDefault(c => !table.HasColumn(c));
                if (missing is not null)
                {
                    throw new ArgumentException($"The key '{key.Name}' of '{table.LogicalName}' uses '{missing}', which is not a column of the table.", nameof(table));
                }
            }

            var existing = _store.TryGetTable(table.LogicalName, out var stored) ? stored.Keys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal) : [];
            foreach (var key in table.Keys.Where(k => !existing.Contains(k.Name)))
            {
                try
                {
                    _store.DefineAlternateKey(table.LogicalName, key.Name, key.Columns.ToArray());
                }
                catch (InvalidOperationException e)
                {
                    throw new ArgumentException(e.Message, nameof(table), e);
                }
            }

            _tableDefinitions[table.LogicalName] = table;
        }
    }

    /// <summary>The definition the organisation enforces for a table, or null when the table is permissive.</summary>
    public TableDefinition? FindTable(string logicalName)
    {
        lock (_gate)
        {
            return _tableDefinitions.GetValueOrDefault(logicalName);
        }
    }

    /// <summary>Throws the platform's fault when a Create/Update writes a column the (defined) table lacks or a value of the wrong type.</summary>
    internal void ValidateColumns(string entityLogicalName, Entity target)
    {
        if (_tableDefinitions.TryGetValue(entityLogicalName, out var table) && ColumnValidation.Check(table, target) is { } fault)
        {
            throw fault;
        }
    }

    /// <summary>
    /// What LoadSolution enforces for a solution that declares tables: each declared table merged with the
    /// standard catalogue, plus every catalogue table the solution does not declare (a solution that
    /// declares tables runs against a full organisation, where those tables and only their columns exist).
    /// </summary>
    private static List<TableDefinition> TablesToDefine(SolutionDefinition solution)
    {
        if (solution.Tables.Count == 0)
        {
            return [];
        }

        var result = solution.Tables.Select(TableMetadataReader.Merge).ToList();
        result.AddRange(StandardTables.All.Where(s => result.TrueForAll(t => t.LogicalName != s.LogicalName)));
        return result;
    }
}
