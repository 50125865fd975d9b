using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Reactivation.LocalOrg.Solution;

namespace Reactivation.LocalOrg.Metadata;

/// <summary>
/// Reads the tables an unpacked solution declares: Entities/&lt;SchemaName&gt;/Entity.xml (columns and
/// alternate keys), OptionSets/&lt;name&gt;.xml (global choices a column refers to) and
/// Other/Relationships/*.xml (which table a lookup points at: exports leave &lt;LookupTypes /&gt; empty
/// and name the target only in the relationship). Every error names the file.
/// <para>
/// The result is what the files declare, nothing more: a standard table's Entity.xml lists only the
/// columns the solution adds. <see cref="Merge"/> combines that with <see cref="StandardTables"/>.
/// </para>
/// </summary>
public static class TableMetadataReader
{
    /// <summary>Reads every Entities/*/Entity.xml of the folder; none when the folder has no Entities/.</summary>
    /// <exception cref="SolutionFormatException">A file is malformed, names an unknown global choice, or a key names an undeclared column.</exception>
    public static IReadOnlyList<TableDefinition> Read(string folder)
    {
        var root = Path.GetFullPath(folder);
        var entities = Path.Combine(root, "Entities");
        if (!Directory.Exists(entities))
        {
            return [];
        }

        var files = new Files(root);
        var optionSets = files.ReadGlobalChoices();
        var lookups = files.ReadLookupTargets();
        var tables = new List<TableDefinition>();
        foreach (var folderPath in Directory.GetDirectories(entities).Order(StringComparer.Ordinal))
        {
            var file = files.Relative(Path.Combine(folderPath, "Entity.xml"));
            var table = files.ReadEntity(file, optionSets, lookups);
            if (tables.Exists(t => t.LogicalName == table.LogicalName))
            {
                throw new SolutionFormatException(file, null, $"the table '{table.LogicalName}' is declared twice.");
            }

            tables.Add(table);
        }

        return tables;
    }

    /// <summary>
    /// The table the organisation enforces: a declared table merged with its catalogue entry (a standard
    /// table's declaration lists only the added columns), activity tables with the activity columns,
    /// user-owned system columns the platform adds, and a <c>&lt;money&gt;_base</c> column per money column.
    /// </summary>
    public static TableDefinition Merge(TableDefinition declared)
    {
        var columns = new Dictionary<string, ColumnDefinition>(StringComparer.Ordinal);
        var standard = StandardTables.Find(declared.LogicalName);
        if (standard is not null)
        {
            foreach (var (name, column) in standard.Columns)
            {
                columns[name] = column;
            }
        }

        if (declared.IsActivity || standard?.IsActivity == true)
        {
            foreach (var column in StandardTables.ActivityColumns())
            {
                columns.TryAdd(column.LogicalName, column);
            }
        }

        foreach (var column in StandardTables.UserOwnedSystemColumns())
        {
            columns.TryAdd(column.LogicalName, column);
        }

        foreach (var (name, column) in declared.Columns)
        {
            columns[name] = column;
        }

        foreach (var money in columns.Values.Where(c => c.Type == ColumnType.Money).ToList())
        {
            // The platform creates the base-currency twin of every money column.
            columns.TryAdd(money.LogicalName + "_base", new ColumnDefinition(money.LogicalName + "_base", ColumnType.Money));
        }

        return declared with
        {
            SchemaName = standard?.SchemaName ?? declared.SchemaName,
            PrimaryIdAttribute = standard?.PrimaryIdAttribute ?? declared.PrimaryIdAttribute,
            IsActivity = declared.IsActivity || standard?.IsActivity == true,
            Columns = columns,
        };
    }

    private sealed class Files(string root)
    {
        public string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

        /// <summary>Global choice name (lower case) → its option values.</summary>
        public Dictionary<string, IReadOnlyList<int>> ReadGlobalChoices()
        {
            var result = new Dictionary<string, IReadOnlyList<int>>(StringComparer.OrdinalIgnoreCase);
            var folder = Path.Combine(root, "OptionSets");
            if (!Directory.Exists(folder))
            {
                return result;
            }

            foreach (var path in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                var file = Relative(path);
                var element = Load(file).Root;
                if (element is null || element.Name.LocalName != "optionset")
                {
                    throw Error(file, element, $"the root element is <{element?.Name.LocalName}>, expected <optionset>.");
                }

                var name = element.Attribute("Name")?.Value.Trim();
                if (string.IsNullOrEmpty(name))
                {
                    throw Error(file, element, "<optionset> has no Name attribute.");
                }

                result[name] = OptionValues(element, file);
            }

            return result;
        }

        /// <summary>(referencing table, lookup column), lower case → referenced tables.</summary>
        public Dictionary<(string Table, string Column), string[]> ReadLookupTargets()
        {
            var result = new Dictionary<(string, string), string[]>();
            var folder = Path.Combine(root, "Other", "Relationships");
            if (!Directory.Exists(folder))
            {
                return result;
            }

            foreach (var path in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                var file = Relative(path);
                foreach (var relationship in Load(file).Root?.Elements("EntityRelationship") ?? [])
                {
                    if (!string.Equals(relationship.Element("EntityRelationshipType")?.Value.Trim(), "OneToMany", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var referencing = Lower(RequiredText(relationship, "ReferencingEntityName", file));
                    var referenced = Lower(RequiredText(relationship, "ReferencedEntityName", file));
                    var column = Lower(RequiredText(relationship, "ReferencingAttributeName", file));
                    // "Owner" is the platform's stand-in for "a user or a team".
                    result[(referencing, column)] = referenced == "owner" ? ["systemuser", "team"] : [referenced];
                }
            }

            return result;
        }

        public TableDefinition ReadEntity(string file, Dictionary<string, IReadOnlyList<int>> optionSets, Dictionary<(string, string), string[]> lookups)
        {
            var doc = Load(file);
            var rootElement = doc.Root;
            if (rootElement is null || rootElement.Name.LocalName != "Entity")
            {
                throw Error(file, rootElement, $"the root element is <{rootElement?.Name.LocalName}>, expected <Entity>.");
            }

            var schemaName = RequiredText(rootElement, "Name", file);
            var entity = rootElement.Element("EntityInfo")?.Element("entity")
                ?? throw Error(file, rootElement, "<Entity> has no <EntityInfo><entity> element.");
            var logicalName = Lower(schemaName);
            var isActivity = entity.Element("IsActivity")?.Value.Trim() == "1";
            var attributes = entity.Element("attributes") ?? throw Error(file, entity, "<entity> has no <attributes> element.");

            var columns = new Dictionary<string, ColumnDefinition>(StringComparer.Ordinal);
            string? primaryId = null;
            foreach (var attribute in attributes.Elements("attribute"))
            {
                var column = ReadColumn(attribute, logicalName, file, optionSets, lookups);
                if (column is null)
                {
                    continue;
                }

                if (!columns.TryAdd(column.LogicalName, column))
                {
                    throw Error(file, attribute, $"the column '{column.LogicalName}' is declared twice.");
                }

                if (column.Type == ColumnType.PrimaryKey)
                {
                    primaryId = column.LogicalName;
                }
            }

            var keys = new List<AlternateKeyDefinition>();
            foreach (var key in entity.Element("EntityKeys")?.Elements("EntityKey") ?? [])
            {
                var name = Lower(key.Element("LogicalName")?.Value.Trim() is { Length: > 0 } logical ? logical : RequiredText(key, "Name", file));
                var keyColumns = key.Element("EntityKeyAttributes")?.Elements("AttributeName").Select(a => Lower(a.Value.Trim())).ToList() ?? [];
                if (keyColumns.Count == 0)
                {
                    throw Error(file, key, $"the key '{name}' has no <EntityKeyAttributes><AttributeName>.");
                }

                var unknown = keyColumns.FirstOrDefault(c => !columns.ContainsKey(c));
                if (unknown is not null)
                {
                    throw Error(file, key, $"the key '{name}' uses the column '{unknown}', which this Entity.xml does not declare.");
                }

                keys.Add(new AlternateKeyDefinition(name, keyColumns));
            }

            primaryId ??= isActivity ? "activityid" : logicalName + "id";
            return new TableDefinition(logicalName, schemaName, primaryId, isActivity, columns, keys, file);
        }

        private static ColumnDefinition? ReadColumn(XElement attribute, string table, string file, Dictionary<string, IReadOnlyList<int>> optionSets, Dictionary<(string, string), string[]> lookups)
        {
            var name = Lower(attribute.Element("LogicalName")?.Value.Trim() is { Length: > 0 } logical ? logical : RequiredText(attribute, "Name", file));
            var typeText = RequiredText(attribute, "Type", file);
            ColumnType type;
            switch (typeText)
            {
                case "nvarchar": type = ColumnType.Text; break;
                case "ntext" or "memo": type = ColumnType.Memo; break;
                case "int": type = ColumnType.WholeNumber; break;
                case "bigint": type = ColumnType.BigInt; break;
                case "decimal": type = ColumnType.DecimalNumber; break;
                case "float": type = ColumnType.FloatNumber; break;
                case "money": type = ColumnType.Money; break;
                case "datetime": type = ColumnType.DateTime; break;
                case "bit": type = ColumnType.Boolean; break;
                case "picklist": type = ColumnType.Choice; break;
                case "multiselectpicklist": type = ColumnType.MultiChoice; break;
                case "state": type = ColumnType.State; break;
                case "status": type = ColumnType.Status; break;
                case "lookup": type = ColumnType.Lookup; break;
                case "owner": type = ColumnType.Owner; break;
                case "customer": type = ColumnType.Customer; break;
                case "primarykey": type = ColumnType.PrimaryKey; break;
                case "uniqueidentifier": type = ColumnType.UniqueIdentifier; break;
                case "partylist": type = ColumnType.PartyList; break;
                case "virtual":
                    // Computed by the platform (e.g. a choice's name column): never written.
                    return null;
                default:
                    throw Error(file, attribute, $"the column '{name}' has the type '{typeText}', which the local organisation does not support.");
            }

            var maxLength = Number(attribute, "MaxLength", file);
            var min = Number(attribute, "MinValue", file);
            var max = Number(attribute, "MaxValue", file);
            IReadOnlyList<int> options = [];
            string? optionSetName = null;
            if (type is ColumnType.Choice or ColumnType.MultiChoice or ColumnType.State or ColumnType.Status)
            {
                var local = attribute.Element("optionset");
                optionSetName = attribute.Element("OptionSetName")?.Value.Trim();
                if (local is not null)
                {
                    options = OptionValues(local, file);
                    optionSetName = null;
                }
                else if (!string.IsNullOrEmpty(optionSetName))
                {
                    if (!optionSets.TryGetValue(optionSetName, out var global))
                    {
                        throw Error(file, attribute, $"the column '{name}' uses the global choice '{optionSetName}', which is not in OptionSets/.");
                    }

                    options = global;
                }
                else
                {
                    throw Error(file, attribute, $"the choice column '{name}' has neither an <optionset> nor an <OptionSetName>.");
                }
            }

            IReadOnlyList<string> targets = [];
            if (type == ColumnType.Owner)
            {
                targets = ["systemuser", "team"];
            }
            else if (type is ColumnType.Lookup or ColumnType.Customer && lookups.TryGetValue((table, name), out var referenced))
            {
                targets = referenced;
            }

            return new ColumnDefinition(
                name,
                type,
                maxLength is null ? null : (int)maxLength.Value,
                type is ColumnType.Text or ColumnType.Memo ? null : min,
                type is ColumnType.Text or ColumnType.Memo ? null : max,
                options,
                optionSetName,
                targets);
        }

        private static List<int> OptionValues(XElement optionSet, string file)
        {
            var values = new List<int>();
            var items = (optionSet.Element("options")?.Elements("option") ?? [])
                .Concat(optionSet.Element("states")?.Elements("state") ?? [])
                .Concat(optionSet.Element("statuses")?.Elements("status") ?? []);
            foreach (var item in items)
            {
                var text = item.Attribute("value")?.Value.Trim();
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    throw Error(file, item, $"the option value '{text}' is not a whole number.");
                }

                if (values.Contains(value))
                {
                    throw Error(file, item, $"the option value {value} is used twice.");
                }

                values.Add(value);
            }

            return values;
        }

        private XDocument Load(string file)
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path))
            {
                throw new SolutionFormatException(file, null, "the file is missing.");
            }

            try
            {
                return XDocument.Load(path, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                throw new SolutionFormatException(file, ex.LineNumber == 0 ? null : ex.LineNumber, $"not well-formed XML: {ex.Message}", ex);
            }
        }

        private static decimal? Number(XElement parent, string name, string file)
        {
            var element = parent.Element(name);
            var text = element?.Value.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(file, element, $"<{name}> '{text}' is not a number.");
        }

        private static string RequiredText(XElement parent, string name, string file)
        {
            var text = parent.Element(name)?.Value.Trim();
            return string.IsNullOrEmpty(text) ? throw Error(file, parent, $"<{parent.Name.LocalName}> has no <{name}>.") : text;
        }

        private static SolutionFormatException Error(string file, XElement? at, string problem) =>
            new(file, at is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null, problem);

        private static string Lower(string name) => name.ToLowerInvariant();
    }
}
