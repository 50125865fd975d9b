using BenchmarkDotNet.Attributes;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Benchmarks;

/// <summary>
/// One call of rx_EvaluateDueContacts on a page of 250 due contacts, end to end through the local organisation with the
/// product's solution/ loaded (the outreach step of each contact included), without and with join data: with it, the 250
/// customers live two to a household, each was referred by the one before, 25 of them have two more referral friends who bought in the last 30
/// days, and every customer is owned by one rep who makes 100 calls a day. Every customer turns Sleeping that morning.
/// Reported per call (the sandbox's budget is 2 seconds per call).
/// </summary>
[MemoryDiagnoser]
public class JoinPageBenchmarks
{
    private const int Page = 250;

    private DateTime _now;
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;

    [Params(false, true)]
    public bool WithJoinData { get; set; }

    [IterationSetup]
    public void NewPage()
    {
        _now = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
        _org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => _now, PluginAssemblies = [typeof(PluginBase).Assembly] });
        _org.LoadSolution(Path.Combine(DefaultRulesets.Directory, "..", "..", "solution"));
        _service = _org.CreateOrganizationService(null);
        var rep = WithJoinData ? _service.Create(new Entity("systemuser") { ["fullname"] = "Rep", ["rx_dailycallcapacity"] = 100 }) : (Guid?)null;
        var customers = new List<Guid>();
        for (var i = 0; i < Page; i++)
        {
            var contact = new Entity("contact") { ["lastname"] = "Customer " + i, ["rx_purchaseledger"] = "P1;" + LedgerInstant.Write(_now.AddDays(-10)) + "=" + (80 + i) + ".00#0000000a" };
            if (WithJoinData)
            {
                contact["rx_householdkey"] = "H" + (i / 2);
                contact["ownerid"] = new EntityReference("systemuser", rep!.Value);
                if (i > 0) contact["rx_referredbyid"] = new EntityReference("contact", customers[i - 1]);
            }

            customers.Add(_service.Create(contact));
        }

        // 81 days on: 91 days without a purchase, every customer turns Sleeping at this morning's evaluation.
        _now = _now.AddDays(81);
        if (!WithJoinData) return;
        for (var i = 0; i < 50; i++)
        {
            var friend = _service.Create(new Entity("contact") { ["lastname"] = "Friend " + i, ["rx_referredbyid"] = new EntityReference("contact", customers[(i / 2) * 10]) });
            _service.Create(new Entity("salesorder") { ["name"] = i % 3 == 0 ? "Hydrating facial" : "Massage", ["customerid"] = new EntityReference("contact", friend), ["totalamount"] = new Money(120m), ["rx_paidon"] = _now.AddDays(-(i % 20)) });
        }
    }

    /// <summary>Outside the measurement: with join data, the joins decided (households blocked half the page's members, the rep's extra calls moved).</summary>
    [IterationCleanup]
    public void CheckJoined()
    {
        if (!WithJoinData) return;
        var query = new Microsoft.Xrm.Sdk.Query.QueryExpression("contact") { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("rx_joinverdict") };
        var verdicts = _service.RetrieveMultiple(query).Entities.Count(c => c.GetAttributeValue<string>("rx_joinverdict") is { Length: > 0 });
        if (verdicts < Page) throw new InvalidOperationException("Expected a join verdict for every customer of the page, got " + verdicts + ".");
    }

    [Benchmark(Description = "rx_EvaluateDueContacts, page of 250 due contacts (outreach steps included)")]
    public int EvaluationPage()
    {
        var response = _service.Execute(new OrganizationRequest("rx_EvaluateDueContacts") { ["PageSize"] = Page });
        var changes = (int)response.Results["StageChanges"]!;
        if (changes != Page) throw new InvalidOperationException("Expected every contact of the page to turn Sleeping, got " + changes + ".");
        return changes;
    }
}
