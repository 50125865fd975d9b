using System;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    // Each request's parameterless constructor sets RequestName; each property is a named Parameter whose key is the
    // property name. Response properties read Results the same way. Absent keys give the default value.
    public sealed class CreateRequest : OrganizationRequest
    {
        public CreateRequest() => RequestName = "Create";

        public Entity Target
        {
            get => GetParameter<Entity>(nameof(Target));
            set => Parameters[nameof(Target)] = value;
        }
    }

    public sealed class CreateResponse : OrganizationResponse
    {
        /// <summary>The new row's id (Results["id"], lower-case like the platform's output parameter).</summary>
        public Guid id => GetResult<Guid>("id");
    }

    public sealed class UpdateRequest : OrganizationRequest
    {
        public UpdateRequest() => RequestName = "Update";

        public Entity Target
        {
            get => GetParameter<Entity>(nameof(Target));
            set => Parameters[nameof(Target)] = value;
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => GetParameter<ConcurrencyBehavior>(nameof(ConcurrencyBehavior));
            set => Parameters[nameof(ConcurrencyBehavior)] = value;
        }
    }

    public sealed class UpdateResponse : OrganizationResponse
    {
    }

    public sealed class UpsertRequest : OrganizationRequest
    {
        public UpsertRequest() => RequestName = "Upsert";

        public Entity Target
        {
            get => GetParameter<Entity>(nameof(Target));
            set => Parameters[nameof(Target)] = value;
        }
    }

    public sealed class UpsertResponse : OrganizationResponse
    {
        public bool RecordCreated => GetResult<bool>(nameof(RecordCreated));

        public EntityReference Target => GetResult<EntityReference>(nameof(Target));
    }

    public sealed class DeleteRequest : OrganizationRequest
    {
        public DeleteRequest() => RequestName = "Delete";

        public EntityReference Target
        {
            get => GetParameter<EntityReference>(nameof(Target));
            set => Parameters[nameof(Target)] = value;
        }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => GetParameter<ConcurrencyBehavior>(nameof(ConcurrencyBehavior));
            set => Parameters[nameof(ConcurrencyBehavior)] = value;
        }
    }

    public sealed class DeleteResponse : OrganizationResponse
    {
    }

    /// <summary>RelatedEntitiesQuery (RelationshipQueryCollection) is not part of the stand-in.</summary>
    public sealed class RetrieveRequest : OrganizationRequest
    {
        public RetrieveRequest() => RequestName = "Retrieve";

        public EntityReference Target
        {
            get => GetParameter<EntityReference>(nameof(Target));
            set => Parameters[nameof(Target)] = value;
        }

        public ColumnSet ColumnSet
        {
            get => GetParameter<ColumnSet>(nameof(ColumnSet));
            set => Parameters[nameof(ColumnSet)] = value;
        }

        public bool ReturnNotifications
        {
            get => GetParameter<bool>(nameof(ReturnNotifications));
            set => Parameters[nameof(ReturnNotifications)] = value;
        }
    }

    public sealed class RetrieveResponse : OrganizationResponse
    {
        public Entity Entity => GetResult<Entity>(nameof(Entity));
    }

    public sealed class RetrieveMultipleRequest : OrganizationRequest
    {
        public RetrieveMultipleRequest() => RequestName = "RetrieveMultiple";

        public QueryBase Query
        {
            get => GetParameter<QueryBase>(nameof(Query));
            set => Parameters[nameof(Query)] = value;
        }
    }

    public sealed class RetrieveMultipleResponse : OrganizationResponse
    {
        public EntityCollection EntityCollection => GetResult<EntityCollection>(nameof(EntityCollection));
    }

    public sealed class ExecuteMultipleRequest : OrganizationRequest
    {
        public ExecuteMultipleRequest() => RequestName = "ExecuteMultiple";

        public OrganizationRequestCollection Requests
        {
            get => GetParameter<OrganizationRequestCollection>(nameof(Requests));
            set => Parameters[nameof(Requests)] = value;
        }

        public ExecuteMultipleSettings Settings
        {
            get => GetParameter<ExecuteMultipleSettings>(nameof(Settings));
            set => Parameters[nameof(Settings)] = value;
        }
    }

    public sealed class ExecuteMultipleResponse : OrganizationResponse
    {
        public bool IsFaulted => GetResult<bool>(nameof(IsFaulted));

        public ExecuteMultipleResponseItemCollection Responses => GetResult<ExecuteMultipleResponseItemCollection>(nameof(Responses));
    }

    public sealed class ExecuteTransactionRequest : OrganizationRequest
    {
        public ExecuteTransactionRequest() => RequestName = "ExecuteTransaction";

        public OrganizationRequestCollection Requests
        {
            get => GetParameter<OrganizationRequestCollection>(nameof(Requests));
            set => Parameters[nameof(Requests)] = value;
        }

        public bool? ReturnResponses
        {
            get => GetParameter<bool?>(nameof(ReturnResponses));
            set => Parameters[nameof(ReturnResponses)] = value;
        }
    }

    public sealed class ExecuteTransactionResponse : OrganizationResponse
    {
        public OrganizationResponseCollection Responses => GetResult<OrganizationResponseCollection>(nameof(Responses));
    }
}
