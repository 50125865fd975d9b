using System.Globalization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Pipeline;
using Reactivation.LocalOrg.Query;
using Reactivation.LocalOrg.Registration;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg;

/// <summary>The event pipeline: stages 10 → 20 → 30 → 40, transactions, async queue, faults.</summary>
public sealed partial class LocalOrganization
{
    private const int MaxBatchSize = 1000;

    /// <summary>COR_E_EXCEPTION: the HResult of an exception nobody gave an error code.</summary>
    private const int DefaultExceptionHResult = -2146233088;

    /// <summary>A request from an IOrganizationService: one round trip in the request log.</summary>
    internal OrganizationResponse Execute(OrganizationRequest request, Caller caller)
    {
        if (request == null)
        {
            throw ServiceFaults.InvalidArgument("The request is null.");
        }

        lock (_gate)
        {
            _requestLog.Add(new RequestRecord(++_requestSequence, request.RequestName, EntityNameOf(request), caller.Origin, caller.StepName, caller.Depth, caller.UserId));
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

    private OrganizationResponse Dispatch(OrganizationRequest request, Caller caller)
    {
        switch (request.RequestName)
        {
            case "ExecuteMultiple":
                return ExecuteMultiple(request, caller);
            case "ExecuteTransaction":
                return ExecuteTransaction(request, caller);
            case "WhoAmI":
                var whoAmI = new OrganizationResponse { ResponseName = "WhoAmI" };
                whoAmI.Results["UserId"] = caller.UserId;
                whoAmI.Results["BusinessUnitId"] = Options.BusinessUnitId;
                whoAmI.Results["OrganizationId"] = Options.OrganizationId;
                return whoAmI;
            default:
                return RunOperation(request, caller, caller.Depth + 1, caller.PluginContext);
        }
    }

    private ExecuteMultipleResponse ExecuteMultiple(OrganizationRequest request, Caller caller)
    {
        var requests = request.Parameters.TryGetValue("Requests", out var r) ? r as OrganizationRequestCollection : null;
        var settings = request.Parameters.TryGetValue("Settings", out var s) ? s as ExecuteMultipleSettings : null;
        if (requests == null)
        {
            throw ServiceFaults.InvalidArgument("Required field 'Requests' is missing");
        }

        if (settings == null)
        {
            throw ServiceFaults.InvalidArgument("Required field 'Settings' is missing");
        }

        if (requests.Count > MaxBatchSize)
        {
            var fault = ServiceFaults.Create(
                DataverseErrorCodes.ExecuteMultipleBatchSizeExceeded,
                $"The number of requests in the ExecuteMultiple batch ({requests.Count}) exceeds the maximum batch size {MaxBatchSize}.");
            fault.Detail.ErrorDetails["MaxBatchSize"] = MaxBatchSize;
            throw fault;
        }

        var responses = new ExecuteMultipleResponseItemCollection();
        var faulted = false;
        for (var i = 0; i < requests.Count; i++)
        {
            var item = requests[i];
            try
            {
                if (item is { RequestName: "ExecuteMultiple" or "ExecuteTransaction" })
                {
                    throw ServiceFaults.InvalidArgument($"{item.RequestName} cannot be nested in an ExecuteMultiple request.");
                }

                var response = Dispatch(item, caller);
                if (settings.ReturnResponses)
                {
                    responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                }
            }
            catch (FaultException<OrganizationServiceFault> e)
            {
                faulted = true;
                responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = e.Detail });
                if (!settings.ContinueOnError)
                {
                    break;
                }
            }
        }

        var result = new ExecuteMultipleResponse { ResponseName = "ExecuteMultiple" };
        result.Results["IsFaulted"] = faulted;
        result.Results["Responses"] = responses;
        return result;
    }

    private ExecuteTransactionResponse ExecuteTransaction(OrganizationRequest request, Caller caller)
    {
        var requests = request.Parameters.TryGetValue("Requests", out var r) ? r as OrganizationRequestCollection : null;
        if (requests == null)
        {
            throw ServiceFaults.InvalidArgument("Required field 'Requests' is missing");
        }

        var returnResponses = request.Parameters.TryGetValue("ReturnResponses", out var rr) && rr is true;
        var owned = caller.Transaction == null;
        var transaction = caller.Transaction ?? new Transaction();
        var inner = caller with { Transaction = transaction };
        var responses = new OrganizationResponseCollection();
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                if (requests[i] is { RequestName: "ExecuteMultiple" or "ExecuteTransaction" })
                {
                    throw ServiceFaults.InvalidArgument($"{requests[i].RequestName} cannot be nested in an ExecuteTransaction request.");
                }

                responses.Add(Dispatch(requests[i], inner));
            }
            catch (FaultException<OrganizationServiceFault> e)
            {
                if (owned)
                {
                    transaction.Rollback();
                }

                var fault = new ExecuteTransactionFault
                {
                    FaultedRequestIndex = i,
                    ErrorCode = e.Detail.ErrorCode,
                    Message = e.Detail.Message,
                    TraceText = e.Detail.TraceText,
                    InnerFault = e.Detail,
                    Timestamp = UtcNow,
                };
                throw new FaultException<OrganizationServiceFault>(fault, new FaultReason(fault.Message ?? string.Empty));
            }
        }

        if (owned)
        {
            CommitOrFail(transaction);
        }

        var result = new ExecuteTransactionResponse { ResponseName = "ExecuteTransaction" };
        if (returnResponses)
        {
            result.Results["Responses"] = responses;
        }

        return result;
    }

    private static void CommitOrFail(Transaction transaction)
    {
        if (transaction.Doomed)
        {
            transaction.Rollback();
            throw ServiceFaults.Create(DataverseErrorCodes.NoActiveTransaction, ServiceFaults.NoActiveTransactionMessage);
        }

        transaction.Commit();
    }

    /// <summary>One message through the pipeline: validate, 10, (begin transaction), 20, 30, 40, commit, queue async.</summary>
    private OrganizationResponse RunOperation(OrganizationRequest request, Caller caller, int depth, PluginExecutionContext? parent)
    {
        if (depth > Options.MaxDepth)
        {
            throw ServiceFaults.Create(DataverseErrorCodes.InfiniteLoop, ServiceFaults.InfiniteLoopMessage);
        }

        var owned = caller.Transaction == null;
        Transaction? transaction = caller.Transaction;
        try
        {
            var op = Prepare(request, caller, depth, parent);

            RunStage(op, 10, transaction);

            transaction ??= new Transaction();
            op.Transaction = transaction;
            RunStage(op, 20, transaction);

            MainOperation(op, transaction);

            if (op.IsWrite)
            {
                op.PostImageRow = _store.Get(op.EntityName, op.EntityId);
            }

            RunStage(op, 40, transaction);
            QueueAsyncSteps(op, transaction);

            if (owned)
            {
                CommitOrFail(transaction);
            }

            return BuildResponse(op);
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

    private Operation Prepare(OrganizationRequest request, Caller caller, int depth, PluginExecutionContext? parent)
    {
        var message = request.RequestName ?? throw ServiceFaults.InvalidArgument("The request has no RequestName.");
        var input = Values.CloneParameters(request.Parameters);
        var op = new Operation(message, input)
        {
            Caller = caller,
            Depth = depth,
            Parent = parent,
            CorrelationId = caller.CorrelationId ?? Guid.NewGuid(),
            RequestId = request.RequestId ?? Guid.NewGuid(),
            CreatedOn = UtcNow,
        };

        if (input.TryGetValue("tag", out var tag))
        {
            op.SharedVariables["tag"] = tag;
            op.PreValidationSharedVariables["tag"] = tag;
        }

        switch (message)
        {
            case "Create":
            {
                var target = RequireTarget<Entity>(input, message);
                var pk = PrimaryIdAttributeOf(target.LogicalName);
                var id = target.Id != Guid.Empty ? target.Id
                    : target.Attributes.TryGetValue(pk, out var given) && given is Guid g && g != Guid.Empty ? g
                    : Guid.NewGuid();

                // The new id is on the Target (and PrimaryEntityId) from the first stage on.
                target.Id = id;
                target.Attributes[pk] = id;
                op.EntityName = target.LogicalName;
                op.EntityId = id;
                break;
            }

            case "Update":
            {
                var target = RequireTarget<Entity>(input, message);
                op.EntityName = target.LogicalName;
                op.EntityId = ResolveId(target.LogicalName, target.Id, target.KeyAttributes, target);
                target.Id = op.EntityId;
                op.PreImageRow = _store.Get(op.EntityName, op.EntityId) ?? throw ServiceFaults.DoesNotExist(op.EntityName, op.EntityId);
                break;
            }

            case "Delete":
            {
                var target = RequireTarget<EntityReference>(input, message);
                op.EntityName = target.LogicalName;
                op.EntityId = ResolveId(target.LogicalName, target.Id, target.KeyAttributes, null);
                target.Id = op.EntityId;
                op.PreImageRow = _store.Get(op.EntityName, op.EntityId) ?? throw ServiceFaults.DoesNotExist(op.EntityName, op.EntityId);
                break;
            }

            case "Retrieve":
            {
                var target = RequireTarget<EntityReference>(input, message);
                op.EntityName = target.LogicalName;
                op.EntityId = ResolveId(target.LogicalName, target.Id, target.KeyAttributes, null);
                if (!input.TryGetValue("ColumnSet", out var columns) || columns is not ColumnSet)
                {
                    throw ServiceFaults.InvalidArgument("Required field 'ColumnSet' is missing");
                }

                break;
            }

            case "RetrieveMultiple":
            {
                var query = input.TryGetValue("Query", out var q) ? q as QueryBase : null;
                op.EntityName = query switch
                {
                    QueryExpression e => e.EntityName,
                    QueryByAttribute a => a.EntityName,
                    _ => string.Empty,
                };
                break;
            }

            case "Upsert":
            {
                var target = RequireTarget<Entity>(input, message);
                op.EntityName = target.LogicalName;
                op.EntityId = target.Id;
                break;
            }

            default:
                if (!_customApis.TryGetValue(message, out var api))
                {
                    throw ServiceFaults.NotSupported($"The message '{message}'");
                }

                op.CustomApi = api;
                ValidateCustomApiRequest(api.Registration, input);
                if (api.Registration.BindingType != 0 && input.TryGetValue("Target", out var bound) && bound is EntityReference reference)
                {
                    op.EntityName = reference.LogicalName;
                    op.EntityId = reference.Id;
                }
                else
                {
                    op.EntityName = api.Registration.BoundEntityLogicalName ?? string.Empty;
                }

                break;
        }

        op.PreValidationContext = NewContext(op, stage: 10, mode: 0, step: null, inTransaction: caller.Transaction != null, parent);
        return op;
    }

    private static T RequireTarget<T>(ParameterCollection input, string message)
        where T : class
    {
        if (!input.TryGetValue("Target", out var raw) || raw is not T target)
        {
            throw ServiceFaults.InvalidArgument($"Required field 'Target' is missing or is not a {typeof(T).Name} ({message}).");
        }

        var logicalName = target switch
        {
            Entity e => e.LogicalName,
            EntityReference r => r.LogicalName,
            _ => null,
        };
        if (string.IsNullOrEmpty(logicalName))
        {
            throw ServiceFaults.InvalidArgument($"The Target of the {message} request has no LogicalName.");
        }

        return target;
    }

    private Guid ResolveId(string entity, Guid id, KeyAttributeCollection keys, Entity? target)
    {
        if (id != Guid.Empty)
        {
            return id;
        }

        if (target != null && target.Attributes.TryGetValue(PrimaryIdAttributeOf(entity), out var pk) && pk is Guid g && g != Guid.Empty)
        {
            return g;
        }

        if (keys.Count > 0)
        {
            return _store.FindByKey(entity, keys) ?? throw ServiceFaults.KeyDoesNotExist(entity);
        }

        throw ServiceFaults.InvalidArgument($"The {entity} record has neither an Id nor key attributes.");
    }

    private static void ValidateCustomApiRequest(CustomApiRegistration api, ParameterCollection input)
    {
        foreach (var parameter in api.RequestParameters)
        {
            if (!input.TryGetValue(parameter.UniqueName, out var value) || value == null)
            {
                if (!parameter.IsOptional)
                {
                    // The platform's wording for this case could not be confirmed; it names the parameter, as here.
                    throw ServiceFaults.InvalidArgument($"Required parameter '{parameter.UniqueName}' of the Custom API '{api.UniqueName}' is missing.");
                }

                continue;
            }

            var expected = ClrTypeOf(parameter.Type);
            if (expected != null && !expected.IsInstanceOfType(value))
            {
                throw ServiceFaults.InvalidArgument(
                    $"The parameter '{parameter.UniqueName}' of the Custom API '{api.UniqueName}' must be a {expected.Name}, not a {value.GetType().Name}.");
            }
        }

        foreach (var key in input.Keys)
        {
            var known = api.RequestParameters.Any(p => string.Equals(p.UniqueName, key, StringComparison.Ordinal))
                || key is "tag" or "SolutionUniqueName" || (api.BindingType != 0 && key == "Target");
            if (!known)
            {
                throw ServiceFaults.InvalidArgument($"The Custom API '{api.UniqueName}' has no request parameter named '{key}'.");
            }
        }
    }

    private static Type? ClrTypeOf(int customApiType) => customApiType switch
    {
        0 => typeof(bool),
        1 => typeof(DateTime),
        2 => typeof(decimal),
        3 => typeof(Entity),
        4 => typeof(EntityCollection),
        5 => typeof(EntityReference),
        6 => typeof(double),
        7 => typeof(int),
        8 => typeof(Money),
        9 => typeof(OptionSetValue),
        10 => typeof(string),
        11 => typeof(string[]),
        12 => typeof(Guid),
        _ => null,
    };

    private List<StepRuntime> StepsFor(Operation op, int stage, int mode) => _steps
        .Where(s => s.Registration.Stage == stage && s.Registration.Mode == mode
            && string.Equals(s.Registration.MessageName, op.MessageName, StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrEmpty(s.Registration.PrimaryEntity) || string.Equals(s.Registration.PrimaryEntity, "none", StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.Registration.PrimaryEntity, op.EntityName, StringComparison.Ordinal)))
        .OrderBy(s => s.Registration.Rank)
        .ThenBy(s => s.Order)
        .ToList();

    /// <summary>Filtering attributes (Update only): the step fires when the Target, as it is now, has one of them.</summary>
    private static bool PassesFilter(StepRuntime step, Operation op)
    {
        var filter = step.Registration.FilteringAttributes;
        if (filter is not { Count: > 0 } || !string.Equals(op.MessageName, "Update", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var target = op.InputParameters.TryGetValue("Target", out var t) ? t as Entity : null;
        return target != null && filter.Any(a => target.Attributes.ContainsKey(a.Trim()));
    }

    private void RunStage(Operation op, int stage, Transaction? transaction)
    {
        foreach (var step in StepsFor(op, stage, mode: 0))
        {
            if (!PassesFilter(step, op))
            {
                continue;
            }

            var context = NewContext(op, stage, mode: 0, step, inTransaction: transaction != null, parent: null);
            RunPlugin(step.Registration.Name, step.PluginType.FullName!, step.GetPlugin, context, transaction);
        }
    }

    private PluginExecutionContext NewContext(Operation op, int stage, int mode, StepRuntime? step, bool inTransaction, PluginExecutionContext? parent)
    {
        var pre = new EntityImageCollection();
        var post = new EntityImageCollection();
        if (step != null)
        {
            foreach (var image in step.Registration.Images ?? [])
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
        }

        return new PluginExecutionContext
        {
            Stage = stage,
            Mode = mode,
            Depth = op.Depth,
            MessageName = op.MessageName,
            PrimaryEntityName = op.EntityName,
            PrimaryEntityId = op.EntityId,
            RequestId = op.RequestId,
            InputParameters = op.InputParameters,
            OutputParameters = op.OutputParameters,
            // PreValidation has its own shared variables; later stages see them through ParentContext.
            SharedVariables = stage == 10 ? op.PreValidationSharedVariables : op.SharedVariables,
            ParentContext = stage == 10 ? op.Parent : op.PreValidationContext,
            UserId = op.Caller.UserId,
            InitiatingUserId = op.Caller.InitiatingUserId,
            BusinessUnitId = Options.BusinessUnitId,
            OrganizationId = Options.OrganizationId,
            OrganizationName = Options.OrganizationName,
            CorrelationId = op.CorrelationId,
            OperationId = op.OperationId,
            OperationCreatedOn = op.CreatedOn,
            IsInTransaction = inTransaction,
            OwningExtension = step == null ? null : new EntityReference("sdkmessageprocessingstep", step.Registration.StepId) { Name = step.Registration.Name },
            PreEntityImages = pre,
            PostEntityImages = post,
        };
    }

    /// <summary>An image: the stored row with the registered columns (all when the list is empty).</summary>
    private Entity ImageOf(StoredRow row, IReadOnlyList<string>? attributes)
    {
        var columns = attributes is { Count: > 0 } ? new ColumnSet(attributes.Select(a => a.Trim()).ToArray()) : new ColumnSet(true);
        return QueryEngine.Project(row, columns, PrimaryIdAttributeOf(row.Entity), includePrimaryId: columns.AllColumns);
    }

    /// <summary>
    /// Runs one plugin. Its exceptions become the faults Dataverse returns: an InvalidPluginExecutionException
    /// keeps its message; a fault from a nested call passes through unchanged; anything else is "ISV code".
    /// The trace row is written either way.
    /// </summary>
    private void RunPlugin(string stepName, string typeName, Func<IPlugin?> plugin, PluginExecutionContext context, Transaction? transaction)
    {
        var tracing = new PluginTracingService();
        var nested = new Caller(
            context.UserId,
            context.InitiatingUserId,
            context.Depth,
            RequestOrigin.Plugin,
            stepName,
            context,
            transaction,
            context.CorrelationId);
        var provider = new PluginServiceProvider(this, context, nested, tracing);
        Exception? failure = null;
        try
        {
            plugin()?.Execute(provider);
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            _traceLog.Add(new PluginTraceRecord(
                Guid.NewGuid(), stepName, typeName, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId,
                context.Stage, context.Mode, context.Depth, context.CorrelationId, context.OperationId,
                tracing.Lines.ToList(), failure?.ToString(), UtcNow));
        }

        if (failure != null)
        {
            throw ToFault(failure, string.Join(Environment.NewLine, tracing.Lines));
        }
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

    private void MainOperation(Operation op, Transaction transaction)
    {
        var input = op.InputParameters;
        var now = UtcNow;
        var user = new EntityReference("systemuser", op.Caller.UserId);
        switch (op.MessageName)
        {
            case "Create":
            {
                var target = RequireTarget<Entity>(input, op.MessageName);
                ValidateColumns(op.EntityName, target);
                var pk = PrimaryIdAttributeOf(op.EntityName);
                var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (name, value) in target.Attributes)
                {
                    if (value != null && name is not ("createdon" or "createdby" or "modifiedon" or "modifiedby" or "versionnumber"))
                    {
                        attributes[name] = Values.ForStorage(value);
                    }
                }

                attributes[pk] = op.EntityId;
                attributes["createdon"] = target.GetAttributeValue<DateTime?>("overriddencreatedon") is { } overridden ? Values.ForStorage(overridden) : now;
                attributes["modifiedon"] = now;
                attributes["createdby"] = user;
                attributes["modifiedby"] = Values.Clone(user);
                attributes.TryAdd("ownerid", Values.Clone(user));
                attributes.TryAdd("owningbusinessunit", new EntityReference("businessunit", Options.BusinessUnitId));
                attributes.TryAdd("statecode", new OptionSetValue(0));
                attributes.TryAdd("statuscode", new OptionSetValue(1));
                var version = _store.NextVersion();
                attributes["versionnumber"] = version;
                _store.Insert(transaction, new StoredRow(op.EntityName, op.EntityId, attributes, version));
                op.OutputParameters["id"] = op.EntityId;
                break;
            }

            case "Update":
            {
                var target = RequireTarget<Entity>(input, op.MessageName);
                ValidateColumns(op.EntityName, target);
                var existing = _store.Get(op.EntityName, op.EntityId) ?? throw ServiceFaults.DoesNotExist(op.EntityName, op.EntityId);
                CheckConcurrency(input, target.RowVersion, existing);
                var attributes = new Dictionary<string, object?>(existing.Attributes, StringComparer.Ordinal);
                var pk = PrimaryIdAttributeOf(op.EntityName);
                foreach (var (name, value) in target.Attributes)
                {
                    if (name == pk || name is "createdon" or "createdby" or "modifiedon" or "modifiedby" or "versionnumber")
                    {
                        continue;
                    }

                    if (value == null)
                    {
                        attributes.Remove(name);
                    }
                    else
                    {
                        attributes[name] = Values.ForStorage(value);
                    }
                }

                attributes["modifiedon"] = now;
                attributes["modifiedby"] = user;
                var version = _store.NextVersion();
                attributes["versionnumber"] = version;
                _store.Replace(transaction, new StoredRow(op.EntityName, op.EntityId, attributes, version));
                break;
            }

            case "Delete":
            {
                var target = RequireTarget<EntityReference>(input, op.MessageName);
                var existing = _store.Get(op.EntityName, op.EntityId) ?? throw ServiceFaults.DoesNotExist(op.EntityName, op.EntityId);
                CheckConcurrency(input, target.RowVersion, existing);
                _store.Delete(transaction, op.EntityName, op.EntityId);
                break;
            }

            case "Retrieve":
            {
                var row = _store.Get(op.EntityName, op.EntityId) ?? throw ServiceFaults.DoesNotExist(op.EntityName, op.EntityId);
                op.OutputParameters["BusinessEntity"] = QueryEngine.Project(row, (ColumnSet)input["ColumnSet"]!, PrimaryIdAttributeOf(op.EntityName));
                break;
            }

            case "RetrieveMultiple":
                op.OutputParameters["BusinessEntityCollection"] = _queries.Execute((input.TryGetValue("Query", out var q) ? q as QueryBase : null)!, op.Caller.UserId);
                break;

            case "Upsert":
                Upsert(op, transaction);
                break;

            default:
                // A Custom API: its plugin is the main operation, at stage 30, with no step of its own.
                var api = op.CustomApi!;
                var context = NewContext(op, stage: 30, mode: 0, step: null, inTransaction: true, parent: null);
                RunPlugin(api.Registration.UniqueName, api.PluginType?.FullName ?? string.Empty, api.GetPlugin, context, transaction);
                break;
        }
    }

    /// <summary>Upsert: find the row by id or alternate key, then run a Create or an Update as a child operation.</summary>
    private void Upsert(Operation op, Transaction transaction)
    {
        var target = RequireTarget<Entity>(op.InputParameters, op.MessageName);
        Guid? existing = target.Id != Guid.Empty
            ? _store.Get(op.EntityName, target.Id) != null ? target.Id : null
            : target.KeyAttributes.Count > 0 ? _store.FindByKey(op.EntityName, target.KeyAttributes) : null;
        var child = Values.CloneEntity(target);
        var childCaller = op.Caller with { Transaction = transaction, CorrelationId = op.CorrelationId };
        var parent = NewContext(op, stage: 30, mode: 0, step: null, inTransaction: true, parent: null);
        Guid id;
        if (existing is { } found)
        {
            child.Id = found;
            child.KeyAttributes = new KeyAttributeCollection();
            RunOperation(new UpdateRequest { Target = child }, childCaller, op.Depth, parent);
            id = found;
            op.OutputParameters["RecordCreated"] = false;
        }
        else
        {
            foreach (var (key, value) in target.KeyAttributes)
            {
                if (!child.Attributes.ContainsKey(key))
                {
                    child.Attributes[key] = value;
                }
            }

            child.KeyAttributes = new KeyAttributeCollection();
            var created = RunOperation(new CreateRequest { Target = child }, childCaller, op.Depth, parent);
            id = (Guid)created.Results["id"]!;
            op.OutputParameters["RecordCreated"] = true;
        }

        op.EntityId = id;
        op.OutputParameters["Target"] = new EntityReference(op.EntityName, id);
    }

    private static void CheckConcurrency(ParameterCollection input, string? rowVersion, StoredRow existing)
    {
        var behavior = input.TryGetValue("ConcurrencyBehavior", out var raw) && raw != null
            ? (ConcurrencyBehavior)Convert.ToInt32(raw, CultureInfo.InvariantCulture)
            : ConcurrencyBehavior.Default;
        if (behavior != ConcurrencyBehavior.IfRowVersionMatches)
        {
            return;
        }

        if (string.IsNullOrEmpty(rowVersion))
        {
            throw ServiceFaults.Create(
                DataverseErrorCodes.ConcurrencyVersionNotProvided,
                "The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches.");
        }

        if (!string.Equals(rowVersion, existing.Version.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            throw ServiceFaults.Create(
                DataverseErrorCodes.ConcurrencyVersionMismatch,
                "The version of the existing record doesn't match the RowVersion property provided.");
        }
    }

    private static OrganizationResponse BuildResponse(Operation op)
    {
        var output = op.OutputParameters;
        OrganizationResponse response;
        switch (op.MessageName)
        {
            case "Create":
                response = new CreateResponse();
                response.Results["id"] = output["id"];
                break;
            case "Update":
                response = new UpdateResponse();
                break;
            case "Delete":
                response = new DeleteResponse();
                break;
            case "Retrieve":
                response = new RetrieveResponse();
                response.Results["Entity"] = output["BusinessEntity"];
                break;
            case "RetrieveMultiple":
                response = new RetrieveMultipleResponse();
                response.Results["EntityCollection"] = output["BusinessEntityCollection"];
                break;
            case "Upsert":
                response = new UpsertResponse();
                response.Results["RecordCreated"] = output["RecordCreated"];
                response.Results["Target"] = output["Target"];
                break;
            default:
                response = new OrganizationResponse();
                var declared = op.CustomApi!.Registration.ResponseProperties;
                foreach (var (key, value) in output)
                {
                    if (declared.Count == 0 || declared.Any(p => string.Equals(p.UniqueName, key, StringComparison.Ordinal)))
                    {
                        response.Results[key] = Values.Clone(value);
                    }
                }

                break;
        }

        response.ResponseName = op.MessageName;
        return response;
    }

    /// <summary>
    /// Async steps get a snapshot of the context as it is now (images included) and reach the queue only
    /// if the transaction commits.
    /// </summary>
    private void QueueAsyncSteps(Operation op, Transaction transaction)
    {
        foreach (var step in StepsFor(op, 40, mode: 1))
        {
            if (!PassesFilter(step, op))
            {
                continue;
            }

            var live = NewContext(op, 40, mode: 1, step, inTransaction: false, parent: null);
            var snapshot = new PluginExecutionContext
            {
                Stage = 40,
                Mode = 1,
                Depth = live.Depth,
                MessageName = live.MessageName,
                PrimaryEntityName = live.PrimaryEntityName,
                PrimaryEntityId = live.PrimaryEntityId,
                RequestId = live.RequestId,
                InputParameters = Values.CloneParameters(live.InputParameters),
                OutputParameters = Values.CloneParameters(live.OutputParameters),
                SharedVariables = Values.CloneParameters(live.SharedVariables),
                ParentContext = null,
                UserId = live.UserId,
                InitiatingUserId = live.InitiatingUserId,
                BusinessUnitId = live.BusinessUnitId,
                OrganizationId = live.OrganizationId,
                OrganizationName = live.OrganizationName,
                CorrelationId = live.CorrelationId,
                OperationId = Guid.NewGuid(),
                OperationCreatedOn = UtcNow,
                IsInTransaction = false,
                OwningExtension = live.OwningExtension,
                PreEntityImages = live.PreEntityImages,
                PostEntityImages = live.PostEntityImages,
            };
            var record = new AsyncOperationRecord(snapshot.OperationId, step.Registration.Name, op.MessageName, op.EntityName, op.EntityId, snapshot.OperationCreatedOn);
            transaction.OnCommit(() =>
            {
                _asyncOperations.Add(record);
                _asyncQueue.Enqueue(new PendingAsync(step, snapshot, record));
            });
        }
    }

    private void RunAsync(PendingAsync pending)
    {
        var transaction = new Transaction();
        try
        {
            RunPlugin(pending.Step.Registration.Name, pending.Step.PluginType.FullName!, pending.Step.GetPlugin, pending.Context, transaction);
            CommitOrFail(transaction);
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
    }

    private static string? EntityNameOf(OrganizationRequest request)
    {
        if (!request.Parameters.TryGetValue("Target", out var target) || target == null)
        {
            return request.Parameters.TryGetValue("Query", out var query) ? query switch
            {
                QueryExpression e => e.EntityName,
                QueryByAttribute a => a.EntityName,
                _ => null,
            } : null;
        }

        return target switch
        {
            Entity e => e.LogicalName,
            EntityReference r => r.LogicalName,
            _ => null,
        };
    }

    private sealed record PendingAsync(StepRuntime Step, PluginExecutionContext Context, AsyncOperationRecord Record);

    /// <summary>The state of one message as it moves through the stages.</summary>
    private sealed class Operation
    {
        public Operation(string messageName, ParameterCollection input)
        {
            MessageName = messageName;
            InputParameters = input;
        }

        public string MessageName { get; }

        public ParameterCollection InputParameters { get; }

        public ParameterCollection OutputParameters { get; } = new();

        public ParameterCollection SharedVariables { get; } = new();

        public ParameterCollection PreValidationSharedVariables { get; } = new();

        public required Caller Caller { get; init; }

        public int Depth { get; init; }

        public PluginExecutionContext? Parent { get; init; }

        public PluginExecutionContext? PreValidationContext { get; set; }

        public Guid CorrelationId { get; init; }

        public Guid RequestId { get; init; }

        public Guid OperationId { get; } = Guid.NewGuid();

        /// <summary>The organisation's clock at the start of the operation (simulated time moves it).</summary>
        public DateTime CreatedOn { get; init; }

        public string EntityName { get; set; } = string.Empty;

        public Guid EntityId { get; set; }

        public CustomApiRuntime? CustomApi { get; set; }

        public StoredRow? PreImageRow { get; set; }

        public StoredRow? PostImageRow { get; set; }

        public Transaction? Transaction { get; set; }

        public bool IsWrite => MessageName is "Create" or "Update";
    }
}
