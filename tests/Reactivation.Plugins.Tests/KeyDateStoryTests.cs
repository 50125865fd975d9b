using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Decisions;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Key dates drive outreach, through the product's solution/ in the local organisation: the shop's offers put a birthday
/// rule first, and a Sleeping customer whose birthday is weeks away gets nothing from it until the morning the rule first
/// matches — that morning's rx_EvaluateDueContacts brings the contact to the outreach step, which writes the birthday call
/// for the rep. Simulated clock, one run every morning; the record the rep sees.
/// </summary>
[TestClass]
public sealed class KeyDateStoryTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc))
{
    private const string BirthdayOffers = """
        {
          "RuleName": "BirthdayWeek",
          "SuccessEvent": "BirthdayTreat",
          "Expression": "customer.Stage == \"Sleeping\" && customer.DaysToBirthday <= 7",
          "Properties": {
            "Label": "Birthday treat",
            "LabelZh": "生日礼遇",
            "AttemptStep": "Wake",
            "PhoneCall": {
              "Subject": { "en": "Birthday in {{DaysToBirthday}} days: invite them for a birthday treatment", "zh-CN": "{{DaysToBirthday}} 天后是客户生日：邀请来店享受生日护理" },
              "Script": { "en": "Hello! Your birthday is coming up, and we have a birthday treatment on the house for you this week. When would suit you?", "zh-CN": "您好！您的生日快到了，本周我们为您准备了一次免费的生日护理。您什么时候方便？" },
              "DueInDays": 0,
              "Owner": "ContactOwner"
            }
          }
        },
        """;

    /// <summary>After the base class has loaded the product: the default offers with the birthday rules, as the active row.</summary>
    [TestInitialize]
    public void ActivateBirthdayOffers()
    {
        var offers = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "rules", "default", "offers.json"));
        var at = offers.IndexOf("\"Rules\": [", StringComparison.Ordinal) + "\"Rules\": [".Length;
        Service.Create(new Entity("rx_ruleset") { ["rx_name"] = "Offers with the birthday week", ["rx_definition"] = offers.Insert(at, BirthdayOffers), ["rx_isactive"] = true });
    }

    [TestMethod]
    public void A_Sleeping_customer_gets_nothing_from_the_birthday_rule_until_the_morning_it_matches_and_then_the_birthday_call()
    {
        // Last bought 100 days ago (Sleeping at once, Lost only after 180 days); birthday 27 April: the week begins 20 April.
        var id = Service.Create(new Entity("contact")
        {
            ["lastname"] = "Wang",
            ["birthdate"] = new DateTime(1987, 4, 27),
            ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(Now.AddDays(-100)),
        });

        var april20 = new DateTime(2026, 4, 20, 0, 0, 0, DateTimeKind.Utc);
        var mornings = new List<DateTime>();
        for (var morning = new DateTime(2026, 3, 11, 2, 30, 0, DateTimeKind.Utc); morning < april20; morning = morning.AddDays(1))
        {
            Now = morning;
            var (evaluated, _) = ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);
            if (evaluated > 0) mornings.Add(morning.Date);
            Assert.IsEmpty(BirthdayRecords(), $"{morning:yyyy-MM-dd}: nothing from the birthday rule before its week");
        }

        // The usual Sleeping outreach ran (the ask-why call, its follow-up, the close); the birthday is only a due on the contact.
        var askWhy = Service.RetrieveMultiple(new QueryExpression("rx_reactivationattempt") { ColumnSet = new ColumnSet(true) }).Entities.Single();
        Assert.AreEqual(id.ToString("D") + "|UnknownReasonCall|20260310", askWhy.GetAttributeValue<string>("rx_key"), "the usual Sleeping outreach: the ask-why call the morning after the Create");
        Assert.AreEqual(new DateTime(2026, 3, 15), mornings.Last(), "and its deadline, where the follow-up met the shop's cap and the attempt closed");
        Assert.HasCount(2, mornings, "evaluated on 11 and 15 March only");
        var before = Service.Contact(id);
        Assert.AreEqual(april20, before.GetAttributeValue<DateTime>("rx_outreachdueon"), "due on the morning the birthday week begins");
        Assert.AreEqual(april20, before.GetAttributeValue<DateTime>("rx_nextevaluationon"));

        Now = april20.AddHours(2.5);
        Org.ClearLogs();
        ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);

        var attempt = Service.RetrieveMultiple(new QueryExpression("rx_reactivationattempt") { ColumnSet = new ColumnSet(true) }).Entities
            .Single(a => a.GetAttributeValue<string>("rx_key").Contains("|BirthdayWeek|", StringComparison.Ordinal));
        var call = BirthdayRecords().Single();
        Assert.AreEqual("Birthday in 7 days: invite them for a birthday treatment", call.GetAttributeValue<string>("subject"));
        StringAssert.Contains(call.GetAttributeValue<string>("description"), "Hello! Your birthday is coming up, and we have a birthday treatment on the house for you this week.");
        Assert.AreEqual(new EntityReference("contact", id), call.GetAttributeValue<EntityReference>("regardingobjectid"));
        Assert.AreEqual(attempt.Id, call.GetAttributeValue<EntityReference>("rx_attemptid").Id);
        Assert.AreEqual(april20.AddDays(1).AddMinutes(-1), call.GetAttributeValue<DateTime>("scheduledend"), "due today");
        var after = Service.Contact(id);
        Assert.AreEqual(attempt.Id, after.GetAttributeValue<EntityReference>("rx_openattemptid").Id, "the birthday attempt is the open one");
        Assert.AreEqual(new DateTime(2026, 4, 28, 0, 0, 0, DateTimeKind.Utc), after.GetAttributeValue<DateTime>("rx_outreachdueon"), "the birthday due is spent; the next one is the day after the birthday, when the offer is the ask-why call again (made earlier in this stint, so not made twice)");
        Assert.AreEqual(attempt.GetAttributeValue<DateTime>("rx_deadline"), after.GetAttributeValue<DateTime>("rx_nextevaluationon"), "evaluated next at the birthday attempt's deadline");
    }

    /// <summary>The activities and messages of the birthday rule's attempts (the attempt key names the rule).</summary>
    private List<Entity> BirthdayRecords()
    {
        var attempts = Service.RetrieveMultiple(new QueryExpression("rx_reactivationattempt") { ColumnSet = new ColumnSet(true) }).Entities
            .Where(a => a.GetAttributeValue<string>("rx_key").Contains("|BirthdayWeek|", StringComparison.Ordinal)).Select(a => a.Id).ToHashSet();
        var rows = new List<Entity>();
        foreach (var table in new[] { "phonecall", "task", "rx_outreachmessage" })
        {
            rows.AddRange(Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities
                .Where(r => r.GetAttributeValue<EntityReference>("rx_attemptid") is { } a && attempts.Contains(a.Id)));
        }

        return rows;
    }
}
