using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Pipeline;

namespace Reactivation.LocalOrg.Messages;

/// <summary>RetrieveMultiple: a QueryExpression or QueryByAttribute answered by the query engine; the table is the query's.</summary>
internal sealed class RetrieveMultipleHandler() : OperationHandler("RetrieveMultiple")
{
    public override string? TableOf(OrganizationRequest request) => QueryTable(request.Parameters);

    public override void Prepare(Operation op, EventPipeline pipeline) => op.EntityName = QueryTable(op.InputParameters) ?? string.Empty;

    public override void Execute(Operation op, EventPipeline pipeline) =>
        op.OutputParameters["BusinessEntityCollection"] = pipeline.Queries.Execute((op.InputParameters.TryGetValue("Query", out var q) ? q as QueryBase : null)!, op.Caller.UserId);

    public override OrganizationResponse Respond(Operation op)
    {
        var response = new RetrieveMultipleResponse();
        response.Results["EntityCollection"] = op.OutputParameters["BusinessEntityCollection"];
        return response;
    }

    private static string? QueryTable(ParameterCollection parameters) =>
        parameters.TryGetValue("Query", out var query) ? query switch
        {
            QueryExpression e => e.EntityName,
            QueryByAttribute a => a.EntityName,
            _ => null,
        } : null;
}
