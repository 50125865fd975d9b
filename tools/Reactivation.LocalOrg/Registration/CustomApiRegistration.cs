namespace Reactivation.LocalOrg.Registration;

/// <summary>
/// A Custom API (customapis/&lt;uniquename&gt;/customapi.xml): its plugin runs at stage 30 with the
/// request parameters as InputParameters and writes the response properties to OutputParameters.
/// </summary>
/// <param name="BindingType">0 Global, 1 Entity, 2 EntityCollection.</param>
public sealed record CustomApiRegistration(
    string UniqueName,
    string PluginTypeName,
    int BindingType,
    string? BoundEntityLogicalName,
    bool IsFunction,
    bool IsPrivate,
    IReadOnlyList<CustomApiParameter> RequestParameters,
    IReadOnlyList<CustomApiParameter> ResponseProperties);

/// <summary>A request parameter or response property of a Custom API.</summary>
/// <param name="Type">0 Boolean, 1 DateTime, 2 Decimal, 3 Entity, 4 EntityCollection, 5 EntityReference,
/// 6 Float, 7 Integer, 8 Money, 9 Picklist, 10 String, 11 StringArray, 12 Guid.</param>
public sealed record CustomApiParameter(string UniqueName, int Type, bool IsOptional);
