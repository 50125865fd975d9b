using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// The rules across customers (Core/Joins) end to end: the daily rx_EvaluateDueContacts plans a page's outreach, joins it
/// across households, referral friends and reps, and the outreach step it signals writes what they decided — the records a
/// rep and a manager see, the explanation, and the requests each page costs.
/// </summary>
[TestClass]
public sealed class JoinStoryTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc))
{
    private static readonly int Silent = ContactColumns.Stages.ValueOf(LifecycleStage.Silent);
    private static readonly int Sleeping = ContactColumns.Stages.ValueOf(LifecycleStage.Sleeping);

    [TestMethod]
    public void Two_household_members_due_the_same_day_the_higher_value_one_gets_the_offer_and_the_other_is_retried_seven_days_later()
    {
        var richer = Customer("Lin", spent: 300m, lastPurchase: Now.AddDays(-10), household: "LIN-12");
        var other = Customer("Lin", spent: 88m, lastPurchase: Now.AddDays(-10), household: " lin-12");
        Now = Now.AddDays(40);
        Org.ClearLogs();

        Evaluate();

        Assert.AreEqual(Silent, Stage(richer));
        Assert.AreEqual(Silent, Stage(other), "both turned Silent the same morning");
        var attempt = Service.All("rx_reactivationattempt").Single();
        Assert.AreEqual(richer, attempt.GetAttributeValue<EntityReference>("rx_contactid").Id, "the higher-value member gets the offer");
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_explanation"), "Join Household HouseholdChosen (MembersDue=2, Rank=1)");
        var call = Service.All("phonecall").Single();
        Assert.AreEqual(richer, call.GetAttributeValue<EntityReference>("regardingobjectid").Id, "one call, to the chosen member");
        Assert.IsEmpty(Service.All("rx_outreachmessage"));

        // The offer's call is due two days on: the other member may have it 7 days after that day.
        var retryOn = call.GetAttributeValue<DateTime>("scheduledend").Date.AddDays(7);
        var passedOver = Service.Contact(other);
        Assert.AreEqual(retryOn, passedOver.GetAttributeValue<DateTime>("rx_outreachdueon"), "tried again 7 days after the day the offer was planned for");
        Assert.AreEqual(retryOn, passedOver.GetAttributeValue<DateTime>("rx_nextevaluationon"), "so that morning's evaluation brings them back");
        Assert.IsNull(passedOver.GetAttributeValue<EntityReference>("rx_openattemptid"));
        var why = OutreachTrace(other);
        StringAssert.Contains(why, "No outreach now: another member of the household gets the same offer today");
        StringAssert.Contains(why, $"Join Household HouseholdSameOffer (MembersDue=2, Rank=2, RetryOn={retryOn:yyyy-MM-dd})");
        Assert.AreEqual("RetrieveMultiple rx_ruleset, RetrieveMultiple rx_campaign, RetrieveMultiple contact, RetrieveMultiple rx_reactivationattempt, Update contact, Update contact", ApiRequests(),
            "the page query, one query of the households' attempts today, one Update per contact");

        Now = retryOn.AddHours(2);
        ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);

        var second = Service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id == other);
        Assert.AreEqual(Silent, second.GetAttributeValue<OptionSetValue>("rx_stageatstart").Value);
        Assert.AreEqual(Choices.AttemptOutcome.Open, second.GetAttributeValue<OptionSetValue>("rx_outcome").Value, "a week on, the passed-over member gets the offer");
        Assert.IsTrue(Service.All("phonecall").Any(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id == other));
        Assert.IsNull(Service.Contact(other).GetAttributeValue<DateTime?>("rx_outreachdueon"), "spent by the start");
    }

    [TestMethod]
    public void Friends_purchases_turn_a_Sleeping_customers_message_into_the_social_proof_message_in_English_and_Chinese_without_a_name()
    {
        var mei = Customer("Mei", spent: 88m, lastPurchase: Now.AddDays(-1), reason: "PriceSensitive");
        var lan = Customer("Lan", spent: 88m, lastPurchase: Now.AddDays(-1), reason: "PriceSensitive", language: "zh-CN");
        Now = Now.AddDays(90);
        // Mei's referrer and the customer she referred bought a facial lately; a third friend bought 40 days ago (outside the window).
        var wang = Friend("Wang");
        Service.Update(new Entity("contact", mei) { ["rx_referredbyid"] = new EntityReference("contact", wang) });
        var zhao = Friend("Zhao", referredBy: mei);
        var qian = Friend("Qian", referredBy: mei);
        Order(wang, "Hydrating facial", Now.AddDays(-5));
        Order(zhao, "Hydrating facial", Now.AddDays(-2));
        Order(qian, "Hydrating facial", Now.AddDays(-40));
        var sun = Friend("Sun", referredBy: lan);
        var zhou = Friend("Zhou", referredBy: lan);
        Order(sun, "补水护理", Now.AddDays(-3));
        Order(zhou, "补水护理", Now.AddDays(-1));
        Org.ClearLogs();

        Evaluate();

        Assert.AreEqual(Sleeping, Stage(mei));
        Assert.AreEqual(Sleeping, Stage(lan));
        var english = Message(mei);
        StringAssert.Contains(english, "2 of your friends chose Hydrating facial recently.");
        var chinese = Message(lan);
        StringAssert.Contains(chinese, "您的 2 位朋友最近选择了「补水护理」。");
        foreach (var name in new[] { "Wang", "Zhao", "Qian", "Sun", "Zhou" })
        {
            Assert.DoesNotContain(name, english + chinese, "counts only, never a friend's name");
        }

        Assert.DoesNotContain("of your friends", chinese, "the Chinese message has no English in it");
        var explanation = Service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id == mei).GetAttributeValue<string>("rx_explanation");
        StringAssert.Contains(explanation, "Join RelationshipChain FriendsChoseRecently (FriendsBoughtRecently=2, WindowDays=30, TopChoice=Hydrating facial)");
        Assert.AreEqual(2, Org.RequestLog.Count(r => IsApiRequest(r) && r.RequestName == "RetrieveMultiple" && r.EntityName == "contact"), "the page query and one query of the referral links");
        Assert.AreEqual(1, Org.RequestLog.Count(r => IsApiRequest(r) && r.EntityName == "salesorder"), "one query of the friends' orders");
    }

    [TestMethod]
    public void A_rep_over_capacity_keeps_the_highest_value_call_and_the_overflow_team_gets_the_others()
    {
        var rep = Service.Create(new Entity("systemuser") { ["fullname"] = "Zhou Min", ["rx_dailycallcapacity"] = 1 });
        var team = Service.Create(new Entity("team") { ["name"] = "Front desk" });
        var top = Customer("Gao", spent: 500m, lastPurchase: Now.AddDays(-10), owner: rep);
        var middle = Customer("He", spent: 200m, lastPurchase: Now.AddDays(-10), owner: rep);
        var low = Customer("Hu", spent: 88m, lastPurchase: Now.AddDays(-10), owner: rep);
        Now = Now.AddDays(40);
        Org.ClearLogs();

        Evaluate(overflowTeam: team);

        var calls = Service.All("phonecall").ToDictionary(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id);
        Assert.AreEqual(new EntityReference("systemuser", rep), calls[top].GetAttributeValue<EntityReference>("ownerid"), "the rep makes the call of the highest-value customer");
        Assert.AreEqual(new EntityReference("team", team), calls[middle].GetAttributeValue<EntityReference>("ownerid"));
        Assert.AreEqual(new EntityReference("team", team), calls[low].GetAttributeValue<EntityReference>("ownerid"), "the others go to the overflow team, none dropped");
        Assert.HasCount(1, calls.Values.Select(c => c.GetAttributeValue<DateTime>("scheduledend")).Distinct(), "all due the same day");
        var explanation = Service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id == low).GetAttributeValue<string>("rx_explanation");
        StringAssert.Contains(explanation, "Join TeamCapacity RepAtCapacity (Capacity=1, CallsBefore=1, Team=Front desk)");
        Assert.AreEqual("RetrieveMultiple rx_ruleset, RetrieveMultiple rx_campaign, RetrieveMultiple contact, RetrieveMultiple phonecall, RetrieveMultiple team, Update contact, Update contact, Update contact", ApiRequests(),
            "the page query (the reps' capacities joined in), one query of the rep's open calls, the overflow team's name, one Update per contact");
    }

    [TestMethod]
    public void A_rep_over_capacity_without_an_overflow_team_makes_the_extra_calls_on_the_next_days_with_room()
    {
        var rep = Service.Create(new Entity("systemuser") { ["fullname"] = "Zhou Min", ["rx_dailycallcapacity"] = 1 });
        var top = Customer("Gao", spent: 500m, lastPurchase: Now.AddDays(-10), owner: rep);
        var middle = Customer("He", spent: 200m, lastPurchase: Now.AddDays(-10), owner: rep);
        var low = Customer("Hu", spent: 88m, lastPurchase: Now.AddDays(-10), owner: rep);
        Now = Now.AddDays(40);

        Evaluate();

        var calls = Service.All("phonecall").ToDictionary(c => c.GetAttributeValue<EntityReference>("regardingobjectid").Id);
        Assert.IsTrue(calls.Values.All(c => c.GetAttributeValue<EntityReference>("ownerid").Id == rep), "the rep makes every call");
        var first = calls[top].GetAttributeValue<DateTime>("scheduledend");
        Assert.AreEqual(first.AddDays(1), calls[middle].GetAttributeValue<DateTime>("scheduledend"), "the next day with room");
        Assert.AreEqual(first.AddDays(2), calls[low].GetAttributeValue<DateTime>("scheduledend"), "and the day after: one call a day");
        var explanation = Service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<EntityReference>("rx_contactid").Id == low).GetAttributeValue<string>("rx_explanation");
        StringAssert.Contains(explanation, $"Join TeamCapacity RepAtCapacity (Capacity=1, CallsBefore=1, MovedTo={first.AddDays(2):yyyy-MM-dd}, DaysLater=2)");
        var ledger = TouchLedger.Parse(Service.Contact(low).GetAttributeValue<string>("rx_touchledger"));
        Assert.AreEqual(first.AddDays(2), ledger.Touches.Single().WhenUtc, "the touch is recorded when the call is due");
    }

    [TestMethod]
    public void A_threshold_out_of_range_fails_the_call_naming_the_input_and_writes_nothing()
    {
        var id = Customer("Lin", spent: 88m, lastPurchase: Now.AddDays(-10), household: "LIN-12");
        Now = Now.AddDays(40);
        var before = Service.Contact(id).GetAttributeValue<DateTime>("modifiedon");

        var fault = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() =>
            Service.Execute(new OrganizationRequest("rx_EvaluateDueContacts") { ["HouseholdRetryDays"] = 0 }));

        Assert.AreEqual("rx_EvaluateDueContacts: HouseholdRetryDays must be between 1 and 365 days (got 0).", fault.Message);
        Assert.AreEqual(before, Service.Contact(id).GetAttributeValue<DateTime>("modifiedon"));
        Assert.IsEmpty(Service.All("rx_reactivationattempt"));
    }

    // ---- helpers ----

    private Guid Customer(string lastName, decimal spent, DateTime lastPurchase, string? household = null, string? reason = null, string? language = null, Guid? owner = null)
    {
        var contact = new Entity("contact")
        {
            ["lastname"] = lastName,
            ["rx_purchaseledger"] = "P1;" + LedgerInstant.Write(lastPurchase) + "=" + spent.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "#0000000b",
        };
        if (household is not null) contact["rx_householdkey"] = household;
        if (reason is not null) contact["rx_dormancyreason"] = ContactColumns.Reasons.Option(reason);
        if (language is not null) contact["rx_preferredlanguage"] = ContactColumns.Languages.Option(language);
        if (owner is { } user) contact["ownerid"] = new EntityReference("systemuser", user);
        return Service.Create(contact);
    }

    private Guid Friend(string lastName, Guid? referredBy = null)
    {
        var friend = new Entity("contact") { ["lastname"] = lastName };
        if (referredBy is { } referrer) friend["rx_referredbyid"] = new EntityReference("contact", referrer);
        return Service.Create(friend);
    }

    private void Order(Guid customer, string item, DateTime paidOn) =>
        Service.Create(new Entity("salesorder") { ["name"] = item, ["customerid"] = new EntityReference("contact", customer), ["totalamount"] = new Money(120m), ["rx_paidon"] = paidOn });

    private void Evaluate(Guid? overflowTeam = null)
    {
        var request = new OrganizationRequest("rx_EvaluateDueContacts") { ["PageSize"] = 250 };
        if (overflowTeam is { } team) request["OverflowTeamId"] = team;
        Assert.IsFalse((bool)Service.Execute(request).Results["MoreRecords"]!);
    }

    private string Message(Guid contact) =>
        Service.All("rx_outreachmessage").Single(m => m.GetAttributeValue<EntityReference>("regardingobjectid").Id == contact).GetAttributeValue<string>("rx_renderedtext");

    private string OutreachTrace(Guid contact) =>
        string.Join("\n", Org.TraceLog.Where(t => t.PrimaryEntityId == contact && t.PluginTypeName.EndsWith("ContactOutreachPlugin", StringComparison.Ordinal)).Select(t => t.MessageBlock));

    private int Stage(Guid id) => Service.Contact(id).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value;

    private static bool IsApiRequest(RequestRecord r) => r.Origin == RequestOrigin.Plugin && r.Depth == 1;

    private string ApiRequests() => string.Join(", ", Org.RequestLog.Where(IsApiRequest).Select(r => r.RequestName + " " + r.EntityName));
}
