using Microsoft.Xrm.Sdk;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// The octants at a month end (issue 14, item 2): the split points recomputed from the organisation's buying customers
/// that night (their medians, Core's <see cref="OctantSplits.FromCustomers"/>), and every contact placed against them,
/// from the purchase ledger the plugins keep on the contact — the facts Core builds, not a count of our own.
/// </summary>
public sealed partial class SimulationEngine
{
    /// <summary>The octant key for a contact who has not bought yet: the counts sum to the customers.</summary>
    public const string NoOctant = "None";

    private static (IReadOnlyDictionary<string, int> Counts, OctantSplits? Splits) Octants(IEnumerable<Entity> contacts, DateOnly day)
    {
        // The night of the day, after its orders: purchases of the day are 0 days ago.
        var night = day.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc);
        var buyers = new List<OctantInput>();
        var none = 0;
        foreach (var contact in contacts)
        {
            var input = new CustomerFactsInput { UtcNow = night };
            foreach (var purchase in PurchaseLedger.ReadStored(contact.GetAttributeValue<string>(ContactColumns.PurchaseLedger), ContactColumns.PurchaseLedger).ToPurchases(TimeZoneInfo.Utc))
            {
                if (purchase.WhenUtc <= night) input.Purchases.Add(purchase);
            }

            var facts = CustomerFactsBuilder.Build(input);
            if (facts.DaysSinceLastPurchase is { } days) buyers.Add(new OctantInput(facts.TotalSpend, facts.PurchasesLast365Days, days));
            else none++;
        }

        var counts = OctantNames.All.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        counts[NoOctant] = none;
        var splits = OctantSplits.FromCustomers(buyers);
        if (splits is not null)
        {
            foreach (var buyer in buyers)
            {
                var octant = splits.Of(buyer.TotalSpend, buyer.PurchasesLast365Days, buyer.DaysSinceLastPurchase).ToString();
                counts[octant]++;
            }
        }

        return (counts, splits);
    }
}
