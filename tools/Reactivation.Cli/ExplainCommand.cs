using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Reactivation.Cli.Simulation;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;

namespace Reactivation.Cli;

/// <summary>`reactivation explain --facts FILE`: one decision — stage, contact policy per channel, offer — with the rules that matched.</summary>
public static class ExplainCommand
{
    public const string UsageText = """
          explain --facts FILE [--rules DIR | --preset NAME]
                   Print one decision from a JSON facts file ({ "DaysSinceLastPurchase": 120, "DormancyReason": "Competitor", ... };
                   the facts of rules/README.md; unnamed ones keep their defaults, consent on every channel as on a contact without do-not flags): the lifecycle stage, the contact policy
                   verdict for each channel, and the offer, each with the rules that matched and the facts they read.
                   Caps are listed but not counted: a facts file has no touch ledger. Exit 1 on a bad facts file or rules.
        """;

    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string? factsFile = null, rules = null, preset = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                stdout.WriteLine(UsageText);
                return CommandLine.Ok;
            }

            if (args[i] is not ("--facts" or "--rules" or "--preset") || i + 1 >= args.Count)
            {
                stderr.WriteLine(args[i] is "--facts" or "--rules" or "--preset" ? $"reactivation explain: {args[i]} needs a value." : $"reactivation explain: unknown option '{args[i]}'.");
                return CommandLine.Usage;
            }

            var value = args[++i];
            if (args[i - 1] == "--facts") factsFile = value;
            else if (args[i - 1] == "--rules") rules = value;
            else preset = value;
        }

        if (factsFile is null || (rules is not null && preset is not null))
        {
            stderr.WriteLine("reactivation explain: give --facts FILE, and at most one of --rules DIR and --preset NAME.");
            return CommandLine.Usage;
        }

        try
        {
            var folder = preset is not null ? RulesetInstaller.PresetFolder(preset) : rules ?? Path.Combine(AppContext.BaseDirectory, "rules", "default");
            var rulesets = RulesetInstaller.Lint(folder).ToDictionary(r => r.Ruleset.Kind, r => r.Ruleset);
            if (!rulesets.TryGetValue(RulesetKind.Lifecycle, out var lifecycle))
            {
                throw new SimulationInputException($"{folder}: no lifecycle.json; a decision starts with the stage.");
            }

            Write(ReadFacts(factsFile), lifecycle, rulesets.GetValueOrDefault(RulesetKind.ContactPolicy), rulesets.GetValueOrDefault(RulesetKind.Offers), stdout);
            return CommandLine.Ok;
        }
        catch (SimulationInputException e)
        {
            stderr.WriteLine("reactivation explain: " + e.Message);
            return CommandLine.InputErrors;
        }
    }

    /// <summary>The facts a file states, each checked against FactCatalog (name and type); the others keep CustomerFacts' defaults.</summary>
    public static CustomerFacts ReadFacts(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!File.Exists(file)) throw new SimulationInputException($"{file}: file not found.");
        JObject json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(File.ReadAllText(file)));
            json = JObject.Load(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
        }
        catch (JsonReaderException e)
        {
            throw new SimulationInputException($"{file}({e.LineNumber},{e.LinePosition}): invalid JSON: {e.Message}", e);
        }

        // Consent as a contact row gives it: a do-not flag left unset means the customer may be contacted.
        var facts = new CustomerFacts { ConsentPhone = true, ConsentSms = true, ConsentEmail = true, ConsentWeChat = true, ConsentWeCom = true, ConsentPush = true };
        foreach (var property in json.Properties())
        {
            var at = (IJsonLineInfo)property;
            var where = $"{file}({at.LineNumber},{at.LinePosition})";
            if (!FactCatalog.TryGet(property.Name, out var fact))
            {
                var hint = FactCatalog.Suggest(property.Name);
                throw new SimulationInputException($"{where}: unknown fact '{property.Name}'." + (hint.Count > 0 ? $" Hint: did you mean {hint[0]}?" : ""));
            }

            var target = typeof(CustomerFacts).GetProperty(fact.Name, BindingFlags.Public | BindingFlags.Instance)!;
            try
            {
                target.SetValue(facts, property.Value.Type == JTokenType.Null ? null : property.Value.ToObject(target.PropertyType));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or JsonException or OverflowException)
            {
                throw new SimulationInputException($"{where}: '{property.Value}' is not a {fact.TypeName} for {fact.Name} ({fact.Meaning}).", e);
            }

            if (property.Value.Type == JTokenType.Null && fact.Type is not (FactType.NullableInt or FactType.NullableDecimal))
            {
                throw new SimulationInputException($"{where}: {fact.Name} is a {fact.TypeName} and cannot be null.");
            }
        }

        return facts;
    }

    private static void Write(CustomerFacts facts, Ruleset lifecycle, Ruleset? contactPolicy, Ruleset? offers, TextWriter output)
    {
        var before = facts.Stage;
        var decision = ContactDecisions.Decide(DecisionRequest.ForExplanation(facts, lifecycle, contactPolicy, offers));
        var stage = decision.Lifecycle!;
        output.WriteLine(stage.Stage is null
            ? $"Stage: {before} (no lifecycle rule matched; the stage stays as it is)"
            : $"Stage: {stage.Stage} by rule '{stage.RuleName}'" + (facts.Stage != before ? $" (was {before})" : " (unchanged)") + (stage.Label is null ? "" : $" — {stage.Label} / {stage.LabelZh}"));
        WriteExplanation(stage.Explanation, output);

        if (contactPolicy is not null)
        {
            output.WriteLine("Contact policy:");
            foreach (var policy in decision.ContactPolicy)
            {
                // Caps are not counted here, so a Cap verdict only says a limit applies, never that it is reached.
                var reasons = policy.Outcome is PolicyOutcome.Block or PolicyOutcome.Defer && policy.ReasonCodes.Count > 0 ? " (" + string.Join(", ", policy.ReasonCodes) + ")" : "";
                var deciding = policy.DecidingRules.Count > 0 ? " by " + string.Join(", ", policy.DecidingRules) : "";
                output.WriteLine($"  {policy.Channel,-7} {policy.Outcome}{deciding}{reasons}" + (policy.Team is null ? "" : $", team {policy.Team}") + (policy.MayContactNow ? "" : ", may not contact now"));
                WriteExplanation(policy.Explanation, output);
            }
        }

        if (offers is not null)
        {
            var offer = decision.Offer;
            output.WriteLine(offer is null ? "Offer: none (no offer rule matched)" : $"Offer: {offer.OfferName} by rule '{offer.RuleName}'" + (offer.Offer.Label is null ? "" : $" — {offer.Offer.Label}"));
            if (offer is not null) WriteExplanation(offer.Explanation, output);
        }
    }

    private static void WriteExplanation(Explanation explanation, TextWriter output)
    {
        foreach (var rule in explanation.Rules) output.WriteLine("    " + rule.ToString());
    }
}
