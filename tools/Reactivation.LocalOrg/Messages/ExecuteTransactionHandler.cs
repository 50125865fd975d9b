using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.LocalOrg.Pipeline;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg.Messages;

/// <summary>
/// ExecuteTransaction: every request in one transaction (the caller's, inside a plugin), everything or nothing;
/// the fault names the request that failed (<see cref="ExecuteTransactionFault.FaultedRequestIndex"/>).
/// </summary>
internal sealed class ExecuteTransactionHandler() : DirectMessageHandler("ExecuteTransaction")
{
    public override OrganizationResponse Execute(OrganizationRequest request, Caller caller, EventPipeline pipeline)
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
                responses.Add(pipeline.Dispatch(ExecuteMultipleHandler.NotABatch(requests[i], MessageName), inner));
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
                    Timestamp = pipeline.UtcNow,
                };
                throw new FaultException<OrganizationServiceFault>(fault, new FaultReason(fault.Message ?? string.Empty));
            }
        }

        if (owned)
        {
            transaction.Commit();
        }

        var result = new ExecuteTransactionResponse { ResponseName = MessageName };
        if (returnResponses)
        {
            result.Results["Responses"] = responses;
        }

        return result;
    }
}
