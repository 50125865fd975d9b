using System.Xml.Linq;
using Reactivation.Core.Measurement;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests.Solution;

/// <summary>The Rep KPIs dashboard: one chart per KPI a manager sets targets for, counted from the records that are the work.</summary>
public sealed partial class SolutionMatchesCodeTests
{
    [TestMethod]
    public void The_Rep_KPIs_dashboard_charts_each_KPI_from_the_records_of_the_work_and_the_week_targets_in_both_languages()
    {
        var dashboard = Files("Dashboards").Select(Load).Single(d => Name(d, "1033") == "Rep KPIs");
        Assert.AreEqual("员工业绩", Name(dashboard, "2052"));
        var charts = dashboard.Descendants("parameters").Select(p => (View: Component("SavedQueries", p.Element("ViewId")!.Value), Chart: Component("Visualizations", p.Element("VisualizationId")!.Value))).ToList();
        var byName = charts.ToDictionary(c => Name(c.Chart, "1033")!, StringComparer.Ordinal);

        CollectionAssert.AreEquivalent(
            new[] { "Calls made by rep this week", "Customers reached by rep this week", "WeCom adds by rep this week", "Tasks done by rep this week", "Conversions by owner", "Conversion revenue by owner", "Week targets by rep or team" },
            byName.Keys.ToArray());
        Assert.IsEmpty(charts.Where(c => Name(c.Chart, "2052") is null || Name(c.View, "2052") is null).ToList(), "every chart and view is named in Chinese too");
        Assert.IsEmpty(dashboard.Descendants("labels").Where(l => !BothLanguages.All(code => l.Elements("label").Any(x => (string?)x.Attribute("languagecode") == code))).ToList(), "every label in both languages");

        // Calls made: completed reactivation calls ended this week, counted per owner; reached: those not a wrong number.
        CollectionAssert.AreEquivalent(new[] { "statecode eq 1", "rx_attemptid not-null", "actualend this-week" }, Conditions(byName["Calls made by rep this week"].View));
        CollectionAssert.AreEquivalent(new[] { "rx_responseoutcome not-null", "rx_responseoutcome ne " + ActivityColumns.ResponseOutcomes.ValueOf(Core.Attempts.ResponseOutcome.WrongNumber) }, Conditions(byName["Customers reached by rep this week"].Chart));
        CollectionAssert.AreEquivalent(new[] { "statecode eq 1", "rx_attemptid not-null", "actualend this-week" }, Conditions(byName["Tasks done by rep this week"].View));
        // A WeCom add: a WeCom message replied to without opting out.
        var wecom = byName["WeCom adds by rep this week"].View;
        Assert.AreEqual("WeCom", OptionLabel("rx_OutreachMessage", "rx_channel", Value(wecom, "rx_channel")));
        Assert.AreEqual("Replied", OptionLabel("rx_OutreachMessage", "rx_messagestatus", Value(wecom, "rx_messagestatus")));
        Assert.AreEqual(MessageColumns.Statuses.ValueOf(MessageStatus.Replied).ToString(System.Globalization.CultureInfo.InvariantCulture), Value(wecom, "rx_messagestatus"));
        Assert.AreEqual("Converted", OptionLabel("rx_ReactivationAttempt", "rx_outcome", Value(byName["Conversion revenue by owner"].Chart, "rx_outcome")));
        Assert.AreEqual("sum", (string?)byName["Conversion revenue by owner"].Chart.Descendants("attribute").Single(a => (string?)a.Attribute("name") == "rx_revenue").Attribute("aggregate"));
        var targets = byName["Week targets by rep or team"].Chart;
        Assert.AreEqual(RepTargetColumns.Periods.ValueOf(KpiPeriod.Week).ToString(System.Globalization.CultureInfo.InvariantCulture), Value(targets, "rx_period"));
        CollectionAssert.AreEqual(new[] { "ownerid", "rx_kpi" }, targets.Descendants("attribute").Where(a => (string?)a.Attribute("groupby") == "true").Select(a => (string)a.Attribute("name")!).ToArray(), "per rep or team, a series per KPI");
    }

    private static XElement Component(string kind, string id) =>
        TableFiles(kind).Select(f => Load(f.File)).Single(c => c.Descendants(kind == "SavedQueries" ? "savedqueryid" : "savedqueryvisualizationid").Any(x => Guid.Parse(x.Value) == Guid.Parse(id)));

    private static string? Name(XElement component, string language) =>
        component.Descendants("LocalizedName").FirstOrDefault(n => (string?)n.Attribute("languagecode") == language)?.Attribute("description")?.Value;

    private static string[] Conditions(XElement component) =>
        component.Descendants("condition").Select(c => (string)c.Attribute("attribute")! + " " + (string)c.Attribute("operator")! + ((string?)c.Attribute("value") is { } v ? " " + v : "")).ToArray();

    private static string Value(XElement component, string column) =>
        (string)component.Descendants("condition").Single(c => (string?)c.Attribute("attribute") == column && c.Attribute("value") is not null).Attribute("value")!;
}
