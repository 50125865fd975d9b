using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.LocalOrg.Pipeline;

namespace Reactivation.LocalOrg.Messages;

/// <summary>Create: a new row with the system columns the store sets; post-images at stage 40.</summary>
internal sealed class CreateHandler() : OperationHandler("Create", ImageSupport.Post)
{
    public override void Prepare(Operation op, EventPipeline pipeline)
    {
        var target = RequireTarget<Entity>(op);
        var pk = pipeline.Options.PrimaryIdAttributeOf(target.LogicalName);
        var id = target.Id != Guid.Empty ? target.Id
            : target.Attributes.TryGetValue(pk, out var given) && given is Guid g && g != Guid.Empty ? g
            : Guid.NewGuid();

        // The new id is on the Target (and PrimaryEntityId) from the first stage on.
        target.Id = id;
        target.Attributes[pk] = id;
        op.EntityName = target.LogicalName;
        op.EntityId = id;
    }

    public override void Execute(Operation op, EventPipeline pipeline)
    {
        var target = RequireTarget<Entity>(op);
        pipeline.Tables.ValidateColumns(op.EntityName, target);
        pipeline.Store.Create(op.Transaction, op.EntityName, op.EntityId, target, op.Caller.UserId, pipeline.UtcNow);
        op.OutputParameters["id"] = op.EntityId;
    }

    public override OrganizationResponse Respond(Operation op)
    {
        var response = new CreateResponse();
        response.Results["id"] = op.OutputParameters["id"];
        return response;
    }
}
