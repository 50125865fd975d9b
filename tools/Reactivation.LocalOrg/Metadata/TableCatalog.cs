using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Solution;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg.Metadata;

/// <summary>
/// The tables whose columns the organisation knows, and so enforces. A table becomes known when a loaded
/// solution declares it (Entities/*/Entity.xml), or through <see cref="LocalOrganization.DefineTable"/>.
/// Tables nobody defined stay permissive — any column can be written — so code and tests that use
/// tables the product does not declare keep working.
/// </summary>
internal sealed class TableCatalog
{
    private readonly Dictionary<string, TableDefinition> _definitions = new(StringComparer.Ordinal);

    public IReadOnlyList<TableDefinition> All => _definitions.Values.ToList();

    public TableDefinition? Find(string logicalName) => _definitions.TryGetValue(logicalName, out var table) ? table : null;

    /// <summary>Makes a table's columns known and defines its alternate keys in the store (keys it already has stay).</summary>
    /// <exception cref="ArgumentException">A key's columns are not columns of the table, or existing rows already share a key's values.</exception>
    public void Define(TableDefinition table, EntityStore store)
    {
        foreach (var key in table.Keys)
        {
            var missing = key.Columns.FirstOrDefault(c => !table.HasColumn(c));
            if (missing is not null)
            {
                throw new ArgumentException($"The key '{key.Name}' of '{table.LogicalName}' uses '{missing}', which is not a column of the table.", nameof(table));
            }
        }

        var existing = store.KeyNames(table.LogicalName);
        foreach (var key in table.Keys.Where(k => !existing.Contains(k.Name)))
        {
            try
            {
                store.DefineAlternateKey(table.LogicalName, key.Name, key.Columns.ToArray());
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException(e.Message, nameof(table), e);
            }
        }

        _definitions[table.LogicalName] = table;
    }

    /// <summary>Throws the platform's fault when a Create/Update writes a column the (defined) table lacks or a value of the wrong type.</summary>
    public void ValidateColumns(string entityLogicalName, Entity target)
    {
        if (_definitions.TryGetValue(entityLogicalName, out var table) && ColumnValidation.Check(table, target) is { } fault)
        {
            throw fault;
        }
    }

    /// <summary>
    /// What LoadSolution enforces for a solution that declares tables: each declared table merged with the
    /// standard catalogue, plus every catalogue table the solution does not declare (a solution that
    /// declares tables runs against a full organisation, where those tables and only their columns exist).
    /// </summary>
    public static List<TableDefinition> ToDefine(SolutionDefinition solution)
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
