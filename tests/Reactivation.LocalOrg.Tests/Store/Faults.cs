using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.Tests.Store;

/// <summary>Assertions on the faults the organisation service raises.</summary>
internal static class Faults
{
    public static OrganizationServiceFault Expect(Action action, int errorCode)
    {
        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(action);
        Assert.AreEqual(errorCode, fault.Detail.ErrorCode, $"ErrorCode of fault '{fault.Detail.Message}'");
        Assert.AreEqual(fault.Detail.Message, fault.Message, "the exception's message is the fault's message");
        return fault.Detail;
    }
}
