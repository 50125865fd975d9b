using System.Collections.Generic;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Rules.Expressions
{
    /// <summary>A string an expression compares with a fact although the fact never takes that value.</summary>
    internal sealed class VocabularyFinding
    {
        public VocabularyFinding(bool isError, int position, string message, string hint)
        {
            IsError = isError;
            Position = position;
            Message = message;
            Hint = hint;
        }

        /// <summary>False for a near miss of an open vocabulary (a warning).</summary>
        public bool IsError { get; }
        /// <summary>Offset of the string literal in the expression.</summary>
        public int Position { get; }
        public string Message { get; }
        public string Hint { get; }
    }

    /// <summary>
    /// Finds the strings compared with a fact that has a vocabulary (<see cref="FactVocabulary"/>) — with
    /// <c>==</c> or <c>!=</c> in either order, or in an <c>in (...)</c> list — that are not among its values:
    /// <c>customer.DormancyReason == "Dissatisfed"</c> is never true, and nothing else would say so. A param that only
    /// holds a fact (<c>"Expression": "customer.Stage"</c>) counts as that fact.
    /// </summary>
    internal static class VocabularyCheck
    {
        public static List<VocabularyFinding> Find(Syntax root, IReadOnlyDictionary<string, ParamSymbol> scope)
        {
            var findings = new List<VocabularyFinding>();
            Visit(root, scope, findings);
            return findings;
        }

        private static void Visit(Syntax node, IReadOnlyDictionary<string, ParamSymbol> scope, List<VocabularyFinding> findings)
        {
            if (node.Kind == SyntaxKind.Binary && (node.Text == "==" || node.Text == "!="))
            {
                var left = node.Children[0];
                var right = node.Children[1];
                var consequence = node.Text == "==" ? "is never true" : "is always true";
                if (right.Kind == SyntaxKind.StringLiteral) Check(left, right, node.Text, consequence, scope, findings);
                else if (left.Kind == SyntaxKind.StringLiteral) Check(right, left, node.Text, consequence, scope, findings);
            }
            else if (node.Kind == SyntaxKind.In)
            {
                for (var i = 1; i < node.Children.Length; i++)
                {
                    if (node.Children[i].Kind == SyntaxKind.StringLiteral) Check(node.Children[0], node.Children[i], "in", "never matches it", scope, findings);
                }
            }

            foreach (var child in node.Children) Visit(child, scope, findings);
        }

        private static void Check(Syntax operand, Syntax literal, string op, string consequence, IReadOnlyDictionary<string, ParamSymbol> scope, List<VocabularyFinding> findings)
        {
            var fact = FactOf(operand, scope);
            var vocabulary = fact?.Vocabulary;
            if (vocabulary is null || vocabulary.Contains(literal.Text)) return;
            var suggestions = NameSuggestions.Closest(literal.Text, vocabulary.Values);
            var values = string.Join(", ", vocabulary.Values);
            if (vocabulary.IsOpen)
            {
                // Free text: a value of the business's own is fine; only one close to a usual value looks like a typo.
                if (suggestions.Count == 0) return;
                findings.Add(new VocabularyFinding(
                    false,
                    literal.Position,
                    "'" + literal.Text + "' is not one of the usual values of customer." + fact!.Name + " (" + values + ")",
                    "did you mean '" + string.Join("' or '", suggestions) + "'? If your " + vocabulary.What + "s include '" + literal.Text + "', ignore this"));
                return;
            }

            findings.Add(new VocabularyFinding(
                true,
                literal.Position,
                "'" + literal.Text + "' is not a " + vocabulary.What + ", so " + Describe(operand, op, literal) + " " + consequence,
                suggestions.Count > 0 ? "did you mean '" + string.Join("' or '", suggestions) + "'?" : "the " + vocabulary.What + "s are " + values));
        }

        /// <summary>The test as written: <c>customer.Stage == "Sleepng"</c>, or <c>customer.Stage in (... "Sleepng" ...)</c>.</summary>
        private static string Describe(Syntax operand, string op, Syntax literal)
        {
            var subject = operand.Kind == SyntaxKind.Fact ? "customer." + operand.Text : operand.Text;
            return op == "in" ? "the value \"" + literal.Text + "\" in " + subject + " in (...)" : subject + " " + op + " \"" + literal.Text + "\"";
        }

        private static FactDefinition? FactOf(Syntax operand, IReadOnlyDictionary<string, ParamSymbol> scope)
        {
            if (operand.Kind == SyntaxKind.Fact) return FactCatalog.TryGet(operand.Text, out var fact) ? fact : null;
            if (operand.Kind == SyntaxKind.Param && scope.TryGetValue(operand.Text, out var symbol)) return symbol.AliasOf;
            return null;
        }
    }
}
