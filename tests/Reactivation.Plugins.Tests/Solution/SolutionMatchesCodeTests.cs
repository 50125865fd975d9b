using System.Reflection;
using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Metadata;
using Reactivation.LocalOrg.Solution;
using Reactivation.Plugins.Evaluation;
using Reactivation.Plugins.Initialisation;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Reporting;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests.Solution;

/// <summary>
/// solution/ against the code it ships with and against itself: what an import would accept but the product would
/// then trip over at run time (a step naming a missing plugin type, a filtering attribute or view column the table
/// does not have, a Custom API parameter of another type than the plugin reads, a role on a table that does not
/// exist, a flow calling a parameter the API does not declare). Columns the plugins write are enforced by the local
/// organisation in every end-to-end test (an undeclared column fails the write, as in Dataverse); this class checks
/// the column names the plugins keep as constants.
/// </summary>
[TestClass]
public sealed partial class SolutionMatchesCodeTests
{
    private static readonly Assembly Plugins = typeof(PluginBase).Assembly;
    private static SolutionDefinition _solution = null!;
    private static Dictionary<string, TableDefinition> _tables = null!;

    private static string Folder => ProductOrganization.SolutionFolder;

    [ClassInitialize]
    public static void ReadSolution(TestContext context)
    {
        _solution = SolutionReader.Read(Folder);
        var declared = _solution.Tables.Select(TableMetadataReader.Merge).ToDictionary(t => t.LogicalName, StringComparer.Ordinal);
        _tables = StandardTables.All.ToDictionary(t => t.LogicalName, t => declared.GetValueOrDefault(t.LogicalName) ?? TableMetadataReader.Merge(t), StringComparer.Ordinal);
        foreach (var (name, table) in declared)
        {
            _tables[name] = table;
        }
    }

    [TestMethod]
    public void Every_plugin_type_the_solution_declares_is_an_IPlugin_of_the_built_assembly_the_platform_can_construct()
    {
        var problems = new List<string>();
        foreach (var type in _solution.PluginAssemblies.SelectMany(a => a.PluginTypes))
        {
            var clr = Plugins.GetType(type.TypeName);
            if (clr is null || !typeof(IPlugin).IsAssignableFrom(clr) || clr.IsAbstract)
            {
                problems.Add($"{type.TypeName}: no concrete IPlugin of that name in {Plugins.GetName().Name}");
            }
            else if (clr.GetConstructor(Type.EmptyTypes) is null && clr.GetConstructor([typeof(string)]) is null && clr.GetConstructor([typeof(string), typeof(string)]) is null)
            {
                problems.Add($"{type.TypeName}: Dataverse constructs plugins with (), (string) or (string, string); it has none of them");
            }
        }

        var declaredTypes = _solution.PluginAssemblies.SelectMany(a => a.PluginTypes).Select(t => t.TypeName).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(_solution.Steps.Where(s => !declaredTypes.Contains(s.PluginTypeName)).Select(s => $"step {s.Name}: plugin type {s.PluginTypeName} is not declared"));
        problems.AddRange(_solution.CustomApis.Where(a => !declaredTypes.Contains(a.PluginTypeName)).Select(a => $"Custom API {a.UniqueName}: plugin type {a.PluginTypeName} is not declared"));
        var shipped = Plugins.GetTypes().Where(t => typeof(IPlugin).IsAssignableFrom(t) && !t.IsAbstract && t.IsPublic).Select(t => t.FullName!).ToList();
        problems.AddRange(shipped.Where(t => !declaredTypes.Contains(t)).Select(t => $"{t}: a public plugin of the assembly that no PluginType declares (it could never be registered from the solution)"));

        Assert.IsNotEmpty(declaredTypes);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void Every_filtering_attribute_and_image_column_of_a_step_exists_on_its_table()
    {
        var problems = new List<string>();
        foreach (var step in _solution.Steps)
        {
            var file = _solution.SourceFiles[step.StepId.ToString("D")];
            if (!_tables.TryGetValue(step.PrimaryEntity, out var table))
            {
                problems.Add($"{file}: table '{step.PrimaryEntity}' is neither declared in Entities/ nor a known standard table");
                continue;
            }

            problems.AddRange(step.FilteringAttributes.Where(c => !table.HasColumn(c)).Select(c => $"{file}: filtering attribute '{c}' is not a column of {table.LogicalName}"));
            problems.AddRange(step.Images.SelectMany(i => i.Attributes.Where(c => !table.HasColumn(c)).Select(c => $"{file}: image {i.EntityAlias} column '{c}' is not a column of {table.LogicalName}")));
        }

        Assert.IsNotEmpty(_solution.Steps);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    /// <summary>
    /// The plugins keep the column names they read and write as constants in static classes named *Columns. A class with
    /// a <c>Table</c> constant names columns of that table; one without names columns of the product's tables.
    /// </summary>
    [TestMethod]
    public void Every_column_name_the_plugins_keep_as_a_constant_is_declared_on_its_table()
    {
        var classes = Plugins.GetTypes().Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Columns", StringComparison.Ordinal)).ToList();
        var productTables = _solution.Tables.Select(t => _tables[t.LogicalName]).ToList();
        var problems = new List<string>();
        var checkedColumns = 0;
        foreach (var type in classes)
        {
            var constants = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
                .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);
            var tableName = constants.GetValueOrDefault("Table");
            var tables = tableName is null ? productTables : _tables.TryGetValue(tableName, out var t) ? [t] : [];
            if (tables.Count == 0)
            {
                problems.Add($"{type.FullName}.Table: '{tableName}' is not a table of the organisation");
                continue;
            }

            foreach (var (field, column) in constants.Where(c => !c.Key.EndsWith("Table", StringComparison.Ordinal)))
            {
                checkedColumns++;
                if (!tables.Exists(table => table.HasColumn(column)))
                {
                    problems.Add($"{type.FullName}.{field} = '{column}': not a column of {string.Join(" or ", tables.Select(x => x.LogicalName))}");
                }
            }
        }

        Assert.IsGreaterThan(50, checkedColumns, $"column constants found in {string.Join(", ", classes.Select(c => c.Name))}");
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    /// <summary>
    /// Schema/ keeps every choice the plugins read or write as a <see cref="Choice{T}"/>: each value it maps must be an
    /// option of its column as solution/ declares it (a global choice resolved), once, labelled (English) with the
    /// name it maps it to, and a choice of a Core enum maps every member — so a stage, outcome or step the product can
    /// reach always has an option to be stored as, and two options cannot be swapped. The tests take their option
    /// values from Schema/ on the strength of this check.
    /// </summary>
    [TestMethod]
    public void Every_choice_the_plugins_keep_maps_options_its_column_declares_and_every_member_of_its_enum()
    {
        var choices = Plugins.GetTypes()
            .Where(t => t.Namespace == typeof(ContactColumns).Namespace)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(Choice<>))
            .ToList();
        var labels = OptionLabels();
        var problems = new List<string>();
        foreach (var field in choices)
        {
            var where = $"{field.DeclaringType!.Name}.{field.Name}";
            var choice = field.GetValue(null)!;
            var type = field.FieldType;
            var table = (string)type.GetProperty(nameof(Choice<int>.Table))!.GetValue(choice)!;
            var column = (string)type.GetProperty(nameof(Choice<int>.Column))!.GetValue(choice)!;
            var values = (IReadOnlyList<int>)type.GetProperty(nameof(Choice<int>.Values))!.GetValue(choice)!;
            var names = ((System.Collections.IEnumerable)type.GetProperty(nameof(Choice<int>.Names))!.GetValue(choice)!).Cast<object>().ToList();
            if (!_tables.TryGetValue(table, out var definition) || !definition.Columns.TryGetValue(column, out var declared))
            {
                problems.Add($"{where}: {table}.{column} is not a column of the organisation");
                continue;
            }

            if (declared.OptionValues.Count == 0) problems.Add($"{where}: {table}.{column} declares no options");
            problems.AddRange(values.Where(v => !declared.OptionValues.Contains(v)).Select(v => $"{where}: {v} is not an option of {table}.{column} (options: {string.Join(", ", declared.OptionValues)})"));
            if (values.Distinct().Count() != values.Count || names.Distinct().Count() != names.Count) problems.Add($"{where}: a name or a value is mapped twice");
            if (labels.TryGetValue(declared.OptionSetName ?? table + "_" + column, out var optionLabels))
            {
                for (var i = 0; i < values.Count; i++)
                {
                    if (optionLabels.TryGetValue(values[i], out var label) && !Letters(label).Contains(Letters(names[i].ToString()!), StringComparison.Ordinal))
                    {
                        problems.Add($"{where}: {names[i]} is mapped to {values[i]}, whose label is '{label}'");
                    }
                }
            }
            else if (definition.SourceFile is not null && declared.LogicalName.StartsWith("rx_", StringComparison.Ordinal))
            {
                problems.Add($"{where}: no option labels found for {table}.{column}");
            }
            var item = type.GetGenericArguments()[0];
            if (item.IsEnum)
            {
                problems.AddRange(Enum.GetValues(item).Cast<object>().Where(member => !names.Contains(member)).Select(member => $"{where}: {item.Name}.{member} has no option"));
            }
        }

        Assert.IsGreaterThan(12, choices.Count, $"choices found: {string.Join(", ", choices.Select(c => c.Name))}");
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    /// <summary>Every option set in solution/ (global ones by name, local ones by their &lt;table&gt;_&lt;column&gt; name): value → English label.</summary>
    private static Dictionary<string, Dictionary<int, string>> OptionLabels()
    {
        var sets = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.Combine(Folder, "OptionSets"), "*.xml").Concat(Directory.GetFiles(Path.Combine(Folder, "Entities"), "Entity.xml", SearchOption.AllDirectories));
        foreach (var file in files)
        {
            var document = System.Xml.Linq.XDocument.Load(file);
            foreach (var set in document.Descendants("optionset"))
            {
                var name = (string?)set.Attribute("Name");
                if (name is null) continue;
                sets[name] = set.Descendants("option").ToDictionary(
                    o => (int)o.Attribute("value")!,
                    o => (string)o.Descendants("label").First(l => (string?)l.Attribute("languagecode") == "1033").Attribute("description")!);
            }
        }

        return sets;
    }

    /// <summary>Letters and digits, lower case: "No response" and NoResponse, "Follow-up" and FollowUp, "Simplified Chinese (zh-CN)" and zh-CN read alike.</summary>
    private static string Letters(string text) => new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [TestMethod]
    public void Every_Custom_API_parameter_the_plugins_read_or_write_is_declared_with_the_type_they_use()
    {
        // (API, name the plugin uses, Custom API type code, how the plugin uses it).
        (string Api, string Name, int Type, bool Request, string Use)[] uses =
        [
            ("rx_EvaluateDueContacts", EvaluateDueContactsPlugin.PageSizeParameter, 7, true, "read as int"),
            ("rx_EvaluateDueContacts", EvaluateDueContactsPlugin.UtcOffsetParameter, 7, true, "read as int"),
            ("rx_EvaluateDueContacts", EvaluateDueContactsPlugin.PagingCookieParameter, 10, true, "read as string"),
            ("rx_EvaluateDueContacts", PageJoins.OverflowTeamParameter, 12, true, "read as Guid"),
            ("rx_EvaluateDueContacts", PageJoins.HouseholdRetryDaysParameter, 7, true, "read as int"),
            ("rx_EvaluateDueContacts", PageJoins.SocialProofMinFriendsParameter, 7, true, "read as int"),
            ("rx_EvaluateDueContacts", PageJoins.SocialProofWindowDaysParameter, 7, true, "read as int"),
            ("rx_EvaluateDueContacts", EvaluateDueContactsPlugin.EvaluatedProperty, 7, false, "written as int"),
            ("rx_EvaluateDueContacts", EvaluateDueContactsPlugin.StageChangesProperty, 7, false, "written as int"),
            ("rx_EvaluateDueContacts", EvaluateDueContactsPlugin.MoreRecordsProperty, 0, false, "written as bool"),
            ("rx_EvaluateDueContacts", EvaluateDueContactsPlugin.PagingCookieProperty, 10, false, "written as string"),
            ("rx_ExplainContact", ExplainContactPlugin.ContactIdParameter, 12, true, "read as Guid"),
            ("rx_ExplainContact", EvaluateDueContactsPlugin.UtcOffsetParameter, 7, true, "read as int (EvaluateDueContactsPlugin.Zone)"),
            ("rx_ExplainContact", ExplainContactPlugin.DecisionProperty, 10, false, "written as a JSON string"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.PageSizeParameter, 7, true, "read as int"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.PagingCookieParameter, 10, true, "read as string"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.UtcOffsetParameter, 7, true, "read as int (EvaluateDueContactsPlugin.Zone)"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.InitialisedProperty, 7, false, "written as int"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.SkippedProperty, 7, false, "written as int"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.OrdersRecordedProperty, 7, false, "written as int"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.OutreachDueProperty, 7, false, "written as int"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.ReportProperty, 10, false, "written as string"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.MoreRecordsProperty, 0, false, "written as bool"),
            ("rx_InitialiseContacts", InitialiseContactsPlugin.PagingCookieProperty, 10, false, "written as string"),
            ("rx_ReactivationReport", ReactivationReportPlugin.FromParameter, 1, true, "read as DateTime"),
            ("rx_ReactivationReport", ReactivationReportPlugin.ToParameter, 1, true, "read as DateTime"),
            ("rx_ReactivationReport", ReactivationReportPlugin.PageSizeParameter, 7, true, "read as int"),
            ("rx_ReactivationReport", ReactivationReportPlugin.PagingCookieParameter, 10, true, "read as string"),
            ("rx_ReactivationReport", ReactivationReportPlugin.UtcOffsetParameter, 7, true, "read as int (ApiInputs.Zone)"),
            ("rx_ReactivationReport", ReactivationReportPlugin.ReadProperty, 7, false, "written as int"),
            ("rx_ReactivationReport", ReactivationReportPlugin.MoreRecordsProperty, 0, false, "written as bool"),
            ("rx_ReactivationReport", ReactivationReportPlugin.PagingCookieProperty, 10, false, "written as string"),
            ("rx_ReactivationReport", ReactivationReportPlugin.ReportProperty, 10, false, "written as a JSON string"),
        ];
        var problems = new List<string>();
        foreach (var (apiName, name, type, request, use) in uses)
        {
            var api = _solution.CustomApis.SingleOrDefault(a => a.UniqueName == apiName);
            var declared = api is null ? null : (request ? api.RequestParameters : api.ResponseProperties).SingleOrDefault(p => p.UniqueName == name);
            if (declared is null)
            {
                problems.Add($"customapis/{apiName}: {(request ? "request parameter" : "response property")} '{name}' ({use}) is not declared");
            }
            else if (declared.Type != type)
            {
                problems.Add($"customapis/{apiName}: '{name}' is declared with type {declared.Type}, the plugin uses it {use} (type {type})");
            }
        }

        var used = uses.Select(u => (u.Api, u.Name, u.Request)).ToHashSet();
        problems.AddRange(_solution.CustomApis.SelectMany(a =>
            a.RequestParameters.Where(p => !used.Contains((a.UniqueName, p.UniqueName, true))).Select(p => $"customapis/{a.UniqueName}: request parameter '{p.UniqueName}' is declared but no plugin reads it")
                .Concat(a.ResponseProperties.Where(p => !used.Contains((a.UniqueName, p.UniqueName, false))).Select(p => $"customapis/{a.UniqueName}: response property '{p.UniqueName}' is declared but no plugin writes it"))));

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }
}
