using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.LocalOrg.Pipeline;

namespace Reactivation.LocalOrg.Messages;

/// <summary>
/// Update: the Target (by id, primary key column or alternate key) merged into the row; pre- and post-images;
/// the only message whose steps are filtered by their filtering attributes.
/// </summary>
internal sealed class UpdateHandler() : OperationHandler("Update", ImageSupport.Pre | ImageSupport.Post, usesFilteringAttributes: true)
{
    public override void Prepare(Operation op, EventPipeline pipeline)
    {
        var target = RequireTarget<Entity>(op);
        op.EntityName = target.LogicalName;
        op.EntityId = pipeline.Store.Address(target.LogicalName, target.Id, target.KeyAttributes, target);
        target.Id = op.EntityId;
    }

    public override void Execute(Operation op, EventPipeline pipeline)
    {
        var target = RequireTarget<Entity>(op);
        pipeline.Tables.ValidateColumns(op.EntityName, target);
        pipeline.Store.Update(op.Transaction, op.EntityName, op.EntityId, target, op.Caller.UserId, pipeline.UtcNow, ConcurrencyOf(op));
    }

    public override OrganizationResponse Respond(Operation op) => new UpdateResponse();
}
