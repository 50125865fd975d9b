using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Messages;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg.Pipeline;

/// <summary>
/// The state of one message as it moves through the stages. What every step of the operation shares (message,
/// parameters, depth, users, correlation, operation id and time) is in <see cref="Context"/>, from which each
/// step's context is made.
/// </summary>
internal sealed class Operation(OperationHandler handler, PluginExecutionContext context, Caller caller, PluginExecutionContext? parent)
{
    private Transaction? _transaction;

    public OperationHandler Handler { get; } = handler;

    /// <summary>The context the operation's step contexts are made from (stage, images and the like set per step).</summary>
    public PluginExecutionContext Context { get; } = context;

    public Caller Caller { get; } = caller;

    /// <summary>The context of the plugin whose call this operation is, or of the message that runs it as a child.</summary>
    public PluginExecutionContext? Parent { get; } = parent;

    public string MessageName => Context.MessageName;

    /// <summary>A copy of the request's parameters: the steps of the operation share it and may change the Target.</summary>
    public ParameterCollection InputParameters => Context.InputParameters;

    public ParameterCollection OutputParameters => Context.OutputParameters;

    public int Depth => Context.Depth;

    public Guid CorrelationId => Context.CorrelationId;

    public ParameterCollection SharedVariables { get; } = new();

    /// <summary>PreValidation's own shared variables; later stages see them through ParentContext.</summary>
    public ParameterCollection PreValidationSharedVariables { get; } = new();

    public PluginExecutionContext? PreValidationContext { get; set; }

    public string EntityName { get; set; } = string.Empty;

    public Guid EntityId { get; set; }

    public StoredRow? PreImageRow { get; set; }

    public StoredRow? PostImageRow { get; set; }

    /// <summary>The transaction the operation writes in, from stage 20 on (the caller's, or its own).</summary>
    public Transaction Transaction
    {
        get => _transaction ?? throw new InvalidOperationException("The operation has no transaction before stage 20.");
        set => _transaction = value;
    }
}
