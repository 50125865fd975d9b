using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Custom API rx_EvaluateDueContacts as an admin imports and schedules it: the product's solution/ loaded into
/// the local organisation, a simulated clock, and a daily "call until MoreRecords is false".
/// </summary>
[TestClass]
public sealed class EvaluateDueContactsTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc))
{
    private const string Api = "rx_EvaluateDueContacts";
    private static readonly int New = ContactColumns.Stages.ValueOf(LifecycleStage.New);
    private static readonly int Silent = ContactColumns.Stages.ValueOf(LifecycleStage.Silent);
    private static readonly int Sleeping = ContactColumns.Stages.ValueOf(LifecycleStage.Sleeping);
    private static readonly int Lost = ContactColumns.Stages.ValueOf(LifecycleStage.Lost);

    private static readonly string[] RequestParameters = ["PageSize:7:True", "PagingCookie:10:True", "UtcOffsetMinutes:7:True", "OverflowTeamId:12:True", "HouseholdRetryDays:7:True", "SocialProofMinFriends:7:True", "SocialProofWindowDays:7:True"];
    private static readonly string[] ResponseProperties = ["Evaluated:7", "StageChanges:7", "MoreRecords:0", "PagingCookie:10"];
    private static readonly int[] TimeDrivenLadder = [New, Silent, Sleeping, Lost];
    private static readonly int[] DormantStages = [Silent, Sleeping, Lost];

    [TestMethod]
    public void The_product_solution_declares_the_API_as_a_global_action_with_its_parameters()
    {
        var api = Org.CustomApis.Single(a => a.UniqueName == Api);
        Assert.AreEqual(0, api.BindingType);
        Assert.IsFalse(api.IsFunction);
        Assert.AreEqual("Reactivation.Plugins.Evaluation.EvaluateDueContactsPlugin", api.PluginTypeName);
        CollectionAssert.AreEquivalent(RequestParameters, api.RequestParameters.Select(p => p.UniqueName + ":" + p.Type + ":" + p.IsOptional).ToArray());
        CollectionAssert.AreEquivalent(ResponseProperties, api.ResponseProperties.Select(p => p.UniqueName + ":" + p.Type).ToArray());
    }

    [TestMethod]
    public void Forty_days_later_the_daily_call_makes_a_customer_Silent_and_the_outreach_step_starts_their_attempt()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-10));
        Assert.AreEqual(New, Stage(id));
        Assert.AreEqual(Now.Date.AddDays(36), Service.Contact(id).GetAttributeValue<DateTime>("rx_nextevaluationon"));
        Now = Now.AddDays(40);
        Org.ClearLogs();

        var response = Evaluate();

        Assert.AreEqual(1, response["Evaluated"]);
        Assert.AreEqual(1, response["StageChanges"]);
        Assert.IsFalse((bool)response["MoreRecords"]!);
        Assert.AreEqual(Silent, Stage(id));
        Assert.AreEqual(Now, Service.Contact(id).GetAttributeValue<DateTime>("rx_stagechangedon"));
        Assert.AreEqual(Now.Date.AddDays(3).AddHours(23).AddMinutes(59), Service.Contact(id).GetAttributeValue<DateTime>("rx_nextevaluationon"),
            "due again at the attempt's deadline, 3 days on (before Sleeping, 91 days after the order 50 days ago)");
        var attempt = Service.All("rx_reactivationattempt").Single();
        Assert.AreEqual(Silent, attempt.GetAttributeValue<OptionSetValue>("rx_stageatstart").Value);
        Assert.AreEqual(new EntityReference("contact", id), attempt.GetAttributeValue<EntityReference>("rx_contactid"));
        Assert.AreEqual("RetrieveMultiple rx_ruleset, RetrieveMultiple rx_campaign, RetrieveMultiple contact, Update contact", ApiRequests(), "a day after its last call the API reads the active lifecycle ruleset and the campaigns, then one query, one Update for the changed contact");
        Assert.IsTrue(Org.RequestLog.Any(r => r.Origin == RequestOrigin.Plugin && r.Depth == 2 && r.EntityName == "rx_reactivationattempt"), "the outreach step ran on the API's Update, at depth 2");
    }

    [TestMethod]
    public void Calling_again_the_same_day_changes_nothing_and_creates_nothing()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-10));
        Now = Now.AddDays(40);
        Evaluate();
        var before = Service.Contact(id);
        var records = RecordCounts();
        Now = Now.AddHours(2);
        Org.ClearLogs();

        var response = Evaluate();

        Assert.AreEqual(0, response["Evaluated"]);
        Assert.AreEqual(0, response["StageChanges"]);
        Assert.IsFalse((bool)response["MoreRecords"]!);
        Assert.AreEqual("RetrieveMultiple rx_ruleset, RetrieveMultiple rx_campaign, RetrieveMultiple contact", ApiRequests(), "two hours on, past the refresh interval, the active lifecycle ruleset and the campaigns are read again");
        Assert.IsEmpty(Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.RequestName != "RetrieveMultiple"));
        CollectionAssert.AreEqual(records, RecordCounts());
        Assert.AreEqual(before.GetAttributeValue<DateTime>("modifiedon"), Service.Contact(id).GetAttributeValue<DateTime>("modifiedon"));
    }

    [TestMethod]
    public void Over_200_days_of_daily_calls_a_customer_goes_Silent_Sleeping_Lost_with_one_attempt_per_stage_each_followed_up_once()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-1));
        var stages = new List<int> { Stage(id) };
        var evaluatedOn = new List<int>();
        for (var day = 1; day <= 200; day++)
        {
            Now = Now.AddDays(1);
            if (EvaluateAll().Evaluated > 0) evaluatedOn.Add(day);
            if (Stage(id) != stages[^1]) stages.Add(Stage(id));
        }

        CollectionAssert.AreEqual(TimeDrivenLadder, stages.ToArray());
        CollectionAssert.AreEqual(new[] { 45, 49, 53, 90, 94, 180 }, evaluatedOn.ToArray(),
            "due on the three days the stage changes and on the open attempts' deadlines; after Lost nothing is ever due");
        Assert.IsNull(Service.Contact(id).GetAttributeValue<DateTime?>("rx_nextevaluationon"), "no future change: never due again until an event");
        var attempts = Service.All("rx_reactivationattempt").OrderBy(a => a.GetAttributeValue<DateTime>("rx_startedon")).ToList();
        CollectionAssert.AreEqual(DormantStages, attempts.Select(a => a.GetAttributeValue<OptionSetValue>("rx_stageatstart").Value).ToArray(), "exactly one attempt per stage");
        CollectionAssert.AreEqual(new[] { Choices.AttemptOutcome.NoResponse, Choices.AttemptOutcome.NoResponse, Choices.AttemptOutcome.Suppressed }, attempts.Select(a => a.GetAttributeValue<OptionSetValue>("rx_outcome").Value).ToArray(),
            "Silent and Sleeping end without a response; Lost is blocked outside campaigns");

        // Silent (day 45): no answer by day 49, so the rep calls (the follow-up); no answer by day 53 either: closed.
        StringAssert.Contains(attempts[0].GetAttributeValue<string>("rx_followupstep"), "FollowUp Phone");
        StringAssert.Contains(attempts[0].GetAttributeValue<string>("rx_closingreason"), "NoResponse: no response after the last follow-up of its escalation");
        // Sleeping (day 90): one touch per 14 days, so the day-94 follow-up is blocked by the cap and the attempt closes.
        Assert.IsNull(attempts[1].GetAttributeValue<string>("rx_followupstep"));
        StringAssert.Contains(attempts[1].GetAttributeValue<string>("rx_closingreason"), "NoResponse: every follow-up action was blocked");
        Assert.IsNull(Service.Contact(id).GetAttributeValue<EntityReference>("rx_openattemptid"), "nothing is open at the end");
    }

    [TestMethod]
    public void Seven_due_contacts_with_page_size_3_take_three_calls_and_each_is_evaluated_once_while_a_not_due_one_is_untouched()
    {
        var due = Enumerable.Range(0, 7).Select(_ => Service.CreateCustomer(lastPurchase: Now.AddDays(-10))).ToList();
        Now = Now.AddDays(35);
        var notDue = Service.CreateCustomer(lastPurchase: Now.AddDays(-5));
        var notDueBefore = Service.Contact(notDue);
        Now = Now.AddDays(5);
        Org.ClearLogs();

        var pages = new List<(int Evaluated, int StageChanges, bool More)>();
        string? cookie = null;
        do
        {
            var response = Evaluate(pageSize: 3, cookie: cookie);
            pages.Add(((int)response["Evaluated"]!, (int)response["StageChanges"]!, (bool)response["MoreRecords"]!));
            cookie = (string)response["PagingCookie"]!;
        }
        while (pages[^1].More && pages.Count < 10);

        CollectionAssert.AreEqual(new[] { (3, 3, true), (3, 3, true), (1, 1, false) }, pages.ToArray());
        Assert.AreEqual(3, Org.RequestLog.Count(r => IsApiRequest(r) && r.RequestName == "RetrieveMultiple" && r.EntityName == "contact"), "one query per call");
        Assert.AreEqual(1, Org.RequestLog.Count(r => IsApiRequest(r) && r.EntityName == "rx_ruleset"), "the active lifecycle ruleset is read once: the loop's calls fall in one refresh interval");
        Assert.AreEqual(7, Org.RequestLog.Count(r => IsApiRequest(r) && r.RequestName == "Update"), "one Update per changed contact");
        foreach (var id in due) Assert.AreEqual(Silent, Stage(id));
        Assert.HasCount(7, Service.All("rx_reactivationattempt"));
        Assert.AreEqual(7, Service.All("rx_reactivationattempt").Select(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id).Distinct().Count());
        var after = Service.Contact(notDue);
        Assert.AreEqual(New, Stage(notDue));
        Assert.AreEqual(notDueBefore.GetAttributeValue<DateTime>("modifiedon"), after.GetAttributeValue<DateTime>("modifiedon"), "not due: not touched");
    }

    [TestMethod]
    public void A_contact_whose_ledger_cannot_be_read_is_skipped_and_traced_without_stalling_the_run()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Service.CreateCustomer(lastPurchase: Now.AddDays(-10))).ToList();
        // An unknown ledger tag, written where no step listens (as a faulty import could).
        Service.Update(new Entity("contact", ids[1]) { ["rx_touchledger"] = "T9;garbage" });
        Now = Now.AddDays(40);
        Org.ClearLogs();

        var evaluated = 0;
        var calls = 0;
        string? cookie = null;
        bool more;
        do
        {
            var response = Evaluate(pageSize: 1, cookie: cookie);
            calls++;
            evaluated += (int)response["Evaluated"]!;
            more = (bool)response["MoreRecords"]!;
            cookie = (string)response["PagingCookie"]!;
        }
        while (more && calls < 10);

        Assert.AreEqual(3, calls, "the key moves past the unreadable row");
        Assert.AreEqual(2, evaluated);
        Assert.AreEqual(Silent, Stage(ids[0]));
        Assert.AreEqual(New, Stage(ids[1]), "left as it was, still due");
        Assert.AreEqual(Silent, Stage(ids[2]));
        Assert.IsTrue(Org.TraceLog.Any(t => t.Lines.Any(l => l.Contains("Contact " + ids[1].ToString("D") + " skipped", StringComparison.Ordinal))));
    }

    [TestMethod]
    public void A_paging_cookie_this_API_did_not_write_is_refused_with_a_clear_message()
    {
        var ex = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Evaluate(cookie: "page=2"));
        StringAssert.Contains(ex.Message, "PagingCookie");
    }

    [TestMethod]
    public void A_page_size_outside_1_to_5000_is_refused_with_the_limits()
    {
        foreach (var size in new[] { 0, 5001 })
        {
            var ex = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => Evaluate(pageSize: size));
            StringAssert.Contains(ex.Message, "PageSize must be between 1 and 5000");
        }
    }

    // ---- helpers ----

    private ParameterCollection Evaluate(int? pageSize = null, string? cookie = null)
    {
        var request = new OrganizationRequest(Api);
        if (pageSize is { } size) request["PageSize"] = size;
        if (cookie is not null) request["PagingCookie"] = cookie;
        return Service.Execute(request).Results;
    }

    /// <summary>What the scheduled daily job does: call until MoreRecords is false.</summary>
    private (int Evaluated, int Calls) EvaluateAll() => ProductOrganization.EvaluateDueContacts(Service, pageSize: 2);

    private static bool IsApiRequest(RequestRecord r) => r.Origin == RequestOrigin.Plugin && r.Depth == 1;

    private string ApiRequests() => string.Join(", ", Org.RequestLog.Where(IsApiRequest).Select(r => r.RequestName + " " + r.EntityName));

    private int Stage(Guid id) => Service.Contact(id).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value;

    private int[] RecordCounts() => [Service.All("rx_reactivationattempt").Count, Service.All("phonecall").Count, Service.All("task").Count, Service.All("rx_outreachmessage").Count, Service.All("rx_incentive").Count];
}
