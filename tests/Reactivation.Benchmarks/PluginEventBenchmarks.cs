using BenchmarkDotNet.Attributes;
using Reactivation.Core.Ledgers;
using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Benchmarks;

/// <summary>
/// What the product's plugins cost per event, end to end through the local organisation with the product's
/// solution/ loaded (the same steps, images and filtering an admin imports): the sandbox allows 2 seconds per
/// execution, and a rep waits for a synchronous step inside their save. The local organisation's own work is
/// included, so the figures are an upper bound of the plugin code's share. Each iteration works on a fresh
/// organisation and contacts made in <see cref="NewCustomers"/>; the methods report the time per event
/// (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class PluginEventBenchmarks
{
    /// <summary>Events per iteration; a page of the daily evaluation is this many due contacts.</summary>
    private const int Batch = 250;

    private DateTime _now = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private LocalOrganization _org = null!;
    private IOrganizationService _service = null!;
    private readonly List<Guid> _contacts = [];
    private readonly List<Guid> _orders = [];

    /// <summary>A fresh organisation with the product loaded, and a batch of customers who bought 10 days ago (stage New), each with an open order.</summary>
    [IterationSetup]
    public void NewCustomers()
    {
        _org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => _now, PluginAssemblies = [typeof(PluginBase).Assembly] });
        _org.LoadSolution(Path.Combine(DefaultRulesets.Directory, "..", "..", "solution"));
        _service = _org.CreateOrganizationService(null);
        _contacts.Clear();
        _orders.Clear();
        for (var i = 0; i < Batch; i++)
        {
            var id = _service.Create(new Entity("contact")
            {
                ["lastname"] = "Customer " + i, ["rx_purchaseledger"] = "P1;" + LedgerInstant.Write(_now.AddDays(-10)) + "=88.00#0000000a",
                ["rx_dormancyreason"] = ContactColumns.Reasons.Option("UnusedPackage"), ["rx_remainingsessions"] = 3,
            });
            _contacts.Add(id);
            _orders.Add(_service.Create(new Entity("salesorder") { ["name"] = "Order", ["customerid"] = new EntityReference("contact", id), ["totalamount"] = new Money(120m) }));
        }
    }

    /// <summary>A rep edits the satisfaction of an Active customer: the lifecycle step decides, the stage stays, nothing is written.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void ContactEditWithoutStageChange()
    {
        foreach (var id in _contacts) _service.Update(new Entity("contact", id) { ["rx_satisfaction"] = 4 });
    }

    /// <summary>The customer's last purchase moves 46 days back: Silent, and the outreach step writes the attempt, the call, the SMS and the incentive.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void StageTransitionWithOutreach()
    {
        var ledger = "P1;" + LedgerInstant.Write(_now.AddDays(-46)) + "=88.00#0000000a";
        foreach (var id in _contacts) _service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = ledger });
    }

    /// <summary>
    /// As <see cref="StageTransitionWithOutreach"/>, for customers who opted out of every channel in the same save: every
    /// action is blocked, and the retry scan looks at all 190 days ahead without finding one that lifts the block (its
    /// worst case); the Suppressed attempt is written.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void StageTransitionSuppressedWithoutRetry()
    {
        var ledger = "P1;" + LedgerInstant.Write(_now.AddDays(-46)) + "=88.00#0000000a";
        foreach (var id in _contacts)
        {
            _service.Update(new Entity("contact", id)
            {
                ["rx_purchaseledger"] = ledger, ["donotphone"] = true, ["donotemail"] = true, ["rx_donotsms"] = true,
                ["rx_donotpush"] = true, ["rx_donotwechat"] = true, ["rx_donotwecom"] = true,
            });
        }
    }

    /// <summary>A clerk fulfils an order: roll-ups and ledger on the contact, the stage follows.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void OrderFulfilled()
    {
        foreach (var id in _orders)
        {
            _service.Update(new Entity("salesorder", id) { ["statecode"] = new OptionSetValue(3), ["statuscode"] = new OptionSetValue(100001), ["datefulfilled"] = _now });
        }
    }

    /// <summary>
    /// One call of the daily rx_EvaluateDueContacts with the default page of 250 due contacts, 36 days on: each
    /// turns Silent and gets its attempt. Reported per contact; one call is this figure × 250.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void DailyEvaluationPage()
    {
        _now = _now.AddDays(36);
        try
        {
            var response = _service.Execute(new OrganizationRequest("rx_EvaluateDueContacts") { ["PageSize"] = Batch });
            if ((int)response.Results["StageChanges"]! != Batch) throw new InvalidOperationException("Expected every contact of the page to turn Silent.");
        }
        finally
        {
            _now = _now.AddDays(-36);
        }
    }
}
