namespace Reactivation.LocalOrg.Metadata;

/// <summary>What kind of value a column holds, as the solution's Entity.xml &lt;Type&gt; names it.</summary>
public enum ColumnType
{
    /// <summary>nvarchar: single-line text (string).</summary>
    Text,

    /// <summary>ntext / memo: multiline text (string).</summary>
    Memo,

    /// <summary>int: whole number (int).</summary>
    WholeNumber,

    /// <summary>bigint (long), e.g. versionnumber.</summary>
    BigInt,

    /// <summary>decimal (decimal).</summary>
    DecimalNumber,

    /// <summary>float (double).</summary>
    FloatNumber,

    /// <summary>money (Money).</summary>
    Money,

    /// <summary>datetime (DateTime).</summary>
    DateTime,

    /// <summary>bit: two options (bool).</summary>
    Boolean,

    /// <summary>picklist: choice (OptionSetValue).</summary>
    Choice,

    /// <summary>multiselectpicklist (OptionSetValueCollection).</summary>
    MultiChoice,

    /// <summary>state: statecode (OptionSetValue).</summary>
    State,

    /// <summary>status: statuscode (OptionSetValue).</summary>
    Status,

    /// <summary>lookup (EntityReference).</summary>
    Lookup,

    /// <summary>owner: ownerid, a systemuser or a team (EntityReference).</summary>
    Owner,

    /// <summary>customer: an account or a contact (EntityReference).</summary>
    Customer,

    /// <summary>primarykey (Guid).</summary>
    PrimaryKey,

    /// <summary>uniqueidentifier (Guid).</summary>
    UniqueIdentifier,

    /// <summary>partylist: an activity's from/to (EntityCollection of activityparty).</summary>
    PartyList,

    /// <summary>entityname: a table's logical name as text (string), e.g. activitytypecode.</summary>
    EntityName,
}

/// <summary>One column of a table.</summary>
/// <param name="LogicalName">Lower case, e.g. "rx_lifecyclestage".</param>
/// <param name="MaxLength">Text columns: the most characters the column takes; null otherwise.</param>
/// <param name="MinValue">Number columns: the smallest value allowed; null when not declared.</param>
/// <param name="MaxValue">Number columns: the largest value allowed; null when not declared.</param>
/// <param name="OptionValues">Choice, state and status columns: the values the choice has (a global choice's, resolved); empty otherwise.</param>
/// <param name="OptionSetName">The global choice a choice column uses; null for a local one.</param>
/// <param name="Targets">Lookup columns: the tables it may point at (lower case); empty = any (e.g. regardingobjectid).</param>
public sealed record ColumnDefinition(
    string LogicalName,
    ColumnType Type,
    int? MaxLength = null,
    decimal? MinValue = null,
    decimal? MaxValue = null,
    IReadOnlyList<int>? OptionValues = null,
    string? OptionSetName = null,
    IReadOnlyList<string>? Targets = null)
{
    public IReadOnlyList<int> OptionValues { get; init; } = OptionValues ?? [];

    public IReadOnlyList<string> Targets { get; init; } = Targets ?? [];
}

/// <summary>An alternate key (EntityKey): the columns whose values together identify a row.</summary>
/// <param name="Name">The key's logical name, e.g. "rx_incentivecodekey".</param>
public sealed record AlternateKeyDefinition(string Name, IReadOnlyList<string> Columns);

/// <summary>
/// A table the local organisation knows the columns of: from a solution's Entity.xml, from the built-in
/// catalogue of standard tables (<see cref="StandardTables"/>), or both merged. A Create or Update that
/// writes a column not in <see cref="Columns"/>, or a value of the wrong type, fails as in Dataverse.
/// </summary>
/// <param name="LogicalName">Lower case, e.g. "rx_incentive".</param>
/// <param name="SchemaName">As the platform names the table in messages, e.g. "rx_Incentive", "Contact".</param>
/// <param name="PrimaryIdAttribute">The primary key column, e.g. "rx_incentiveid" or "activityid".</param>
/// <param name="IsActivity">An activity table (keyed by activityid, with the activity columns).</param>
/// <param name="Columns">By logical name (ordinal: Dataverse logical names are case-sensitive).</param>
/// <param name="Keys">Alternate keys.</param>
/// <param name="SourceFile">The Entity.xml it was read from, relative to the solution folder; null for the catalogue.</param>
public sealed record TableDefinition(
    string LogicalName,
    string SchemaName,
    string PrimaryIdAttribute,
    bool IsActivity,
    IReadOnlyDictionary<string, ColumnDefinition> Columns,
    IReadOnlyList<AlternateKeyDefinition> Keys,
    string? SourceFile = null)
{
    public bool HasColumn(string logicalName) => Columns.ContainsKey(logicalName);
}
