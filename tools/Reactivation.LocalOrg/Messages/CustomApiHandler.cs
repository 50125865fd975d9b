using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Pipeline;
using Reactivation.LocalOrg.Registration;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg.Messages;

/// <summary>
/// A Custom API a solution registered: its request parameters checked against the declaration, its plugin run as
/// the main operation at stage 30 with them as InputParameters, its declared response properties returned.
/// </summary>
internal sealed class CustomApiHandler(RegisteredCustomApi api) : OperationHandler(api.Registration.UniqueName)
{
    public override void Prepare(Operation op, EventPipeline pipeline)
    {
        var registration = api.Registration;
        var input = op.InputParameters;
        Validate(registration, input);
        if (registration.BindingType != 0 && input.TryGetValue("Target", out var bound) && bound is EntityReference reference)
        {
            op.EntityName = reference.LogicalName;
            op.EntityId = reference.Id;
        }
        else
        {
            op.EntityName = registration.BoundEntityLogicalName ?? string.Empty;
        }
    }

    public override void Execute(Operation op, EventPipeline pipeline) =>
        pipeline.RunPlugin(api, pipeline.MainOperationContext(op), op.Transaction);

    public override OrganizationResponse Respond(Operation op)
    {
        var response = new OrganizationResponse();
        var declared = api.Registration.ResponseProperties;
        foreach (var pair in op.OutputParameters)
        {
            if (declared.Count == 0 || declared.Any(p => string.Equals(p.UniqueName, pair.Key, StringComparison.Ordinal)))
            {
                response.Results[pair.Key] = Values.Clone(pair.Value);
            }
        }

        return response;
    }

    private static void Validate(CustomApiRegistration api, ParameterCollection input)
    {
        foreach (var parameter in api.RequestParameters)
        {
            if (!input.TryGetValue(parameter.UniqueName, out var value) || value == null)
            {
                if (!parameter.IsOptional)
                {
                    // The platform's wording for this case could not be confirmed; it names the parameter, as here.
                    throw ServiceFaults.InvalidArgument($"Required parameter '{parameter.UniqueName}' of the Custom API '{api.UniqueName}' is missing.");
                }

                continue;
            }

            var expected = ClrTypeOf(parameter.Type);
            if (expected != null && !expected.IsInstanceOfType(value))
            {
                throw ServiceFaults.InvalidArgument(
                    $"The parameter '{parameter.UniqueName}' of the Custom API '{api.UniqueName}' must be a {expected.Name}, not a {value.GetType().Name}.");
            }
        }

        foreach (var key in input.Keys)
        {
            var known = api.RequestParameters.Any(p => string.Equals(p.UniqueName, key, StringComparison.Ordinal))
                || key is "tag" or "SolutionUniqueName" || (api.BindingType != 0 && key == "Target");
            if (!known)
            {
                throw ServiceFaults.InvalidArgument($"The Custom API '{api.UniqueName}' has no request parameter named '{key}'.");
            }
        }
    }

    /// <summary>The CLR type of a Custom API parameter type (customapirequestparameter.type).</summary>
    private static Type? ClrTypeOf(int customApiType) => customApiType switch
    {
        0 => typeof(bool),
        1 => typeof(DateTime),
        2 => typeof(decimal),
        3 => typeof(Entity),
        4 => typeof(EntityCollection),
        5 => typeof(EntityReference),
        6 => typeof(double),
        7 => typeof(int),
        8 => typeof(Money),
        9 => typeof(OptionSetValue),
        10 => typeof(string),
        11 => typeof(string[]),
        12 => typeof(Guid),
        _ => null,
    };
}
