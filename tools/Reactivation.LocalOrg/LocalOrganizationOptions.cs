using System.Reflection;

namespace Reactivation.LocalOrg;

/// <summary>How a <see cref="LocalOrganization"/> is set up: its clock, where plugin types live, who the users are.</summary>
public sealed class LocalOrganizationOptions
{
    /// <summary>The SYSTEM user: what CreateOrganizationService(null) runs as, and the default owner.</summary>
    public static readonly Guid DefaultSystemUserId = new("9a0f1e2d-0000-4000-8000-00000000a001");

    /// <summary>The root business unit every user belongs to.</summary>
    public static readonly Guid DefaultBusinessUnitId = new("9a0f1e2d-0000-4000-8000-00000000b001");

    /// <summary>
    /// Returns "now" in UTC. Simulations move time by passing their own clock, so "dormant for 90 days"
    /// takes no waiting. Read for createdon/modifiedon, relative date operators and trace timestamps.
    /// </summary>
    public Func<DateTime> Clock { get; init; } = () => DateTime.UtcNow;

    /// <summary>The assemblies whose types a step's or Custom API's PluginTypeName names.</summary>
    public IReadOnlyList<Assembly> PluginAssemblies { get; init; } = [];

    /// <summary>
    /// Where a calendar day starts and ends for On, OnOrBefore, OnOrAfter, Today, Last/Next X Days.
    /// Dataverse uses the caller's time zone; here one zone serves the whole organisation. Default UTC.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    public Guid SystemUserId { get; init; } = DefaultSystemUserId;

    public Guid BusinessUnitId { get; init; } = DefaultBusinessUnitId;

    public Guid OrganizationId { get; init; } = new("9a0f1e2d-0000-4000-8000-00000000c001");

    public string OrganizationName { get; init; } = "localorg";

    /// <summary>Tables whose primary key is <c>activityid</c> rather than <c>&lt;table&gt;id</c>.</summary>
    public ISet<string> ActivityTables { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "activitypointer", "task", "phonecall", "email", "appointment", "letter", "fax",
        "recurringappointmentmaster", "socialactivity",
        // The product's custom activity table (an activity in solution/, so keyed by activityid).
        "rx_outreachmessage",
    };

    /// <summary>
    /// Overrides the primary-key rule for a table: return the column name, or null to use the default
    /// rule (<c>activityid</c> for <see cref="ActivityTables"/>, otherwise <c>&lt;table&gt;id</c>).
    /// </summary>
    public Func<string, string?>? PrimaryIdAttribute { get; init; }

    /// <summary>The primary key column of a table, by <see cref="PrimaryIdAttribute"/> or the default rule.</summary>
    internal string PrimaryIdAttributeOf(string entityLogicalName) =>
        PrimaryIdAttribute?.Invoke(entityLogicalName)
        ?? (ActivityTables.Contains(entityLogicalName) ? "activityid" : entityLogicalName + "id");

    /// <summary>Dataverse's WorkflowSettings.MaxDepth: an operation deeper than this fails as an infinite loop.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Rows a RetrieveMultiple returns without paging (the service's 5000 limit).</summary>
    public int DefaultPageSize { get; init; } = 5000;
}
