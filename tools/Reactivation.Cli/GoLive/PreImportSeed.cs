using System.Globalization;
using Microsoft.Xrm.Sdk;
using Reactivation.Cli.Simulation;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.GoLive;

/// <summary>
/// The organisation an admin finds at go-live: its customers and their orders already there, created through the service
/// before the product's solution is imported (so no step ran on them) — one contact per customer of a purchase log, one
/// fulfilled order per purchase, in the organisation's base currency, fulfilled at noon organisation time of its day.
/// </summary>
public static class PreImportSeed
{
    /// <summary>The seeded organisation's base currency (organization.basecurrencyid), which the orders carry.</summary>
    public static readonly EntityReference BaseCurrency = new("transactioncurrency", new Guid("5f0c1a2b-0000-4000-8000-000000000156"));

    private const int Fulfilled = 3;

    /// <returns>How many contacts and orders were created.</returns>
    public static (int Contacts, int Orders) Seed(LocalOrganization org, IReadOnlyList<LoggedPurchase> purchases, TimeSpan utcOffset)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(purchases);
        var service = org.CreateOrganizationService(null);
        service.Create(new Entity(OrganizationColumns.Table, org.Options.OrganizationId) { ["name"] = org.Options.OrganizationName, [OrganizationColumns.BaseCurrency] = BaseCurrency });
        var contacts = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var purchase in purchases)
        {
            if (!contacts.TryGetValue(purchase.Customer, out var contact))
            {
                contact = service.Create(new Entity(ContactColumns.Table) { ["lastname"] = "Customer " + purchase.Customer });
                contacts.Add(purchase.Customer, contact);
            }

            service.Create(new Entity(SalesOrderColumns.Table)
            {
                ["name"] = "Order of " + purchase.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [SalesOrderColumns.Customer] = new EntityReference(ContactColumns.Table, contact),
                [SalesOrderColumns.TotalAmount] = new Money(purchase.Amount),
                [SalesOrderColumns.Currency] = BaseCurrency,
                [SalesOrderColumns.State] = new OptionSetValue(Fulfilled),
                [SalesOrderColumns.DateFulfilled] = DateTime.SpecifyKind(purchase.Date.ToDateTime(new TimeOnly(12, 0)) - utcOffset, DateTimeKind.Utc),
            });
        }

        return (contacts.Count, purchases.Count);
    }
}
