using System;

namespace Microsoft.Xrm.Sdk
{
    public interface IPlugin
    {
        void Execute(IServiceProvider serviceProvider);
    }

    public interface IExecutionContext
    {
        /// <summary>0 = synchronous, 1 = asynchronous.</summary>
        int Mode { get; }

        /// <summary>1 = none, 2 = sandbox.</summary>
        int IsolationMode { get; }

        int Depth { get; }

        string MessageName { get; }

        string PrimaryEntityName { get; }

        Guid? RequestId { get; }

        string? SecondaryEntityName { get; }

        ParameterCollection InputParameters { get; }

        ParameterCollection OutputParameters { get; }

        ParameterCollection SharedVariables { get; }

        Guid UserId { get; }

        Guid InitiatingUserId { get; }

        Guid BusinessUnitId { get; }

        Guid OrganizationId { get; }

        string OrganizationName { get; }

        Guid PrimaryEntityId { get; }

        EntityImageCollection PreEntityImages { get; }

        EntityImageCollection PostEntityImages { get; }

        EntityReference? OwningExtension { get; }

        Guid CorrelationId { get; }

        bool IsExecutingOffline { get; }

        bool IsOfflinePlayback { get; }

        bool IsInTransaction { get; }

        Guid OperationId { get; }

        DateTime OperationCreatedOn { get; }
    }

    public interface IPluginExecutionContext : IExecutionContext
    {
        /// <summary>10 PreValidation, 20 PreOperation, 30 MainOperation, 40 PostOperation.</summary>
        int Stage { get; }

        IPluginExecutionContext? ParentContext { get; }
    }

    public interface IPluginExecutionContext2 : IPluginExecutionContext
    {
        Guid UserAzureActiveDirectoryObjectId { get; }

        Guid InitiatingUserAzureActiveDirectoryObjectId { get; }

        Guid InitiatingUserApplicationId { get; }

        Guid PortalsContactId { get; }

        bool IsPortalsClientCall { get; }
    }

    public interface IPluginExecutionContext3 : IPluginExecutionContext2
    {
        Guid AuthenticatedUserId { get; }
    }

    public interface IPluginExecutionContext4 : IPluginExecutionContext3
    {
        /// <summary>For CreateMultiple/UpdateMultiple: one image collection per item of Targets, in the same order.</summary>
        EntityImageCollection[] PreEntityImagesCollection { get; }

        EntityImageCollection[] PostEntityImagesCollection { get; }
    }

    public interface IOrganizationServiceFactory
    {
        /// <summary>A null user id means the SYSTEM user.</summary>
        IOrganizationService CreateOrganizationService(Guid? userId);
    }

    public interface IOrganizationService
    {
        Guid Create(Entity entity);

        Entity Retrieve(string entityName, Guid id, Query.ColumnSet columnSet);

        void Update(Entity entity);

        void Delete(string entityName, Guid id);

        OrganizationResponse Execute(OrganizationRequest request);

        void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);

        void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);

        EntityCollection RetrieveMultiple(Query.QueryBase query);
    }

    public interface ITracingService
    {
        void Trace(string format, params object[] args);
    }

    public interface IServiceEndpointNotificationService
    {
        string Execute(EntityReference serviceEndpoint, IExecutionContext context);
    }

    public enum OperationStatus
    {
        Failed,
        Canceled,
        Retry,
        Suspended,
        Succeeded,
    }

    public enum PluginHttpStatusCode
    {
        NotSet = 0,
        BadRequest = 400,
        Unauthorized = 401,
        Forbidden = 403,
        NotFound = 404,
        MethodNotAllowed = 405,
        RequestTimeout = 408,
        Conflict = 409,
        Gone = 410,
        PreconditionFailed = 412,
        RequestEntityTooLarge = 413,
        FailedDependency = 424,
        TooManyRequests = 429,
        InternalServerError = 500,
        BadGateway = 502,
        ServiceUnavailable = 503,
        GatewayTimeout = 504,
    }

    /// <summary>
    /// The exception a plugin throws to cancel the operation with a message for the caller.
    /// GetObjectData is deliberately not overridden: it is [SecurityCritical] and fails in the partial-trust sandbox.
    /// </summary>
    [Serializable]
    public sealed class InvalidPluginExecutionException : Exception
    {
        public InvalidPluginExecutionException()
        {
        }

        public InvalidPluginExecutionException(OperationStatus status) => Status = status;

        public InvalidPluginExecutionException(string message)
            : base(message)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, string message)
            : base(message) => Status = status;

        public InvalidPluginExecutionException(string message, Exception exception)
            : base(message, exception)
        {
            // A plugin that wraps another plugin-level failure keeps the HTTP status the inner one chose.
            if (exception is InvalidPluginExecutionException inner)
            {
                HttpStatus = inner.HttpStatus;
            }
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
            : base(message)
        {
            Status = status;
            if (errorCode != 0)
            {
                HResult = errorCode;
            }
        }

        public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus)
            : base(message) => HttpStatus = httpStatus;

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message, PluginHttpStatusCode httpStatus)
            : this(status, errorCode, message) => HttpStatus = httpStatus;

        public OperationStatus Status { get; } = OperationStatus.Failed;

        public int ErrorCode => HResult;

        public PluginHttpStatusCode HttpStatus { get; }
    }
}
