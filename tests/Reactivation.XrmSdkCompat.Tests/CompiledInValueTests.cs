using System.Globalization;
using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace Reactivation.XrmSdkCompat.Tests;

/// <summary>
/// Enum members and constants are compiled into the plugin as numbers and literals: the plugin built against the
/// stand-in carries the stand-in's values into Dataverse, where the real SDK reads them. So each must equal the
/// real one (../shared/reference/dataverse/xrm-sdk-enums.txt lists every enum member of the real assembly).
/// </summary>
[TestClass]
public sealed class CompiledInValueTests
{
    [TestMethod]
    public void Every_enum_member_of_the_stand_in_has_the_real_SDK_s_name_and_value()
    {
        var real = RealEnumMembers();
        var declared = DeclaredEnumMembers(typeof(Entity).Assembly);

        Assert.IsGreaterThanOrEqualTo(100, declared.Count, "The stand-in declares too few enum members for this check to mean anything: " + declared.Count);
        var wrong = Mismatches(declared, real);
        Assert.IsEmpty(wrong, "Enum members that differ from the real Microsoft.Xrm.Sdk:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));
    }

    [TestMethod]
    public void The_enum_check_names_a_wrong_value_and_a_member_the_real_SDK_lacks()
    {
        var real = RealEnumMembers();
        (string Name, long Value)[] declared =
        [
            ("Microsoft.Xrm.Sdk.EntityState.Changed", 2),
            ("Microsoft.Xrm.Sdk.Query.JoinOperator.Natural", 3),
            ("Microsoft.Xrm.Sdk.Query.JoinOperator.Sideways", 10),
        ];

        CollectionAssert.AreEqual(
            new[]
            {
                "Microsoft.Xrm.Sdk.Query.JoinOperator.Natural = 3 here, 2 in the real SDK",
                "Microsoft.Xrm.Sdk.Query.JoinOperator.Sideways = 10 here, not in the real SDK",
            },
            Mismatches(declared, real).ToArray());
    }

    [TestMethod]
    public void The_stand_in_declares_no_public_constant_whose_real_value_is_not_known()
    {
        // The references state values for enum members only (xrm-sdk-api.txt lists a const field as "static T Name",
        // without its value). A public const here would be compiled into the plugin with a value nobody checked, so
        // there must be none; to add one, first put the real value into the shared reference and check it here.
        var constants = typeof(Entity).Assembly.GetExportedTypes()
            .Where(t => !t.IsEnum)
            .SelectMany(t => t.GetFields(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.IsLiteral && (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
                .Select(f => t.FullName + "." + f.Name + " = " + Convert.ToString(f.GetRawConstantValue(), CultureInfo.InvariantCulture)))
            .ToList();

        Assert.IsEmpty(constants, "Public constants whose real value the references do not state:" + Environment.NewLine + string.Join(Environment.NewLine, constants));
    }

    /// <summary>Each enum member of the assembly's public enums as "Namespace.Type.Member" and its numeric value.</summary>
    private static List<(string Name, long Value)> DeclaredEnumMembers(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => t.IsEnum)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (t.FullName + "." + f.Name, Convert.ToInt64(f.GetRawConstantValue(), CultureInfo.InvariantCulture))))
            .OrderBy(m => m.Item1, StringComparer.Ordinal)
            .ToList();

    private static List<string> Mismatches(IEnumerable<(string Name, long Value)> declared, Dictionary<string, long> real) =>
        declared
            .Where(m => !real.TryGetValue(m.Name, out var value) || value != m.Value)
            .Select(m => real.TryGetValue(m.Name, out var value)
                ? $"{m.Name} = {m.Value} here, {value} in the real SDK"
                : $"{m.Name} = {m.Value} here, not in the real SDK")
            .ToList();

    /// <summary>xrm-sdk-enums.txt: "Namespace.Type.Member = value", one per line.</summary>
    private static Dictionary<string, long> RealEnumMembers()
    {
        var members = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in SharedReference.Lines("xrm-sdk-enums.txt"))
        {
            var separator = line.IndexOf(" = ", StringComparison.Ordinal);
            Assert.IsGreaterThan(0, separator, "xrm-sdk-enums.txt: not 'Name = value': " + line);
            members.Add(line[..separator], long.Parse(line[(separator + 3)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        return members;
    }
}
