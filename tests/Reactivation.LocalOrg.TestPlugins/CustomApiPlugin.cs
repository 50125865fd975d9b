using Reactivation.Plugins.Pipeline;

namespace Reactivation.LocalOrg.TestPlugins;

/// <summary>
/// The main-operation plugin of the test Custom API: echoes the request parameter <c>rx_Text</c>
/// (repeated <c>rx_Times</c> times, default 1) into the response property <c>rx_Echo</c> and reports
/// the stage it ran at in <c>rx_Stage</c>.
/// </summary>
public sealed class CustomApiPlugin : PluginBase
{
    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.GetInputParameter<string>("rx_Text") ?? string.Empty;
        var times = context.Execution.InputParameters.Contains("rx_Times") ? context.GetInputParameter<int>("rx_Times") : 1;
        context.SetOutputParameter("rx_Echo", string.Concat(Enumerable.Repeat(text, times)));
        context.SetOutputParameter("rx_Stage", context.Stage);
    }
}
