using System.Reflection;
using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Messages;

namespace Reactivation.LocalOrg.Registration;

/// <summary>A registered plugin the pipeline can run: a step's, or a Custom API's.</summary>
internal interface IRegisteredPlugin
{
    /// <summary>The step's name or the Custom API's unique name, as the trace and the request log show it.</summary>
    string Name { get; }

    string PluginTypeName { get; }

    /// <summary>The one cached instance, created on first use; null for a Custom API without a plugin.</summary>
    IPlugin? GetPlugin();
}

/// <summary>A registered step with its plugin type and its one cached instance (created on first use).</summary>
internal sealed class RegisteredStep(StepRegistration registration, Type pluginType, int order) : IRegisteredPlugin
{
    private IPlugin? _instance;

    public StepRegistration Registration { get; } = registration;

    public Type PluginType { get; } = pluginType;

    /// <summary>Registration order: steps of equal rank run in it.</summary>
    public int Order { get; } = order;

    public string Name => Registration.Name;

    public string PluginTypeName => PluginType.FullName!;

    public IPlugin GetPlugin() =>
        _instance ??= PluginFactory.Create(PluginType, Registration.UnsecureConfiguration, Registration.SecureConfiguration);

    IPlugin? IRegisteredPlugin.GetPlugin() => GetPlugin();
}

/// <summary>A registered Custom API with its plugin type (none for an API without a plugin) and cached instance.</summary>
internal sealed class RegisteredCustomApi(CustomApiRegistration registration, Type? pluginType) : IRegisteredPlugin
{
    private IPlugin? _instance;

    public CustomApiRegistration Registration { get; } = registration;

    public string Name => Registration.UniqueName;

    public string PluginTypeName => pluginType?.FullName ?? string.Empty;

    public IPlugin? GetPlugin() => pluginType == null ? null : _instance ??= PluginFactory.Create(pluginType, null, null);
}

/// <summary>
/// The organisation's plugin registrations (sdkmessageprocessingstep and customapi rows): what Dataverse refuses
/// to register is refused here, and plugin type names are bound to types of the host's plugin assemblies.
/// </summary>
internal sealed class PluginRegistrations(IReadOnlyList<Assembly> pluginAssemblies)
{
    private readonly List<RegisteredStep> _steps = [];
    private readonly Dictionary<string, RegisteredCustomApi> _customApis = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<StepRegistration> Steps => _steps.Select(s => s.Registration).ToList();

    public IReadOnlyList<CustomApiRegistration> CustomApis => _customApis.Values.Select(c => c.Registration).ToList();

    public void Register(StepRegistration step)
    {
        StepValidation.Validate(step);
        if (_steps.Exists(s => s.Registration.StepId == step.StepId))
        {
            throw new ArgumentException($"A step with id {step.StepId} is already registered ('{step.Name}').", nameof(step));
        }

        _steps.Add(new RegisteredStep(step, Resolve(step.PluginTypeName, step.Name), _steps.Count));
    }

    public void Register(CustomApiRegistration customApi)
    {
        if (string.IsNullOrWhiteSpace(customApi.UniqueName))
        {
            throw new ArgumentException("A Custom API needs a unique name.", nameof(customApi));
        }

        if (_customApis.ContainsKey(customApi.UniqueName))
        {
            throw new ArgumentException($"The Custom API '{customApi.UniqueName}' is already registered.", nameof(customApi));
        }

        var type = string.IsNullOrWhiteSpace(customApi.PluginTypeName) ? null : Resolve(customApi.PluginTypeName, customApi.UniqueName);
        _customApis.Add(customApi.UniqueName, new RegisteredCustomApi(customApi, type));
    }

    /// <summary>Replaces a step's unsecure configuration; the step gets a new plugin instance. Returns the old configuration.</summary>
    public string? Configure(Guid stepId, string? unsecureConfiguration)
    {
        var index = _steps.FindIndex(s => s.Registration.StepId == stepId);
        if (index < 0)
        {
            throw new ArgumentException($"No step with id {stepId} is registered.", nameof(stepId));
        }

        var step = _steps[index];
        _steps[index] = new RegisteredStep(step.Registration with { UnsecureConfiguration = unsecureConfiguration }, step.PluginType, step.Order);
        return step.Registration.UnsecureConfiguration;
    }

    public RegisteredCustomApi? FindCustomApi(string uniqueName) => _customApis.TryGetValue(uniqueName, out var api) ? api : null;

    /// <summary>
    /// The steps of one stage and mode for a message on a table, in execution order: by rank, then in registration
    /// order. A step on no table (empty or "none") runs for every table.
    /// </summary>
    public List<RegisteredStep> StepsFor(string message, string entity, int stage, int mode) => _steps
        .Where(s => s.Registration.Stage == stage && s.Registration.Mode == mode
            && string.Equals(s.Registration.MessageName, message, StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrEmpty(s.Registration.PrimaryEntity) || string.Equals(s.Registration.PrimaryEntity, "none", StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.Registration.PrimaryEntity, entity, StringComparison.Ordinal)))
        .OrderBy(s => s.Registration.Rank)
        .ThenBy(s => s.Order)
        .ToList();

    private Type Resolve(string typeName, string owner)
    {
        var type = pluginAssemblies
            .Select(a => a.GetType(typeName, throwOnError: false, ignoreCase: false))
            .FirstOrDefault(t => t != null)
            ?? Type.GetType(typeName, throwOnError: false);
        if (type == null)
        {
            throw new ArgumentException($"'{owner}': the plugin type '{typeName}' was not found. Assemblies searched: {PluginFactory.Describe(pluginAssemblies)}.");
        }

        if (PluginFactory.Unusable(type) is { } problem)
        {
            throw new ArgumentException($"'{owner}': '{typeName}' {problem}.");
        }

        return type;
    }
}

/// <summary>Creates plugins with the constructor Dataverse would pick: (unsecure, secure), then (unsecure), then ().</summary>
internal static class PluginFactory
{
    /// <summary>Why Dataverse could not run the type as a plugin, or null when it can.</summary>
    public static string? Unusable(Type type) =>
        !typeof(IPlugin).IsAssignableFrom(type) || type.IsAbstract ? "is not a concrete IPlugin"
        : Constructor(type) == null ? "has none of the constructors Dataverse calls: (string unsecure, string secure), (string unsecure) or ()"
        : null;

    /// <summary>The host's plugin assemblies by name, for error messages.</summary>
    public static string Describe(IReadOnlyList<Assembly> assemblies) =>
        assemblies.Count == 0 ? "none (set LocalOrganizationOptions.PluginAssemblies)" : string.Join(", ", assemblies.Select(a => a.GetName().Name));

    public static IPlugin Create(Type type, string? unsecure, string? secure)
    {
        var constructor = Constructor(type)!;
        var parameters = constructor.GetParameters().Length;
        object?[] args = parameters switch
        {
            2 => [unsecure, secure],
            1 => [unsecure],
            _ => [],
        };
        try
        {
            return (IPlugin)constructor.Invoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            // Surface the constructor's own exception (e.g. an InvalidPluginExecutionException about its configuration).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static ConstructorInfo? Constructor(Type type) =>
        type.GetConstructor([typeof(string), typeof(string)])
        ?? type.GetConstructor([typeof(string)])
        ?? type.GetConstructor(Type.EmptyTypes);
}

/// <summary>What Dataverse refuses when a step is registered. Which images a message takes, its handler says.</summary>
internal static class StepValidation
{
    public static void Validate(StepRegistration step)
    {
        if (string.IsNullOrWhiteSpace(step.MessageName))
        {
            throw new ArgumentException($"Step '{step.Name}' has no message.", nameof(step));
        }

        if (step.Stage is not (10 or 20 or 40))
        {
            throw new ArgumentException($"Step '{step.Name}': stage {step.Stage} is not one a plugin step can use (10 PreValidation, 20 PreOperation, 40 PostOperation).", nameof(step));
        }

        if (step.Mode is not (0 or 1))
        {
            throw new ArgumentException($"Step '{step.Name}': mode {step.Mode} is neither 0 (synchronous) nor 1 (asynchronous).", nameof(step));
        }

        if (step.Mode == 1 && step.Stage != 40)
        {
            throw new ArgumentException($"Step '{step.Name}': asynchronous steps can only be registered on PostOperation (40).", nameof(step));
        }

        var message = step.MessageName;
        var supported = MessageHandlers.ImagesOf(message);
        foreach (var image in step.Images ?? [])
        {
            var pre = image.ImageType is 0 or 2;
            var post = image.ImageType is 1 or 2;
            if (image.ImageType is not (0 or 1 or 2))
            {
                throw new ArgumentException($"Step '{step.Name}', image '{image.EntityAlias}': image type {image.ImageType} is not 0 (pre), 1 (post) or 2 (both).", nameof(step));
            }

            if (string.IsNullOrWhiteSpace(image.EntityAlias))
            {
                throw new ArgumentException($"Step '{step.Name}': an image needs an entity alias.", nameof(step));
            }

            if (supported == ImageSupport.None)
            {
                throw new ArgumentException(
                    $"Step '{step.Name}', image '{image.EntityAlias}': LocalOrganization supports images on {MessageHandlers.WithImages(ImageSupport.Pre | ImageSupport.Post)} only, not on '{message}'.", nameof(step));
            }

            if (pre && (supported & ImageSupport.Pre) == 0)
            {
                throw new ArgumentException(
                    $"Step '{step.Name}', image '{image.EntityAlias}': a {message} has no pre-image (pre-images exist on {MessageHandlers.WithImages(ImageSupport.Pre)}).", nameof(step));
            }

            if (post && (supported & ImageSupport.Post) == 0)
            {
                throw new ArgumentException(
                    $"Step '{step.Name}', image '{image.EntityAlias}': a {message} has no post-image (post-images exist on {MessageHandlers.WithImages(ImageSupport.Post)}).", nameof(step));
            }

            if (post && step.Stage != 40)
            {
                throw new ArgumentException($"Step '{step.Name}', image '{image.EntityAlias}': post-images exist only at PostOperation (40), not at stage {step.Stage}.", nameof(step));
            }
        }
    }
}
