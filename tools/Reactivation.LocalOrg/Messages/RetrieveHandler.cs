using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Pipeline;
using Reactivation.LocalOrg.Query;

namespace Reactivation.LocalOrg.Messages;

/// <summary>Retrieve: one row (by id or alternate key) with the requested columns and its primary key.</summary>
internal sealed class RetrieveHandler() : OperationHandler("Retrieve")
{
    public override void Prepare(Operation op, EventPipeline pipeline)
    {
        var target = RequireTarget<EntityReference>(op);
        op.EntityName = target.LogicalName;
        op.EntityId = pipeline.Store.Address(target.LogicalName, target.Id, target.KeyAttributes, null);
        if (!op.InputParameters.TryGetValue("ColumnSet", out var columns) || columns is not ColumnSet)
        {
            throw ServiceFaults.InvalidArgument("Required field 'ColumnSet' is missing");
        }
    }

    public override void Execute(Operation op, EventPipeline pipeline)
    {
        var row = pipeline.Store.Get(op.EntityName, op.EntityId) ?? throw ServiceFaults.DoesNotExist(op.EntityName, op.EntityId);
        op.OutputParameters["BusinessEntity"] = QueryEngine.Project(row, (ColumnSet)op.InputParameters["ColumnSet"]!, pipeline.Options.PrimaryIdAttributeOf(op.EntityName));
    }

    public override OrganizationResponse Respond(Operation op)
    {
        var response = new RetrieveResponse();
        response.Results["Entity"] = op.OutputParameters["BusinessEntity"];
        return response;
    }
}
