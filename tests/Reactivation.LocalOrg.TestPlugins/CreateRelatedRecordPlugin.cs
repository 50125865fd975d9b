using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.LocalOrg.TestPlugins;

/// <summary>
/// Creates a <c>entity</c> record whose <c>lookup</c> column points at the Target, through the
/// organisation service (a nested operation: Depth + 1, same transaction).
/// </summary>
public sealed class CreateRelatedRecordPlugin(string? unsecureConfiguration, string? secureConfiguration)
    : PluginBase(unsecureConfiguration, secureConfiguration)
{
    private readonly StepConfiguration _config = new(unsecureConfiguration);

    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parent = context.TargetReference ?? throw new InvalidPluginExecutionException("No Target to relate to.");
        if (parent.Id == Guid.Empty && context.Execution.OutputParameters.TryGetValue("id", out var id) && id is Guid created)
        {
            parent = new EntityReference(parent.LogicalName, created);
        }

        var child = new Entity(_config.Require("entity"))
        {
            [_config.Require("lookup")] = parent,
        };
        var service = string.Equals(_config.Get("service"), "system", StringComparison.OrdinalIgnoreCase)
            ? context.SystemService
            : context.UserService;
        var childId = service.Create(child);
        context.Trace.Write($"created related {TraceValue.Name(child.LogicalName)} {childId}");
    }
}
