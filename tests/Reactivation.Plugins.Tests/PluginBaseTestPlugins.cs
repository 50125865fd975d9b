using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Tests;

/// <summary>Does nothing: only the base's own entry/exit tracing is seen.</summary>
public sealed class QuietPlugin : PluginBase
{
    protected override void ExecuteCore(PluginContext context)
    {
    }
}

/// <summary>Traces the Target's columns through TraceValue.Column, personal ones included.</summary>
public sealed class ColumnTracingPlugin : PluginBase
{
    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.GetTarget();
        foreach (var column in new[] { "fullname", "emailaddress1", "telephone1", "birthdate", "address1_city", "rx_visits", "rx_note", "rx_stage", "rx_spent" })
        {
            context.Trace.Write($"{TraceValue.Name(column)}={TraceValue.Column(target, column)}");
        }

        context.Trace.Write($"columns={TraceValue.Columns(target)}");
    }
}

/// <summary>Throws what its configuration says: "ipee:message" or "unexpected:message".</summary>
public sealed class FailingPlugin(string? unsecureConfiguration, string? secureConfiguration)
    : PluginBase(unsecureConfiguration, secureConfiguration)
{
    protected override void ExecuteCore(PluginContext context)
    {
        var config = UnsecureConfiguration ?? string.Empty;
        var message = config[(config.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (config.StartsWith("ipee:", StringComparison.Ordinal))
        {
            throw new InvalidPluginExecutionException(message);
        }

        throw new InvalidOperationException(message);
    }
}

/// <summary>Retrieves a record that does not exist: the organisation service refuses the call.</summary>
public sealed class MissingRecordPlugin : PluginBase
{
    public static readonly Guid MissingId = new("00000000-0000-0000-0000-0000000000aa");

    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.UserService.Retrieve("contact", MissingId, new ColumnSet(false));
    }
}

/// <summary>Traces what PluginContext resolved: whether services are reused, who they act as, the helpers' answers.</summary>
public sealed class ContextProbePlugin(string? unsecureConfiguration, string? secureConfiguration)
    : PluginBase(unsecureConfiguration, secureConfiguration)
{
    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sameUser = ReferenceEquals(context.UserService, context.UserService);
        var sameSystem = ReferenceEquals(context.SystemService, context.SystemService);
        var user = (Guid)context.UserService.Execute(new OrganizationRequest("WhoAmI")).Results["UserId"]!;
        var system = (Guid)context.SystemService.Execute(new OrganizationRequest("WhoAmI")).Results["UserId"]!;
        context.Trace.Write($"sameuser={sameUser} samesystem={sameSystem} user={user} system={system}");
        context.Trace.Write(
            $"iscreate={context.IsMessage("create")} isupdate={context.IsMessage("Update")} stage={context.Stage} depth={context.Depth} async={context.IsAsynchronous}");
        context.Trace.Write($"target={TraceValue.Reference(context.TargetReference)} unsecure={TraceValue.Name(UnsecureConfiguration)} secure={TraceValue.Name(SecureConfiguration)}");
        context.Trace.Write($"braces={TraceValue.Name("{0} {1}")}");
        context.Trace.Write($"preimage={context.PreImage("missing") is null} postimage={context.PostImage("missing") is null}");
    }
}

/// <summary>Asks for a pre-image its step does not register.</summary>
public sealed class MissingImagePlugin : PluginBase
{
    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.GetPreImage("BeforeChange");
    }
}

/// <summary>Asks for an Entity Target on a message that has an EntityReference (Delete).</summary>
public sealed class TargetOnDeletePlugin : PluginBase
{
    protected override void ExecuteCore(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.GetTarget();
    }
}

/// <summary>
/// Stands for another writer: when a plugin reads a contact, changes it (a nested update inside the same
/// transaction bumps its row version, as a concurrent save committing in between would).
/// </summary>
public sealed class ConcurrentContactWriter : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceProvider);
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        if (context.Depth < 2)
        {
            return;
        }

        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        factory.CreateOrganizationService(null).Update(new Entity("contact", context.PrimaryEntityId) { ["rx_satisfaction"] = 5 });
    }
}
