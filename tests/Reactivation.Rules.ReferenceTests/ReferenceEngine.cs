using System.Text.Json;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using RulesEngine.Models;

namespace Reactivation.Rules.ReferenceTests;

/// <summary>
/// One ruleset compiled once by Microsoft RulesEngine 6.0.1 with the settings rules-engines.md §4.4
/// recommends, then executed for many customers. It answers with the same outcome shape as the
/// interpreter: the first enabled matching top-level rule (lifecycle, offers) or every matching one
/// (contact policy).
/// </summary>
internal sealed class ReferenceEngine
{
    /// <summary>
    /// rules-engines.md §4.4. AutoRegisterInputType = false works for a typed POCO: property access needs
    /// no registration, only method calls do, and the subset has no methods on the facts.
    /// </summary>
    public static ReSettings Settings() => new()
    {
        AutoRegisterInputType = false,
        NestedRuleExecutionMode = NestedRuleExecutionMode.Performance,
        EnableFormattedErrorMessage = false,
        AutoExecuteActions = false,
        UseFastExpressionCompiler = false,
        EnableParallelRuleCompilation = false,
        EnableExceptionAsErrorMessage = true,
        IgnoreException = false,
    };

    private readonly RulesEngine.RulesEngine engine;
    private readonly string workflowName;

    public ReferenceEngine(string json)
    {
        var workflow = JsonSerializer.Deserialize<Workflow>(json)
            ?? throw new InvalidOperationException("The ruleset is JSON null.");
        workflowName = workflow.WorkflowName;
        EnabledRuleNames = workflow.Rules.Where(r => r.Enabled).Select(r => r.RuleName).ToList();
        Kind = RulesetKinds.FromWorkflowName(workflowName);
        engine = new RulesEngine.RulesEngine([workflow], Settings());
    }

    public RulesetKind Kind { get; }

    /// <summary>The enabled top-level rules, in file order.</summary>
    public IReadOnlyList<string> EnabledRuleNames { get; }

    public RulesetOutcome Evaluate(CustomerFacts customer)
    {
        // Completes synchronously: no actions run (AutoExecuteActions = false).
        var results = engine.ExecuteAllRulesAsync(workflowName, RuleParameter.Create("customer", customer))
            .AsTask().GetAwaiter().GetResult();

        // A rule that threw is "false" to RulesEngine; for the comparison it must not silently count as
        // a non-match, so it is reported as its own outcome.
        var errors = new List<string>();
        CollectErrors(results, errors);

        // Results come back one per enabled top-level rule, in rule order (disabled rules are left out).
        var matched = results.Where(r => r.IsSuccess).Select(r => r.Rule.RuleName);
        IReadOnlyList<string> rules = Kind == RulesetKind.ContactPolicy
            ? matched.Order(StringComparer.Ordinal).ToList()
            : matched.Take(1).ToList();
        return new RulesetOutcome(rules, errors);
    }

    private static void CollectErrors(IEnumerable<RuleResultTree> results, List<string> errors)
    {
        foreach (var result in results)
        {
            if (!string.IsNullOrEmpty(result.ExceptionMessage))
            {
                errors.Add($"{result.Rule.RuleName}: {result.ExceptionMessage}");
            }

            if (result.ChildResults is not null)
            {
                CollectErrors(result.ChildResults, errors);
            }
        }
    }
}

internal static class RulesetKinds
{
    /// <summary>rules/README.md: the WorkflowName prefix (before an optional ".Suffix") says the kind.</summary>
    public static RulesetKind FromWorkflowName(string workflowName)
    {
        var prefix = workflowName.Split('.')[0];
        return prefix switch
        {
            "Lifecycle" => RulesetKind.Lifecycle,
            "ContactPolicy" => RulesetKind.ContactPolicy,
            "Offers" => RulesetKind.Offers,
            _ => throw new InvalidOperationException($"WorkflowName '{workflowName}' names no ruleset kind."),
        };
    }
}

/// <summary>
/// What a ruleset decided for one customer: the winning rule (first-match kinds, at most one name) or
/// the set of matching rules (contact policy, sorted), plus any rule errors.
/// </summary>
internal sealed record RulesetOutcome(IReadOnlyList<string> Rules, IReadOnlyList<string> Errors)
{
    public bool SameAs(RulesetOutcome other) =>
        Rules.SequenceEqual(other.Rules, StringComparer.Ordinal) && Errors.Count == 0 && other.Errors.Count == 0;

    public override string ToString() =>
        (Rules.Count == 0 ? "(no rule matched)" : string.Join(", ", Rules))
        + (Errors.Count == 0 ? "" : " | errors: " + string.Join("; ", Errors));
}
