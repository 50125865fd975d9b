using System;
using System.Collections.Generic;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Rules.Expressions
{
    /// <summary>A LocalParam or GlobalParam visible to an expression.</summary>
    internal sealed class ParamSymbol
    {
        public ParamSymbol(string name, int slot, ExprType type, IReadOnlyList<string> facts, FactDefinition? aliasOf = null)
        {
            Name = name;
            Slot = slot;
            Type = type;
            Facts = facts;
            AliasOf = aliasOf;
        }

        public string Name { get; }
        public int Slot { get; }
        public ExprType Type { get; }
        /// <summary>The facts its expression reads (for explanations).</summary>
        public IReadOnlyList<string> Facts { get; }
        /// <summary>The fact whose value the param merely holds (<c>"Expression": "customer.Stage"</c>), else null.</summary>
        public FactDefinition? AliasOf { get; }
    }

    /// <summary>A parsed, type-checked expression ready to evaluate.</summary>
    internal sealed class BoundExpression
    {
        public BoundExpression(Expr root, IReadOnlyList<string> facts, bool isConstantTrue, Syntax syntax, FactDefinition? aliasOf)
        {
            Root = root;
            Facts = facts;
            IsConstantTrue = isConstantTrue;
            Syntax = syntax;
            AliasOf = aliasOf;
        }

        public Expr Root { get; }
        public IReadOnlyList<string> Facts { get; }
        public bool IsConstantTrue { get; }
        /// <summary>The parsed tree, for the checks that read how the expression was written (vocabulary, shadowing).</summary>
        public Syntax Syntax { get; }
        /// <summary>The fact the expression is nothing but a read of (<c>customer.Stage</c>, or a param holding it), else null.</summary>
        public FactDefinition? AliasOf { get; }
    }

    /// <summary>
    /// Types a syntax tree the way Dynamic LINQ (the reference engine's parser) would for
    /// <see cref="CustomerFacts"/>, restricted to the subset: int / decimal / double / bool / string
    /// with nullable int and decimal. Where Dynamic LINQ would pick a conversion we insert it
    /// explicitly; where it would reject, or where its choice is subtle, we report a type error.
    /// </summary>
    internal sealed class Binder
    {
        public const int MaxLength = 2000;

        private readonly IReadOnlyDictionary<string, ParamSymbol> _params;
        private readonly List<string> _facts = new List<string>();

        private Binder(IReadOnlyDictionary<string, ParamSymbol> parameters)
        {
            _params = parameters;
        }

        /// <summary>Parses and binds; <paramref name="requireBool"/> for rule expressions (params may be any type).</summary>
        public static BoundExpression Bind(string text, IReadOnlyDictionary<string, ParamSymbol> parameters, bool requireBool)
        {
            if (text.Length > MaxLength)
            {
                throw new ExpressionException(DiagnosticCodes.TooLong, 0, "the expression is " + text.Length + " characters long; at most " + MaxLength + " are allowed", "split it into several rules or LocalParams");
            }

            var names = new HashSet<string>(parameters.Keys, StringComparer.Ordinal);
            var syntax = Parser.Parse(text, names);
            var binder = new Binder(parameters);
            var root = binder.BindNode(syntax);
            if (requireBool && (root.Type.Kind != ValueKind.Bool))
            {
                throw new ExpressionException(DiagnosticCodes.TypeError, 0, "the expression is " + root.Type + ", not a condition (bool)", "compare it, e.g. customer.PurchaseCount > 0");
            }

            if (root.Type.Kind == ValueKind.Null)
            {
                throw new ExpressionException(DiagnosticCodes.TypeError, 0, "the expression is only 'null'", "give the param a value");
            }

            var aliasOf = root is FactRead read ? read.Fact : syntax.Kind == SyntaxKind.Param ? parameters[syntax.Text].AliasOf : null;
            return new BoundExpression(root, binder._facts, syntax.Kind == SyntaxKind.BoolLiteral && syntax.BoolValue, syntax, aliasOf);
        }

        private Expr BindNode(Syntax s)
        {
            switch (s.Kind)
            {
                case SyntaxKind.IntLiteral: return new IntConst(Literal.ParseInt(s.Text));
                case SyntaxKind.RealLiteral: return new DoubleConst(Literal.ParseDouble(s.Text), s.Text);
                case SyntaxKind.DecimalLiteral: return new DecimalConst(Literal.ParseDecimal(s.Text));
                case SyntaxKind.StringLiteral: return new StringConst(s.Text);
                case SyntaxKind.BoolLiteral: return new BoolConst(s.BoolValue);
                case SyntaxKind.NullLiteral: return new NullConst(ExprType.Null);
                case SyntaxKind.Fact: return BindFact(s);
                case SyntaxKind.Param:
                    var symbol = _params[s.Text];
                    foreach (var fact in symbol.Facts) Note(fact);
                    return new ParamRead(symbol.Slot, symbol.Type);
                case SyntaxKind.Unary: return BindUnary(s);
                case SyntaxKind.Binary: return BindBinary(s);
                case SyntaxKind.Conditional: return BindConditional(s);
                case SyntaxKind.In: return BindIn(s);
                case SyntaxKind.Member: return BindMember(s);
                default: return BindCall(s);
            }
        }

        private void Note(string fact)
        {
            if (!_facts.Contains(fact)) _facts.Add(fact);
        }

        private FactRead BindFact(Syntax s)
        {
            if (FactCatalog.TryGet(s.Text, out var fact))
            {
                Note(fact.Name);
                return new FactRead(fact);
            }

            var suggestions = FactCatalog.Suggest(s.Text);
            throw new ExpressionException(
                DiagnosticCodes.UnknownFact,
                s.Position,
                "unknown fact 'customer." + s.Text + "'",
                suggestions.Count > 0 ? "did you mean customer." + string.Join(" or customer.", suggestions) + "?" : "see the facts table in rules/README.md");
        }

        private Expr BindUnary(Syntax s)
        {
            var operand = BindNode(s.Children[0]);
            if (s.Text == "!")
            {
                if (operand.Type.Kind != ValueKind.Bool) throw TypeError(s, "'!' needs a condition (bool), not " + operand.Type, "compare first, e.g. !(customer.PurchaseCount > 0)");
                return new Not(operand);
            }

            if (!operand.Type.IsNumeric) throw TypeError(s, "'-' needs a number, not " + operand.Type, "negate numbers only");
            return new Negate(operand);
        }

        private Expr BindBinary(Syntax s)
        {
            var left = BindNode(s.Children[0]);
            var right = BindNode(s.Children[1]);
            var op = s.Text;
            switch (op)
            {
                case "&&":
                case "||":
                    if (left.Type.Kind != ValueKind.Bool || right.Type.Kind != ValueKind.Bool)
                    {
                        throw TypeError(s, "'" + op + "' joins conditions (bool), not " + left.Type + " and " + right.Type, "compare each side, e.g. customer.PurchaseCount > 0 " + op + " ...");
                    }

                    return new Logical(op == "&&", left, right);
                case "==":
                case "!=":
                    return BindEquality(s, left, right);
                case "<":
                case "<=":
                case ">":
                case ">=":
                    if (left.Type.Kind == ValueKind.String || right.Type.Kind == ValueKind.String)
                    {
                        throw TypeError(s, "strings cannot be ordered with '" + op + "'", "compare strings with ==, != or 'in (...)'");
                    }

                    if (left.Type.Kind == ValueKind.Null || right.Type.Kind == ValueKind.Null)
                    {
                        throw TypeError(s, "'" + op + "' with null is always false", "test for a value with '!= null' or .HasValue");
                    }

                    var ordered = Promote(s, ref left, ref right);
                    return new Comparison(op, left, right, ordered.Kind);
                default:
                    if (left.Type.Kind == ValueKind.String || right.Type.Kind == ValueKind.String)
                    {
                        throw TypeError(s, "string arithmetic ('" + op + "') is outside the subset", "compare strings with ==, != or 'in (...)'");
                    }

                    if (left.Type.Kind == ValueKind.Null || right.Type.Kind == ValueKind.Null)
                    {
                        throw TypeError(s, "arithmetic with null is outside the subset", "test for a value first");
                    }

                    var type = Promote(s, ref left, ref right);
                    return new Arithmetic(op[0], left, right, type);
            }
        }

        private static Comparison BindEquality(Syntax s, Expr left, Expr right)
        {
            var op = s.Text;
            var lk = left.Type.Kind;
            var rk = right.Type.Kind;
            if (lk == ValueKind.Null && rk == ValueKind.Null) return new Comparison(op, left, right, ValueKind.Null);
            if (lk == ValueKind.Null || rk == ValueKind.Null)
            {
                var other = lk == ValueKind.Null ? right : left;
                var canBeNull = other.Type.Kind == ValueKind.String || (other.Type.Nullable && other.Type.Kind != ValueKind.Double);
                if (!canBeNull)
                {
                    throw TypeError(s, "a " + other.Type + " is never null, so '" + op + " null' is always " + (op == "!=" ? "true" : "false"), "compare with a value instead");
                }

                var typedNull = new NullConst(other.Type);
                return lk == ValueKind.Null
                    ? new Comparison(op, typedNull, right, other.Type.Kind)
                    : new Comparison(op, left, typedNull, other.Type.Kind);
            }

            if (lk == ValueKind.Bool && rk == ValueKind.Bool) return new Comparison(op, left, right, ValueKind.Bool);
            if (lk == ValueKind.String && rk == ValueKind.String) return new Comparison(op, left, right, ValueKind.String);
            if (left.Type.IsNumeric && right.Type.IsNumeric)
            {
                var type = Promote(s, ref left, ref right);
                return new Comparison(op, left, right, type.Kind);
            }

            throw TypeError(s, "'" + op + "' cannot compare " + left.Type + " with " + right.Type, HintFor(left, right));
        }

        private static string HintFor(Expr left, Expr right)
        {
            if (left.Type.Kind == ValueKind.String || right.Type.Kind == ValueKind.String) return "compare a text fact with a quoted string, e.g. customer.Stage == \"Lost\"";
            return "compare values of the same kind";
        }

        /// <summary>
        /// Brings two numeric operands to one type as Dynamic LINQ does: a real literal next to a decimal
        /// becomes decimal; int with decimal → decimal; int with double → double; nullable if either is.
        /// Mixes Dynamic LINQ rejects (decimal with double, int? with double) are type errors here too.
        /// </summary>
        private static ExprType Promote(Syntax at, ref Expr left, ref Expr right)
        {
            if (!left.Type.IsNumeric || !right.Type.IsNumeric)
            {
                throw TypeError(at, "'" + at.Text + "' needs numbers, not " + left.Type + " and " + right.Type, HintFor(left, right));
            }

            left = AdaptLiteral(left, right.Type);
            right = AdaptLiteral(right, left.Type);
            var lk = left.Type.Kind;
            var rk = right.Type.Kind;
            var nullable = left.Type.Nullable || right.Type.Nullable;
            if (lk == rk) return new ExprType(lk, nullable);
            if ((lk == ValueKind.Int && rk == ValueKind.Decimal) || (lk == ValueKind.Decimal && rk == ValueKind.Int))
            {
                if (lk == ValueKind.Int) left = new Widen(left, ValueKind.Decimal);
                else right = new Widen(right, ValueKind.Decimal);
                return new ExprType(ValueKind.Decimal, nullable);
            }

            if ((lk == ValueKind.Int && rk == ValueKind.Double) || (lk == ValueKind.Double && rk == ValueKind.Int))
            {
                if (nullable)
                {
                    throw TypeError(at, "'" + at.Text + "' cannot mix " + left.Type + " and " + right.Type, "compare a nullable whole-number fact with whole numbers (e.g. >= 3), or use .Value after a .HasValue test");
                }

                if (lk == ValueKind.Int) left = new Widen(left, ValueKind.Double);
                else right = new Widen(right, ValueKind.Double);
                return new ExprType(ValueKind.Double, false);
            }

            throw TypeError(at, "'" + at.Text + "' cannot mix " + left.Type + " and " + right.Type, "write decimal numbers as literals next to decimal facts (customer.TotalSpend > 1.5), or use a decimal literal such as 1.5m");
        }

        private static Expr AdaptLiteral(Expr candidate, ExprType partner)
        {
            if (candidate is DoubleConst literal && literal.LiteralText is not null && partner.Kind == ValueKind.Decimal)
            {
                return new DecimalConst(Literal.ParseDecimal(literal.LiteralText));
            }

            return candidate;
        }

        private Conditional BindConditional(Syntax s)
        {
            var condition = BindNode(s.Children[0]);
            if (condition.Type.Kind != ValueKind.Bool) throw TypeError(s, "the condition before '?' is " + condition.Type + ", not bool", "compare it first");
            var a = BindNode(s.Children[1]);
            var b = BindNode(s.Children[2]);
            var ta = a.Type;
            var tb = b.Type;
            if (ta.Equals(tb))
            {
                if (ta.Kind == ValueKind.Null) throw TypeError(s, "both branches are null", "give one branch a value");
                return new Conditional(condition, a, b, ta);
            }

            if (ta.Kind == ValueKind.Null || tb.Kind == ValueKind.Null)
            {
                var other = ta.Kind == ValueKind.Null ? tb : ta;
                if (other.Kind == ValueKind.Bool || other.Kind == ValueKind.Double) throw TypeError(s, "a " + other + " branch cannot pair with null", "give both branches values");
                var type = other.Kind == ValueKind.String ? ExprType.String : other.AsNullable();
                return new Conditional(condition, ta.Kind == ValueKind.Null ? new NullConst(type) : a, tb.Kind == ValueKind.Null ? new NullConst(type) : b, type);
            }

            if (ta.IsNumeric && tb.IsNumeric)
            {
                var type = Promote(s, ref a, ref b);
                return new Conditional(condition, a, b, type);
            }

            throw TypeError(s, "the branches of '? :' are " + ta + " and " + tb, "give both branches the same kind of value");
        }

        private Membership BindIn(Syntax s)
        {
            var operand = BindNode(s.Children[0]);
            var count = s.Children.Length - 1;
            var kind = operand.Type.Kind;
            if (kind != ValueKind.Int && kind != ValueKind.Decimal && kind != ValueKind.String)
            {
                throw TypeError(s, "'in' tests whole numbers, decimals or strings, not " + operand.Type, "e.g. customer.DormancyReason in (\"Dissatisfied\", \"Competitor\")");
            }

            var ints = new int[kind == ValueKind.Int ? count : 0];
            var decimals = new decimal[kind == ValueKind.Decimal ? count : 0];
            var strings = new string[kind == ValueKind.String ? count : 0];
            for (var i = 0; i < count; i++)
            {
                var item = s.Children[i + 1];
                switch (kind)
                {
                    case ValueKind.String when item.Kind == SyntaxKind.StringLiteral:
                        strings[i] = item.Text;
                        break;
                    case ValueKind.Int when item.Kind == SyntaxKind.IntLiteral:
                        ints[i] = Literal.ParseInt(item.Text);
                        break;
                    case ValueKind.Decimal when item.Kind != SyntaxKind.StringLiteral:
                        decimals[i] = Literal.ParseDecimal(item.Text);
                        break;
                    default:
                        throw TypeError(item, "the list value " + (item.Kind == SyntaxKind.StringLiteral ? "\"" + item.Text + "\"" : item.Text) + " does not fit " + operand.Type, kind == ValueKind.String ? "list quoted strings" : "list whole numbers");
                }
            }

            return new Membership(operand, ints, decimals, strings);
        }

        private Expr BindMember(Syntax s)
        {
            var target = BindNode(s.Children[0]);
            var nullableNumber = target.Type.Nullable && (target.Type.Kind == ValueKind.Int || target.Type.Kind == ValueKind.Decimal);
            if (!nullableNumber)
            {
                throw TypeError(s, "." + s.Text + " applies to nullable numbers (int?, decimal?), not " + target.Type, target.Type.Kind == ValueKind.String ? "test text with string.IsNullOrEmpty(...) or == \"\"" : "this value is never null; use it directly");
            }

            return s.Text == "HasValue" ? new HasValue(target) : new ValueOf(target);
        }

        private Expr BindCall(Syntax s)
        {
            if (s.StaticType == "string")
            {
                if (s.Children.Length != 1) throw TypeError(s, "string.IsNullOrEmpty takes one argument", "string.IsNullOrEmpty(customer.Tier)");
                var value = BindNode(s.Children[0]);
                if (value.Type.Kind != ValueKind.String) throw TypeError(s, "string.IsNullOrEmpty needs a string, not " + value.Type, "pass a text fact such as customer.Tier");
                return new StringCall("IsNullOrEmpty", value, null);
            }

            if (s.StaticType == "Math") return BindMath(s);

            // Instance string method: children[0] is the receiver.
            var receiver = BindNode(s.Children[0]);
            if (receiver.Type.Kind != ValueKind.String) throw TypeError(s, "." + s.Text + " applies to strings, not " + receiver.Type, "use it on a text fact, e.g. customer.Tier.StartsWith(\"Gold\")");
            if (s.Children.Length != 2) throw TypeError(s, "." + s.Text + " takes one string argument", "e.g. customer.Tier." + s.Text + "(\"Gold\")");
            var argument = BindNode(s.Children[1]);
            if (argument.Type.Kind != ValueKind.String) throw TypeError(s, "." + s.Text + " needs a string argument, not " + argument.Type, "pass a quoted string");
            return new StringCall(s.Text, receiver, argument);
        }

        private MathCall BindMath(Syntax s)
        {
            var arity = s.Text == "Abs" ? 1 : 2;
            if (s.Children.Length != arity) throw TypeError(s, "Math." + s.Text + " takes " + arity + " argument" + (arity == 1 ? "" : "s"), "e.g. Math." + s.Text + (arity == 1 ? "(customer.TotalSpend)" : "(customer.PurchaseCount, 5)"));
            var a = BindNode(s.Children[0]);
            var b = arity == 2 ? BindNode(s.Children[1]) : null;
            if (!a.Type.IsNumeric || a.Type.Nullable || (b is not null && (!b.Type.IsNumeric || b.Type.Nullable)))
            {
                throw TypeError(s, "Math." + s.Text + " needs numbers that are never null", "use .HasValue ? .Value : fallback for nullable facts");
            }

            if (b is null) return new MathCall(s.Text, a, null, a.Type);
            var type = Promote(s, ref a, ref b);
            return new MathCall(s.Text, a, b, type);
        }

        private static ExpressionException TypeError(Syntax at, string message, string hint) =>
            new ExpressionException(DiagnosticCodes.TypeError, at.Position, message, hint);
    }
}
