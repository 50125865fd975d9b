using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Reactivation.XrmSdkCompat.Tests;

/// <summary>
/// The acceptance check of the stand-in: every public or protected member it declares exists, with the same
/// signature, in the real Microsoft.Xrm.Sdk (../shared/reference/dataverse/xrm-sdk-api.txt).
/// </summary>
[TestClass]
public sealed class ApiSurfaceTests
{
    [TestMethod]
    public void Every_public_member_of_the_stand_in_exists_in_the_real_SDK_with_the_same_signature()
    {
        var realSurface = LoadRealSurface();
        var rendered = ApiSurfaceRenderer.Render(typeof(Entity).Assembly).ToList();

        Assert.IsGreaterThanOrEqualTo(500, rendered.Count, "The render is too small to mean anything: " + rendered.Count + " lines.");

        var missing = rendered
            .Where(line => !realSurface.Contains(line) && !RealSdkSurface.IsCompilerWrittenConstructor(line, realSurface))
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToList();

        Assert.IsEmpty(
            missing,
            "Members the real Microsoft.Xrm.Sdk does not have (remove them or make them internal):" + Environment.NewLine
            + string.Join(Environment.NewLine, missing));
    }

    [TestMethod]
    public void The_surface_check_recognises_real_members_and_rejects_made_up_ones()
    {
        var realSurface = LoadRealSurface();
        var rendered = ApiSurfaceRenderer.Render(typeof(Entity).Assembly).ToHashSet(StringComparer.Ordinal);

        // The renderer speaks the file's dialect: generic methods, out, params, indexers, nullable, protected members.
        string[] knownLines =
        [
            "Microsoft.Xrm.Sdk.Entity :: T GetAttributeValue<T>(string)",
            "Microsoft.Xrm.Sdk.Entity :: bool TryGetAttributeValue<T>(string, out T)",
            "Microsoft.Xrm.Sdk.Entity :: object this[string] {get;set}",
            "Microsoft.Xrm.Sdk.Entity :: EntityState? EntityState {get;set}",
            "Microsoft.Xrm.Sdk.Entity :: void SetAttributeValue(string, object)",
            "Microsoft.Xrm.Sdk.Entity :: FormattedValueCollection FormattedValues {get}",
            "Microsoft.Xrm.Sdk.DataCollection<TKey, TValue> :: .ctor(IDictionary<TKey, TValue>)",
            "Microsoft.Xrm.Sdk.ITracingService :: void Trace(string, params object[])",
            "Microsoft.Xrm.Sdk.Money :: .ctor(Decimal)",
            "Microsoft.Xrm.Sdk.Query.ConditionOperator :: DoesNotContainValues",
            "Microsoft.Xrm.Sdk.PluginTelemetry.ILogger :: void Log<TState>(LogLevel, EventId, TState, Exception, Func<TState, Exception, string>)",
        ];
        foreach (var line in knownLines)
        {
            Assert.Contains(line, rendered, "Not rendered: " + line);
            Assert.Contains(line, realSurface, "Not in the real surface: " + line);
        }

        // A member the real SDK lacks must be caught.
        var madeUp = ApiSurfaceRenderer.Render(typeof(MadeUpSdkType)).ToList();
        Assert.Contains("Reactivation.XrmSdkCompat.Tests.MadeUpSdkType :: void Frobnicate(string)", madeUp);
        foreach (var line in madeUp)
        {
            Assert.DoesNotContain(line, realSurface);
        }

        var fakeEntityMember = "Microsoft.Xrm.Sdk.Entity :: void Frobnicate(string)";
        Assert.DoesNotContain(fakeEntityMember, realSurface);
    }

    [TestMethod]
    public void Types_with_a_compiler_written_constructor_really_have_no_constructor_line_in_the_real_surface()
    {
        var realSurface = LoadRealSurface();
        foreach (var type in RealSdkSurface.TypesWithCompilerWrittenConstructor)
        {
            Assert.Contains(type + " :: class", realSurface, type + " is not a class of the real SDK.");
            Assert.IsFalse(
                realSurface.Any(line => line.StartsWith(type + " :: .ctor(", StringComparison.Ordinal)),
                type + " has declared constructors in the real SDK; declare them instead of relying on the compiler.");
        }
    }

    [TestMethod]
    public void The_stand_in_declares_every_type_the_product_relies_on()
    {
        Type[] required =
        [
            typeof(IPlugin), typeof(IPluginExecutionContext4), typeof(IOrganizationService), typeof(IOrganizationServiceFactory),
            typeof(ITracingService), typeof(InvalidPluginExecutionException), typeof(Entity), typeof(EntityReference),
            typeof(AttributeCollection), typeof(ParameterCollection), typeof(EntityImageCollection), typeof(EntityCollection),
            typeof(QueryExpression), typeof(QueryByAttribute), typeof(ConditionOperator), typeof(CreateRequest),
            typeof(ExecuteMultipleRequest), typeof(ExecuteTransactionRequest), typeof(Microsoft.Xrm.Sdk.PluginTelemetry.ILogger),
        ];
        foreach (var type in required)
        {
            Assert.AreEqual("Microsoft.Xrm.Sdk", type.Assembly.GetName().Name, type.FullName);
        }
    }

    private static HashSet<string> LoadRealSurface() => SharedReference.Lines("xrm-sdk-api.txt").ToHashSet(StringComparer.Ordinal);

    private sealed class MadeUpSdkType
    {
        private string _last = string.Empty;

        public void Frobnicate(string value) => _last = value + _last;
    }
}
