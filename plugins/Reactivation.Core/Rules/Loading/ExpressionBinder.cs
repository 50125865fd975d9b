using System;
using System.Collections.Generic;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Expressions;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// Step 3 of loading: every param and condition is parsed and type-checked against the facts
    /// (<see cref="Binder"/>), with scopes as RulesEngine has them (GlobalParams for every rule, a rule's
    /// LocalParams for it and its nested rules, each param visible to the ones after it) and one value slot per
    /// param. A fault is placed on the character of the expression it concerns.
    /// </summary>
    internal sealed class ExpressionBinder
    {
        private readonly DiagnosticList _diagnostics;
        private int _slotCount;

        private ExpressionBinder(DiagnosticList diagnostics)
        {
            _diagnostics = diagnostics;
        }

        /// <summary>Binds the workflow's params and rules; returns the bound GlobalParams, and how many param slots an evaluation needs.</summary>
        public static IReadOnlyList<ScopedParamDefinition> Bind(CheckedWorkflow workflow, DiagnosticList diagnostics, out int slotCount)
        {
            var binder = new ExpressionBinder(diagnostics);
            var scope = new Dictionary<string, ParamSymbol>(StringComparer.Ordinal);
            var globals = binder.BindParams(workflow.GlobalParams, scope, null);
            foreach (var rule in workflow.Rules) binder.BindRule(rule, scope);
            slotCount = binder._slotCount;
            return globals;
        }

        private void BindRule(CheckedRule rule, Dictionary<string, ParamSymbol> parentScope)
        {
            var definition = rule.Definition;
            var name = rule.Source.RuleName?.Value;
            var scope = new Dictionary<string, ParamSymbol>(parentScope, StringComparer.Ordinal);
            definition.LocalParams = BindParams(rule.LocalParams, scope, name);
            var facts = new List<string>();
            foreach (var p in definition.LocalParams) AddAll(facts, p.Bound.Facts);
            foreach (var child in rule.Rules)
            {
                BindRule(child, scope);
                AddAll(facts, child.Definition.ReferencedFacts);
            }

            if (rule.Expression is { } expression)
            {
                definition.Bound = BindExpression(expression, scope, name, requireBool: true);
                if (definition.Bound is not null) AddAll(facts, definition.Bound.Facts);
            }

            definition.ReferencedFacts = facts;
        }

        private List<ScopedParamDefinition> BindParams(IReadOnlyList<CheckedParam> parameters, Dictionary<string, ParamSymbol> scope, string? ruleName)
        {
            var result = new List<ScopedParamDefinition>(parameters.Count);
            foreach (var parameter in parameters)
            {
                var name = parameter.Name.Value;
                if (scope.ContainsKey(name))
                {
                    _diagnostics.ErrorAt(DiagnosticCodes.DuplicateName, parameter.Name, ruleName, "the param '" + name + "' is already defined in this scope", "give it another name");
                    continue;
                }

                var bound = BindExpression(parameter.Expression, scope, ruleName, requireBool: false);
                if (bound is null) continue;
                var slot = _slotCount++;
                scope.Add(name, new ParamSymbol(name, slot, bound.Root.Type, bound.Facts, bound.AliasOf));
                result.Add(new ScopedParamDefinition(name, parameter.Expression.Value, slot, bound));
            }

            return result;
        }

        private BoundExpression? BindExpression(JsonString expression, Dictionary<string, ParamSymbol> scope, string? ruleName, bool requireBool)
        {
            BoundExpression bound;
            try
            {
                bound = Binder.Bind(expression.Value, scope, requireBool);
            }
            catch (ExpressionException e)
            {
                var at = expression.PositionAt(e.Position);
                _diagnostics.Error(e.Code, at.Line, at.Column, ruleName, e.Message, e.Hint);
                return null;
            }

            foreach (var finding in VocabularyCheck.Find(bound.Syntax, scope))
            {
                var at = expression.PositionAt(finding.Position);
                if (finding.IsError) _diagnostics.Error(DiagnosticCodes.UnknownValue, at.Line, at.Column, ruleName, finding.Message, finding.Hint);
                else _diagnostics.Warning(DiagnosticCodes.UnknownValue, at.Line, at.Column, ruleName, finding.Message, finding.Hint);
            }

            return bound;
        }

        private static void AddAll(List<string> into, IReadOnlyList<string> items)
        {
            foreach (var item in items)
            {
                if (!into.Contains(item)) into.Add(item);
            }
        }
    }
}
