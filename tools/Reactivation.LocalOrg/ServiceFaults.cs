using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg;

/// <summary>
/// The OrganizationServiceFault error codes LocalOrg raises. Values are the platform's, from the
/// "Web service error codes" reference (learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes)
/// and the Dataverse troubleshooting pages, unless a comment says otherwise.
/// </summary>
public static class DataverseErrorCodes
{
    /// <summary>0x80040217 ObjectDoesNotExist: "&lt;entity&gt; With Id = &lt;id&gt; Does Not Exist".</summary>
    public const int ObjectDoesNotExist = -2147220969;

    /// <summary>0x80040237 DuplicateRecord: "Cannot insert duplicate key." (a primary key used twice).</summary>
    public const int DuplicateRecord = -2147220937;

    /// <summary>0x80060892 DuplicateRecordEntityKey: an alternate key's values are already used.</summary>
    public const int DuplicateRecordEntityKey = -2147088238;

    /// <summary>0x80060882 ConcurrencyVersionMismatch: the row changed since the RowVersion the caller sent.</summary>
    public const int ConcurrencyVersionMismatch = -2147088254;

    /// <summary>0x8006088D ConcurrencyVersionNotProvided: IfRowVersionMatches without a RowVersion.</summary>
    public const int ConcurrencyVersionNotProvided = -2147088243;

    /// <summary>0x80040265 IsvAborted: a plugin threw InvalidPluginExecutionException; the message is the plugin's.</summary>
    public const int IsvAborted = -2147220891;

    /// <summary>0x80040224 IsvUnExpected: "An unexpected error occurred from ISV code." (any other plugin exception).</summary>
    public const int IsvUnexpected = -2147220956;

    /// <summary>
    /// 0x80044182: the depth limit ("... included an infinite loop"). UNVERIFIED: taken from the project brief;
    /// the public code list could not be checked for this one. The message text is the documented one.
    /// </summary>
    public const int InfiniteLoop = -2147204734;

    /// <summary>0x80040251 NoActiveTransaction? UNVERIFIED code; the message text is the well-known one.</summary>
    public const int NoActiveTransaction = -2147220911;

    /// <summary>0x80040203 InvalidArgument: a request parameter is missing or has the wrong type.</summary>
    public const int InvalidArgument = -2147220989;

    /// <summary>0x80040216 Unspecified / NotSupported in LocalOrg: something this host deliberately does not do.</summary>
    public const int NotSupported = -2147220970;

    /// <summary>
    /// 0x80041103 QueryBuilderNoAttribute: "'&lt;Table&gt;' entity doesn't contain attribute with Name = '&lt;column&gt;'
    /// and NameMapping = 'Logical' ..." (a column the table does not have). Code and text as Dataverse returns them
    /// (a Web API error body with this code; Microsoft's Project Operations upgrade guide quotes the text).
    /// </summary>
    public const int QueryBuilderNoAttribute = -2147217149;

    /// <summary>
    /// 0x8004431A: "A validation error occurred. The value N of '&lt;column&gt;' on record of type '&lt;table&gt;' is
    /// outside the valid range. Accepted Values: ..." (a choice value the column does not have).
    /// </summary>
    public const int OptionValueOutOfRange = -2147204326;

    /// <summary>
    /// 0x80040216: "Incorrect type of attribute value &lt;CLR type&gt;" (a value of the wrong type for the column).
    /// UNVERIFIED code: the text is the platform's as widely quoted; the code is what public Dataverse test doubles use.
    /// </summary>
    public const int IncorrectAttributeValueType = -2147220970;

    /// <summary>0x8004800D? ExecuteMultiple over the batch limit. UNVERIFIED code; ErrorDetails carries "MaxBatchSize".</summary>
    public const int ExecuteMultipleBatchSizeExceeded = -2147220715;
}

/// <summary>Builds the FaultException&lt;OrganizationServiceFault&gt; the real client raises.</summary>
internal static class ServiceFaults
{
    public const string IsvUnexpectedMessage = "An unexpected error occurred from ISV code.";

    public const string InfiniteLoopMessage =
        "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.";

    public const string NoActiveTransactionMessage =
        "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.";

    public static FaultException<OrganizationServiceFault> Create(int errorCode, string message, string? traceText = null)
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = errorCode,
            Message = message,
            TraceText = traceText,
            Timestamp = DateTime.UtcNow,
        };
        return new FaultException<OrganizationServiceFault>(fault, new FaultReason(message));
    }

    public static FaultException<OrganizationServiceFault> Wrap(OrganizationServiceFault fault) =>
        new(fault, new FaultReason(fault.Message ?? string.Empty));

    public static FaultException<OrganizationServiceFault> DoesNotExist(string entity, Guid id) =>
        Create(DataverseErrorCodes.ObjectDoesNotExist, $"{entity} With Id = {id} Does Not Exist");

    public static FaultException<OrganizationServiceFault> KeyDoesNotExist(string entity) =>
        Create(DataverseErrorCodes.ObjectDoesNotExist, $"A record with the specified key values does not exist in {entity} entity");

    public static FaultException<OrganizationServiceFault> InvalidArgument(string message) =>
        Create(DataverseErrorCodes.InvalidArgument, message);

    public static FaultException<OrganizationServiceFault> NotSupported(string what) =>
        Create(DataverseErrorCodes.NotSupported, $"{what} is not supported by LocalOrganization (the in-memory organisation).");
}
