using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.LocalOrg.Pipeline;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg.Messages;

/// <summary>
/// Upsert: find the row by id or alternate key, then run a Create or an Update as a child operation in the same
/// transaction, at the same depth, with the Upsert's stage-30 context as its parent.
/// </summary>
internal sealed class UpsertHandler() : OperationHandler("Upsert")
{
    public override void Prepare(Operation op, EventPipeline pipeline)
    {
        var target = RequireTarget<Entity>(op);
        op.EntityName = target.LogicalName;
        op.EntityId = target.Id;
    }

    public override void Execute(Operation op, EventPipeline pipeline)
    {
        var target = RequireTarget<Entity>(op);
        var store = pipeline.Store;
        Guid? existing = target.Id != Guid.Empty
            ? store.Get(op.EntityName, target.Id) != null ? target.Id : null
            : target.KeyAttributes.Count > 0 ? store.FindByKey(op.EntityName, target.KeyAttributes) : null;
        var child = Values.CloneEntity(target);
        var childCaller = op.Caller with { Transaction = op.Transaction, CorrelationId = op.CorrelationId };
        var parent = pipeline.MainOperationContext(op);
        Guid id;
        if (existing is { } found)
        {
            child.Id = found;
            child.KeyAttributes = new KeyAttributeCollection();
            pipeline.Run(new UpdateRequest { Target = child }, childCaller, op.Depth, parent);
            id = found;
            op.OutputParameters["RecordCreated"] = false;
        }
        else
        {
            foreach (var pair in target.KeyAttributes)
            {
                if (!child.Attributes.ContainsKey(pair.Key))
                {
                    child.Attributes[pair.Key] = pair.Value;
                }
            }

            child.KeyAttributes = new KeyAttributeCollection();
            var created = pipeline.Run(new CreateRequest { Target = child }, childCaller, op.Depth, parent);
            id = (Guid)created.Results["id"]!;
            op.OutputParameters["RecordCreated"] = true;
        }

        op.EntityId = id;
        op.OutputParameters["Target"] = new EntityReference(op.EntityName, id);
    }

    public override OrganizationResponse Respond(Operation op)
    {
        var response = new UpsertResponse();
        response.Results["RecordCreated"] = op.OutputParameters["RecordCreated"];
        response.Results["Target"] = op.OutputParameters["Target"];
        return response;
    }
}
