using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.TestPlugins;

/// <summary>
/// Counts its executions in an instance field and traces "counter[label]=n": the count only grows
/// if the host reuses the instance, as Dataverse does (which is why plugins must keep no state).
/// </summary>
public sealed class CounterPlugin(string? unsecureConfiguration) : IPlugin
{
    private readonly StepConfiguration _config = new(unsecureConfiguration);
    private int _executions;

    public void Execute(IServiceProvider serviceProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceProvider);
        var tracing = (ITracingService?)serviceProvider.GetService(typeof(ITracingService));
        var count = Interlocked.Increment(ref _executions);
        tracing?.Trace("counter[{0}]={1}", _config.Label, count);
    }
}
