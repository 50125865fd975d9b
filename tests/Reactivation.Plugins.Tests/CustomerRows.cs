using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Ledgers;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// The customers the plugin tests put into the organisation and the rows they read back as a rep or a manager sees them:
/// a customer with one order, a contact with every column, every row of a table.
/// </summary>
internal static class CustomerRows
{
    /// <summary>The P1 purchase ledger of one order (0000000b, 88.00) paid at <paramref name="paidOn"/>.</summary>
    public static string OneOrderLedger(DateTime paidOn) => "P1;" + LedgerInstant.Write(paidOn) + "=88.00#0000000b";

    /// <summary>Creates Mr Li, whose one order was paid at <paramref name="lastPurchase"/>; the Create step stamps his stage.</summary>
    public static Guid CreateCustomer(this IOrganizationService service, DateTime lastPurchase) =>
        service.Create(new Entity("contact") { ["lastname"] = "Li", ["rx_purchaseledger"] = OneOrderLedger(lastPurchase) });

    public static Entity Contact(this IOrganizationService service, Guid id) => service.Retrieve("contact", id, new ColumnSet(true));

    public static List<Entity> All(this IOrganizationService service, string table) =>
        service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities.ToList();
}
