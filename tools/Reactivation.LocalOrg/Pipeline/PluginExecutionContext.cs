using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.Pipeline;

/// <summary>
/// The execution context a plugin sees. One object per step execution; InputParameters, OutputParameters
/// and SharedVariables are shared by the steps of one operation, so a later step sees an earlier one's changes.
/// Implements the highest context interface the SDK stand-in declares (IPluginExecutionContext4). A record, so an
/// async step's snapshot is the live context <c>with</c> its own copies.
/// </summary>
internal sealed record PluginExecutionContext : IPluginExecutionContext4
{
    public int Mode { get; init; }

    public int IsolationMode => 2;

    public int Depth { get; init; }

    public required string MessageName { get; init; }

    public required string PrimaryEntityName { get; init; }

    public Guid? RequestId { get; init; }

    public string? SecondaryEntityName => "none";

    public required ParameterCollection InputParameters { get; init; }

    public required ParameterCollection OutputParameters { get; init; }

    public required ParameterCollection SharedVariables { get; init; }

    public Guid UserId { get; init; }

    public Guid InitiatingUserId { get; init; }

    public Guid BusinessUnitId { get; init; }

    public Guid OrganizationId { get; init; }

    public required string OrganizationName { get; init; }

    public Guid PrimaryEntityId { get; set; }

    public EntityImageCollection PreEntityImages { get; init; } = new();

    public EntityImageCollection PostEntityImages { get; init; } = new();

    public EntityReference? OwningExtension { get; init; }

    public Guid CorrelationId { get; init; }

    public bool IsExecutingOffline => false;

    public bool IsOfflinePlayback => false;

    public bool IsInTransaction { get; init; }

    public Guid OperationId { get; init; }

    public DateTime OperationCreatedOn { get; init; }

    public int Stage { get; init; }

    public IPluginExecutionContext? ParentContext { get; init; }

    public Guid UserAzureActiveDirectoryObjectId => Guid.Empty;

    public Guid InitiatingUserAzureActiveDirectoryObjectId => Guid.Empty;

    public Guid InitiatingUserApplicationId => Guid.Empty;

    public Guid PortalsContactId => Guid.Empty;

    public bool IsPortalsClientCall => false;

    public Guid AuthenticatedUserId => InitiatingUserId;

    public EntityImageCollection[] PreEntityImagesCollection { get; init; } = [];

    public EntityImageCollection[] PostEntityImagesCollection { get; init; } = [];
}
