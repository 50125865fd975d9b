using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Pipeline;

namespace Reactivation.LocalOrg.Messages;

/// <summary>Which entity images the steps of a message may register.</summary>
[Flags]
internal enum ImageSupport
{
    None = 0,

    /// <summary>The row as it was before the operation, at every stage.</summary>
    Pre = 1,

    /// <summary>The row as the operation left it, at stage 40.</summary>
    Post = 2,
}

/// <summary>One message the organisation answers. <see cref="MessageHandlers.All"/> lists them.</summary>
/// <param name="messageName">The request name, as <see cref="OrganizationRequest.RequestName"/> carries it (case-sensitive).</param>
internal abstract class MessageHandler(string messageName)
{
    public string MessageName { get; } = messageName;
}

/// <summary>
/// A message the platform answers without running plugin steps for it (ExecuteMultiple, ExecuteTransaction,
/// WhoAmI): the requests it carries, if any, go through the pipeline one by one.
/// </summary>
internal abstract class DirectMessageHandler(string messageName) : MessageHandler(messageName)
{
    public abstract OrganizationResponse Execute(OrganizationRequest request, Caller caller, EventPipeline pipeline);
}

/// <summary>
/// A message that runs as an operation through the stages (<see cref="EventPipeline"/>): the handler finds its
/// table and row before stage 10, is the main operation at stage 30, and turns the output parameters into the
/// response; it says which images and whether filtering attributes its steps may use.
/// </summary>
/// <param name="images">The images its steps may register.</param>
/// <param name="usesFilteringAttributes">Whether a step's filtering attributes decide if it runs (the Target must carry one of them).</param>
internal abstract class OperationHandler(string messageName, ImageSupport images = ImageSupport.None, bool usesFilteringAttributes = false)
    : MessageHandler(messageName)
{
    public ImageSupport Images { get; } = images;

    public bool UsesFilteringAttributes { get; } = usesFilteringAttributes;

    /// <summary>The table a request names, as the request log shows it: by default its Target's.</summary>
    public virtual string? TableOf(OrganizationRequest request) => TargetTable(request);

    /// <summary>
    /// Before stage 10: checks the input and sets the operation's table and row (<see cref="Operation.EntityName"/>,
    /// <see cref="Operation.EntityId"/>). With <see cref="ImageSupport.Pre"/> the row must exist; the pipeline reads it.
    /// </summary>
    public abstract void Prepare(Operation op, EventPipeline pipeline);

    /// <summary>Stage 30, inside the transaction (<see cref="Operation.Transaction"/>): writes, reads or runs the Custom API's plugin.</summary>
    public abstract void Execute(Operation op, EventPipeline pipeline);

    /// <summary>The response from the operation's output parameters (the pipeline sets its ResponseName).</summary>
    public abstract OrganizationResponse Respond(Operation op);

    /// <summary>The logical name of a request's Target (an Entity or an EntityReference), or null.</summary>
    public static string? TargetTable(OrganizationRequest request) =>
        request.Parameters.TryGetValue("Target", out var target) ? target switch
        {
            Entity e => e.LogicalName,
            EntityReference r => r.LogicalName,
            _ => null,
        } : null;

    /// <summary>The Target as the message needs it, with a logical name; the platform's fault otherwise.</summary>
    protected static T RequireTarget<T>(Operation op)
        where T : class
    {
        if (!op.InputParameters.TryGetValue("Target", out var raw) || raw is not T target)
        {
            throw ServiceFaults.InvalidArgument($"Required field 'Target' is missing or is not a {typeof(T).Name} ({op.MessageName}).");
        }

        var logicalName = target switch
        {
            Entity e => e.LogicalName,
            EntityReference r => r.LogicalName,
            _ => null,
        };
        if (string.IsNullOrEmpty(logicalName))
        {
            throw ServiceFaults.InvalidArgument($"The Target of the {op.MessageName} request has no LogicalName.");
        }

        return target;
    }

    /// <summary>The optimistic-concurrency behaviour an Update or Delete asked for.</summary>
    protected static ConcurrencyBehavior ConcurrencyOf(Operation op) =>
        op.InputParameters.TryGetValue("ConcurrencyBehavior", out var raw) && raw != null
            ? (ConcurrencyBehavior)Convert.ToInt32(raw, System.Globalization.CultureInfo.InvariantCulture)
            : ConcurrencyBehavior.Default;
}
