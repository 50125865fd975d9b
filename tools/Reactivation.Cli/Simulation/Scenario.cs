namespace Reactivation.Cli.Simulation;

/// <summary>What the store knows about a customer when they join, and what the model knows about why they stop.</summary>
public sealed class CustomerProfile
{
    public CustomerProfile(string key) => Key = key;

    public string Key { get; }

    /// <summary>Why this customer stops coming (the model's truth): a rep learns it on a call that reaches them; null = they do not stop.</summary>
    public string? TrueDormancyReason { get; set; }

    /// <summary>Sessions on the prepaid package bought at the first visit (0 = none); each later visit uses one.</summary>
    public int PackageSessions { get; set; }

    public decimal PackagePrice { get; set; }

    /// <summary>Satisfaction ratings (1-5) the customer gives, one per rated visit, in visit order.</summary>
    public Queue<int> Ratings { get; } = new();

    public bool DoNotPhone { get; set; }
    public bool DoNotSms { get; set; }
    public bool DoNotEmail { get; set; }
    public bool DoNotWeChat { get; set; }
    public bool PrefersChinese { get; set; }
    public string Tier { get; set; } = "Standard";

    /// <summary>
    /// A lending app's user (consumer finance): every purchase is a drawdown (an order for the interest and fees it
    /// earns), after which the app's back office sets the funnel step to Borrowed, and to Repaid this many days later.
    /// 0 for every other kind of customer.
    /// </summary>
    public int LoanDays { get; set; }
}

/// <summary>A lending app's back office moving a user to another funnel step (rx_funnelstep), with the limit and rate it approved.</summary>
public sealed record FunnelChange(string Customer, DateOnly Date, string Step, decimal? CreditLimit = null, decimal? InterestRatePercent = null);

/// <summary>
/// A store to simulate: its customers, their purchases day by day (generated or from a real log), the dates to run,
/// and whether the response model may add purchases (a generated store) or the log alone says who bought (a real log).
/// </summary>
public sealed class Scenario
{
    public Scenario(string name, IReadOnlyList<LoggedPurchase> purchases, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (to < from) throw new SimulationInputException($"the run ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        Name = name;
        Purchases = purchases;
        From = from;
        To = to;
    }

    public string Name { get; }

    public IReadOnlyList<LoggedPurchase> Purchases { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>Profiles by customer key; a customer without one joins with the table's defaults (a real log knows only purchases).</summary>
    public Dictionary<string, CustomerProfile> Profiles { get; } = new(StringComparer.Ordinal);

    /// <summary>True when customers answering offers buy (the model); false when the purchase log is the whole truth.</summary>
    public bool ModelPurchases { get; init; }

    /// <summary>
    /// True when the purchases before <see cref="From"/> are the store's past, entered as paid orders (with their own
    /// payment dates) in the first minutes of the first day, before the first daily evaluation: a practice goes live
    /// with the patients it already has. False: they are left out, as for a purchase log.
    /// </summary>
    public bool EntersHistory { get; init; }

    /// <summary>The funnel steps the back office sets, day by day (a lending app); empty for other stores.</summary>
    public IReadOnlyList<FunnelChange> FunnelChanges { get; init; } = [];

    /// <summary>How the generated customers behave, in a few lines printed with the response model (empty for a log).</summary>
    public IReadOnlyList<string> ModelNotes { get; init; } = [];

    /// <summary>The staff who own customers and work their tasks and calls (round robin by first visit).</summary>
    public IReadOnlyList<string> Reps { get; init; } = ["Rep 1", "Rep 2", "Rep 3", "Rep 4"];

    /// <summary>The teams the rules route work to (Assign verdicts, <c>Team:&lt;name&gt;</c> owners), configured on the outreach step.</summary>
    public IReadOnlyList<string> Teams { get; init; } = ["Reactivation", "CustomerCare", "StoreManager"];

    /// <summary>A scenario from a purchase log: from/to default to the log's first and last day.</summary>
    public static Scenario FromLog(string name, IReadOnlyList<LoggedPurchase> purchases, DateOnly? from, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (purchases.Count == 0) throw new SimulationInputException($"{name}: the log has no purchases.");
        var first = purchases.Min(p => p.Date);
        var last = purchases.Max(p => p.Date);
        return new Scenario(name, purchases, from ?? first, to ?? last);
    }
}
