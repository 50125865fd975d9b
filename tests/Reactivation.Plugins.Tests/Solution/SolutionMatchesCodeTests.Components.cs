using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;
using Reactivation.Core.Outreach;
using Reactivation.LocalOrg.Metadata;

namespace Reactivation.Plugins.Tests.Solution;

/// <summary>The components an admin and the users see: views, forms, charts, the dashboard, roles, the app, the flow, environment variables.</summary>
public sealed partial class SolutionMatchesCodeTests
{
    /// <summary>
    /// Privileges Dataverse names after something other than a table of ours or the catalogue: task and phone call
    /// share the Activity privileges; the others are platform tables an admin needs for configuration and the trace.
    /// </summary>
    private static readonly string[] PlatformPrivilegeTables = ["activity", "environmentvariabledefinition", "environmentvariablevalue", "plugintracelog"];

    private static readonly string[] BothLanguages = ["1033", "2052"];
    private static readonly string[] ReactivationSectionFields = ["rx_lifecyclestage", "rx_dormancyreason", "rx_satisfaction", "rx_nextevaluationon", "rx_openattemptid"];
    private static readonly string[] AgentWork = ["prvWriterx_reactivationattempt", "prvCreateActivity", "prvWriteActivity", "prvWriterx_incentive", "prvReadrx_ruleset"];
    private static readonly string[] FlowReads = ["PagingCookie", "MoreRecords"];

    [TestMethod]
    public void Every_column_of_a_view_exists_on_its_table_and_every_view_belongs_to_the_table_it_sits_under()
    {
        var problems = new List<string>();
        var views = 0;
        foreach (var (file, table) in TableFiles("SavedQueries"))
        {
            foreach (var query in Load(file).Descendants("savedquery"))
            {
                views++;
                var fetch = query.Element("fetchxml")!.Element("fetch")!;
                problems.AddRange(FetchProblems(file, fetch, table));
                foreach (var cell in query.Descendants("cell"))
                {
                    Column(problems, file, table, (string)cell.Attribute("name")!, "layout cell");
                }

                Column(problems, file, table, (string)query.Descendants("grid").Single().Attribute("jump")!, "grid jump");
            }
        }

        Assert.IsGreaterThanOrEqualTo(7, views);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void Every_form_field_and_chart_column_exists_on_its_table()
    {
        var problems = new List<string>();
        foreach (var (file, table) in TableFiles("FormXml"))
        {
            foreach (var control in Load(file).Descendants("control").Where(c => c.Attribute("datafieldname") is not null))
            {
                Column(problems, file, table, (string)control.Attribute("datafieldname")!, "form field");
            }
        }

        foreach (var (file, table) in TableFiles("Visualizations"))
        {
            problems.AddRange(Load(file).Descendants("fetch").SelectMany(f => FetchProblems(file, f, table)));
        }

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void Views_and_charts_filter_on_the_choice_their_name_says()
    {
        (string Name, string Table, string Column, string Label)[] expectations =
        [
            ("Sleeping customers", "Contact", "rx_lifecyclestage", "Sleeping"),
            ("Lost customers", "Contact", "rx_lifecyclestage", "Lost"),
            ("Open attempts", "rx_ReactivationAttempt", "rx_outcome", "Open"),
            ("Conversions by owner", "rx_ReactivationAttempt", "rx_outcome", "Converted"),
        ];
        foreach (var (name, table, column, label) in expectations)
        {
            var component = TableFiles("SavedQueries").Concat(TableFiles("Visualizations"))
                .Select(f => Load(f.File))
                .Single(c => c.Descendants("LocalizedName").Any(n => (string?)n.Attribute("languagecode") == "1033" && (string?)n.Attribute("description") == name));
            var value = (string)component.Descendants("condition").Single(c => (string?)c.Attribute("attribute") == column).Attribute("value")!;

            Assert.AreEqual(label, OptionLabel(table, column, value), $"{name}: {column} = {value}");
        }
    }

    /// <summary>The English label of a choice value, from the table's own options or its global choice in OptionSets/.</summary>
    private static string? OptionLabel(string table, string column, string value)
    {
        var attribute = Load($"Entities/{table}/Entity.xml").Descendants("attribute").Single(a => a.Element("LogicalName")!.Value == column);
        var options = attribute.Element("OptionSetName") is { } global ? Load($"OptionSets/{global.Value}.xml") : attribute;
        return options.Descendants("option").Where(o => (string?)o.Attribute("value") == value)
            .SelectMany(o => o.Descendants("label")).Where(l => (string?)l.Attribute("languagecode") == "1033")
            .Select(l => (string?)l.Attribute("description")).FirstOrDefault();
    }

    [TestMethod]
    public void The_stage_and_reason_words_in_a_reps_texts_are_the_labels_of_their_choices_in_both_languages()
    {
        var problems = new List<string>();
        foreach (var (set, words) in new[] { ("rx_lifecyclestage", RepWording.StageLabels), ("rx_dormancyreason", RepWording.ReasonLabels) })
        {
            var options = Load($"OptionSets/{set}.xml").Descendants("option").ToList();
            var expected = words.ToList();
            Assert.HasCount(options.Count, expected, $"{set}: one pair of words per option");
            foreach (var (name, pair) in expected)
            {
                var labels = options.Select(o => o.Descendants("label").ToDictionary(l => (string)l.Attribute("languagecode")!, l => (string)l.Attribute("description")!))
                    .SingleOrDefault(l => Letters(l["1033"]) == Letters(name));
                if (labels is null) problems.Add($"{set}: no option is labelled like {name}");
                else if (labels["1033"] != pair[0] || labels["2052"] != pair[1]) problems.Add($"{set}: {name} reads '{pair[0]}' / '{pair[1]}', the choice says '{labels["1033"]}' / '{labels["2052"]}'");
            }
        }

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    [DataRow("phonecall")]
    [DataRow("task")]
    public void The_call_and_task_forms_show_the_script_why_this_customer_and_where_the_rep_records_outcome_and_reason(string table)
    {
        var (file, _) = TableFiles("FormXml").Single(f => f.Table.LogicalName == table);
        var form = Load(file);
        var fields = form.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")).ToArray();

        CollectionAssert.IsSubsetOf(new[] { "subject", "regardingobjectid", "scheduledend", "description", "rx_whythiscustomer", "rx_responseoutcome", "rx_dormancyreason", "rx_attemptid" }, fields);
        var untranslated = form.Descendants("labels").Where(l => !BothLanguages.All(code => l.Elements("label").Any(x => (string?)x.Attribute("languagecode") == code))).ToList();
        Assert.IsEmpty(untranslated, $"{file}: a label without both languages");
    }

    [TestMethod]
    public void The_contact_form_has_a_Reactivation_tab_with_the_customers_attempts_and_incentives()
    {
        var (file, _) = TableFiles("FormXml").Single(f => f.Table.LogicalName == "contact");
        var tab = Load(file).Descendants("tab").Single(t => t.Element("labels")!.Elements("label").Any(l => (string?)l.Attribute("description") == "Reactivation"));
        var grids = tab.Descendants("parameters").ToDictionary(p => p.Element("TargetEntityType")!.Value, p => (View: Guid.Parse(p.Element("ViewId")!.Value), Relationship: p.Element("RelationshipName")!.Value));
        var relationships = Load("Other/Relationships/Contact.xml").Descendants("EntityRelationship").ToDictionary(r => (string)r.Attribute("Name")!, r => r.Element("ReferencingEntityName")!.Value.ToLowerInvariant());
        var views = TableFiles("SavedQueries").SelectMany(f => Load(f.File).Descendants("savedqueryid").Select(id => (Id: Guid.Parse(id.Value), f.Table.LogicalName))).ToList();

        CollectionAssert.AreEquivalent(new[] { "rx_reactivationattempt", "rx_incentive" }, grids.Keys.ToArray());
        foreach (var (target, grid) in grids)
        {
            Assert.Contains((grid.View, target), views, $"{target}: the grid's view {grid.View} is not a view of {target}");
            Assert.AreEqual(target, relationships.GetValueOrDefault(grid.Relationship), $"{target}: {grid.Relationship} is not the contact's relationship to {target}");
        }
    }

    [TestMethod]
    [DataRow("My reactivation calls today", "phonecall", "today")]
    [DataRow("My overdue reactivation calls", "phonecall", "olderthan-x-minutes")]
    [DataRow("My overdue reactivation tasks", "task", "olderthan-x-minutes")]
    public void A_reps_views_hold_their_own_open_reactivation_activities_by_due_time(string name, string table, string dueOperator)
    {
        var view = TableFiles("SavedQueries").Where(f => f.Table.LogicalName == table).Select(f => Load(f.File))
            .Single(v => v.Descendants("LocalizedName").Any(n => (string?)n.Attribute("languagecode") == "1033" && (string?)n.Attribute("description") == name));
        var conditions = view.Descendants("condition").Select(c => (string)c.Attribute("attribute")! + " " + (string)c.Attribute("operator")! + ((string?)c.Attribute("value") is { } v ? " " + v : "")).ToArray();

        CollectionAssert.AreEquivalent(
            new[] { "ownerid eq-userid", "statecode eq 0", "rx_attemptid not-null", "scheduledend " + dueOperator + (dueOperator == "today" ? "" : " 1") },
            conditions);
        Assert.IsTrue(view.Descendants("LocalizedName").Any(n => (string?)n.Attribute("languagecode") == "2052"), $"{name}: no Chinese name");
    }

    [TestMethod]
    public void The_contact_form_has_the_Reactivation_section_a_rep_needs_in_English_and_Chinese()
    {
        var (file, _) = TableFiles("FormXml").Single(f => f.Table.LogicalName == "contact");
        var section = Load(file).Descendants("section").Single(s => s.Element("labels")!.Elements("label").Any(l => (string?)l.Attribute("description") == "Reactivation"));

        Assert.AreEqual("客户唤醒", (string?)section.Element("labels")!.Elements("label").Single(l => (string?)l.Attribute("languagecode") == "2052").Attribute("description"));
        CollectionAssert.IsSubsetOf(
            ReactivationSectionFields,
            section.Descendants("control").Select(c => (string)c.Attribute("datafieldname")!).ToArray());
    }

    [TestMethod]
    public void The_dashboard_app_and_site_map_name_views_charts_forms_tables_and_roles_that_exist()
    {
        var views = TableFiles("SavedQueries").SelectMany(f => Load(f.File).Descendants("savedqueryid").Select(id => (Id: Guid.Parse(id.Value), f.Table.LogicalName))).ToList();
        var charts = TableFiles("Visualizations").SelectMany(f => Load(f.File).Descendants("savedqueryvisualizationid").Select(id => (Id: Guid.Parse(id.Value), f.Table.LogicalName))).ToList();
        var forms = TableFiles("FormXml").SelectMany(f => Load(f.File).Descendants("formid")).Select(id => Guid.Parse(id.Value)).ToList();
        var dashboards = Files("Dashboards").Select(f => Guid.Parse(Load(f).Element("FormId")!.Value)).ToList();
        var roles = Files("Roles").Select(f => Guid.Parse((string)Load(f).Attribute("id")!)).ToList();
        var problems = new List<string>();

        foreach (var file in Files("Dashboards"))
        {
            foreach (var parameters in Load(file).Descendants("parameters"))
            {
                var target = parameters.Element("TargetEntityType")!.Value;
                if (!views.Contains((Guid.Parse(parameters.Element("ViewId")!.Value), target)))
                {
                    problems.Add($"{file}: ViewId {parameters.Element("ViewId")!.Value} is not a view of {target}");
                }

                if (parameters.Element("VisualizationId") is { } chart && !charts.Contains((Guid.Parse(chart.Value), target)))
                {
                    problems.Add($"{file}: VisualizationId {chart.Value} is not a chart of {target}");
                }
            }
        }

        foreach (var file in Files("AppModules"))
        {
            foreach (var component in Load(file).Descendants("AppModuleComponent"))
            {
                var type = (string)component.Attribute("type")!;
                var ok = type switch
                {
                    "1" => _tables.ContainsKey((string)component.Attribute("schemaName")!),
                    "26" => views.Exists(v => v.Id == (Guid)component.Attribute("id")!),
                    "59" => charts.Exists(c => c.Id == (Guid)component.Attribute("id")!),
                    "60" => forms.Contains((Guid)component.Attribute("id")!) || dashboards.Contains((Guid)component.Attribute("id")!),
                    "62" => File.Exists(Path.Combine(Folder, "AppModuleSiteMaps", (string)component.Attribute("schemaName")!, "AppModuleSiteMap.xml")),
                    _ => false,
                };
                if (!ok)
                {
                    problems.Add($"{file}: {component} names nothing this solution or the organisation has");
                }
            }

            problems.AddRange(Load(file).Descendants("Role").Where(r => !roles.Contains((Guid)r.Attribute("id")!)).Select(r => $"{file}: role {r.Attribute("id")} is not in Roles/"));
        }

        foreach (var file in Files("AppModuleSiteMaps"))
        {
            problems.AddRange(Load(file).Descendants("SubArea").Where(s => s.Attribute("Entity") is { } entity && !_tables.ContainsKey(entity.Value)).Select(s => $"{file}: sub-area {s.Attribute("Id")} shows unknown table {s.Attribute("Entity")!.Value}"));
            problems.AddRange(Load(file).Descendants("SubArea").Where(s => s.Attribute("Url") is { } url && url.Value.Contains("pagetype=dashboard", StringComparison.Ordinal) && !dashboards.Exists(d => url.Value.Contains(d.ToString("D"), StringComparison.OrdinalIgnoreCase))).Select(s => $"{file}: sub-area {s.Attribute("Id")} opens a dashboard that is not in Dashboards/"));
            problems.AddRange(Load(file).Descendants("Titles").Where(t => t.Elements("Title").Select(x => (string?)x.Attribute("LCID")).Order().SequenceEqual(BothLanguages) is false).Select(t => $"{file}: {t.Parent!.Attribute("Id")} needs titles in 1033 and 2052"));
        }

        Assert.IsNotEmpty(dashboards);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void Every_role_privilege_is_a_Dataverse_privilege_on_a_table_that_exists()
    {
        var pattern = new Regex("^prv(Create|Read|Write|Delete|AppendTo|Append|Assign|Share)(?<table>[A-Za-z_]+)$");
        var problems = new List<string>();
        var privileges = 0;
        foreach (var file in Files("Roles"))
        {
            foreach (var privilege in Load(file).Descendants("RolePrivilege"))
            {
                privileges++;
                var name = (string)privilege.Attribute("name")!;
                var match = pattern.Match(name);
                var table = match.Groups["table"].Value.ToLowerInvariant();
                if (!match.Success || !(_tables.ContainsKey(table) || PlatformPrivilegeTables.Contains(table)))
                {
                    problems.Add($"{file}: {name} is not prv<Action><Table> on a table of the organisation");
                }

                if ((string?)privilege.Attribute("level") is not ("Basic" or "Local" or "Deep" or "Global"))
                {
                    problems.Add($"{file}: {name} has depth '{privilege.Attribute("level")}'; use Basic, Local, Deep or Global");
                }
            }
        }

        Assert.IsGreaterThan(20, privileges);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void The_agent_works_attempts_activities_and_incentives_and_only_reads_rulesets()
    {
        var agent = Files("Roles").Select(Load).Single(r => (string?)r.Attribute("name") == "Reactivation Agent");
        var names = agent.Descendants("RolePrivilege").Select(p => (string)p.Attribute("name")!).ToList();

        CollectionAssert.IsSubsetOf(AgentWork, names);
        Assert.IsFalse(names.Exists(n => n.EndsWith("rx_ruleset", StringComparison.Ordinal) && n != "prvReadrx_ruleset"), "an agent must not change rulesets");
    }

    [TestMethod]
    public void The_daily_flow_calls_rx_EvaluateDueContacts_with_declared_parameters_until_MoreRecords_is_false()
    {
        var workflow = Load(Files("Workflows").Single(f => f.EndsWith(".xml", StringComparison.Ordinal)));
        Assert.AreEqual("5", workflow.Element("Category")!.Value, "a modern (cloud) flow");
        var definition = JObject.Parse(File.ReadAllText(Path.Combine(Folder, workflow.Element("JsonFileName")!.Value.TrimStart('/'))));
        var flow = definition["properties"]!["definition"]!;
        Assert.AreEqual("Day", (string?)flow["triggers"]!["Recurrence"]!["recurrence"]!["frequency"]);

        var loop = flow["actions"]!.Children<JProperty>().Select(p => p.Value).Single(a => (string?)a["type"] == "Until");
        var call = loop["actions"]!.Children<JProperty>().Single(p => (string?)p.Value["type"] == "OpenApiConnection");
        var inputs = call.Value["inputs"]!;
        var api = _solution.CustomApis.Single(a => a.UniqueName == (string?)inputs["parameters"]!["actionName"]);
        Assert.AreEqual("PerformUnboundAction", (string?)inputs["host"]!["operationId"]);
        Assert.AreEqual(0, api.BindingType, "an unbound action");

        var passed = inputs["parameters"]!.Children<JProperty>().Where(p => p.Name.StartsWith("item/", StringComparison.Ordinal)).Select(p => p.Name["item/".Length..]).ToList();
        CollectionAssert.IsSubsetOf(passed, api.RequestParameters.Select(p => p.UniqueName).ToList(), "every parameter the flow passes is declared");
        Assert.Contains("PagingCookie", passed);
        var read = Regex.Matches(loop.ToString(), @"outputs\('" + call.Name + @"'\)\?\['body/(\w+)'\]").Select(m => m.Groups[1].Value).ToHashSet();
        CollectionAssert.AreEquivalent(FlowReads, read.ToArray());
        CollectionAssert.IsSubsetOf(read.ToArray(), api.ResponseProperties.Select(p => p.UniqueName).ToArray());
        Assert.AreEqual("@equals(variables('MoreRecords'), false)", (string?)loop["expression"]);

        var variables = flow["parameters"]!.Children<JProperty>().Select(p => (string?)p.Value["metadata"]?["schemaName"]).OfType<string>().ToList();
        Assert.IsNotEmpty(variables);
        CollectionAssert.IsSubsetOf(variables, Directory.GetDirectories(Path.Combine(Folder, "environmentvariabledefinitions")).Select(Path.GetFileName).ToList(), "environment variables the flow reads");
        var reference = (string?)definition["properties"]!["connectionReferences"]!.Children<JProperty>().Single().Value["connection"]!["connectionReferenceLogicalName"];
        Assert.IsTrue(Load("Other/Customizations.xml").Descendants("connectionreference").Any(c => (string?)c.Attribute("connectionreferencelogicalname") == reference), $"connection reference {reference} is declared in Other/Customizations.xml");
    }

    [TestMethod]
    public void Environment_variables_have_a_type_and_a_default_that_fits_it()
    {
        var problems = new List<string>();
        foreach (var file in Files("environmentvariabledefinitions"))
        {
            var variable = Load(file);
            var type = variable.Element("type")!.Value;
            var value = variable.Element("defaultvalue")?.Value;
            if (type is not ("100000000" or "100000001" or "100000002" or "100000003"))
            {
                problems.Add($"{file}: type {type} is not String, Number, Boolean or JSON");
            }
            else if (value is null ? variable.Element("isrequired")!.Value != "1" : type == "100000001" && !int.TryParse(value, out _))
            {
                problems.Add($"{file}: default '{value}' does not fit type {type} (no default: the variable must be required)");
            }

            if (variable.Element("displayname")!.Elements("label").Select(l => (string?)l.Attribute("languagecode")).Order().SequenceEqual(BothLanguages) is false)
            {
                problems.Add($"{file}: display name needs labels in 1033 and 2052");
            }
        }

        var preset = Load(Files("environmentvariabledefinitions").Single(f => f.Contains("rx_DefaultPreset", StringComparison.Ordinal))).Element("defaultvalue")!.Value;
        Assert.IsTrue(preset == "default" || Directory.Exists(Path.Combine(TestPaths.RepositoryRoot(), "rules", "presets", preset)), $"default preset '{preset}' is rules/default or a folder of rules/presets");
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    /// <summary>
    /// What Other/Solution.xml must list for the import to take it (steps and tables: ProductManifestTests): roles (20),
    /// flows (29), dashboards (60), the app (80) and its site map (62), environment variables (380), and the views (26),
    /// forms (60) and charts (59) of standard tables, which behaviour 2 does not bring along.
    /// </summary>
    [TestMethod]
    public void Every_component_outside_a_custom_table_is_a_root_component_of_the_manifest()
    {
        var listed = Load("Other/Solution.xml").Descendants("RootComponent")
            .Select(c => $"{c.Attribute("type")!.Value}:{((string?)c.Attribute("id") ?? (string)c.Attribute("schemaName")!).Trim('{', '}').ToLowerInvariant()}")
            .ToHashSet(StringComparer.Ordinal);
        var expected = new List<string>();
        expected.AddRange(Files("Roles").Select(f => "20:" + Id(Load(f).Attribute("id")!.Value)));
        expected.AddRange(Files("Workflows").Where(f => f.EndsWith(".xml", StringComparison.Ordinal)).Select(f => "29:" + Id(Load(f).Attribute("WorkflowId")!.Value)));
        expected.AddRange(Files("Dashboards").Select(f => "60:" + Id(Load(f).Element("FormId")!.Value)));
        expected.AddRange(Directory.GetDirectories(Path.Combine(Folder, "AppModules")).Select(d => "80:" + Path.GetFileName(d).ToLowerInvariant()));
        expected.AddRange(Directory.GetDirectories(Path.Combine(Folder, "AppModuleSiteMaps")).Select(d => "62:" + Path.GetFileName(d).ToLowerInvariant()));
        expected.AddRange(Directory.GetDirectories(Path.Combine(Folder, "environmentvariabledefinitions")).Select(d => "380:" + Path.GetFileName(d).ToLowerInvariant()));
        var standard = TableFiles("SavedQueries").Concat(TableFiles("FormXml")).Concat(TableFiles("Visualizations")).Where(f => StandardTables.Find(f.Table.LogicalName) is not null);
        foreach (var (file, _) in standard)
        {
            var root = Load(file);
            expected.AddRange(root.Descendants("savedqueryid").Select(id => "26:" + Id(id.Value)));
            expected.AddRange(root.Descendants("formid").Select(id => "60:" + Id(id.Value)));
            expected.AddRange(root.DescendantsAndSelf("savedqueryvisualizationid").Select(id => "59:" + Id(id.Value)));
        }

        var missing = expected.Where(e => !listed.Contains(e)).ToList();
        Assert.IsGreaterThan(15, expected.Count);
        Assert.IsEmpty(missing, "not in Other/Solution.xml <RootComponents> (type:id): " + string.Join(", ", missing));
    }

    private static string Id(string value) => value.Trim('{', '}').ToLowerInvariant();

    /// <summary>The .xml files under Entities/&lt;Table&gt;/&lt;kind&gt;/ with the table they belong to.</summary>
    private static List<(string File, TableDefinition Table)> TableFiles(string kind) =>
        Directory.GetDirectories(Path.Combine(Folder, "Entities"))
            .SelectMany(d => Directory.Exists(Path.Combine(d, kind))
                ? Directory.GetFiles(Path.Combine(d, kind), "*.xml", SearchOption.AllDirectories).Select(f => (Relative(f), _tables[Path.GetFileName(d).ToLowerInvariant()]))
                : [])
            .ToList();

    private static List<string> Files(string folder) =>
        Directory.GetFiles(Path.Combine(Folder, folder), "*", SearchOption.AllDirectories).Select(Relative).Order(StringComparer.Ordinal).ToList();

    private static string Relative(string path) => Path.GetRelativePath(Folder, path).Replace('\\', '/');

    private static XElement Load(string file) => XElement.Load(Path.Combine(Folder, file));

    /// <summary>A fetch's entity must be the table, and its attributes, orders and conditions columns of it (link-entities of theirs).</summary>
    private static List<string> FetchProblems(string file, XElement fetch, TableDefinition table)
    {
        var problems = new List<string>();
        var entity = fetch.Element("entity")!;
        if ((string?)entity.Attribute("name") != table.LogicalName)
        {
            problems.Add($"{file}: the fetch queries '{entity.Attribute("name")}' but the file sits under {table.LogicalName}");
        }

        foreach (var node in entity.Descendants().Where(e => e.Name.LocalName is "attribute" or "order" or "condition"))
        {
            var owner = node.Ancestors().First(a => a.Name.LocalName is "entity" or "link-entity");
            var ownerName = (string)owner.Attribute("name")!;
            if (!_tables.TryGetValue(ownerName, out var ownerTable))
            {
                problems.Add($"{file}: link to unknown table '{ownerName}'");
                continue;
            }

            var column = (string)(node.Attribute("attribute") ?? node.Attribute("name"))!;
            Column(problems, file, ownerTable, column, node.Name.LocalName);
            if (node.Attribute("value") is { } value && ownerTable.Columns.TryGetValue(column, out var definition) && definition.OptionValues.Count > 0
                && !(int.TryParse(value.Value, out var option) && definition.OptionValues.Contains(option)))
            {
                problems.Add($"{file}: condition value {value.Value} is not a choice of {ownerTable.LogicalName}.{column}");
            }
        }

        return problems;
    }

    private static void Column(List<string> problems, string file, TableDefinition table, string column, string where)
    {
        if (!table.HasColumn(column))
        {
            problems.Add($"{file}: {where} '{column}' is not a column of {table.LogicalName}");
        }
    }
}
