using System;
using System.Collections.Generic;

namespace Reactivation.Core.Rules.Expressions
{
    internal enum SyntaxKind
    {
        IntLiteral,
        RealLiteral,
        DecimalLiteral,
        StringLiteral,
        BoolLiteral,
        NullLiteral,
        Fact,
        Param,
        Unary,
        Binary,
        Conditional,
        In,
        Member,
        Call,
    }

    /// <summary>The untyped tree the parser produces; the binder turns it into evaluable nodes.</summary>
    internal sealed class Syntax
    {
        public Syntax(SyntaxKind kind, int position, string text, int height, params Syntax[] children)
        {
            Kind = kind;
            Position = position;
            Text = text;
            Children = children;
            Height = height;
        }

        public SyntaxKind Kind { get; }
        public int Position { get; }
        /// <summary>Literal text, fact / param / member / method name, or operator.</summary>
        public string Text { get; }
        public Syntax[] Children { get; }
        public int Height { get; }
        /// <summary>For calls: "Math" or "string" for static helpers; null for instance methods.</summary>
        public string? StaticType { get; set; }
        public bool BoolValue { get; set; }
    }

    /// <summary>
    /// Recursive descent over the subset's grammar (rules/README.md). Binary operator chains are
    /// parsed in loops; every recursive entry (parentheses, unary operators, conditional branches,
    /// call arguments) passes a depth counter, so hostile nesting ends in a diagnostic, never in a
    /// stack overflow.
    /// </summary>
    internal sealed class Parser
    {
        public const int MaxNesting = 32;
        public const int MaxHeight = 64;

        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "new", "typeof", "is", "as", "it", "parent", "root", "np", "iif", "default", "sizeof", "nameof", "checked",
            "unchecked", "this", "base", "var", "out", "ref", "await", "async", "delegate", "stackalloc", "throw",
        };

        private static readonly HashSet<string> ForbiddenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "System", "Type", "Activator", "Environment", "Process", "Enumerable", "Queryable", "Assembly", "AppDomain",
            "File", "Directory", "Path", "Console", "Convert", "DateTime", "DateTimeOffset", "TimeSpan", "Guid", "Uri",
            "Enum", "Object", "GC", "Thread", "Task", "Marshal", "Reflection", "Regex", "Array", "List", "Dictionary",
            "Int32", "Int64", "Decimal", "Double", "Boolean", "Char", "Byte", "int", "long", "decimal", "double", "bool",
            "char", "byte", "float", "object", "dynamic", "Expression", "Delegate", "Func", "Action", "Microsoft",
            "Newtonsoft", "Linq", "IO", "Net", "Diagnostics", "Security", "Runtime", "Encoding", "BitConverter", "Buffer",
            "Random", "Interlocked", "Monitor", "WebClient", "HttpClient", "Socket", "Registry",
        };

        private static readonly string[] MathMethods = { "Min", "Max", "Abs" };
        private static readonly string[] StringMethods = { "IsNullOrEmpty" };

        private readonly string _text;
        private readonly List<Token> _tokens;
        private readonly ISet<string> _params;
        private int _index;
        private int _depth;

        private Parser(string text, List<Token> tokens, ISet<string> parameters)
        {
            _text = text;
            _tokens = tokens;
            _params = parameters;
        }

        private Token Current => _tokens[_index];

        public static Syntax Parse(string text, ISet<string> parameters)
        {
            var parser = new Parser(text, Lexer.Tokenize(text), parameters);
            if (parser.Current.Kind == TokenKind.End)
            {
                throw new ExpressionException(DiagnosticCodes.Syntax, 0, "the expression is empty", "write a condition such as customer.PurchaseCount == 0 (or true)");
            }

            var result = parser.ParseExpression();
            if (parser.Current.Kind != TokenKind.End)
            {
                var t = parser.Current;
                if (t.Kind == TokenKind.EqEq || t.Kind == TokenKind.NotEq || IsRelational(t.Kind))
                {
                    throw new ExpressionException(DiagnosticCodes.Syntax, t.Position, "'" + t.Text + "' cannot follow an 'in (...)' test", "wrap the test in parentheses");
                }

                throw new ExpressionException(DiagnosticCodes.Syntax, t.Position, "unexpected '" + parser.Describe(t) + "'", "check for a missing operator or an extra ')'");
            }

            return result;
        }

        private string Describe(Token t) => t.Kind == TokenKind.End ? "end of expression" : _text.Substring(t.Position, t.Length);

        private void Enter(int position)
        {
            if (++_depth > MaxNesting)
            {
                throw new ExpressionException(DiagnosticCodes.TooDeep, position, "the expression nests deeper than " + MaxNesting + " levels", "split it into simpler rules or LocalParams");
            }
        }

        private void Leave() => _depth--;

        private static Syntax Node(SyntaxKind kind, int position, string text, params Syntax[] children)
        {
            var height = 0;
            foreach (var child in children) height = Math.Max(height, child.Height);
            height++;
            if (height > MaxHeight)
            {
                throw new ExpressionException(DiagnosticCodes.TooDeep, position, "the expression has more than " + MaxHeight + " nested operations", "split it into simpler rules, LocalParams or an 'in (...)' list");
            }

            return new Syntax(kind, position, text, height, children);
        }

        private Syntax ParseExpression()
        {
            Enter(Current.Position);
            var condition = ParseOr();
            if (Current.Kind == TokenKind.Question)
            {
                var question = Current;
                _index++;
                var whenTrue = ParseExpression();
                Expect(TokenKind.Colon, "':' of the conditional ' ? : '");
                var whenFalse = ParseExpression();
                condition = Node(SyntaxKind.Conditional, question.Position, "?:", condition, whenTrue, whenFalse);
            }

            Leave();
            return condition;
        }

        private Syntax ParseOr()
        {
            var left = ParseAnd();
            while (Current.Kind == TokenKind.OrOr || IsWord("or"))
            {
                var op = Current;
                if (op.Kind != TokenKind.OrOr) throw WordOperator(op, "||");
                _index++;
                left = Node(SyntaxKind.Binary, op.Position, "||", left, ParseAnd());
            }

            return left;
        }

        private Syntax ParseAnd()
        {
            var left = ParseIn();
            while (Current.Kind == TokenKind.AndAnd || IsWord("and"))
            {
                var op = Current;
                if (op.Kind != TokenKind.AndAnd) throw WordOperator(op, "&&");
                _index++;
                left = Node(SyntaxKind.Binary, op.Position, "&&", left, ParseIn());
            }

            return left;
        }

        private Syntax ParseIn()
        {
            var left = ParseComparison();
            if (!IsWord("in")) return left;
            var op = Current;
            if (op.Text != "in") throw new ExpressionException(DiagnosticCodes.Syntax, op.Position, "write the membership operator in lower case", "x in (\"A\", \"B\")");
            if (left.Kind == SyntaxKind.Binary && IsComparisonText(left.Text))
            {
                throw new ExpressionException(DiagnosticCodes.Syntax, op.Position, "'in' cannot test a comparison", "write 'customer.X in (...)' on its own, joined with && or ||");
            }

            _index++;
            Expect(TokenKind.LParen, "'(' after 'in'");
            var items = new List<Syntax> { left };
            while (true)
            {
                items.Add(ParseListItem());
                if (Current.Kind == TokenKind.Comma)
                {
                    _index++;
                    continue;
                }

                Expect(TokenKind.RParen, "',' or ')' in the 'in' list");
                break;
            }

            if (items.Count > 101)
            {
                throw new ExpressionException(DiagnosticCodes.TooLong, op.Position, "an 'in' list may hold at most 100 values", "split the rule");
            }

            return Node(SyntaxKind.In, op.Position, "in", items.ToArray());
        }

        private Syntax ParseListItem()
        {
            var t = Current;
            var negative = false;
            if (t.Kind == TokenKind.Minus)
            {
                negative = true;
                _index++;
                t = Current;
            }

            switch (t.Kind)
            {
                case TokenKind.IntLiteral:
                case TokenKind.RealLiteral:
                case TokenKind.DecimalLiteral:
                    _index++;
                    return NumberLiteral(t, negative);
                case TokenKind.StringLiteral when !negative:
                    _index++;
                    return new Syntax(SyntaxKind.StringLiteral, t.Position, t.Text, 1);
                default:
                    throw new ExpressionException(DiagnosticCodes.OutsideSubset, t.Position, "an 'in' list holds literal values only", "list numbers or \"strings\": customer.DormancyReason in (\"Dissatisfied\", \"Competitor\")");
            }
        }

        private Syntax ParseComparison()
        {
            var left = ParseAdditive();
            if (!IsComparison(Current.Kind)) return left;
            var op = Current;
            _index++;
            var right = ParseAdditive();
            if (IsComparison(Current.Kind))
            {
                // C# and Dynamic LINQ disagree on how 'a == b > c' groups; parentheses make it one meaning.
                throw new ExpressionException(DiagnosticCodes.Syntax, Current.Position, "comparisons cannot be chained", "add parentheses, e.g. (customer.X > 1) == true, or join with &&");
            }

            return Node(SyntaxKind.Binary, op.Position, op.Text, left, right);
        }

        private Syntax ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (Current.Kind == TokenKind.Plus || Current.Kind == TokenKind.Minus)
            {
                var op = Current;
                _index++;
                left = Node(SyntaxKind.Binary, op.Position, op.Text, left, ParseMultiplicative());
            }

            return left;
        }

        private Syntax ParseMultiplicative()
        {
            var left = ParseUnary();
            while (Current.Kind == TokenKind.Star || Current.Kind == TokenKind.Slash || Current.Kind == TokenKind.Percent)
            {
                var op = Current;
                _index++;
                left = Node(SyntaxKind.Binary, op.Position, op.Text, left, ParseUnary());
            }

            return left;
        }

        private Syntax ParseUnary()
        {
            var t = Current;
            if (IsWord("not")) throw WordOperator(t, "!");
            if (t.Kind == TokenKind.Plus) throw new ExpressionException(DiagnosticCodes.OutsideSubset, t.Position, "unary '+' is outside the expression subset", "remove it");
            if (t.Kind != TokenKind.Bang && t.Kind != TokenKind.Minus) return ParsePostfix();
            _index++;
            var next = Current;
            if (t.Kind == TokenKind.Minus && (next.Kind == TokenKind.IntLiteral || next.Kind == TokenKind.RealLiteral || next.Kind == TokenKind.DecimalLiteral))
            {
                // Dynamic LINQ folds '-' into a following number literal (so -1.5 still adapts to decimal).
                _index++;
                return ParseMemberChain(NumberLiteral(next, negative: true, position: t.Position));
            }

            Enter(t.Position);
            var operand = ParseUnary();
            Leave();
            return Node(SyntaxKind.Unary, t.Position, t.Text, operand);
        }

        private Syntax ParsePostfix() => ParseMemberChain(ParsePrimary());

        private Syntax ParseMemberChain(Syntax target)
        {
            while (true)
            {
                var t = Current;
                if (t.Kind == TokenKind.LParen)
                {
                    throw new ExpressionException(DiagnosticCodes.OutsideSubset, t.Position, "calling this is outside the expression subset", "only Math.Min/Max/Abs, string.IsNullOrEmpty and .StartsWith/.EndsWith/.Contains may be called");
                }

                if (t.Kind != TokenKind.Dot) return target;
                _index++;
                var name = Current;
                if (name.Kind != TokenKind.Identifier) throw Unexpected(name, "a member name after '.'");
                _index++;
                if (Current.Kind == TokenKind.LParen)
                {
                    if (name.Text != "StartsWith" && name.Text != "EndsWith" && name.Text != "Contains")
                    {
                        throw NotWhitelistedMethod(name);
                    }

                    var args = ParseArguments();
                    var children = new Syntax[args.Count + 1];
                    children[0] = target;
                    args.CopyTo(children, 1);
                    target = Node(SyntaxKind.Call, name.Position, name.Text, children);
                    continue;
                }

                if (name.Text != "HasValue" && name.Text != "Value")
                {
                    throw new ExpressionException(
                        DiagnosticCodes.OutsideSubset,
                        name.Position,
                        "the member '" + name.Text + "' is outside the expression subset",
                        IsReflectionName(name.Text) ? "reflection is never available to rules" : "only .HasValue and .Value (on nullable facts) may follow a value");
                }

                target = Node(SyntaxKind.Member, name.Position, name.Text, target);
            }
        }

        private static ExpressionException NotWhitelistedMethod(Token name) =>
            new ExpressionException(
                DiagnosticCodes.OutsideSubset,
                name.Position,
                "the method '" + name.Text + "' is outside the expression subset",
                IsReflectionName(name.Text)
                    ? "reflection is never available to rules"
                    : "only Math.Min/Max/Abs, string.IsNullOrEmpty and .StartsWith/.EndsWith/.Contains may be called");

        private static bool IsReflectionName(string name) =>
            name.StartsWith("Get", StringComparison.Ordinal) || name == "Invoke" || name == "Assembly" || name == "DynamicInvoke" || name == "CreateInstance" || name == "Load";

        private List<Syntax> ParseArguments()
        {
            Expect(TokenKind.LParen, "'('");
            var args = new List<Syntax>();
            if (Current.Kind == TokenKind.RParen)
            {
                _index++;
                return args;
            }

            while (true)
            {
                args.Add(ParseExpression());
                if (args.Count > 4) throw new ExpressionException(DiagnosticCodes.Syntax, Current.Position, "too many arguments", "the helpers take one or two arguments");
                if (Current.Kind == TokenKind.Comma)
                {
                    _index++;
                    continue;
                }

                Expect(TokenKind.RParen, "',' or ')' after an argument");
                return args;
            }
        }

        private Syntax ParsePrimary()
        {
            var t = Current;
            switch (t.Kind)
            {
                case TokenKind.IntLiteral:
                case TokenKind.RealLiteral:
                case TokenKind.DecimalLiteral:
                    _index++;
                    return NumberLiteral(t, negative: false);
                case TokenKind.StringLiteral:
                    _index++;
                    return new Syntax(SyntaxKind.StringLiteral, t.Position, t.Text, 1);
                case TokenKind.LParen:
                    _index++;
                    var inner = ParseExpression();
                    Expect(TokenKind.RParen, "')'");
                    return inner;
                case TokenKind.Identifier:
                    _index++;
                    return ParseIdentifier(t);
                default:
                    throw Unexpected(t, "a value");
            }
        }

        private Syntax ParseIdentifier(Token t)
        {
            var name = t.Text;
            switch (name)
            {
                case "true":
                case "false":
                    return new Syntax(SyntaxKind.BoolLiteral, t.Position, name, 1) { BoolValue = name == "true" };
                case "null":
                    return new Syntax(SyntaxKind.NullLiteral, t.Position, name, 1);
                case "customer":
                    if (Current.Kind != TokenKind.Dot)
                    {
                        throw new ExpressionException(DiagnosticCodes.Syntax, t.Position, "'customer' must be followed by a fact", "write customer.PurchaseCount, customer.Stage, ...");
                    }

                    _index++;
                    var fact = Current;
                    if (fact.Kind != TokenKind.Identifier) throw Unexpected(fact, "a fact name after 'customer.'");
                    _index++;
                    if (Current.Kind == TokenKind.LParen) throw NotWhitelistedMethod(fact);
                    return new Syntax(SyntaxKind.Fact, fact.Position, fact.Text, 1);
                case "Math":
                    return ParseStaticCall(t, "Math", MathMethods);
                case "string":
                    return ParseStaticCall(t, "string", StringMethods);
            }

            if (_params.Contains(name)) return new Syntax(SyntaxKind.Param, t.Position, name, 1);
            if (Keywords.Contains(name) || string.Equals(name, "in", StringComparison.OrdinalIgnoreCase))
            {
                throw new ExpressionException(DiagnosticCodes.OutsideSubset, t.Position, "'" + name + "' is outside the expression subset", "rules compare facts; no objects, types or lambdas");
            }

            if (ForbiddenNames.Contains(name) || Current.Kind == TokenKind.Dot || Current.Kind == TokenKind.LParen)
            {
                throw new ExpressionException(DiagnosticCodes.OutsideSubset, t.Position, "'" + name + "' is outside the expression subset", "rules may use customer.<fact>, LocalParams/GlobalParams by name, Math.Min/Max/Abs and string.IsNullOrEmpty");
            }

            if (Facts.FactCatalog.TryGet(name, out _))
            {
                throw new ExpressionException(DiagnosticCodes.UnknownName, t.Position, "unknown name '" + name + "'", "did you mean customer." + name + "?");
            }

            var candidates = new List<string>(_params) { "customer", "true", "false", "null" };
            var suggestions = Facts.NameSuggestions.Closest(name, candidates);
            throw new ExpressionException(DiagnosticCodes.UnknownName, t.Position, "unknown name '" + name + "'", suggestions.Count > 0 ? "did you mean " + string.Join(" or ", suggestions) + "?" : "facts are written customer.<Fact>; see the facts table in rules/README.md");
        }

        private Syntax ParseStaticCall(Token type, string typeName, string[] allowed)
        {
            Expect(TokenKind.Dot, "'.' after " + typeName);
            var method = Current;
            if (method.Kind != TokenKind.Identifier) throw Unexpected(method, "a method name");
            _index++;
            if (Array.IndexOf(allowed, method.Text) < 0 || Current.Kind != TokenKind.LParen)
            {
                throw new ExpressionException(DiagnosticCodes.OutsideSubset, method.Position, "'" + typeName + "." + method.Text + "' is outside the expression subset", "allowed: " + typeName + "." + string.Join(", " + typeName + ".", allowed) + "(...)");
            }

            var args = ParseArguments();
            return new Syntax(SyntaxKind.Call, type.Position, method.Text, HeightOf(args), args.ToArray()) { StaticType = typeName };
        }

        private static int HeightOf(List<Syntax> args)
        {
            var height = 0;
            foreach (var a in args) height = Math.Max(height, a.Height);
            return height + 1;
        }

        private static Syntax NumberLiteral(Token t, bool negative, int? position = null)
        {
            var text = negative ? "-" + t.Text : t.Text;
            var at = position ?? t.Position;
            switch (t.Kind)
            {
                case TokenKind.IntLiteral:
                    if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
                    {
                        throw new ExpressionException(DiagnosticCodes.TypeError, at, "the number " + text + " is outside the int range", "use a number between -2147483648 and 2147483647");
                    }

                    return new Syntax(SyntaxKind.IntLiteral, at, text, 1);
                case TokenKind.RealLiteral:
                    return new Syntax(SyntaxKind.RealLiteral, at, text, 1);
                default:
                    return new Syntax(SyntaxKind.DecimalLiteral, at, text, 1);
            }
        }

        private bool IsWord(string word) => Current.Kind == TokenKind.Identifier && string.Equals(Current.Text, word, StringComparison.OrdinalIgnoreCase);

        private static ExpressionException WordOperator(Token t, string symbol) =>
            new ExpressionException(DiagnosticCodes.OutsideSubset, t.Position, "the word operator '" + t.Text + "' is outside the expression subset", "write '" + symbol + "'");

        private void Expect(TokenKind kind, string what)
        {
            if (Current.Kind != kind) throw Unexpected(Current, what);
            _index++;
        }

        private ExpressionException Unexpected(Token t, string expected) =>
            new ExpressionException(DiagnosticCodes.Syntax, t.Position, "expected " + expected + " but found '" + Describe(t) + "'", "check the brackets and operators around this position");

        private static bool IsRelational(TokenKind k) => k == TokenKind.Less || k == TokenKind.LessEq || k == TokenKind.Greater || k == TokenKind.GreaterEq;

        private static bool IsComparison(TokenKind k) => k == TokenKind.EqEq || k == TokenKind.NotEq || IsRelational(k);

        private static bool IsComparisonText(string op) => op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
    }
}
