using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Registration;

namespace Reactivation.LocalOrg.Tests.Pipeline;

/// <summary>
/// A plugin whose behaviour the test supplies. The unsecure configuration carries the key of the
/// behaviour, so tests running in parallel never share one. It keeps a counter in a field on purpose:
/// Dataverse caches plugin instances, and a test can see that.
/// </summary>
public sealed class DelegatePlugin : IPlugin
{
    private static readonly ConcurrentDictionary<string, Action<PluginRun>> Behaviours = new(StringComparer.Ordinal);

    private readonly string _key;

    public DelegatePlugin(string unsecureConfiguration, string secureConfiguration)
    {
        _key = unsecureConfiguration;
        SecureConfiguration = secureConfiguration;
    }

    public string? SecureConfiguration { get; }

    public string UnsecureConfiguration => _key;

    /// <summary>State kept in a field: grows across executions because the instance is reused.</summary>
    public int Executions { get; private set; }

    public static string Add(Action<PluginRun> behaviour)
    {
        var key = Guid.NewGuid().ToString("N");
        Behaviours[key] = behaviour;
        return key;
    }

    public void Execute(IServiceProvider serviceProvider)
    {
        Executions++;
        Behaviours[_key](new PluginRun(this, serviceProvider));
    }
}

/// <summary>A plugin with only the (string unsecure) constructor.</summary>
public sealed class UnsecureOnlyPlugin : IPlugin
{
    public static readonly ConcurrentDictionary<string, string> Seen = new(StringComparer.Ordinal);

    private readonly string _unsecure;

    public UnsecureOnlyPlugin(string unsecure) => _unsecure = unsecure;

    public void Execute(IServiceProvider serviceProvider) => Seen[_unsecure] = _unsecure;
}

/// <summary>A plugin with only the parameterless constructor: writes its stage into the Target.</summary>
public sealed class ParameterlessPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        if (context.InputParameters["Target"] is Entity target)
        {
            target["description"] = "stage " + context.Stage.ToString(CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>Not a plugin: registering it must fail.</summary>
public sealed class NotAPlugin
{
}

/// <summary>What a delegate behaviour gets: the plugin, its services and the usual handles.</summary>
public sealed class PluginRun
{
    public PluginRun(DelegatePlugin plugin, IServiceProvider services)
    {
        Plugin = plugin;
        Services = services;
        Context = (IPluginExecutionContext)services.GetService(typeof(IPluginExecutionContext))!;
        Tracing = (ITracingService)services.GetService(typeof(ITracingService))!;
        Factory = (IOrganizationServiceFactory)services.GetService(typeof(IOrganizationServiceFactory))!;
    }

    public DelegatePlugin Plugin { get; }

    public IServiceProvider Services { get; }

    public IPluginExecutionContext Context { get; }

    public ITracingService Tracing { get; }

    public IOrganizationServiceFactory Factory { get; }

    /// <summary>The service as the calling user (what most plugins do).</summary>
    public IOrganizationService Service => Factory.CreateOrganizationService(Context.UserId);

    public Entity Target => (Entity)Context.InputParameters["Target"]!;
}

/// <summary>Builds organisations and registers delegate steps for the tests.</summary>
public static class TestOrg
{
    public static readonly DateTime Now = new(2026, 3, 10, 9, 30, 0, DateTimeKind.Utc);

    public static LocalOrganization Create(Func<DateTime>? clock = null) => new(new LocalOrganizationOptions
    {
        Clock = clock ?? (() => Now),
        PluginAssemblies = [typeof(DelegatePlugin).Assembly],
    });

    public static StepRegistration Step(
        this LocalOrganization organization,
        string message,
        string entity,
        int stage,
        Action<PluginRun> behaviour,
        int rank = 1,
        int mode = 0,
        string[]? filteringAttributes = null,
        ImageRegistration[]? images = null,
        string? name = null,
        string? secure = null)
    {
        var step = new StepRegistration(
            Guid.NewGuid(),
            name ?? $"DelegatePlugin: {message} of {entity} (stage {stage}, rank {rank}, mode {mode})",
            message,
            entity,
            stage,
            mode,
            rank,
            filteringAttributes ?? [],
            images ?? [],
            typeof(DelegatePlugin).FullName!,
            DelegatePlugin.Add(behaviour),
            secure);
        organization.Register(step);
        return step;
    }

    public static ImageRegistration PreImage(string alias = "PreImage", params string[] attributes) => new(alias, 0, attributes, "Target");

    public static ImageRegistration PostImage(string alias = "PostImage", params string[] attributes) => new(alias, 1, attributes, "Target");
}
