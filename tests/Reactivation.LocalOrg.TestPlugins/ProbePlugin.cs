using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace Reactivation.LocalOrg.TestPlugins;

/// <summary>
/// Traces what the step saw, as one line of space-separated key=value pairs tests can parse:
/// <c>probe[label] message=… entity=… stage=… mode=… depth=… intransaction=… user=… initiatinguser=…
/// parent=… shared=… parentshared=… target=… pre[alias]=… post[alias]=… [target.column=value …]
/// unsecure=… secure=…</c> (column lists are sorted and comma-separated; "-" for none).
/// Configuration: <c>label</c>; <c>share=key</c> sets SharedVariables[key] = label;
/// <c>values=a,b</c> also traces those Target columns' values. A test fixture: unlike product
/// plugins, it traces values on purpose.
/// </summary>
public sealed class ProbePlugin(string? unsecureConfiguration, string? secureConfiguration) : IPlugin
{
    private readonly StepConfiguration _config = new(unsecureConfiguration);

    public void Execute(IServiceProvider serviceProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceProvider);
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
        var target = context.InputParameters.TryGetValue("Target", out var t) ? t as Entity : null;

        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"probe[{_config.Label}]");
        Add(line, "message", context.MessageName);
        Add(line, "entity", context.PrimaryEntityName);
        Add(line, "stage", context.Stage);
        Add(line, "mode", context.Mode);
        Add(line, "depth", context.Depth);
        Add(line, "intransaction", context.IsInTransaction);
        Add(line, "user", context.UserId);
        Add(line, "initiatinguser", context.InitiatingUserId);
        Add(line, "parent", context.ParentContext is not null);
        Add(line, "shared", List(context.SharedVariables.Keys));
        Add(line, "parentshared", List(context.ParentContext?.SharedVariables.Keys));
        Add(line, "target", target is null ? "-" : List(target.Attributes.Keys));
        foreach (var image in context.PreEntityImages)
        {
            Add(line, $"pre[{image.Key}]", List(image.Value.Attributes.Keys));
        }

        foreach (var image in context.PostEntityImages)
        {
            Add(line, $"post[{image.Key}]", List(image.Value.Attributes.Keys));
        }

        foreach (var column in (_config.Get("values") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Add(line, "target." + column, target is not null && target.Attributes.TryGetValue(column, out var value) ? Render(value) : "-");
        }

        Add(line, "unsecure", unsecureConfiguration ?? "-");
        Add(line, "secure", secureConfiguration ?? "-");
        tracing.Trace("{0}", line.ToString());

        var share = _config.Get("share");
        if (share is not null)
        {
            context.SharedVariables[share] = _config.Label;
        }
    }

    private static void Add(StringBuilder line, string key, object value) =>
        line.Append(' ').Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));

    private static string List(IEnumerable<string>? names)
    {
        var sorted = (names ?? []).Order(StringComparer.Ordinal).ToList();
        return sorted.Count == 0 ? "-" : string.Join(",", sorted);
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => reference.LogicalName + ":" + reference.Id.ToString("D"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
