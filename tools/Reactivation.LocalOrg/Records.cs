namespace Reactivation.LocalOrg;

/// <summary>Where an organisation-service request came from.</summary>
public enum RequestOrigin
{
    /// <summary>Code outside the organisation: a test, a simulation, a client app.</summary>
    Caller,

    /// <summary>A plugin, through the IOrganizationService it got from IOrganizationServiceFactory.</summary>
    Plugin,
}

/// <summary>
/// One request sent through an IOrganizationService of this organisation (a round trip). Requests inside
/// an ExecuteMultiple/ExecuteTransaction and the Create/Update an Upsert turns into are not separate rows.
/// </summary>
/// <param name="Depth">The calling plugin's Depth; 0 for an outside caller.</param>
/// <param name="StepName">The step (or Custom API) whose plugin sent it; null for an outside caller.</param>
public sealed record RequestRecord(
    long Sequence,
    string RequestName,
    string? EntityName,
    RequestOrigin Origin,
    string? StepName,
    int Depth,
    Guid UserId);

public enum AsyncOperationStatus
{
    /// <summary>Queued; runs at the next <see cref="LocalOrganization.PumpAsyncOperations"/>.</summary>
    Waiting,
    Succeeded,
    Failed,
}

/// <summary>An asynchronous step execution (an asyncoperation row, system job).</summary>
public sealed class AsyncOperationRecord
{
    internal AsyncOperationRecord(Guid id, string stepName, string messageName, string primaryEntityName, Guid primaryEntityId, DateTime createdOn)
    {
        AsyncOperationId = id;
        StepName = stepName;
        MessageName = messageName;
        PrimaryEntityName = primaryEntityName;
        PrimaryEntityId = primaryEntityId;
        CreatedOn = createdOn;
    }

    public Guid AsyncOperationId { get; }

    public string StepName { get; }

    public string MessageName { get; }

    public string PrimaryEntityName { get; }

    public Guid PrimaryEntityId { get; }

    public DateTime CreatedOn { get; }

    public AsyncOperationStatus Status { get; internal set; }

    /// <summary>The failure message (the plugin's message, or the ISV-code message), null unless Failed.</summary>
    public string? Message { get; internal set; }

    public DateTime? CompletedOn { get; internal set; }

    public override string ToString() => $"{StepName} ({MessageName} {PrimaryEntityName} {PrimaryEntityId}): {Status}{(Message == null ? string.Empty : " - " + Message)}";
}

/// <summary>
/// One plugin execution as plugintracelog records it: which step ran for which message, the lines the
/// plugin traced, and the exception if it failed. Rows survive a rollback, as in Dataverse.
/// </summary>
public sealed record PluginTraceRecord(
    Guid PluginTraceLogId,
    string StepName,
    string PluginTypeName,
    string MessageName,
    string PrimaryEntityName,
    Guid PrimaryEntityId,
    int Stage,
    int Mode,
    int Depth,
    Guid CorrelationId,
    Guid OperationId,
    IReadOnlyList<string> Lines,
    string? ExceptionDetails,
    DateTime CreatedOn)
{
    /// <summary>The trace lines joined with newlines, as the messageblock column shows them.</summary>
    public string MessageBlock => string.Join(Environment.NewLine, Lines);
}
