using System.Reflection;
using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Pipeline;
using Reactivation.LocalOrg.Query;
using Reactivation.LocalOrg.Registration;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg;

/// <summary>
/// An in-memory Dataverse organisation: the organisation service (CRUD, QueryExpression, the request
/// messages the product uses) and the event pipeline that runs registered plugin steps the way Dataverse
/// does. Not thread-safe for concurrent callers by design: calls are serialised on one lock, as one
/// organisation processes one simulation.
/// </summary>
/// <remarks>
/// Partial: the solution-folder reader (LoadSolution) lives in Solution/ and calls <see cref="Register(StepRegistration)"/>
/// and <see cref="Register(CustomApiRegistration)"/>.
/// </remarks>
public sealed partial class LocalOrganization : IOrganizationServiceFactory
{
    private readonly object _gate = new();
    private readonly EntityStore _store;
    private readonly QueryEngine _queries;
    private readonly List<StepRuntime> _steps = [];
    private readonly Dictionary<string, CustomApiRuntime> _customApis = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<AsyncOperationRecord> _asyncOperations = [];
    private readonly Queue<PendingAsync> _asyncQueue = new();
    private readonly List<PluginTraceRecord> _traceLog = [];
    private readonly List<RequestRecord> _requestLog = [];
    private long _requestSequence;

    public LocalOrganization(LocalOrganizationOptions? options = null)
    {
        Options = options ?? new LocalOrganizationOptions();
        _store = new EntityStore(PrimaryIdAttributeOf);
        _queries = new QueryEngine(_store, Options);
    }

    public LocalOrganizationOptions Options { get; }

    /// <summary>"Now" by the organisation's clock (UTC).</summary>
    public DateTime UtcNow => DateTime.SpecifyKind(Options.Clock(), DateTimeKind.Utc);

    public IReadOnlyList<StepRegistration> Steps
    {
        get
        {
            lock (_gate)
            {
                return _steps.Select(s => s.Registration).ToList();
            }
        }
    }

    public IReadOnlyList<CustomApiRegistration> CustomApis
    {
        get
        {
            lock (_gate)
            {
                return _customApis.Values.Select(c => c.Registration).ToList();
            }
        }
    }

    /// <summary>Every asynchronous step execution queued so far, with its status.</summary>
    public IReadOnlyList<AsyncOperationRecord> AsyncOperations
    {
        get
        {
            lock (_gate)
            {
                return _asyncOperations.ToList();
            }
        }
    }

    /// <summary>One row per plugin execution (plugintracelog with the setting "All"). Rows survive rollbacks.</summary>
    public IReadOnlyList<PluginTraceRecord> TraceLog
    {
        get
        {
            lock (_gate)
            {
                return _traceLog.ToList();
            }
        }
    }

    /// <summary>Every organisation-service request (round trip), from outside callers and from plugins.</summary>
    public IReadOnlyList<RequestRecord> RequestLog
    {
        get
        {
            lock (_gate)
            {
                return _requestLog.ToList();
            }
        }
    }

    /// <summary>Empties the request and trace logs, e.g. after arranging data, so a test counts only what it acts on.</summary>
    public void ClearLogs()
    {
        lock (_gate)
        {
            _requestLog.Clear();
            _traceLog.Clear();
        }
    }

    /// <summary>
    /// The primary key column of a table: <see cref="LocalOrganizationOptions.PrimaryIdAttribute"/> if it
    /// answers, else <c>activityid</c> for activity tables, else <c>&lt;table&gt;id</c>.
    /// </summary>
    public string PrimaryIdAttributeOf(string entityLogicalName) =>
        Options.PrimaryIdAttribute?.Invoke(entityLogicalName)
        ?? (Options.ActivityTables.Contains(entityLogicalName) ? "activityid" : entityLogicalName + "id");

    /// <summary>
    /// The organisation service for a user, as an outside caller (Depth 1 operations, no transaction yet).
    /// A null user is the SYSTEM user.
    /// </summary>
    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        var user = userId ?? Options.SystemUserId;
        return new LocalOrganizationService(this, new Caller(user, user, 0, RequestOrigin.Caller, null, null, null, null));
    }

    /// <summary>Registers a plugin step. Fails with ArgumentException for what Dataverse would refuse to register.</summary>
    public void Register(StepRegistration step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_gate)
        {
            StepValidation.Validate(step);
            if (_steps.Any(s => s.Registration.StepId == step.StepId))
            {
                throw new ArgumentException($"A step with id {step.StepId} is already registered ('{step.Name}').", nameof(step));
            }

            _steps.Add(new StepRuntime(step, ResolvePluginType(step.PluginTypeName, step.Name), _steps.Count));
        }
    }

    /// <summary>
    /// Sets a registered step's unsecure configuration, as an admin does after import (team ids, the time zone
    /// offset): the next execution gets a new plugin instance built with it, as Dataverse recreates the instance
    /// when a step changes. Returns the configuration it replaced.
    /// </summary>
    /// <exception cref="ArgumentException">No step with that id is registered.</exception>
    public string? ConfigureStep(Guid stepId, string? unsecureConfiguration)
    {
        lock (_gate)
        {
            var index = _steps.FindIndex(s => s.Registration.StepId == stepId);
            if (index < 0)
            {
                throw new ArgumentException($"No step with id {stepId} is registered.", nameof(stepId));
            }

            var runtime = _steps[index];
            _steps[index] = new StepRuntime(runtime.Registration with { UnsecureConfiguration = unsecureConfiguration }, runtime.PluginType, runtime.Order);
            return runtime.Registration.UnsecureConfiguration;
        }
    }

    /// <summary>Registers a Custom API: its message becomes executable, and its plugin runs at stage 30.</summary>
    public void Register(CustomApiRegistration customApi)
    {
        ArgumentNullException.ThrowIfNull(customApi);
        lock (_gate)
        {
            if (string.IsNullOrWhiteSpace(customApi.UniqueName))
            {
                throw new ArgumentException("A Custom API needs a unique name.", nameof(customApi));
            }

            if (_customApis.ContainsKey(customApi.UniqueName))
            {
                throw new ArgumentException($"The Custom API '{customApi.UniqueName}' is already registered.", nameof(customApi));
            }

            var type = string.IsNullOrWhiteSpace(customApi.PluginTypeName) ? null : ResolvePluginType(customApi.PluginTypeName, customApi.UniqueName);
            _customApis.Add(customApi.UniqueName, new CustomApiRuntime(customApi, type));
        }
    }

    /// <summary>Defines a unique alternate key on a table. Fails if existing rows already share key values.</summary>
    public void DefineAlternateKey(string entityLogicalName, string keyName, params string[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityLogicalName);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        if (columns is not { Length: > 0 })
        {
            throw new ArgumentException("An alternate key needs at least one column.", nameof(columns));
        }

        lock (_gate)
        {
            _store.DefineAlternateKey(entityLogicalName, keyName, columns);
        }
    }

    /// <summary>
    /// Runs the queued asynchronous steps, including any they queue in turn, each in its own transaction.
    /// A failure is recorded on its <see cref="AsyncOperationRecord"/> and rolls back only that execution's writes.
    /// </summary>
    /// <returns>How many async executions ran.</returns>
    public int PumpAsyncOperations()
    {
        lock (_gate)
        {
            var ran = 0;
            while (_asyncQueue.Count > 0)
            {
                RunAsync(_asyncQueue.Dequeue());
                ran++;
            }

            return ran;
        }
    }

    private Type ResolvePluginType(string typeName, string owner)
    {
        var type = Options.PluginAssemblies
            .Select(a => a.GetType(typeName, throwOnError: false, ignoreCase: false))
            .FirstOrDefault(t => t != null)
            ?? Type.GetType(typeName, throwOnError: false);
        if (type == null)
        {
            var searched = Options.PluginAssemblies.Count == 0 ? "none (set LocalOrganizationOptions.PluginAssemblies)" : string.Join(", ", Options.PluginAssemblies.Select(a => a.GetName().Name));
            throw new ArgumentException($"'{owner}': the plugin type '{typeName}' was not found. Assemblies searched: {searched}.");
        }

        if (!typeof(IPlugin).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"'{owner}': '{typeName}' is not a concrete IPlugin.");
        }

        if (PluginFactory.Constructor(type) == null)
        {
            throw new ArgumentException($"'{owner}': '{typeName}' has none of the constructors Dataverse calls: (string unsecure, string secure), (string unsecure) or ().");
        }

        return type;
    }
}

/// <summary>A registered step with its plugin type and its one cached instance (created on first use).</summary>
internal sealed class StepRuntime
{
    public StepRuntime(StepRegistration registration, Type pluginType, int order)
    {
        Registration = registration;
        PluginType = pluginType;
        Order = order;
    }

    public StepRegistration Registration { get; }

    public Type PluginType { get; }

    public int Order { get; }

    public IPlugin? Instance { get; set; }

    public IPlugin GetPlugin() =>
        Instance ??= PluginFactory.Create(PluginType, Registration.UnsecureConfiguration, Registration.SecureConfiguration);
}

internal sealed class CustomApiRuntime
{
    public CustomApiRuntime(CustomApiRegistration registration, Type? pluginType)
    {
        Registration = registration;
        PluginType = pluginType;
    }

    public CustomApiRegistration Registration { get; }

    public Type? PluginType { get; }

    public IPlugin? Instance { get; set; }

    public IPlugin? GetPlugin() => PluginType == null ? null : Instance ??= PluginFactory.Create(PluginType, null, null);
}

/// <summary>Creates plugins with the constructor Dataverse would pick: (unsecure, secure), then (unsecure), then ().</summary>
internal static class PluginFactory
{
    public static ConstructorInfo? Constructor(Type type) =>
        type.GetConstructor([typeof(string), typeof(string)])
        ?? type.GetConstructor([typeof(string)])
        ?? type.GetConstructor(Type.EmptyTypes);

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
}

/// <summary>What Dataverse refuses when a step is registered.</summary>
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

            var message = step.MessageName;
            if (!IsOneOf(message, "Create", "Update", "Delete"))
            {
                throw new ArgumentException($"Step '{step.Name}', image '{image.EntityAlias}': LocalOrganization supports images on Create, Update and Delete only, not on '{message}'.", nameof(step));
            }

            if (pre && IsOneOf(message, "Create"))
            {
                throw new ArgumentException($"Step '{step.Name}', image '{image.EntityAlias}': a Create has no pre-image (the row does not exist yet).", nameof(step));
            }

            if (post && IsOneOf(message, "Delete"))
            {
                throw new ArgumentException($"Step '{step.Name}', image '{image.EntityAlias}': a Delete has no post-image (the row is gone).", nameof(step));
            }

            if (post && step.Stage != 40)
            {
                throw new ArgumentException($"Step '{step.Name}', image '{image.EntityAlias}': post-images exist only at PostOperation (40), not at stage {step.Stage}.", nameof(step));
            }
        }
    }

    public static bool IsOneOf(string message, params string[] names) =>
        names.Any(n => string.Equals(n, message, StringComparison.OrdinalIgnoreCase));
}
