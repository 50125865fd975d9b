using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Reactivation.LocalOrg.Pipeline;

/// <summary>IOrganizationService for one caller: every method is a request through the pipeline.</summary>
internal sealed class LocalOrganizationService : IOrganizationService
{
    private readonly EventPipeline _pipeline;
    private readonly Caller _caller;

    public LocalOrganizationService(EventPipeline pipeline, Caller caller)
    {
        _pipeline = pipeline;
        _caller = caller;
    }

    public Guid Create(Entity entity) =>
        ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
        ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

    public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

    public OrganizationResponse Execute(OrganizationRequest request) => _pipeline.Execute(request, _caller);

    // Sent as requests so they are logged like any round trip; the pipeline answers "not supported".
    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(Relate("Associate", entityName, entityId, relationship, relatedEntities));

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(Relate("Disassociate", entityName, entityId, relationship, relatedEntities));

    private static OrganizationRequest Relate(string name, string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        new(name)
        {
            ["Target"] = new EntityReference(entityName, entityId),
            ["Relationship"] = relationship,
            ["RelatedEntities"] = relatedEntities,
        };

    public EntityCollection RetrieveMultiple(QueryBase query) =>
        ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;
}
