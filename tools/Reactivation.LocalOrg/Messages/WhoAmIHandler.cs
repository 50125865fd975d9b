using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Pipeline;

namespace Reactivation.LocalOrg.Messages;

/// <summary>WhoAmI: the calling user, the business unit and the organisation.</summary>
internal sealed class WhoAmIHandler() : DirectMessageHandler("WhoAmI")
{
    public override OrganizationResponse Execute(OrganizationRequest request, Caller caller, EventPipeline pipeline)
    {
        var response = new OrganizationResponse { ResponseName = MessageName };
        response.Results["UserId"] = caller.UserId;
        response.Results["BusinessUnitId"] = pipeline.Options.BusinessUnitId;
        response.Results["OrganizationId"] = pipeline.Options.OrganizationId;
        return response;
    }
}
