using Reactivation.Core.Rules;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Tests;

/// <summary>The deployable plugin is the plugin assembly and Core, which need nothing but the framework and the SDK.</summary>
[TestClass]
public sealed class PluginDependencyTests
{
    [TestMethod]
    public void Neither_the_plugin_assembly_nor_Core_references_Newtonsoft_Json_or_any_other_package()
    {
        var allowed = new[] { "System", "netstandard", "mscorlib", "Microsoft.Xrm.Sdk", "Reactivation.Core" };
        foreach (var assembly in new[] { typeof(PluginBase).Assembly, typeof(RulesetLoader).Assembly })
        {
            var others = assembly.GetReferencedAssemblies()
                .Select(a => a.Name!)
                .Where(name => !allowed.Any(a => name == a || name.StartsWith(a + ".", StringComparison.Ordinal)))
                .ToList();

            Assert.IsEmpty(others, assembly.GetName().Name + " references " + string.Join(", ", others));
        }
    }
}
