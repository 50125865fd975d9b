using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg.Pipeline;

/// <summary>
/// Who is calling the organisation service and from where: an outside caller (Depth 0, no transaction)
/// or a plugin (its context, Depth and the transaction it runs in, which nested operations join).
/// </summary>
internal sealed record Caller(
    Guid UserId,
    Guid InitiatingUserId,
    int Depth,
    RequestOrigin Origin,
    string? StepName,
    PluginExecutionContext? PluginContext,
    Transaction? Transaction,
    Guid? CorrelationId);
