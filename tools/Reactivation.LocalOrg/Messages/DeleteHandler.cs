using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.LocalOrg.Pipeline;

namespace Reactivation.LocalOrg.Messages;

/// <summary>Delete: the row (by id or alternate key) removed; pre-images only, the row is gone at stage 40.</summary>
internal sealed class DeleteHandler() : OperationHandler("Delete", ImageSupport.Pre)
{
    public override void Prepare(Operation op, EventPipeline pipeline)
    {
        var target = RequireTarget<EntityReference>(op);
        op.EntityName = target.LogicalName;
        op.EntityId = pipeline.Store.Address(target.LogicalName, target.Id, target.KeyAttributes, null);
        target.Id = op.EntityId;
    }

    public override void Execute(Operation op, EventPipeline pipeline) =>
        pipeline.Store.Delete(op.Transaction, op.EntityName, op.EntityId, ConcurrencyOf(op), RequireTarget<EntityReference>(op).RowVersion);

    public override OrganizationResponse Respond(Operation op) => new DeleteResponse();
}
