using Reactivation.Plugins.Pipeline;

namespace Reactivation.LocalOrg.TestPlugins;

/// <summary>Sets <c>attribute</c> to <c>value</c> on the Target (registered at PreOperation, the change is saved with the record).</summary>
public sealed class SetAttributePlugin(string? unsecureConfiguration, string? secureConfiguration)
    : PluginBase(unsecureConfiguration, secureConfiguration)
{
    private readonly StepConfiguration _config = new(unsecureConfiguration);

    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.GetTarget()[_config.Require("attribute")] = StepConfiguration.ParseValue(_config.Require("value"));
    }
}
