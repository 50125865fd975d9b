using System.Globalization;
using System.Reflection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg;

namespace Reactivation.Sandbox.Stories;

/// <summary>A story's organisation: the product's solution imported with the plugin assembly from the zip, and a clock the story moves.</summary>
internal sealed class Story
{
    private const int Silent = 101770003;

    public static readonly Dictionary<string, Action<Story>> ByName = new(StringComparer.Ordinal)
    {
        ["silent-by-daily-evaluation"] = SilentByDailyEvaluation,
    };

    private DateTime _now = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);

    public Story(Assembly plugins, string solutionFolder)
    {
        Organization = new LocalOrganization(new LocalOrganizationOptions { Clock = () => _now, PluginAssemblies = [plugins] });
        Organization.LoadSolution(solutionFolder);
        Service = Organization.CreateOrganizationService(null);
    }

    public LocalOrganization Organization { get; }

    public IOrganizationService Service { get; }

    /// <summary>A customer who bought 10 days ago is left alone for 40 more days; the daily job finds them Silent and the rep gets the call to ask why.</summary>
    private static void SilentByDailyEvaluation(Story story)
    {
        var id = story.Service.Create(new Entity("contact") { ["lastname"] = "Wang", ["rx_purchaseledger"] = story.Ledger(10) });
        Expect(0, story.All("phonecall").Count, "calls before the customer is dormant");
        story._now = story._now.AddDays(40);

        var response = story.Service.Execute(new OrganizationRequest("rx_EvaluateDueContacts") { ["PageSize"] = 50 }).Results;
        Expect(1, (int)response["Evaluated"]!, "contacts the daily evaluation evaluated");
        Expect(false, (bool)response["MoreRecords"]!, "more records after the only contact");

        var contact = story.Service.Retrieve("contact", id, new ColumnSet(true));
        Expect(Silent, contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage")?.Value, "the contact's stage");
        var call = story.All("phonecall").SingleOrDefault() ?? throw new StoryFailedException("no phone call for the rep");
        Expect(true, call.GetAttributeValue<string>("subject").Contains("why"), "the call's subject '" + call.GetAttributeValue<string>("subject") + "' asks why");
        Expect(id, call.GetAttributeValue<EntityReference>("regardingobjectid")?.Id, "the call is about the contact");
        Expect(1, story.All("rx_reactivationattempt").Count, "reactivation attempts");
    }

    /// <summary>The purchase ledger the order plugin keeps: one purchase 400 days ago, the last one <paramref name="daysAgo"/> days ago.</summary>
    private string Ledger(int daysAgo) =>
        "P1;" + Instant(_now.AddDays(-400)) + "=50.00#0000000a;" + Instant(_now.AddDays(-daysAgo)) + "=88.00#0000000b";

    private static string Instant(DateTime utc) => utc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    private List<Entity> All(string table) =>
        Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities.ToList();

    private static void Expect<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new StoryFailedException(what + ": expected " + expected + ", got " + actual);
        }
    }
}

internal sealed class StoryFailedException(string message) : Exception(message);
