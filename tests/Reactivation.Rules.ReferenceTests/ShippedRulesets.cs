namespace Reactivation.Rules.ReferenceTests;

/// <summary>The data source of the per-ruleset tests: one row per shipped file, named by its path under rules/.</summary>
public static class ShippedRulesets
{
    public static IEnumerable<object[]> All =>
        RepositoryLayout.ShippedRulesets().Select(path => new object[] { RepositoryLayout.DisplayName(path) });

    public static string PathOf(string displayName) => Path.Combine(RepositoryLayout.RulesDirectory, displayName);

    public static string DisplayNameOf(System.Reflection.MethodInfo method, object?[]? data) =>
        $"{method.Name} ({data?[0]})";
}
