using System.Globalization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.Metadata;

/// <summary>
/// What Dataverse checks about the columns of a Create or Update: every column must exist on the table,
/// each value must be of the column's type, and a choice value must be one of the choice's options.
/// A null value clears a column and is always allowed.
/// </summary>
internal static class ColumnValidation
{
    /// <summary>The fault Dataverse raises for the first column that fails, or null when every column is fine.</summary>
    public static FaultException<OrganizationServiceFault>? Check(TableDefinition table, Entity target)
    {
        foreach (var (name, value) in target.Attributes)
        {
            if (!table.Columns.TryGetValue(name, out var column))
            {
                return ServiceFaults.Create(
                    DataverseErrorCodes.QueryBuilderNoAttribute,
                    $"'{table.SchemaName}' entity doesn't contain attribute with Name = '{name}' and NameMapping = 'Logical' (look up attribute by name is case-sensitive).");
            }

            if (value is null)
            {
                continue;
            }

            if (!IsOfType(column.Type, value))
            {
                return ServiceFaults.Create(DataverseErrorCodes.IncorrectAttributeValueType, $"Incorrect type of attribute value {value.GetType().FullName}");
            }

            if (column.Type == ColumnType.Choice && column.OptionValues.Count > 0 && value is OptionSetValue choice && !column.OptionValues.Contains(choice.Value))
            {
                return ServiceFaults.Create(
                    DataverseErrorCodes.OptionValueOutOfRange,
                    $"A validation error occurred. The value {choice.Value.ToString(CultureInfo.InvariantCulture)} of '{name}' on record of type '{table.LogicalName}' is outside the valid range. Accepted Values: {string.Join(",", column.OptionValues.Select(v => v.ToString(CultureInfo.InvariantCulture)))}");
            }
        }

        return null;
    }

    /// <summary>The SDK value types each column type takes (what the platform deserialises into).</summary>
    public static bool IsOfType(ColumnType type, object value) => type switch
    {
        ColumnType.Text or ColumnType.Memo or ColumnType.EntityName => value is string,
        ColumnType.WholeNumber => value is int,
        ColumnType.BigInt => value is long,
        ColumnType.DecimalNumber => value is decimal,
        ColumnType.FloatNumber => value is double,
        ColumnType.Money => value is Money,
        ColumnType.DateTime => value is DateTime,
        ColumnType.Boolean => value is bool,
        ColumnType.Choice or ColumnType.State or ColumnType.Status => value is OptionSetValue,
        ColumnType.MultiChoice => value is OptionSetValueCollection,
        ColumnType.Lookup or ColumnType.Owner or ColumnType.Customer => value is EntityReference,
        ColumnType.PrimaryKey or ColumnType.UniqueIdentifier => value is Guid,
        ColumnType.PartyList => value is EntityCollection,
        _ => false,
    };
}
