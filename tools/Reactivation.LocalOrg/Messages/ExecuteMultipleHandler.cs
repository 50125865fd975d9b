using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Reactivation.LocalOrg.Pipeline;

namespace Reactivation.LocalOrg.Messages;

/// <summary>
/// ExecuteMultiple: up to 1000 requests, each its own operation; the four shapes of ContinueOnError and
/// ReturnResponses. It cannot carry another ExecuteMultiple or an ExecuteTransaction.
/// </summary>
internal sealed class ExecuteMultipleHandler() : DirectMessageHandler("ExecuteMultiple")
{
    private const int MaxBatchSize = 1000;

    public override OrganizationResponse Execute(OrganizationRequest request, Caller caller, EventPipeline pipeline)
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
            try
            {
                var response = pipeline.Dispatch(NotABatch(requests[i], MessageName), caller);
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

        var result = new ExecuteMultipleResponse { ResponseName = MessageName };
        result.Results["IsFaulted"] = faulted;
        result.Results["Responses"] = responses;
        return result;
    }

    /// <summary>The request, unless it is a batch itself: batches do not nest.</summary>
    internal static OrganizationRequest NotABatch(OrganizationRequest item, string batch) =>
        item is { RequestName: "ExecuteMultiple" or "ExecuteTransaction" }
            ? throw ServiceFaults.InvalidArgument($"{item.RequestName} cannot be nested in an {batch} request.")
            : item;
}
