namespace Reactivation.XrmSdkCompat.Tests;

/// <summary>How to read xrm-sdk-api.txt beyond its lines: the constructors it cannot list.</summary>
internal static class RealSdkSurface
{
    /// <summary>
    /// The file is generated from declared constructors only, so a class whose real constructor is the one the
    /// compiler writes (FACTS.md §1: "implicit public ctor") has no ".ctor()" line. These types get the same
    /// compiler-written constructor here; the test still requires the file to list no constructor for them.
    /// </summary>
    public static readonly IReadOnlySet<string> TypesWithCompilerWrittenConstructor = new HashSet<string>(StringComparer.Ordinal)
    {
        "Microsoft.Xrm.Sdk.OrganizationResponse",
        "Microsoft.Xrm.Sdk.OrganizationRequestCollection",
        "Microsoft.Xrm.Sdk.OrganizationResponseCollection",
        "Microsoft.Xrm.Sdk.ExecuteMultipleResponseItemCollection",
        "Microsoft.Xrm.Sdk.ErrorDetailCollection",
        "Microsoft.Xrm.Sdk.ExecuteMultipleSettings",
        "Microsoft.Xrm.Sdk.ExecuteMultipleResponseItem",
        "Microsoft.Xrm.Sdk.OrganizationServiceFault",
        "Microsoft.Xrm.Sdk.ExecuteTransactionFault",
        "Microsoft.Xrm.Sdk.Query.PagingInfo",
        "Microsoft.Xrm.Sdk.Messages.CreateResponse",
        "Microsoft.Xrm.Sdk.Messages.UpdateResponse",
        "Microsoft.Xrm.Sdk.Messages.UpsertResponse",
        "Microsoft.Xrm.Sdk.Messages.DeleteResponse",
        "Microsoft.Xrm.Sdk.Messages.RetrieveResponse",
        "Microsoft.Xrm.Sdk.Messages.RetrieveMultipleResponse",
        "Microsoft.Xrm.Sdk.Messages.ExecuteMultipleResponse",
        "Microsoft.Xrm.Sdk.Messages.ExecuteTransactionResponse",
    };

    /// <summary>A ".ctor()" line of one of those types, whose real surface lists no constructor at all.</summary>
    public static bool IsCompilerWrittenConstructor(string line, IReadOnlySet<string> realSurface)
    {
        var separator = line.IndexOf(" :: ", StringComparison.Ordinal);
        var type = line[..separator];
        return line.EndsWith(" :: .ctor()", StringComparison.Ordinal)
            && TypesWithCompilerWrittenConstructor.Contains(type)
            && !realSurface.Any(l => l.StartsWith(type + " :: .ctor(", StringComparison.Ordinal));
    }
}
