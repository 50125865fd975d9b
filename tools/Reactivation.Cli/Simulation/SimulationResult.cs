namespace Reactivation.Cli.Simulation;

/// <summary>
/// Stage counts the organisation holds at the end of one day (a month end, or the run's last day), and its customers per
/// octant against the split points recomputed from them that night (null before anyone bought).
/// </summary>
public sealed record StageSnapshot(DateOnly Date, IReadOnlyDictionary<string, int> Stages)
{
    public IReadOnlyDictionary<string, int> Octants { get; init; } = new Dictionary<string, int>();

    public Reactivation.Core.Facts.OctantSplits? OctantSplits { get; init; }
}

/// <summary>
/// "Of the customers the ladder called <see cref="Stage"/> on a day, what share bought again within <see cref="Days"/> days
/// anyway": one entry per customer per day they entered the stage (a customer who comes back and lapses again counts twice).
/// </summary>
public sealed record CalibrationRow(string Stage, int Days, int Entries, int BoughtAgain)
{
    public double Share => Entries == 0 ? 0 : (double)BoughtAgain / Entries;
}

/// <summary>
/// The own-cadence view of the same stage entries: how many there were, how many customers had a rhythm (an
/// OverdueFactor: two or more purchase dates), and the quartiles of that factor on the day they entered the stage
/// (nearest rank; null when none had one). A ladder on fixed days shows a wide spread; one on the customer's own
/// rhythm gathers her entries just past its factor thresholds.
/// </summary>
public sealed record CadenceRow(string Stage, int Entries, int WithFactor, decimal? LowerQuartile, decimal? Median, decimal? UpperQuartile)
{
    /// <summary>A factor as the summary and the report print it: two decimals, "-" when there is none.</summary>
    public static string Format(decimal? factor) => factor?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>One member of staff (or the SYSTEM user for unowned work): the calls and tasks given, done, left open, and the attempts converted.</summary>
public sealed class RepWork
{
    public RepWork(string name) => Name = name;

    public string Name { get; }
    public int CallsAssigned { get; set; }
    public int CallsMade { get; set; }
    public int TasksAssigned { get; set; }
    public int TasksDone { get; set; }
    public int LeftOpen { get; set; }
    public int AttemptsOwned { get; set; }

    /// <summary>Attempts assigned to this owner that the contact policy suppressed (e.g. Lost customers outside a campaign for the Reactivation team).</summary>
    public int Suppressed { get; set; }
    public int Conversions { get; set; }
    public decimal Revenue { get; set; }
}

/// <summary>Everything a run measured: what the organisation holds after it, and what the simulated people did.</summary>
public sealed class SimulationResult
{
    public required string Scenario { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required string Rulesets { get; init; }
    public required IReadOnlyList<string> Model { get; init; }
    public List<StageSnapshot> Snapshots { get; } = [];

    public int Days { get; set; }
    public int Customers { get; set; }
    public int Orders { get; set; }
    public decimal OrderRevenue { get; set; }
    public int ModelOrders { get; set; }

    /// <summary>Orders from before the first day, entered at the start as the store's past (not in <see cref="Orders"/>).</summary>
    public int HistoryOrders { get; set; }
    public int EvaluationCalls { get; set; }
    public int Evaluated { get; set; }
    public int StageChanges { get; set; }

    public int Attempts { get; set; }
    public SortedDictionary<string, int> AttemptsByOutcome { get; } = new(StringComparer.Ordinal);

    /// <summary>Message channel → its messages by the furthest conversion point they reached.</summary>
    public SortedDictionary<string, ChannelFunnel> FunnelByChannel { get; } = new(StringComparer.Ordinal);

    /// <summary>Care, Offer, Campaign (the offer rule's Purpose) → attempts made for it.</summary>
    public SortedDictionary<string, int> AttemptsByPurpose { get; } = new(StringComparer.Ordinal);
    public int Responded { get; set; }
    public int Conversions { get; set; }
    public decimal ConversionRevenue { get; set; }

    /// <summary>Attempts whose current step is the wake step or the follow-up after it: the loop went past the greeting.</summary>
    public int AttemptsReachingWake { get; set; }
    public int AttemptsConvertedAfterWake { get; set; }
    /// <summary>Suppressed attempts with no retry date whose customer has not opted out of every channel: an outreach dropped without a retry.</summary>
    public int SuppressedWithoutRetry { get; set; }
    /// <summary>Suppressed attempts with no retry date whose customer opted out of every channel they tried: nothing to retry until consent changes.</summary>
    public int SuppressedOptedOutOfEveryChannel { get; set; }
    /// <summary>Attempts still open although their deadline passed before the last simulated day: a loop nobody closed.</summary>
    public int OpenPastDeadline { get; set; }

    /// <summary>offer → dormancy reason at the start of the attempt → attempts.</summary>
    public SortedDictionary<string, SortedDictionary<string, int>> OffersByReason { get; } = new(StringComparer.Ordinal);

    public int Tasks { get; set; }
    public int PhoneCalls { get; set; }
    public int Messages { get; set; }
    public int MessagesDeferred { get; set; }
    public int MessagesReplied { get; set; }
    public int IncentivesIssued { get; set; }
    public int IncentivesRedeemed { get; set; }

    /// <summary>Reason code (NoConsent's OptedOut, CapReached, LostOutsideCampaign, ...) → suppressed attempts it blocked.</summary>
    public SortedDictionary<string, int> SuppressionsByReason { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, RepWork> Reps { get; } = new(StringComparer.Ordinal);
    public List<CalibrationRow> Calibration { get; } = [];
    public List<CadenceRow> CadenceAtEntry { get; } = [];

    /// <summary>Treated against held-out attempts (Core's measurement over the attempts and orders of the run).</summary>
    public Reactivation.Core.Measurement.UpliftTable? Uplift { get; set; }

    /// <summary>What the weekly review reads; null unless the run was asked for it.</summary>
    public WeeklyReviewInput? WeeklyReview { get; set; }

    /// <summary>rx_ReactivationReport's Report over the run's attempts, called in the simulated organisation after the last day.</summary>
    public string? OrganisationReport { get; set; }

    public double ElapsedSeconds { get; set; }
    public long PeakWorkingSetBytes { get; set; }
}

/// <summary>
/// One channel's messages along the funnel's conversion points: sent, delivered, clicked or replied, converted (the
/// message's attempt won the customer back after the customer clicked or replied). Each point counts the messages that
/// reached it; its rate is that share of the point before. Visited (the link brought the customer in: a visit, a login)
/// and applied (a booking, an application) branch from clicked or replied: a reply converts without a visit.
/// </summary>
public sealed class ChannelFunnel
{
    public int Sent { get; set; }
    public int Delivered { get; set; }
    public int ClickedOrReplied { get; set; }
    /// <summary>Of those, the messages whose link brought the customer in (Visited, or further: Applied).</summary>
    public int Visited { get; set; }
    public int Applied { get; set; }
    public int Converted { get; set; }

    public static double Rate(int reached, int before) => before == 0 ? 0 : Math.Round((double)reached / before, 4);
}
