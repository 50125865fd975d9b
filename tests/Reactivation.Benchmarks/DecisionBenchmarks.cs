using BenchmarkDotNet.Attributes;
using Reactivation.Core.Facts;

namespace Reactivation.Benchmarks;

/// <summary>
/// Warm evaluation of the three default rulesets for one customer, averaged over 1,000 generated customers
/// (a mix of stages, reasons, channels and missing facts). Everything is parsed / compiled in GlobalSetup.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private const int CustomerCount = 1000;

    private CustomerFacts[] customers = [];
    private InterpreterRulesets interpreter = null!;
    private ReferenceRulesets reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        var json = DefaultRulesets.ReadAll();
        customers = DefaultRulesets.Customers(CustomerCount);
        Agreement.Check(json, customers);
        interpreter = new InterpreterRulesets(json);
        reference = new ReferenceRulesets(json);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CustomerCount, Description = "Hand-written C#")]
    public int HandWritten()
    {
        var sum = 0;
        foreach (var c in customers)
        {
            sum += HandWrittenRules.Lifecycle(c) + HandWrittenRules.ContactPolicy(c) + HandWrittenRules.Offers(c);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CustomerCount, Description = "Interpreter: matching rules (index / bit set, as hand-written)")]
    public int InterpreterMatchingRules()
    {
        var sum = 0;
        foreach (var c in customers)
        {
            sum += interpreter.MatchingRules(c);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CustomerCount, Description = "Hand-written C#: full decision (same traces)")]
    public int HandWrittenDecision()
    {
        var sum = 0;
        foreach (var c in customers)
        {
            sum += HandWrittenRules.FullDecision(c);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CustomerCount, Description = "Interpreter: every rule's result (as RulesEngine)")]
    public int InterpreterRuleResults()
    {
        var sum = 0;
        foreach (var c in customers)
        {
            sum += interpreter.RuleResults(c);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CustomerCount, Description = "Interpreter: full decision (evaluators, explanations)")]
    public int InterpreterDecision()
    {
        var sum = 0;
        foreach (var c in customers)
        {
            sum += interpreter.Decision(c);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CustomerCount, Description = "RulesEngine 6.0.1: ExecuteAllRulesAsync x3")]
    public int RulesEngineExecuteAll()
    {
        var sum = 0;
        foreach (var c in customers)
        {
            sum += reference.RuleResults(c);
        }

        return sum;
    }
}

/// <summary>
/// Getting ready in a process that is already warm (JIT done): parse / compile the three default rulesets
/// and decide for one customer. The fresh-process figure, with JIT, is the `coldstart` mode.
/// </summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private string[] json = [];
    private CustomerFacts customer = null!;

    [GlobalSetup]
    public void Setup()
    {
        json = DefaultRulesets.ReadAll();
        customer = DefaultRulesets.Customers(1)[0];
    }

    [Benchmark(Baseline = true, Description = "Interpreter: parse + first decision")]
    public int InterpreterParseAndDecide() => new InterpreterRulesets(json).Decision(customer);

    [Benchmark(Description = "RulesEngine: compile + first ExecuteAllRulesAsync x3")]
    public int RulesEngineCompileAndExecute() => new ReferenceRulesets(json).RuleResults(customer);
}
