using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.LocalOrg.TestPlugins;

/// <summary>
/// Updates its own Target (column <c>attribute</c> = the current Depth), which fires the same step
/// again: the runaway loop the platform stops at the depth limit.
/// </summary>
public sealed class RecursivePlugin(string? unsecureConfiguration, string? secureConfiguration)
    : PluginBase(unsecureConfiguration, secureConfiguration)
{
    private readonly StepConfiguration _config = new(unsecureConfiguration);

    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.TargetReference ?? throw new InvalidPluginExecutionException("No Target.");
        context.Trace.Write($"recursing at depth {context.Depth}");
        context.UserService.Update(new Entity(target.LogicalName, target.Id)
        {
            [_config.Require("attribute")] = context.Depth,
        });
    }
}
