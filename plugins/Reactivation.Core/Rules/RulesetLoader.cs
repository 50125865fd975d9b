using System;
using System.Collections.Generic;
using System.Globalization;
using Reactivation.Core.Decisions;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Expressions;

namespace Reactivation.Core.Rules
{
    /// <summary>Optional catalogues the validator checks names against (e.g. the organisation's offers).</summary>
    public sealed class RulesetValidationOptions
    {
        /// <summary>When set, an Offers SuccessEvent must be one of these.</summary>
        public IReadOnlyCollection<string>? KnownOffers { get; set; }

        /// <summary>When set, a Message.Template must be one of these.</summary>
        public IReadOnlyCollection<string>? KnownMessageTemplates { get; set; }
    }

    /// <summary>What loading a ruleset produced: the ruleset when valid, and every diagnostic (errors and warnings).</summary>
    public sealed class RulesetLoadResult
    {
        internal RulesetLoadResult(Ruleset? ruleset, IReadOnlyList<RulesetDiagnostic> diagnostics)
        {
            Ruleset = ruleset;
            Diagnostics = diagnostics;
        }

        /// <summary>Null when there is at least one error.</summary>
        public Ruleset? Ruleset { get; }
        public IReadOnlyList<RulesetDiagnostic> Diagnostics { get; }
        public bool HasErrors => Ruleset is null;

        public Ruleset GetRulesetOrThrow() => Ruleset ?? throw new RulesetInvalidException(Diagnostics);
    }

    /// <summary>
    /// Parses and validates a ruleset file: JSON syntax, the strict structure (rules/README.md),
    /// expressions (facts, types, the subset, caps), duplicate names, stage / channel / offer names,
    /// and unreachable rules. Every problem becomes a diagnostic with file, line, column and rule name;
    /// nothing here throws on bad input and nothing recurses without a bound.
    /// </summary>
    public static class RulesetLoader
    {
        public const int MaxFileLength = 4 * 1024 * 1024;
        public const int MaxRules = 200;
        public const int MaxRuleNesting = 4;
        public const int MaxParams = 50;
        public const int MaxNameLength = 100;

        public static RulesetLoadResult Load(string json, string sourceName = "ruleset.json", RulesetValidationOptions? options = null)
        {
            if (json is null) throw new ArgumentNullException(nameof(json));
            return new Session(json, sourceName ?? "ruleset.json", options ?? new RulesetValidationOptions()).Run();
        }

        private sealed class Session
        {
            private static readonly string[] WorkflowProperties = { "$schema", "WorkflowName", "Rules", "GlobalParams", "RuleExpressionType" };
            private static readonly string[] RuleProperties = { "RuleName", "Expression", "SuccessEvent", "Operator", "Rules", "LocalParams", "Properties", "Enabled", "ErrorMessage", "RuleExpressionType" };
            private static readonly string[] ParamProperties = { "Name", "Expression" };
            private static readonly string[] LifecycleProps = { "Label", "LabelZh", "Description" };
            private static readonly string[] BlockProps = { "Channels", "ReasonCode", "Description" };
            private static readonly string[] DeferProps = { "Channels", "SendWindows", "ReasonCode", "Description" };
            private static readonly string[] CapProps = { "Channels", "MaxTouches", "WindowDays", "Description" };
            private static readonly string[] EscalationProps = { "Order", "FollowUpAfterDays", "Description" };
            private static readonly string[] AssignProps = { "Channels", "Team", "Description" };
            private static readonly string[] OfferProps = { "Label", "LabelZh", "Description", "AttemptStep", "Task", "PhoneCall", "Message", "Incentive" };
            private static readonly string[] ActivityProps = { "Subject", "Script", "DueInDays", "Owner" };
            private static readonly string[] MessageProps = { "Channel", "Template", "Text" };
            private static readonly string[] IncentiveProps = { "Type", "Value", "ValidityDays" };
            private static readonly string[] TextProps = { "en", "zh-CN" };
            private static readonly string[] StageNames = Enum.GetNames(typeof(LifecycleStage));
            private static readonly string[] VerdictNames = Enum.GetNames(typeof(VerdictKind));
            private static readonly string[] IncentiveNames = Enum.GetNames(typeof(IncentiveType));
            private static readonly JsonObject NoProperties = new JsonObject(0, 0, Array.Empty<JsonProperty>());
            private static readonly string[] ReservedNames = { "customer", "true", "false", "null", "Math", "string", "in", "and", "or", "not", "new", "it", "np", "iif" };

            private readonly string _text;
            private readonly string _file;
            private readonly RulesetValidationOptions _options;
            private readonly List<RulesetDiagnostic> _diagnostics = new List<RulesetDiagnostic>();
            private readonly Dictionary<string, JsonString> _ruleNames = new Dictionary<string, JsonString>(StringComparer.Ordinal);
                private RulesetKind _kind;
            private int _slotCount;
            private int _ruleCount;

            public Session(string text, string file, RulesetValidationOptions options)
            {
                _text = text;
                _file = file;
                _options = options;
            }

            public RulesetLoadResult Run()
            {
                if (_text.Length > MaxFileLength)
                {
                    Error(DiagnosticCodes.TooMany, 0, 0, null, "the file is " + _text.Length + " characters long; at most " + MaxFileLength + " are allowed", "a ruleset is a few hundred rules at most");
                    return Done(null);
                }

                JsonValue root;
                try
                {
                    root = JsonReader.Read(_text);
                }
                catch (JsonReadException e)
                {
                    Error(DiagnosticCodes.JsonSyntax, e.Line, e.Column, null, "invalid JSON: " + e.Message, "check for a missing comma, quote or bracket near this position");
                    return Done(null);
                }

                if (root is not JsonObject workflow)
                {
                    ErrorAt(DiagnosticCodes.WrongType, root, null, "a ruleset must be a JSON object", "start with { \"WorkflowName\": \"Lifecycle\", \"Rules\": [ ... ] }");
                    return Done(null);
                }

                return Done(ReadWorkflow(workflow));
            }

            private RulesetLoadResult Done(Ruleset? ruleset)
            {
                var ordered = new List<RulesetDiagnostic>(_diagnostics);
                StableSort(ordered);
                var hasErrors = ordered.Exists(d => d.Severity == DiagnosticSeverity.Error);
                return new RulesetLoadResult(hasErrors ? null : ruleset, ordered);
            }

            private static void StableSort(List<RulesetDiagnostic> list)
            {
                // Insertion sort keeps equal positions in discovery order (List.Sort is not stable).
                for (var i = 1; i < list.Count; i++)
                {
                    var item = list[i];
                    var j = i - 1;
                    while (j >= 0 && (list[j].Line > item.Line || (list[j].Line == item.Line && list[j].Column > item.Column)))
                    {
                        list[j + 1] = list[j];
                        j--;
                    }

                    list[j + 1] = item;
                }
            }

            private Ruleset? ReadWorkflow(JsonObject workflow)
            {
                CheckProperties(workflow, WorkflowProperties, null, "workflow");
                var nameToken = workflow["WorkflowName"];
                string workflowName = "";
                var kindKnown = false;
                if (nameToken is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, workflow, null, "WorkflowName is missing", "add \"WorkflowName\": \"Lifecycle\" (or ContactPolicy, Offers)");
                }
                else if (nameToken is not JsonString)
                {
                    ErrorAt(DiagnosticCodes.WrongType, nameToken, null, "WorkflowName must be a string", "e.g. \"Lifecycle\"");
                }
                else
                {
                    workflowName = ((JsonString)nameToken).Value;
                    kindKnown = TryKind(workflowName, out _kind);
                    if (!kindKnown)
                    {
                        ErrorAt(DiagnosticCodes.InvalidValue, nameToken, null, "WorkflowName '" + workflowName + "' does not start with Lifecycle, ContactPolicy or Offers", "name the kind first, optionally with a suffix: \"Lifecycle.BeautySalon\"");
                    }
                }

                CheckStringEnum(workflow, "RuleExpressionType", null);

                var scope = new Dictionary<string, ParamSymbol>(StringComparer.Ordinal);
                var globals = ReadParams(workflow["GlobalParams"], scope, null, "GlobalParams");
                var rulesToken = workflow["Rules"];
                var rules = new List<RuleDefinition>();
                if (rulesToken is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, workflow, null, "Rules is missing", "add \"Rules\": [ { \"RuleName\": ..., \"Expression\": ..., \"SuccessEvent\": ... } ]");
                }
                else if (rulesToken is not JsonArray array)
                {
                    ErrorAt(DiagnosticCodes.WrongType, rulesToken, null, "Rules must be an array", "\"Rules\": [ { ... } ]");
                }
                else if (array.Count == 0)
                {
                    ErrorAt(DiagnosticCodes.Missing, array, null, "Rules is empty", "add at least one rule");
                }
                else
                {
                    foreach (var item in array.Items)
                    {
                        var rule = ReadRule(item, 1, scope, globals.Count, kindKnown);
                        if (rule is not null) rules.Add(rule);
                        if (_ruleCount > MaxRules)
                        {
                            ErrorAt(DiagnosticCodes.TooMany, item, null, "the ruleset has more than " + MaxRules + " rules", "split it or simplify");
                            break;
                        }
                    }
                }

                if (kindKnown && _kind != RulesetKind.ContactPolicy) CheckReachability(rules);
                var warnings = _diagnostics.FindAll(d => d.Severity == DiagnosticSeverity.Warning);
                return new Ruleset(_kind, workflowName, _file, _text, rules, globals, _slotCount, warnings);
            }

            private static bool TryKind(string workflowName, out RulesetKind kind)
            {
                foreach (RulesetKind candidate in new[] { RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers })
                {
                    var prefix = candidate.ToString();
                    if (workflowName == prefix || (workflowName.StartsWith(prefix + ".", StringComparison.Ordinal) && workflowName.Length > prefix.Length + 1))
                    {
                        kind = candidate;
                        return true;
                    }
                }

                kind = RulesetKind.Lifecycle;
                return false;
            }

            private List<ScopedParamDefinition> ReadParams(JsonValue? token, Dictionary<string, ParamSymbol> scope, string? ruleName, string what)
            {
                var result = new List<ScopedParamDefinition>();
                if (token is null) return result;
                if (token is not JsonArray array)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, what + " must be an array of { \"Name\", \"Expression\" }", "\"" + what + "\": [ { \"Name\": \"gap\", \"Expression\": \"customer.DaysSinceLastPurchase\" } ]");
                    return result;
                }

                if (array.Count > MaxParams)
                {
                    ErrorAt(DiagnosticCodes.TooMany, array, ruleName, what + " has more than " + MaxParams + " params", "simplify");
                    return result;
                }

                foreach (var item in array.Items)
                {
                    if (item is not JsonObject obj)
                    {
                        ErrorAt(DiagnosticCodes.WrongType, item, ruleName, "each of " + what + " must be an object { \"Name\", \"Expression\" }", null);
                        continue;
                    }

                    CheckProperties(obj, ParamProperties, ruleName, "param");
                    var name = RequiredString(obj, "Name", ruleName, "a param needs a Name");
                    var expressionToken = obj["Expression"];
                    var expression = RequiredString(obj, "Expression", ruleName, "a param needs an Expression");
                    if (name is null || expression is null) continue;
                    if (!IsIdentifier(name) || Array.IndexOf(ReservedNames, name) >= 0)
                    {
                        ErrorAt(DiagnosticCodes.InvalidValue, obj["Name"]!, ruleName, "'" + name + "' cannot name a param", "use letters, digits and '_', starting with a letter, and not a reserved word");
                        continue;
                    }

                    if (scope.ContainsKey(name))
                    {
                        ErrorAt(DiagnosticCodes.DuplicateName, obj["Name"]!, ruleName, "the param '" + name + "' is already defined in this scope", "give it another name");
                        continue;
                    }

                    var bound = BindExpression((JsonString)expressionToken!, expression, scope, ruleName, requireBool: false);
                    if (bound is null) continue;
                    var slot = _slotCount++;
                    var symbol = new ParamSymbol(name, slot, bound.Root.Type, bound.Facts);
                    scope.Add(name, symbol);
                    result.Add(new ScopedParamDefinition(name, expression, slot, bound));
                }

                return result;
            }

            private RuleDefinition? ReadRule(JsonValue token, int depth, Dictionary<string, ParamSymbol> parentScope, int slotBase, bool kindKnown)
            {
                _ruleCount++;
                if (token is not JsonObject obj)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, null, "a rule must be a JSON object", "{ \"RuleName\": \"Lost\", \"Expression\": \"...\", \"SuccessEvent\": \"Lost\" }");
                    return null;
                }

                var nameToken = obj["RuleName"];
                string? name = null;
                if (nameToken is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, obj, null, "a rule has no RuleName", "add \"RuleName\": \"...\" (unique in the file)");
                }
                else if (nameToken is not JsonString || (((JsonString)nameToken).Value).Trim().Length == 0)
                {
                    ErrorAt(DiagnosticCodes.WrongType, nameToken, null, "RuleName must be a non-empty string", null);
                }
                else
                {
                    name = ((JsonString)nameToken).Value;
                    if (name.Length > MaxNameLength) ErrorAt(DiagnosticCodes.InvalidValue, nameToken, null, "RuleName is longer than " + MaxNameLength + " characters", "shorten it");
                    if (_ruleNames.TryGetValue(name, out var first))
                    {
                        var firstLine = first.Line;
                        ErrorAt(DiagnosticCodes.DuplicateName, nameToken, name, "the rule name '" + name + "' is already used on line " + firstLine.ToString(CultureInfo.InvariantCulture), "rule names must be unique in the file; rename one of them");
                    }
                    else
                    {
                        _ruleNames.Add(name, (JsonString)nameToken);
                    }
                }

                var rule = new RuleDefinition(name ?? "");
                rule.Line = obj.Line;
                rule.Column = obj.Column;
                CheckProperties(obj, RuleProperties, name, "rule");
                CheckStringEnum(obj, "RuleExpressionType", name);
                var enabled = obj["Enabled"];
                if (enabled is not null)
                {
                    if (enabled is not JsonBoolean flag) ErrorAt(DiagnosticCodes.WrongType, enabled, name, "Enabled must be true or false", null);
                    else rule.Enabled = flag.Value;
                }

                var errorMessage = obj["ErrorMessage"];
                if (errorMessage is not null && errorMessage is not JsonString) ErrorAt(DiagnosticCodes.WrongType, errorMessage, name, "ErrorMessage must be a string", null);

                var scope = new Dictionary<string, ParamSymbol>(parentScope, StringComparer.Ordinal);
                var slotBefore = _slotCount;
                _slotCount = Math.Max(_slotCount, slotBase);
                rule.LocalParams = ReadParams(obj["LocalParams"], scope, name, "LocalParams");
                var childSlotBase = _slotCount;

                var expressionToken = obj["Expression"];
                var operatorToken = obj["Operator"];
                var rulesToken = obj["Rules"];
                var facts = new List<string>();
                foreach (var p in rule.LocalParams) AddAll(facts, p.Bound.Facts);
                if (operatorToken is not null || rulesToken is not null)
                {
                    if (expressionToken is not null) ErrorAt(DiagnosticCodes.InvalidValue, expressionToken, name, "a rule with Operator/Rules cannot also have an Expression", "move the condition into a nested rule");
                    if (operatorToken is null) ErrorAt(DiagnosticCodes.Missing, obj, name, "nested Rules need an Operator", "add \"Operator\": \"AndAlso\" (or And, Or, OrElse)");
                    else if (operatorToken is not JsonString || !TryOperator(((JsonString)operatorToken).Value, out var op)) ErrorAt(DiagnosticCodes.InvalidValue, operatorToken, name, "Operator must be And, AndAlso, Or or OrElse", "spelling and case matter");
                    else rule.Operator = op;
                    if (rulesToken is null) ErrorAt(DiagnosticCodes.Missing, obj, name, "an Operator needs nested Rules", "add \"Rules\": [ ... ]");
                    else if (rulesToken is not JsonArray children || children.Count == 0) ErrorAt(DiagnosticCodes.WrongType, rulesToken, name, "Rules must be a non-empty array", null);
                    else if (depth >= MaxRuleNesting) ErrorAt(DiagnosticCodes.TooMany, rulesToken, name, "rules nest deeper than " + MaxRuleNesting + " levels", "flatten the rule");
                    else
                    {
                        var list = new List<RuleDefinition>();
                        var anyEnabled = false;
                        foreach (var child in children.Items)
                        {
                            if (_ruleCount > MaxRules) break;
                            var childRule = ReadRule(child, depth + 1, scope, childSlotBase, kindKnown);
                            if (childRule is null) continue;
                            list.Add(childRule);
                            anyEnabled |= childRule.Enabled;
                            AddAll(facts, childRule.ReferencedFacts);
                        }

                        if (!anyEnabled && list.Count > 0) ErrorAt(DiagnosticCodes.InvalidValue, rulesToken, name, "every nested rule is disabled", "enable one or disable the parent");
                        rule.Rules = list;
                    }
                }
                else if (expressionToken is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, obj, name, "the rule has no Expression", "add \"Expression\": \"customer.PurchaseCount == 0\" (or \"true\")");
                }
                else if (expressionToken is not JsonString)
                {
                    ErrorAt(DiagnosticCodes.WrongType, expressionToken, name, "Expression must be a string", "quote it: \"Expression\": \"customer.DaysSinceLastPurchase > 45\"");
                }
                else
                {
                    rule.Expression = ((JsonString)expressionToken).Value;
                    rule.Bound = BindExpression((JsonString)expressionToken, rule.Expression, scope, name, requireBool: true);
                    if (rule.Bound is not null) AddAll(facts, rule.Bound.Facts);
                }

                rule.ReferencedFacts = facts;
                if (_slotCount < slotBefore) _slotCount = slotBefore;

                var successEvent = obj["SuccessEvent"];
                var properties = obj["Properties"];
                if (depth > 1)
                {
                    if (successEvent is not null) ErrorAt(DiagnosticCodes.UnknownProperty, obj.Property("SuccessEvent")!, name, "only top-level rules carry a SuccessEvent; nested rules only decide whether their parent matches", "move SuccessEvent to the top-level rule");
                    if (properties is not null) ErrorAt(DiagnosticCodes.UnknownProperty, obj.Property("Properties")!, name, "only top-level rules carry Properties", "move Properties to the top-level rule");
                    return rule;
                }

                if (successEvent is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, obj, name, "the rule has no SuccessEvent", _kind == RulesetKind.Lifecycle ? "name the stage: \"SuccessEvent\": \"Silent\"" : _kind == RulesetKind.ContactPolicy ? "name the verdict: Block, Defer, Cap, Escalation or Assign" : "name the offer: \"SuccessEvent\": \"WinBackVoucher\"");
                }
                else if (successEvent is not JsonString)
                {
                    ErrorAt(DiagnosticCodes.WrongType, successEvent, name, "SuccessEvent must be a string", null);
                }
                else if (kindKnown)
                {
                    ReadOutcome(rule, ((JsonString)successEvent).Value, successEvent, properties);
                }

                return rule;
            }

            private static void AddAll(List<string> into, IReadOnlyList<string> items)
            {
                foreach (var item in items)
                {
                    if (!into.Contains(item)) into.Add(item);
                }
            }

            private static bool TryOperator(string text, out RuleOperator op)
            {
                switch (text)
                {
                    case "And": op = RuleOperator.And; return true;
                    case "AndAlso": op = RuleOperator.AndAlso; return true;
                    case "Or": op = RuleOperator.Or; return true;
                    case "OrElse": op = RuleOperator.OrElse; return true;
                    default: op = RuleOperator.And; return false;
                }
            }

            private BoundExpression? BindExpression(JsonString token, string expression, Dictionary<string, ParamSymbol> scope, string? ruleName, bool requireBool)
            {
                try
                {
                    return Binder.Bind(expression, scope, requireBool);
                }
                catch (ExpressionException e)
                {
                    var at = token.PositionAt(e.Position);
                    Error(e.Code, at.Line, at.Column, ruleName, e.Message, e.Hint);
                    return null;
                }
            }

            // ---------------- outcomes per kind ----------------

            private void ReadOutcome(RuleDefinition rule, string successEvent, JsonValue successToken, JsonValue? propertiesToken)
            {
                JsonObject? properties = null;
                if (propertiesToken is not null)
                {
                    if (propertiesToken is JsonObject o) properties = o;
                    else ErrorAt(DiagnosticCodes.WrongType, propertiesToken, rule.Name, "Properties must be an object", null);
                }

                switch (_kind)
                {
                    case RulesetKind.Lifecycle:
                        if (Enum.TryParse<LifecycleStage>(successEvent, false, out var stage) && IsIdentifier(successEvent))
                        {
                            rule.Stage = stage;
                        }
                        else
                        {
                            var suggestion = NameSuggestionsFor(successEvent, StageNames);
                            ErrorAt(DiagnosticCodes.UnknownStage, successToken, rule.Name, "unknown stage '" + successEvent + "'", suggestion ?? "the stages are " + string.Join(", ", StageNames));
                        }

                        if (properties is not null)
                        {
                            CheckProperties(properties, LifecycleProps, rule.Name, "lifecycle Properties");
                            rule.Label = OptionalString(properties, "Label", rule.Name);
                            rule.LabelZh = OptionalString(properties, "LabelZh", rule.Name);
                            OptionalString(properties, "Description", rule.Name);
                        }

                        break;
                    case RulesetKind.ContactPolicy:
                        ReadVerdict(rule, successEvent, successToken, properties);
                        break;
                    default:
                        ReadOffer(rule, successEvent, successToken, properties);
                        break;
                }
            }

            private void ReadVerdict(RuleDefinition rule, string successEvent, JsonValue successToken, JsonObject? properties)
            {
                if (!Enum.TryParse<VerdictKind>(successEvent, false, out var kind) || !IsIdentifier(successEvent))
                {
                    ErrorAt(DiagnosticCodes.UnknownVerdictOrChannel, successToken, rule.Name, "unknown contact-policy verdict '" + successEvent + "'", NameSuggestionsFor(successEvent, VerdictNames) ?? "the verdicts are Block, Defer, Cap, Escalation and Assign");
                    return;
                }

                var verdict = new PolicyVerdictDefinition(kind);
                rule.Verdict = verdict;
                string[] allowed;
                switch (kind)
                {
                    case VerdictKind.Block: allowed = BlockProps; break;
                    case VerdictKind.Defer: allowed = DeferProps; break;
                    case VerdictKind.Cap: allowed = CapProps; break;
                    case VerdictKind.Escalation: allowed = EscalationProps; break;
                    default: allowed = AssignProps; break;
                }

                var props = properties ?? NoProperties;
                CheckProperties(props, allowed, rule.Name, kind + " Properties");
                OptionalString(props, "Description", rule.Name);
                verdict.Channels = ReadChannels(props, "Channels", rule.Name, required: false);
                var anchor = (JsonValue?)properties ?? successToken;
                switch (kind)
                {
                    case VerdictKind.Block:
                        verdict.ReasonCode = RequiredCode(props, "ReasonCode", rule.Name, anchor, "a Block says why: \"ReasonCode\": \"OptedOut\"");
                        break;
                    case VerdictKind.Defer:
                        verdict.ReasonCode = OptionalString(props, "ReasonCode", rule.Name);
                        verdict.SendWindows = ReadSendWindows(props, rule.Name, anchor);
                        break;
                    case VerdictKind.Cap:
                        verdict.MaxTouches = RequiredInt(props, "MaxTouches", rule.Name, anchor, 0, 1000, "\"MaxTouches\": 1");
                        verdict.WindowDays = RequiredInt(props, "WindowDays", rule.Name, anchor, 1, 365, "\"WindowDays\": 14");
                        break;
                    case VerdictKind.Escalation:
                        verdict.Order = ReadChannels(props, "Order", rule.Name, required: true, anchor);
                        verdict.FollowUpAfterDays = RequiredInt(props, "FollowUpAfterDays", rule.Name, anchor, 1, 365, "\"FollowUpAfterDays\": 3");
                        break;
                    default:
                        verdict.Team = RequiredCode(props, "Team", rule.Name, anchor, "\"Team\": \"Reactivation\"");
                        break;
                }
            }

            private IReadOnlyList<string> ReadChannels(JsonObject props, string property, string ruleName, bool required, JsonValue? anchor = null)
            {
                var token = props[property];
                if (token is null)
                {
                    if (required) ErrorAt(DiagnosticCodes.Missing, anchor ?? props, ruleName, property + " is missing", "\"" + property + "\": [\"Push\", \"Sms\", \"Email\", \"Phone\"]");
                    return Array.Empty<string>();
                }

                if (token is not JsonArray array || array.Count == 0)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, property + " must be a non-empty array of channel names", "e.g. [\"Sms\", \"Email\"]; leave Channels out to mean every channel");
                    return Array.Empty<string>();
                }

                var channels = new List<string>();
                foreach (var item in array.Items)
                {
                    if (item is not JsonString)
                    {
                        ErrorAt(DiagnosticCodes.WrongType, item, ruleName, "a channel must be a string", null);
                        continue;
                    }

                    var channel = ((JsonString)item).Value;
                    if (!ContactChannels.IsKnown(channel))
                    {
                        ErrorAt(DiagnosticCodes.UnknownVerdictOrChannel, item, ruleName, "unknown channel '" + channel + "'", NameSuggestionsFor(channel, ContactChannels.All) ?? "the channels are " + string.Join(", ", ContactChannels.All));
                        continue;
                    }

                    if (channels.Contains(channel)) ErrorAt(DiagnosticCodes.DuplicateName, item, ruleName, "the channel '" + channel + "' is listed twice", "list each channel once");
                    else channels.Add(channel);
                }

                return channels;
            }

            private IReadOnlyList<SendWindow> ReadSendWindows(JsonObject props, string ruleName, JsonValue anchor)
            {
                var token = props["SendWindows"];
                if (token is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, anchor, ruleName, "a Defer needs SendWindows", "\"SendWindows\": [\"11:00-12:00\", \"19:00-21:00\"]");
                    return Array.Empty<SendWindow>();
                }

                if (token is not JsonArray array || array.Count == 0)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, "SendWindows must be a non-empty array of \"HH:MM-HH:MM\"", "[\"11:00-12:00\", \"19:00-21:00\"]");
                    return Array.Empty<SendWindow>();
                }

                var windows = new List<SendWindow>();
                foreach (var item in array.Items)
                {
                    if (item is JsonString && SendWindow.TryParse(((JsonString)item).Value, out var window)) windows.Add(window);
                    else ErrorAt(DiagnosticCodes.InvalidValue, item, ruleName, "'" + item + "' is not a send window", "write \"HH:MM-HH:MM\" in 24-hour local time, start before end, e.g. \"19:00-21:00\"");
                }

                return windows;
            }

            private void ReadOffer(RuleDefinition rule, string successEvent, JsonValue successToken, JsonObject? properties)
            {
                if (!IsOfferName(successEvent))
                {
                    ErrorAt(DiagnosticCodes.UnknownOfferItem, successToken, rule.Name, "'" + successEvent + "' is not a valid offer name", "use letters, digits, '.', '-' or '_', starting with a letter, e.g. \"WinBackVoucher\"");
                    return;
                }

                if (_options.KnownOffers is not null && !Contains(_options.KnownOffers, successEvent))
                {
                    ErrorAt(DiagnosticCodes.UnknownOfferItem, successToken, rule.Name, "unknown offer '" + successEvent + "'", NameSuggestionsFor(successEvent, _options.KnownOffers) ?? "the organisation's offers are " + string.Join(", ", _options.KnownOffers));
                }

                var offer = new OfferDefinition(successEvent);
                rule.Offer = offer;
                if (properties is null) return;
                CheckProperties(properties, OfferProps, rule.Name, "offer Properties");
                offer.Label = OptionalString(properties, "Label", rule.Name);
                offer.LabelZh = OptionalString(properties, "LabelZh", rule.Name);
                OptionalString(properties, "Description", rule.Name);
                var step = properties["AttemptStep"];
                if (step is not null)
                {
                    if (step is JsonString && IsIdentifier(((JsonString)step).Value) && Enum.TryParse<AttemptStep>(((JsonString)step).Value, false, out var parsed)) offer.Step = parsed;
                    else ErrorAt(DiagnosticCodes.InvalidValue, step, rule.Name, "AttemptStep must be Activate or Wake", "Activate: a low-threshold greeting; Wake: the offer itself");
                }

                if (properties["Task"] is JsonValue task && ReadActivity(task, rule.Name, "Task") is ActivityParts t) offer.Task = new TaskAction(t.Subject, t.Script, t.DueInDays, t.Owner);
                if (properties["PhoneCall"] is JsonValue call && ReadActivity(call, rule.Name, "PhoneCall") is ActivityParts p) offer.PhoneCall = new PhoneCallAction(p.Subject, p.Script, p.DueInDays, p.Owner);
                if (properties["Message"] is JsonValue message) offer.Message = ReadMessage(message, rule.Name);
                if (properties["Incentive"] is JsonValue incentive) offer.Incentive = ReadIncentive(incentive, rule.Name);
            }

            private sealed class ActivityParts
            {
                public ActivityParts(LocalizedText subject, LocalizedText? script, int dueInDays, OwnerStrategy owner)
                {
                    Subject = subject;
                    Script = script;
                    DueInDays = dueInDays;
                    Owner = owner;
                }

                public LocalizedText Subject { get; }
                public LocalizedText? Script { get; }
                public int DueInDays { get; }
                public OwnerStrategy Owner { get; }
            }

            private ActivityParts? ReadActivity(JsonValue token, string ruleName, string what)
            {
                if (token is not JsonObject obj)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, what + " must be an object", "{ \"Subject\": { \"en\": ..., \"zh-CN\": ... }, \"DueInDays\": 1, \"Owner\": \"ContactOwner\" }");
                    return null;
                }

                CheckProperties(obj, ActivityProps, ruleName, what);
                var subject = ReadText(obj, "Subject", ruleName, required: true);
                var script = ReadText(obj, "Script", ruleName, required: false);
                var due = RequiredInt(obj, "DueInDays", ruleName, obj, 0, 365, "\"DueInDays\": 1");
                var ownerText = RequiredString(obj, "Owner", ruleName, what + " needs an Owner: \"ContactOwner\" or \"Team:<name>\"");
                OwnerStrategy owner = OwnerStrategy.ContactOwner;
                if (ownerText is not null && !OwnerStrategy.TryParse(ownerText, out owner))
                {
                    ErrorAt(DiagnosticCodes.UnknownOfferItem, obj["Owner"]!, ruleName, "unknown owner strategy '" + ownerText + "'", "write \"ContactOwner\" or \"Team:<team name>\"");
                }

                return subject is null || due is null || ownerText is null ? null : new ActivityParts(subject, script, due.Value, owner);
            }

            private MessageAction? ReadMessage(JsonValue token, string ruleName)
            {
                if (token is not JsonObject obj)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, "Message must be an object", "{ \"Channel\": \"Sms\", \"Template\": \"WinBackVoucher\" }");
                    return null;
                }

                CheckProperties(obj, MessageProps, ruleName, "Message");
                var channel = RequiredString(obj, "Channel", ruleName, "a Message needs a Channel");
                if (channel is not null && (!ContactChannels.IsKnown(channel) || channel == ContactChannels.Phone || channel == ContactChannels.Task))
                {
                    ErrorAt(DiagnosticCodes.UnknownVerdictOrChannel, obj["Channel"]!, ruleName, "'" + channel + "' is not a message channel", "use Sms, Email, WeChat, WeCom or Push (phone calls are a PhoneCall action)");
                    channel = null;
                }

                var template = RequiredString(obj, "Template", ruleName, "a Message needs a Template name");
                if (template is not null)
                {
                    if (!IsOfferName(template))
                    {
                        ErrorAt(DiagnosticCodes.UnknownOfferItem, obj["Template"]!, ruleName, "'" + template + "' is not a valid template name", "use letters, digits, '.', '-' or '_'");
                        template = null;
                    }
                    else if (_options.KnownMessageTemplates is not null && !Contains(_options.KnownMessageTemplates, template))
                    {
                        ErrorAt(DiagnosticCodes.UnknownOfferItem, obj["Template"]!, ruleName, "unknown message template '" + template + "'", NameSuggestionsFor(template, _options.KnownMessageTemplates) ?? "the templates are " + string.Join(", ", _options.KnownMessageTemplates));
                    }
                }

                var text = ReadText(obj, "Text", ruleName, required: false);
                return channel is null || template is null ? null : new MessageAction(channel, template, text);
            }

            private IncentiveAction? ReadIncentive(JsonValue token, string ruleName)
            {
                if (token is not JsonObject obj)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, "Incentive must be an object", "{ \"Type\": \"Voucher\", \"Value\": 50, \"ValidityDays\": 30 }");
                    return null;
                }

                CheckProperties(obj, IncentiveProps, ruleName, "Incentive");
                var typeText = RequiredString(obj, "Type", ruleName, "an Incentive needs a Type");
                IncentiveType type = IncentiveType.Voucher;
                var typeOk = typeText is not null && IsIdentifier(typeText) && Enum.TryParse(typeText, false, out type);
                if (typeText is not null && !typeOk)
                {
                    ErrorAt(DiagnosticCodes.UnknownOfferItem, obj["Type"]!, ruleName, "unknown incentive type '" + typeText + "'", NameSuggestionsFor(typeText, IncentiveNames) ?? "the types are " + string.Join(", ", IncentiveNames));
                }

                decimal? value = null;
                var valueToken = obj["Value"];
                if (valueToken is null) ErrorAt(DiagnosticCodes.Missing, obj, ruleName, "an Incentive needs a Value", "\"Value\": 50");
                else if (valueToken is not JsonNumber number || number.Value < 0m) ErrorAt(DiagnosticCodes.InvalidValue, valueToken, ruleName, "Value must be a number ≥ 0", null);
                else value = number.Value;
                var validity = RequiredInt(obj, "ValidityDays", ruleName, obj, 1, 3650, "\"ValidityDays\": 30");
                return typeOk && value is not null && validity is not null ? new IncentiveAction(type, value.Value, validity.Value) : null;
            }

            private LocalizedText? ReadText(JsonObject owner, string property, string ruleName, bool required)
            {
                var token = owner[property];
                if (token is null)
                {
                    if (required) ErrorAt(DiagnosticCodes.Missing, owner, ruleName, property + " is missing", "\"" + property + "\": { \"en\": \"...\", \"zh-CN\": \"...\" }");
                    return null;
                }

                if (token is not JsonObject obj)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, property + " must be an object with \"en\" and \"zh-CN\" texts", "\"" + property + "\": { \"en\": \"...\", \"zh-CN\": \"...\" }");
                    return null;
                }

                CheckProperties(obj, TextProps, ruleName, property);
                var en = RequiredString(obj, "en", ruleName, property + " needs an English text (\"en\")");
                var zh = RequiredString(obj, "zh-CN", ruleName, property + " needs a Chinese text (\"zh-CN\")");
                if (en is not null) CheckTemplate(obj["en"]!, en, ruleName);
                if (zh is not null) CheckTemplate(obj["zh-CN"]!, zh, ruleName);
                return en is null || zh is null ? null : new LocalizedText(en, zh);
            }

            private void CheckTemplate(JsonValue token, string text, string ruleName)
            {
                foreach (var problem in TemplateRenderer.Check(text))
                {
                    var at = ((JsonString)token).PositionAt(problem.Offset);
                    Error(DiagnosticCodes.UnknownOfferItem, at.Line, at.Column, ruleName, problem.Message, problem.Hint);
                }
            }

            // ---------------- reachability ----------------

            private void CheckReachability(List<RuleDefinition> rules)
            {
                RuleDefinition? catchAll = null;
                foreach (var rule in rules)
                {
                    if (!rule.Enabled) continue;
                    if (catchAll is not null)
                    {
                        Add(DiagnosticSeverity.Warning, DiagnosticCodes.Unreachable, rule.Line, rule.Column, rule.Name, "this rule can never fire: rule '" + catchAll.Name + "' above always matches (Expression \"true\") and the first match wins", "move '" + catchAll.Name + "' to the end, or disable this rule");
                        continue;
                    }

                    if (rule.IsCatchAll) catchAll = rule;
                }
            }

            // ---------------- structure helpers ----------------

            private void CheckProperties(JsonObject obj, string[] allowed, string? ruleName, string what)
            {
                foreach (var property in obj.Properties)
                {
                    if (Array.IndexOf(allowed, property.Name) >= 0) continue;
                    string hint;
                    if (property.Name == "Actions") hint = "RulesEngine actions are not supported: outcomes are data in Properties (see rules/README.md)";
                    else if (property.Name == "WorkflowsToInject") hint = "composing workflows is not supported: keep the ruleset in one file";
                    else hint = NameSuggestionsFor(property.Name, allowed) ?? "allowed here: " + string.Join(", ", allowed);
                    ErrorAt(DiagnosticCodes.UnknownProperty, property, ruleName, "unknown property '" + property.Name + "' in " + what, hint);
                }
            }

            private void CheckStringEnum(JsonObject obj, string property, string? ruleName)
            {
                var token = obj[property];
                if (token is not null && (token is not JsonString || ((JsonString)token).Value != "LambdaExpression"))
                {
                    ErrorAt(DiagnosticCodes.InvalidValue, token, ruleName, property + " must be \"LambdaExpression\"", "or leave it out");
                }
            }

            private string? RequiredString(JsonObject obj, string property, string? ruleName, string missingMessage)
            {
                var token = obj[property];
                if (token is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, obj, ruleName, missingMessage, null);
                    return null;
                }

                if (token is not JsonString || (((JsonString)token).Value).Length == 0)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, property + " must be a non-empty string", null);
                    return null;
                }

                return ((JsonString)token).Value;
            }

            private string? RequiredCode(JsonObject obj, string property, string ruleName, JsonValue anchor, string hint)
            {
                var token = obj[property];
                if (token is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, anchor, ruleName, property + " is missing", hint);
                    return null;
                }

                if (token is not JsonString || (((JsonString)token).Value).Trim().Length == 0 || (((JsonString)token).Value).Length > MaxNameLength)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, property + " must be a short non-empty string", hint);
                    return null;
                }

                return ((JsonString)token).Value;
            }

            private string? OptionalString(JsonObject obj, string property, string ruleName)
            {
                var token = obj[property];
                if (token is null) return null;
                if (token is not JsonString)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, property + " must be a string", null);
                    return null;
                }

                return ((JsonString)token).Value;
            }

            private int? RequiredInt(JsonObject obj, string property, string ruleName, JsonValue anchor, int min, int max, string example)
            {
                var token = obj[property];
                if (token is null)
                {
                    ErrorAt(DiagnosticCodes.Missing, anchor, ruleName, property + " is missing", example);
                    return null;
                }

                if (token is not JsonNumber number || !number.IsInteger)
                {
                    ErrorAt(DiagnosticCodes.WrongType, token, ruleName, property + " must be a whole number", example);
                    return null;
                }

                var value = number.Value;
                if (value < min || value > max)
                {
                    ErrorAt(DiagnosticCodes.InvalidValue, token, ruleName, property + " must be between " + min + " and " + max, example);
                    return null;
                }

                return (int)value;
            }

            private static bool Contains(IReadOnlyCollection<string> names, string name)
            {
                foreach (var n in names)
                {
                    if (string.Equals(n, name, StringComparison.Ordinal)) return true;
                }

                return false;
            }

            private static string? NameSuggestionsFor(string name, IEnumerable<string> candidates)
            {
                var suggestions = Facts.NameSuggestions.Closest(name, candidates);
                return suggestions.Count == 0 ? null : "did you mean '" + string.Join("' or '", suggestions) + "'?";
            }

            private static bool IsIdentifier(string text)
            {
                if (string.IsNullOrEmpty(text) || text.Length > MaxNameLength) return false;
                if (!char.IsLetter(text[0]) || text[0] > 'z') return false;
                foreach (var c in text)
                {
                    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
                }

                return true;
            }

            private static bool IsOfferName(string text)
            {
                if (string.IsNullOrEmpty(text) || text.Length > MaxNameLength) return false;
                if (!((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z'))) return false;
                foreach (var c in text)
                {
                    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) return false;
                }

                return true;
            }

            // ---------------- positions ----------------

            private void Error(string code, int line, int column, string? ruleName, string message, string? hint) =>
                Add(DiagnosticSeverity.Error, code, line, column, ruleName, message, hint);

            private void Add(DiagnosticSeverity severity, string code, int line, int column, string? ruleName, string message, string? hint) =>
                _diagnostics.Add(new RulesetDiagnostic(severity, code, _file, line, column, string.IsNullOrEmpty(ruleName) ? null : ruleName, message, hint));

            private void ErrorAt(string code, JsonValue token, string? ruleName, string message, string? hint) =>
                Error(code, token.Line, DiagnosticColumn(token), ruleName, message, hint);

            private void ErrorAt(string code, JsonProperty property, string? ruleName, string message, string? hint) =>
                Error(code, property.Line, property.Column, ruleName, message, hint);

            /// <summary>Containers and strings are placed on their first character, numbers and literals on their last.</summary>
            private static int DiagnosticColumn(JsonValue token)
            {
                switch (token)
                {
                    case JsonNumber number: return number.EndColumn;
                    case JsonBoolean flag: return flag.EndColumn;
                    case JsonNull nothing: return nothing.EndColumn;
                    default: return token.Column;
                }
            }
        }
    }
}
