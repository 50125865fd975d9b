using System.Diagnostics;
using System.Globalization;

namespace Reactivation.Benchmarks;

/// <summary>
/// "Parse + first decision of the default rulesets in a fresh process": the parent starts this program
/// again per sample; the child times, from its Main, reading the three files, parsing / compiling them and
/// deciding for one customer, JIT included, and prints milliseconds. Process start-up itself (the runtime
/// loading before Main) is reported separately as the parent's wall-clock time.
/// </summary>
public static class ColdStart
{
    public static int RunParent(int samples)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(ColdStart).Assembly.Location;
        Console.WriteLine($"Fresh process per sample, {samples} samples each; median (min-max) in ms.");
        Console.WriteLine($"{"What",-58} {"in-process",22} {"whole process",22}");
        foreach (var engine in new[] { "interpreter", "rulesengine" })
        {
            var inside = new List<double>();
            var whole = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                if (!self.EndsWith("dotnet", StringComparison.Ordinal) && !self.EndsWith("dotnet.exe", StringComparison.Ordinal))
                {
                    start.ArgumentList.Add("coldstart-child");
                }
                else
                {
                    start.ArgumentList.Add(dll);
                    start.ArgumentList.Add("coldstart-child");
                }

                start.ArgumentList.Add(engine);
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                clock.Stop();
                if (process.ExitCode != 0) throw new InvalidOperationException($"child failed: {output}");
                inside.Add(double.Parse(output.Trim(), CultureInfo.InvariantCulture));
                whole.Add(clock.Elapsed.TotalMilliseconds);
            }

            var label = engine == "interpreter"
                ? "Interpreter: read + parse 3 rulesets + first decision"
                : "RulesEngine: read + compile 3 workflows + first execution";
            Console.WriteLine($"{label,-58} {Summary(inside),22} {Summary(whole),22}");
        }

        return 0;
    }

    public static int RunChild(string engine)
    {
        var clock = Stopwatch.StartNew();
        var json = DefaultRulesets.ReadAll();
        var customer = new Core.Facts.CustomerFacts { PurchaseCount = 3, DaysSinceLastPurchase = 60, Stage = "Active", Channel = "Sms", Purpose = "Offer", DormancyReason = "Competitor" };
        var result = engine == "interpreter"
            ? new InterpreterRulesets(json).Decision(customer)
            : new ReferenceRulesets(json).RuleResults(customer);
        clock.Stop();
        GC.KeepAlive(result);
        Console.WriteLine(clock.Elapsed.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>Where a fresh process spends the time: one line per phase, in ms.</summary>
    public static int RunBreakdown()
    {
        var clock = Stopwatch.StartNew();
        var phases = new List<(string, double)>();
        void Mark(string phase)
        {
            phases.Add((phase, clock.Elapsed.TotalMilliseconds));
            clock.Restart();
        }

        var json = DefaultRulesets.ReadAll();
        Mark("read 3 files");
        using (var reader = new Newtonsoft.Json.JsonTextReader(new StringReader("{\"a\":[1,\"b\",true]}")))
        {
            while (reader.Read())
            {
            }
        }

        Mark("first Newtonsoft.Json JsonTextReader pass over a tiny document (JIT of the reader)");
        using (var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json[0])))
        {
            Newtonsoft.Json.Linq.JToken.ReadFrom(reader, new Newtonsoft.Json.Linq.JsonLoadSettings { LineInfoHandling = Newtonsoft.Json.Linq.LineInfoHandling.Load });
        }

        Mark("JToken.ReadFrom(lifecycle.json) with line info (JIT of the JObject graph the loader walks)");
        var lifecycle = Core.Rules.RulesetLoader.Load(json[0], "lifecycle.json").GetRulesetOrThrow();
        Mark("load lifecycle.json (first ruleset: loader, lexer, parser, binder JIT)");
        var policy = Core.Rules.RulesetLoader.Load(json[1], "contact-policy.json").GetRulesetOrThrow();
        Mark("load contact-policy.json");
        var offers = Core.Rules.RulesetLoader.Load(json[2], "offers.json").GetRulesetOrThrow();
        Mark("load offers.json");
        var customer = new Core.Facts.CustomerFacts { PurchaseCount = 3, DaysSinceLastPurchase = 60, Stage = "Active", Channel = "Sms", Purpose = "Offer", DormancyReason = "Competitor" };
        Core.Decisions.LifecycleEvaluator.Evaluate(lifecycle, customer);
        Core.Decisions.ContactPolicyEvaluator.Evaluate(policy, customer);
        Core.Decisions.OfferEvaluator.Evaluate(offers, customer);
        Mark("first decision (evaluators JIT)");
        Core.Decisions.LifecycleEvaluator.Evaluate(lifecycle, customer);
        Core.Decisions.ContactPolicyEvaluator.Evaluate(policy, customer);
        Core.Decisions.OfferEvaluator.Evaluate(offers, customer);
        Mark("second decision");
        GC.KeepAlive(lifecycle.ContentHash);
        Mark("first Ruleset.ContentHash (SHA-256, lazy: not on the decision path; loads the platform crypto library)");
        foreach (var (phase, ms) in phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms,8:0.00} ms  {phase}"));
        }

        return 0;
    }

    private static string Summary(List<double> values)
    {
        values.Sort();
        var median = values[values.Count / 2];
        return string.Create(CultureInfo.InvariantCulture, $"{median:0.0} ({values[0]:0.0}-{values[^1]:0.0})");
    }
}
