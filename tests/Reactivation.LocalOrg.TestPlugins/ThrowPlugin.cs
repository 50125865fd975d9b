using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.TestPlugins;

/// <summary>
/// Fails the operation: <c>kind=ipee</c> throws InvalidPluginExecutionException(<c>message</c>),
/// <c>kind=unexpected</c> throws an InvalidOperationException. With <c>when=column</c> it throws only
/// when the Target carries that column set to true. A bare IPlugin, so nothing wraps what it throws.
/// </summary>
public sealed class ThrowPlugin(string? unsecureConfiguration) : IPlugin
{
    private readonly StepConfiguration _config = new(unsecureConfiguration);

    public void Execute(IServiceProvider serviceProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceProvider);
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var when = _config.Get("when");
        if (when is not null)
        {
            var target = context.InputParameters.TryGetValue("Target", out var t) ? t as Entity : null;
            if (target is null || !target.TryGetAttributeValue<bool>(when, out var flag) || !flag)
            {
                return;
            }
        }

        var message = _config.Get("message") ?? "ThrowPlugin failed on purpose.";
        if (string.Equals(_config.Get("kind"), "unexpected", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message);
        }

        throw new InvalidPluginExecutionException(message);
    }
}
