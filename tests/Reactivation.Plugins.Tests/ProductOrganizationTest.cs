using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// A test of the product's solution/ as an admin imports it (<see cref="ProductOrganization.Load"/>), on a new local
/// organisation per test whose clock the test moves: <see cref="Now"/> is the organisation's "now" (UTC), starting at
/// the test class's start; <see cref="Org"/> has the logs; <see cref="Service"/> is a user's organisation service.
/// </summary>
public abstract class ProductOrganizationTest(DateTime start)
{
    protected DateTime Now { get; set; } = start;

    protected LocalOrganization Org { get; private set; } = null!;

    protected IOrganizationService Service { get; private set; } = null!;

    [TestInitialize]
    public void LoadProduct()
    {
        Org = ProductOrganization.Load(() => Now);
        Service = Org.CreateOrganizationService(null);
    }
}
