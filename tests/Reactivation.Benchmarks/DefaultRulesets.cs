using Reactivation.Rules.ReferenceTests;

namespace Reactivation.Benchmarks;

/// <summary>The three default rulesets as shipped in rules/default, and the customers every benchmark uses.</summary>
public static class DefaultRulesets
{
    public static readonly string[] Files = ["lifecycle.json", "contact-policy.json", "offers.json"];

    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Reactivation.Plugins.sln")))
                {
                    return Path.Combine(dir.FullName, "rules", "default");
                }
            }

            // BenchmarkDotNet runs a generated copy of this program elsewhere; it is told where the repo is.
            var fromEnvironment = Environment.GetEnvironmentVariable("REACTIVATION_RULES_DEFAULT");
            return fromEnvironment ?? throw new InvalidOperationException("rules/default not found above " + AppContext.BaseDirectory);
        }
    }

    public static string[] ReadAll()
    {
        var directory = Directory;
        return Files.Select(f => File.ReadAllText(Path.Combine(directory, f))).ToArray();
    }

    public static Core.Facts.CustomerFacts[] Customers(int count)
    {
        var generator = new CustomerGenerator(CustomerGenerator.SeedFor("benchmarks"));
        return Enumerable.Range(0, count).Select(_ => generator.Next()).ToArray();
    }
}
