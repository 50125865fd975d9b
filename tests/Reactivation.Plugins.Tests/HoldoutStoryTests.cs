using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Measurement;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// The holdout group as an admin switches it on (<c>holdoutPercent</c> in the outreach step's configuration, from
/// rx_HoldoutPercent): twenty customers go Silent on the same day; those the hash of contact and stage entry holds out
/// get an attempt with outcome Holdout and nothing a rep or customer would see, and no replayed, retried or later event
/// in the same stage stint moves anyone between the groups.
/// </summary>
[TestClass]
public sealed class HoldoutStoryTests
{
    private const decimal Percent = 50m;
    private static readonly DateTime StageEntry = new(2026, 3, 10);
    private static readonly int Holdout = AttemptColumns.Outcomes.ValueOf(AttemptOutcome.Holdout);
    private static readonly int Dissatisfied = ContactColumns.Reasons.ValueOf("Dissatisfied");

    private readonly DateTime _now = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);
    private readonly HashSet<Guid> _created = [];
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;

    [TestInitialize]
    public void LoadProduct()
    {
        _org = ProductOrganization.LoadConfigured(() => _now, "utcOffsetMinutes=0;holdoutPercent=50");
        _service = _org.CreateOrganizationService(null);
    }

    [TestMethod]
    public void A_held_out_customer_gets_a_Holdout_attempt_and_no_call_message_incentive_or_touch()
    {
        var contacts = GoSilent(Contacts());
        var heldOut = contacts.Where(c => HoldoutGroup.Holds(c, StageEntry, Percent)).ToList();
        var treated = contacts.Except(heldOut).ToList();
        Assert.IsTrue(heldOut.Count > 0 && treated.Count > 0, $"{heldOut.Count} of {contacts.Count} held out: both groups are exercised");

        foreach (var id in heldOut)
        {
            var attempt = AttemptsOf(id).Single();
            Assert.AreEqual(Holdout, attempt.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome).Value);
            StringAssert.Contains(attempt.GetAttributeValue<string>(AttemptColumns.Explanation), "Outcome Holdout");
            Assert.AreEqual(new DateTime(2026, 4, 9, 23, 59, 0, DateTimeKind.Utc), attempt.GetAttributeValue<DateTime>(AttemptColumns.Deadline), "it runs for the 30-day attribution window");
            Assert.AreEqual(0, ActivitiesOf(id), "no call, task, message or incentive");
            var contact = _service.Retrieve("contact", id, new ColumnSet(ContactColumns.TouchLedger, ContactColumns.OpenAttempt));
            Assert.IsNull(contact.GetAttributeValue<string>(ContactColumns.TouchLedger), "no touch counts against the caps");
            Assert.IsNull(contact.GetAttributeValue<EntityReference>(ContactColumns.OpenAttempt), "the contact does not carry a holdout attempt");
        }

        foreach (var id in treated)
        {
            Assert.AreNotEqual(Holdout, AttemptsOf(id).Single().GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome).Value);
            Assert.IsGreaterThan(0, ActivitiesOf(id), "a treated customer gets the offer's actions");
        }
    }

    [TestMethod]
    public void A_replayed_retried_or_later_event_in_the_same_stage_stint_never_moves_a_customer_between_groups()
    {
        var contacts = GoSilent(Contacts());
        var heldOut = contacts.Where(c => AttemptsOf(c).Single().GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome).Value == Holdout).ToHashSet();

        GoSilent(contacts); // the same update replayed
        foreach (var id in contacts) _service.Update(new Entity("contact", id) { ["rx_dormancyreason"] = new OptionSetValue(Dissatisfied) }); // another rule fires

        foreach (var id in contacts)
        {
            var outcomes = AttemptsOf(id).Select(a => a.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome).Value).ToList();
            if (heldOut.Contains(id))
            {
                Assert.IsTrue(outcomes.TrueForAll(o => o == Holdout), $"{id}: still held out");
                Assert.AreEqual(0, ActivitiesOf(id), $"{id}: still nothing sent");
            }
            else
            {
                Assert.DoesNotContain(Holdout, outcomes, $"{id}: still treated");
            }
        }
    }

    private static List<Guid> Contacts() =>
        Enumerable.Range(1, 20).Select(i => new Guid("5a0d0000-0000-4000-8000-" + i.ToString("x12", System.Globalization.CultureInfo.InvariantCulture))).ToList();

    /// <summary>Each contact bought 10 days ago, then its last order moves 46 days back: Silent today, outreach follows.</summary>
    private List<Guid> GoSilent(List<Guid> contacts)
    {
        foreach (var id in contacts)
        {
            if (_created.Add(id)) _service.Create(new Entity("contact", id) { ["lastname"] = "Li", ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(_now.AddDays(-10)) });
            _service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(_now.AddDays(-46)) });
        }

        return contacts;
    }

    private List<Entity> AttemptsOf(Guid contact) =>
        Rows(AttemptColumns.Table, AttemptColumns.Contact, contact);

    private int ActivitiesOf(Guid contact) =>
        Rows("phonecall", "regardingobjectid", contact).Count + Rows("task", "regardingobjectid", contact).Count
        + Rows(MessageColumns.Table, MessageColumns.Regarding, contact).Count + Rows(IncentiveColumns.Table, IncentiveColumns.Contact, contact).Count;

    private List<Entity> Rows(string table, string column, Guid contact)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, contact);
        return _service.RetrieveMultiple(query).Entities.ToList();
    }
}
