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
        ["order-converts-and-redeems"] = OrderConvertsAndRedeems,
        ["daily-evaluation-pages"] = DailyEvaluationPages,
        ["broken-ruleset-refused"] = BrokenRulesetRefused,
        ["initialise-existing-customers"] = InitialiseExistingCustomers,
    };

    private const int Sleeping = 101770004;
    private const int FulfilledState = 3;

    private const int Issued = 101770000;
    private const int Redeemed = 101770001;
    private const int Converted = 101770001;
    private const int LifecycleKind = 101770000;

    private readonly string _solutionFolder;
    private DateTime _now = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);

    public Story(Assembly plugins, string solutionFolder)
    {
        _solutionFolder = solutionFolder;
        Organization = new LocalOrganization(new LocalOrganizationOptions { Clock = () => _now, PluginAssemblies = [plugins] });
        Service = Organization.CreateOrganizationService(null);
    }

    /// <summary>What an admin does: import the solution (its steps and Custom APIs, run by the assembly from the zip).</summary>
    private void Import() => Organization.LoadSolution(_solutionFolder);

    public LocalOrganization Organization { get; }

    public IOrganizationService Service { get; }

    /// <summary>A customer who bought 10 days ago is left alone for 40 more days; the daily job finds them Silent and the rep gets the call to ask why.</summary>
    private static void SilentByDailyEvaluation(Story story)
    {
        story.Import();
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

    /// <summary>The Silent customer with their open attempt uses the code they were given: the attempt converts, the incentive is redeemed by that order.</summary>
    private static void OrderConvertsAndRedeems(Story story)
    {
        SilentByDailyEvaluation(story);
        var contact = story.All("contact").Single().Id;
        var incentive = story.Service.Create(new Entity("rx_incentive")
        {
            ["rx_code"] = "WB-2026-0001", ["rx_validuntil"] = story._now.AddDays(30), ["rx_incentivestatus"] = new OptionSetValue(Issued),
        });
        var order = story.Service.Create(new Entity("salesorder")
        {
            ["name"] = "Order", ["customerid"] = new EntityReference("contact", contact), ["totalamount"] = new Money(88m), ["rx_incentivecode"] = "WB-2026-0001",
        });
        story.Service.Update(new Entity("salesorder", order)
        {
            ["statecode"] = new OptionSetValue(3), ["statuscode"] = new OptionSetValue(100001), ["datefulfilled"] = story._now,
        });

        var attempt = story.All("rx_reactivationattempt").Single();
        Expect(Converted, attempt.GetAttributeValue<OptionSetValue>("rx_outcome")?.Value, "the attempt's outcome");
        var redeemed = story.Service.Retrieve("rx_incentive", incentive, new ColumnSet(true));
        Expect(Redeemed, redeemed.GetAttributeValue<OptionSetValue>("rx_incentivestatus")?.Value, "the incentive's status");
        Expect(order, redeemed.GetAttributeValue<EntityReference>("rx_redeemedbyorderid")?.Id, "the order that redeemed the incentive");
        var after = story.Service.Retrieve("contact", contact, new ColumnSet("rx_purchasecount", "rx_totalspend"));
        Expect(3, after.GetAttributeValue<int>("rx_purchasecount"), "the contact's purchase count");
        Expect(226m, after.GetAttributeValue<Money>("rx_totalspend")?.Value, "the contact's total spend");
    }

    /// <summary>Five customers go dormant on the same day; the daily job, two per call, needs three calls and the cookie to reach them all.</summary>
    private static void DailyEvaluationPages(Story story)
    {
        story.Import();
        foreach (var name in new[] { "Wang", "Li", "Zhang", "Liu", "Chen" })
        {
            story.Service.Create(new Entity("contact") { ["lastname"] = name, ["rx_purchaseledger"] = story.Ledger(10) });
        }

        story._now = story._now.AddDays(40);
        var evaluated = 0;
        var calls = 0;
        string? cookie = null;
        bool more;
        do
        {
            var request = new OrganizationRequest("rx_EvaluateDueContacts") { ["PageSize"] = 2 };
            if (cookie is not null) request["PagingCookie"] = cookie;
            var response = story.Service.Execute(request).Results;
            calls++;
            evaluated += (int)response["Evaluated"]!;
            cookie = (string)response["PagingCookie"]!;
            more = (bool)response["MoreRecords"]!;
        }
        while (more && calls < 10);

        Expect(3, calls, "calls of rx_EvaluateDueContacts until MoreRecords is false");
        Expect(5, evaluated, "contacts evaluated over all pages");
        Expect(5, story.All("contact").Count(c => c.GetAttributeValue<OptionSetValue>("rx_lifecyclestage")?.Value == Silent), "contacts now Silent");
        Expect(5, story.All("phonecall").Select(c => c.GetAttributeValue<EntityReference>("regardingobjectid")?.Id).Distinct().Count(), "contacts with their call");
    }

    /// <summary>An admin pastes a lifecycle ruleset with a missing comma: the save is refused naming the ruleset, line and column, and no row is written.</summary>
    private static void BrokenRulesetRefused(Story story)
    {
        story.Import();
        const string missingComma =
            "{\n" +
            "  \"WorkflowName\": \"Lifecycle\",\n" +
            "  \"Rules\": [\n" +
            "    { \"RuleName\": \"Lost\", \"Expression\": \"customer.DaysSinceLastPurchase > 180\", \"SuccessEvent\": \"Lost\" }\n" +
            "    { \"RuleName\": \"Active\", \"Expression\": \"true\", \"SuccessEvent\": \"Active\" }\n" +
            "  ]\n" +
            "}";
        string? refusal = null;
        try
        {
            story.Service.Create(new Entity("rx_ruleset")
            {
                ["rx_name"] = "Salon lifecycle", ["rx_kind"] = new OptionSetValue(LifecycleKind), ["rx_definition"] = missingComma, ["rx_isactive"] = false,
            });
        }
        catch (System.ServiceModel.FaultException<OrganizationServiceFault> e)
        {
            refusal = e.Detail.Message;
        }

        Expect(
            "Ruleset 'Salon lifecycle' was not saved: its definition has 1 error.\n" +
            "Salon lifecycle(5,4): error RX001: invalid JSON: After parsing a value an unexpected character was encountered: {. " +
            "Hint: check for a missing comma, quote or bracket near this position",
            refusal,
            "the message the admin reads");
        Expect(0, story.All("rx_ruleset").Count, "rulesets written");
    }

    /// <summary>Go-live: a customer with two orders from before the import gets their ledger, totals and stage from rx_InitialiseContacts.</summary>
    private static void InitialiseExistingCustomers(Story story)
    {
        var yuan = new EntityReference("transactioncurrency", new Guid("5f0c1a2b-0000-4000-8000-000000000156"));
        story.Service.Create(new Entity("organization", story.Organization.Options.OrganizationId) { ["name"] = "Salon", ["basecurrencyid"] = yuan });
        var contact = story.Service.Create(new Entity("contact") { ["lastname"] = "Li", ["mobilephone"] = "13800001111" });
        foreach (var (daysAgo, amount) in new[] { (400, 50m), (100, 88.5m) })
        {
            story.Service.Create(new Entity("salesorder")
            {
                ["name"] = "Visit", ["customerid"] = new EntityReference("contact", contact), ["totalamount"] = new Money(amount),
                ["transactioncurrencyid"] = yuan, ["statecode"] = new OptionSetValue(FulfilledState), ["datefulfilled"] = story._now.AddDays(-daysAgo),
            });
        }

        story.Import();
        var response = story.Service.Execute(new OrganizationRequest("rx_InitialiseContacts") { ["PageSize"] = 50 }).Results;

        Expect(1, (int)response["Initialised"]!, "contacts initialised");
        Expect(2, (int)response["OrdersRecorded"]!, "orders recorded");
        Expect(false, (bool)response["MoreRecords"]!, "more records after the only contact");
        var after = story.Service.Retrieve("contact", contact, new ColumnSet("rx_purchasecount", "rx_totalspend", "rx_lifecyclestage"));
        Expect(2, after.GetAttributeValue<int>("rx_purchasecount"), "the contact's purchase count");
        Expect(138.5m, after.GetAttributeValue<Money>("rx_totalspend")?.Value, "the contact's total spend");
        Expect(Sleeping, after.GetAttributeValue<OptionSetValue>("rx_lifecyclestage")?.Value, "the contact's stage (last purchase 100 days ago)");
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
