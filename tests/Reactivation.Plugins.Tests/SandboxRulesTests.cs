using System.Reflection;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Tests;

/// <summary>Rules of the Dataverse sandbox the plugin assembly must keep (FACTS.md §2, §5).</summary>
[TestClass]
public sealed class SandboxRulesTests
{
    private static readonly Assembly Plugins = typeof(PluginBase).Assembly;

    [TestMethod]
    public void The_plugin_assembly_depends_only_on_the_framework_the_SDK_Newtonsoft_Json_and_Core()
    {
        var allowed = new[] { "System", "netstandard", "mscorlib", "Microsoft.Xrm.Sdk", "Newtonsoft.Json", "Reactivation.Core" };

        var unexpected = Plugins.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !allowed.Any(a => name == a || name.StartsWith(a + ".", StringComparison.Ordinal)))
            .ToList();
        var forbidden = Plugins.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name is "System.Text.Json" or "System.Collections.Immutable" or "Microsoft.CSharp" or "System.Reflection.Emit")
            .ToList();

        Assert.IsEmpty(unexpected, string.Join(", ", unexpected));
        Assert.IsEmpty(forbidden, string.Join(", ", forbidden));
    }

    [TestMethod]
    public void Plugins_keep_no_state_in_fields_beyond_their_configuration()
    {
        // Instances are cached and run concurrently: a field may only hold what the constructor derived.
        var writable = Plugins.GetTypes()
            .Where(t => typeof(PluginBase).IsAssignableFrom(t))
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsInitOnly)
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name}")
            .ToList();

        Assert.IsEmpty(writable, string.Join(", ", writable));
    }
}
