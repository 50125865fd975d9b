using System.Globalization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Messages;
using Reactivation.LocalOrg.Metadata;
using Reactivation.LocalOrg.Query;
using Reactivation.LocalOrg.Registration;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg.Pipeline;

/// <summary>
/// The event pipeline, written straight through in <see cref="Run"/>: prepare, stage 10 (outside the transaction
/// for an outside call, inside it for a nested one), begin the transaction, stage 20 (Target changes saved),
/// stage 30 (the message's handler: the main operation or the Custom API's plugin), stage 40 sync, async steps
/// queued to run after the commit, commit; any failure rolls the outermost operation back. What differs between
/// messages is in their handlers (Messages/), what writing a row means is in the store (Store/).
/// </summary>
internal sealed class EventPipeline
{
    /// <summary>COR_E_EXCEPTION: the HResult of an exception nobody gave an error code.</summary>
    private const int DefaultExceptionHResult = -2146233088;

    private readonly Queue<PendingAsync> _asyncQueue = new();
    private long _requestSequence;

    public EventPipeline(LocalOrganizationOptions options)
    {
        Options = options;
        Store = new EntityStore(options.PrimaryIdAttributeOf, options.BusinessUnitId);
        Queries = new QueryEngine(Store, options);
        Registrations = new PluginRegistrations(options.PluginAssemblies);
    }

    /// <summary>Serialises every call: one organisation runs one simulation (Monitor locks are re-entrant, so plugins' own calls pass).</summary>
    public object Gate { get; } = new();

    public LocalOrganizationOptions Options { get; }

    public EntityStore Store { get; }

    public QueryEngine Queries { get; }

    public TableCatalog Tables { get; } = new();

    public PluginRegistrations Registrations { get; }

    public List<RequestRecord> RequestLog { get; } = [];

    public List<PluginTraceRecord> TraceLog { get; } = [];

    public List<AsyncOperationRecord> AsyncOperations { get; } = [];

    public DateTime UtcNow => DateTime.SpecifyKind(Options.Clock(), DateTimeKind.Utc);

    /// <summary>A request from an IOrganizationService: one round trip in the request log.</summary>
    public OrganizationResponse Execute(OrganizationRequest request, Caller caller)
    {
        if (request == null)
        {
            throw ServiceFaults.InvalidArgument("The request is null.");
        }

        lock (Gate)
        {
            var table = MessageHandlers.Find(request.RequestName) is OperationHandler known ? known.TableOf(request) : OperationHandler.TargetTable(request);
            RequestLog.Add(new RequestRecord(++_requestSequence, request.RequestName, table, caller.Origin, caller.StepName, caller.Depth, caller.UserId));
            if (caller.Transaction is { Doomed: true })
            {
                throw ServiceFaults.Create(DataverseErrorCodes.NoActiveTransaction, ServiceFaults.NoActiveTransactionMessage);
            }

            try
            {
                return Dispatch(request, caller);
            }
            catch (FaultException<OrganizationServiceFault>) when (caller.Transaction != null)
            {
                // The platform rolls the SQL transaction back as the fault passes through it: the plugin that
                // made this call may catch the fault, but nothing more can be written in this transaction.
                caller.Transaction.Doomed = true;
                throw;
            }
        }
    }

    /// <summary>One request, not logged as a round trip of its own (a request inside an ExecuteMultiple or ExecuteTransaction).</summary>
    public OrganizationResponse Dispatch(OrganizationRequest request, Caller caller) =>
        MessageHandlers.Find(request.RequestName) is DirectMessageHandler direct
            ? direct.Execute(request, caller, this)
            : Run(request, caller, caller.Depth + 1, caller.PluginContext);

    /// <summary>One message through the pipeline: prepare, 10, (begin transaction), 20, 30, 40, queue async, commit.</summary>
    public OrganizationResponse Run(OrganizationRequest request, Caller caller, int depth, PluginExecutionContext? parent)
    {
        if (depth > Options.MaxDepth)
        {
            throw ServiceFaults.Create(DataverseErrorCodes.InfiniteLoop, ServiceFaults.InfiniteLoopMessage);
        }

        var owned = caller.Transaction == null;
        var transaction = caller.Transaction;
        try
        {
            var op = Prepare(request, caller, depth, parent);

            RunStage(op, 10, transaction);

            transaction ??= new Transaction();
            op.Transaction = transaction;
            RunStage(op, 20, transaction);

            op.Handler.Execute(op, this);
            if ((op.Handler.Images & ImageSupport.Post) != 0)
            {
                op.PostImageRow = Store.Get(op.EntityName, op.EntityId);
            }

            RunStage(op, 40, transaction);
            QueueAsyncSteps(op, transaction);

            if (owned)
            {
                transaction.Commit();
            }

            var response = op.Handler.Respond(op);
            response.ResponseName = op.MessageName;
            return response;
        }
        catch (Exception)
        {
            if (owned && transaction is { Finished: false })
            {
                transaction.Rollback();
            }
            else if (!owned)
            {
                // A failure inside someone else's transaction ends it, even if the caller goes on
                // (e.g. an ExecuteMultiple item inside a plugin, or a plugin that swallows the fault).
                transaction!.Doomed = true;
            }

            throw;
        }
    }

    /// <summary>
    /// The context of a message's main operation (stage 30): what a Custom API's plugin sees, and the parent of the
    /// operations a message runs as children (Upsert's Create or Update).
    /// </summary>
    public PluginExecutionContext MainOperationContext(Operation op) => NewContext(op, 30, mode: 0, step: null, inTransaction: true, parent: null);

    /// <summary>
    /// Runs one plugin. Its exceptions become the faults Dataverse returns: an InvalidPluginExecutionException
    /// keeps its message; a fault from a nested call passes through unchanged; anything else is "ISV code".
    /// The trace row is written either way.
    /// </summary>
    public void RunPlugin(IRegisteredPlugin plugin, PluginExecutionContext context, Transaction? transaction)
    {
        var tracing = new PluginTracingService();
        var nested = new Caller(
            context.UserId,
            context.InitiatingUserId,
            context.Depth,
            RequestOrigin.Plugin,
            plugin.Name,
            context,
            transaction,
            context.CorrelationId);
        var provider = new PluginServiceProvider(this, context, nested, tracing);
        Exception? failure = null;
        try
        {
            plugin.GetPlugin()?.Execute(provider);
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            TraceLog.Add(new PluginTraceRecord(
                Guid.NewGuid(), plugin.Name, plugin.PluginTypeName, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId,
                context.Stage, context.Mode, context.Depth, context.CorrelationId, context.OperationId,
                tracing.Lines.ToList(), failure?.ToString(), UtcNow));
        }

        if (failure != null)
        {
            throw ToFault(failure, string.Join(Environment.NewLine, tracing.Lines));
        }
    }

    /// <summary>
    /// Runs the queued asynchronous steps, including any they queue in turn, each in its own transaction.
    /// A failure is recorded on its <see cref="AsyncOperationRecord"/> and rolls back only that execution's writes.
    /// </summary>
    public int PumpAsyncOperations()
    {
        var ran = 0;
        while (_asyncQueue.Count > 0)
        {
            var pending = _asyncQueue.Dequeue();
            var transaction = new Transaction();
            try
            {
                RunPlugin(pending.Step, pending.Context, transaction);
                transaction.Commit();
                pending.Record.Status = AsyncOperationStatus.Succeeded;
            }
            catch (FaultException<OrganizationServiceFault> e)
            {
                if (!transaction.Finished)
                {
                    transaction.Rollback();
                }

                pending.Record.Status = AsyncOperationStatus.Failed;
                pending.Record.Message = e.Detail.Message;
            }

            pending.Record.CompletedOn = UtcNow;
            ran++;
        }

        return ran;
    }

    /// <summary>The handler finds the table and row; the pre-image row is read for messages that take pre-images.</summary>
    private Operation Prepare(OrganizationRequest request, Caller caller, int depth, PluginExecutionContext? parent)
    {
        var message = request.RequestName ?? throw ServiceFaults.InvalidArgument("The request has no RequestName.");
        var handler = MessageHandlers.Find(message) as OperationHandler
            ?? (Registrations.FindCustomApi(message) is { } api ? new CustomApiHandler(api) : throw ServiceFaults.NotSupported($"The message '{message}'"));
        var context = new PluginExecutionContext
        {
            MessageName = message,
            PrimaryEntityName = string.Empty,
            InputParameters = Values.CloneParameters(request.Parameters),
            OutputParameters = new ParameterCollection(),
            SharedVariables = new ParameterCollection(),
            Depth = depth,
            RequestId = request.RequestId ?? Guid.NewGuid(),
            UserId = caller.UserId,
            InitiatingUserId = caller.InitiatingUserId,
            BusinessUnitId = Options.BusinessUnitId,
            OrganizationId = Options.OrganizationId,
            OrganizationName = Options.OrganizationName,
            CorrelationId = caller.CorrelationId ?? Guid.NewGuid(),
            OperationId = Guid.NewGuid(),
            OperationCreatedOn = UtcNow,
        };
        var op = new Operation(handler, context, caller, parent);
        if (op.InputParameters.TryGetValue("tag", out var tag))
        {
            op.SharedVariables["tag"] = tag;
            op.PreValidationSharedVariables["tag"] = tag;
        }

        handler.Prepare(op, this);
        if ((handler.Images & ImageSupport.Pre) != 0)
        {
            op.PreImageRow = Store.Get(op.EntityName, op.EntityId) ?? throw ServiceFaults.DoesNotExist(op.EntityName, op.EntityId);
        }

        op.PreValidationContext = NewContext(op, stage: 10, mode: 0, step: null, inTransaction: caller.Transaction != null, parent);
        return op;
    }

    private void RunStage(Operation op, int stage, Transaction? transaction)
    {
        foreach (var step in Registrations.StepsFor(op.MessageName, op.EntityName, stage, mode: 0))
        {
            if (PassesFilter(step, op))
            {
                RunPlugin(step, NewContext(op, stage, mode: 0, step, inTransaction: transaction != null, parent: null), transaction);
            }
        }
    }

    /// <summary>
    /// Async steps get a snapshot of the context as it is now (images included) and reach the queue only
    /// if the transaction commits.
    /// </summary>
    private void QueueAsyncSteps(Operation op, Transaction transaction)
    {
        foreach (var step in Registrations.StepsFor(op.MessageName, op.EntityName, 40, mode: 1))
        {
            if (!PassesFilter(step, op))
            {
                continue;
            }

            var snapshot = NewContext(op, 40, mode: 1, step, inTransaction: false, parent: null) with
            {
                InputParameters = Values.CloneParameters(op.InputParameters),
                OutputParameters = Values.CloneParameters(op.OutputParameters),
                SharedVariables = Values.CloneParameters(op.SharedVariables),
                ParentContext = null,
                OperationId = Guid.NewGuid(),
                OperationCreatedOn = UtcNow,
            };
            var record = new AsyncOperationRecord(snapshot.OperationId, step.Name, op.MessageName, op.EntityName, op.EntityId, snapshot.OperationCreatedOn);
            transaction.OnCommit(() =>
            {
                AsyncOperations.Add(record);
                _asyncQueue.Enqueue(new PendingAsync(step, snapshot, record));
            });
        }
    }

    /// <summary>Filtering attributes, for messages that use them: the step fires when the Target, as it is now, has one of them.</summary>
    private static bool PassesFilter(RegisteredStep step, Operation op)
    {
        var filter = step.Registration.FilteringAttributes;
        if (filter is not { Count: > 0 } || !op.Handler.UsesFilteringAttributes)
        {
            return true;
        }

        var target = op.InputParameters.TryGetValue("Target", out var t) ? t as Entity : null;
        return target != null && filter.Any(a => target.Attributes.ContainsKey(a.Trim()));
    }

    private PluginExecutionContext NewContext(Operation op, int stage, int mode, RegisteredStep? step, bool inTransaction, PluginExecutionContext? parent)
    {
        var pre = new EntityImageCollection();
        var post = new EntityImageCollection();
        foreach (var image in step?.Registration.Images ?? [])
        {
            if (image.ImageType is 0 or 2 && op.PreImageRow != null)
            {
                pre[image.EntityAlias] = ImageOf(op.PreImageRow, image.Attributes);
            }

            if (image.ImageType is 1 or 2 && stage == 40 && op.PostImageRow != null)
            {
                post[image.EntityAlias] = ImageOf(op.PostImageRow, image.Attributes);
            }
        }

        return op.Context with
        {
            Stage = stage,
            Mode = mode,
            PrimaryEntityName = op.EntityName,
            PrimaryEntityId = op.EntityId,
            // PreValidation has its own shared variables; later stages see them through ParentContext.
            SharedVariables = stage == 10 ? op.PreValidationSharedVariables : op.SharedVariables,
            ParentContext = stage == 10 ? op.Parent : op.PreValidationContext,
            IsInTransaction = inTransaction,
            OwningExtension = step == null ? null : new EntityReference("sdkmessageprocessingstep", step.Registration.StepId) { Name = step.Name },
            PreEntityImages = pre,
            PostEntityImages = post,
        };
    }

    /// <summary>An image: the stored row with the registered columns (all when the list is empty).</summary>
    private Entity ImageOf(StoredRow row, IReadOnlyList<string>? attributes)
    {
        var columns = attributes is { Count: > 0 } ? new ColumnSet(attributes.Select(a => a.Trim()).ToArray()) : new ColumnSet(true);
        return QueryEngine.Project(row, columns, Options.PrimaryIdAttributeOf(row.Entity), includePrimaryId: columns.AllColumns);
    }

    private static FaultException<OrganizationServiceFault> ToFault(Exception failure, string traceText)
    {
        switch (failure)
        {
            case FaultException<OrganizationServiceFault> fault:
                return fault;
            case InvalidPluginExecutionException ipee:
                // An ErrorCode the plugin chose is kept; the default (the HResult every exception starts with) becomes IsvAborted.
                var code = ipee.ErrorCode is DefaultExceptionHResult or 0 ? DataverseErrorCodes.IsvAborted : ipee.ErrorCode;
                var result = ServiceFaults.Create(code, ipee.Message, traceText);
                result.Detail.ErrorDetails["OperationStatus"] = ((int)ipee.Status).ToString(CultureInfo.InvariantCulture);
                result.Detail.ErrorDetails["SubErrorCode"] = code.ToString(CultureInfo.InvariantCulture);
                return result;
            default:
                return ServiceFaults.Create(DataverseErrorCodes.IsvUnexpected, ServiceFaults.IsvUnexpectedMessage, traceText);
        }
    }

    private sealed record PendingAsync(RegisteredStep Step, PluginExecutionContext Context, AsyncOperationRecord Record);
}
