using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.PluginTelemetry;

namespace Reactivation.LocalOrg.Pipeline;

/// <summary>What IServiceProvider.GetService answers inside a plugin; null for anything else, like the platform.</summary>
internal sealed class PluginServiceProvider : IServiceProvider, IOrganizationServiceFactory
{
    private readonly EventPipeline _pipeline;
    private readonly PluginExecutionContext _context;
    private readonly Caller _template;

    public PluginServiceProvider(EventPipeline pipeline, PluginExecutionContext context, Caller template, PluginTracingService tracing)
    {
        _pipeline = pipeline;
        _context = context;
        _template = template;
        Tracing = tracing;
    }

    public PluginTracingService Tracing { get; }

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext)
            || serviceType == typeof(IPluginExecutionContext2) || serviceType == typeof(IPluginExecutionContext3)
            || serviceType == typeof(IPluginExecutionContext4))
        {
            return _context;
        }

        if (serviceType == typeof(IOrganizationServiceFactory))
        {
            return this;
        }

        if (serviceType == typeof(ITracingService))
        {
            return Tracing;
        }

        if (serviceType == typeof(ILogger))
        {
            return PluginLogger.Instance;
        }

        return null;
    }

    /// <summary>A null user id is the SYSTEM user; the initiating user stays the original caller.</summary>
    public IOrganizationService CreateOrganizationService(Guid? userId) =>
        new LocalOrganizationService(_pipeline, _template with { UserId = userId ?? _pipeline.Options.SystemUserId });
}

/// <summary>ITracingService: formats like the real one (string.Format only when there are arguments) and keeps the lines.</summary>
internal sealed class PluginTracingService : ITracingService
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Trace(string format, params object[] args) =>
        _lines.Add(args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format ?? string.Empty);
}

/// <summary>Application Insights is not connected here, so the logger writes nothing (as in an org without it).</summary>
internal sealed class PluginLogger : ILogger
{
    public static readonly PluginLogger Instance = new();

    public IDisposable BeginScope<TState>(TState state) => Scope.Instance;

    public IDisposable BeginScope(string messageFormat, params object[] args) => Scope.Instance;

    public bool IsEnabled(LogLevel logLevel) => false;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter)
    {
    }

    public void Log(LogLevel logLevel, EventId eventId, Exception exception, string message, params object[] args)
    {
    }

    public void Log(LogLevel logLevel, EventId eventId, string message, params object[] args)
    {
    }

    public void Log(LogLevel logLevel, Exception exception, string message, params object[] args)
    {
    }

    public void Log(LogLevel logLevel, string message, params object[] args)
    {
    }

    public void LogCritical(EventId eventId, Exception exception, string message, params object[] args)
    {
    }

    public void LogCritical(EventId eventId, string message, params object[] args)
    {
    }

    public void LogCritical(Exception exception, string message, params object[] args)
    {
    }

    public void LogCritical(string message, params object[] args)
    {
    }

    public void LogDebug(EventId eventId, Exception exception, string message, params object[] args)
    {
    }

    public void LogDebug(EventId eventId, string message, params object[] args)
    {
    }

    public void LogDebug(Exception exception, string message, params object[] args)
    {
    }

    public void LogDebug(string message, params object[] args)
    {
    }

    public void LogError(EventId eventId, Exception exception, string message, params object[] args)
    {
    }

    public void LogError(EventId eventId, string message, params object[] args)
    {
    }

    public void LogError(Exception exception, string message, params object[] args)
    {
    }

    public void LogError(string message, params object[] args)
    {
    }

    public void LogInformation(EventId eventId, Exception exception, string message, params object[] args)
    {
    }

    public void LogInformation(EventId eventId, string message, params object[] args)
    {
    }

    public void LogInformation(Exception exception, string message, params object[] args)
    {
    }

    public void LogInformation(string message, params object[] args)
    {
    }

    public void LogTrace(EventId eventId, Exception exception, string message, params object[] args)
    {
    }

    public void LogTrace(EventId eventId, string message, params object[] args)
    {
    }

    public void LogTrace(Exception exception, string message, params object[] args)
    {
    }

    public void LogTrace(string message, params object[] args)
    {
    }

    public void LogWarning(EventId eventId, Exception exception, string message, params object[] args)
    {
    }

    public void LogWarning(EventId eventId, string message, params object[] args)
    {
    }

    public void LogWarning(Exception exception, string message, params object[] args)
    {
    }

    public void LogWarning(string message, params object[] args)
    {
    }

    public void LogMetric(string metricName, long value)
    {
    }

    public void LogMetric(string metricName, IDictionary<string, string> metricDimensions, long value)
    {
    }

    public void AddCustomProperty(string propertyName, string propertyValue)
    {
    }

    public void Execute(string activityName, Action action, IEnumerable<KeyValuePair<string, string>>? additionalCustomProperties = null) => action();

    public Task ExecuteAsync(string activityName, Func<Task> action, IEnumerable<KeyValuePair<string, string>>? additionalCustomProperties = null) => action();

    private sealed class Scope : IDisposable
    {
        public static readonly Scope Instance = new();

        public void Dispose()
        {
        }
    }
}
