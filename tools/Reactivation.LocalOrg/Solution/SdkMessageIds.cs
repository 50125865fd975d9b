using System.Diagnostics.CodeAnalysis;

namespace Reactivation.LocalOrg.Solution;

/// <summary>
/// Platform messages have the same <c>sdkmessageid</c> in every Dataverse environment, which is
/// why an exported step (<c>SdkMessageProcessingSteps/*.xml</c>) names its message by id alone.
/// Source: the sdkmessagefilters/sdkmessages response for the account table in Microsoft's
/// "Use messages with the Organization service" (MicrosoftDocs/powerapps-docs,
/// powerapps-docs/developer/data-platform/org-service/use-messages.md). Only ids confirmed there
/// are listed; anything else (Custom API messages, custom process actions) is org-specific.
/// </summary>
public static class SdkMessageIds
{
    public static readonly Guid Assign = new("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid Create = new("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid Delete = new("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid GrantAccess = new("c5bdbb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid Merge = new("dbbdbb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid ModifyAccess = new("dcbdbb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid Retrieve = new("f2bdbb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid RetrieveMultiple = new("03bebb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid RetrievePrincipalAccess = new("04bebb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid RetrieveSharedPrincipalsAndAccess = new("10bebb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid RevokeAccess = new("11bebb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid SetState = new("1cbebb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid SetStateDynamicEntity = new("1dbebb1b-ea3e-db11-86a7-000a3a5473e8");
    public static readonly Guid Update = new("20bebb1b-ea3e-db11-86a7-000a3a5473e8");

    private static readonly Dictionary<Guid, string> Names = new()
    {
        [Assign] = "Assign",
        [Create] = "Create",
        [Delete] = "Delete",
        [GrantAccess] = "GrantAccess",
        [Merge] = "Merge",
        [ModifyAccess] = "ModifyAccess",
        [Retrieve] = "Retrieve",
        [RetrieveMultiple] = "RetrieveMultiple",
        [RetrievePrincipalAccess] = "RetrievePrincipalAccess",
        [RetrieveSharedPrincipalsAndAccess] = "RetrieveSharedPrincipalsAndAccess",
        [RevokeAccess] = "RevokeAccess",
        [SetState] = "SetState",
        [SetStateDynamicEntity] = "SetStateDynamicEntity",
        [Update] = "Update",
    };

    /// <summary>The message names the reader knows, for error messages and documentation.</summary>
    public static IReadOnlyCollection<string> KnownMessageNames => Names.Values;

    public static bool TryGetMessageName(Guid sdkMessageId, [NotNullWhen(true)] out string? messageName) =>
        Names.TryGetValue(sdkMessageId, out messageName);

    public static bool TryGetMessageId(string messageName, out Guid sdkMessageId)
    {
        foreach (var pair in Names)
        {
            if (string.Equals(pair.Value, messageName, StringComparison.OrdinalIgnoreCase))
            {
                sdkMessageId = pair.Key;
                return true;
            }
        }

        sdkMessageId = Guid.Empty;
        return false;
    }
}
