using System.Collections.Generic;
using System.Text;

namespace Reactivation.Core.Rules.Expressions
{
    internal enum TokenKind
    {
        End,
        Identifier,
        IntLiteral,
        RealLiteral,
        DecimalLiteral,
        StringLiteral,
        LParen,
        RParen,
        Comma,
        Dot,
        Bang,
        AndAnd,
        OrOr,
        EqEq,
        NotEq,
        Less,
        LessEq,
        Greater,
        GreaterEq,
        Plus,
        Minus,
        Star,
        Slash,
        Percent,
        Question,
        Colon,
    }

    internal sealed class Token
    {
        public Token(TokenKind kind, int position, int length, string text)
        {
            Kind = kind;
            Position = position;
            Length = length;
            Text = text;
        }

        public TokenKind Kind { get; }
        public int Position { get; }
        public int Length { get; }
        /// <summary>Identifier / number text, or the decoded value of a string literal.</summary>
        public string Text { get; }
    }

    /// <summary>Thrown for the first fault in one expression; the loader turns it into a diagnostic.</summary>
    internal sealed class ExpressionException : System.Exception
    {
        public ExpressionException(string code, int position, string message, string hint)
            : base(message)
        {
            Code = code;
            Position = position;
            Hint = hint;
        }

        public string Code { get; }
        /// <summary>Offset into the expression text.</summary>
        public int Position { get; }
        public string Hint { get; }
    }

    /// <summary>
    /// Splits an expression into tokens. Characters that only appear in constructs outside the subset
    /// (assignment, lambdas, indexers, bit operators, char literals, ...) are reported here, by name.
    /// </summary>
    internal static class Lexer
    {
        public static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    i++;
                    continue;
                }

                var start = i;
                if (IsIdentifierStart(c))
                {
                    while (i < text.Length && IsIdentifierPart(text[i])) i++;
                    tokens.Add(new Token(TokenKind.Identifier, start, i - start, text.Substring(start, i - start)));
                    continue;
                }

                if (c >= '0' && c <= '9')
                {
                    tokens.Add(ReadNumber(text, ref i));
                    continue;
                }

                if (c == '"')
                {
                    tokens.Add(ReadString(text, ref i));
                    continue;
                }

                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                switch (c)
                {
                    case '(': tokens.Add(new Token(TokenKind.LParen, i++, 1, "(")); continue;
                    case ')': tokens.Add(new Token(TokenKind.RParen, i++, 1, ")")); continue;
                    case ',': tokens.Add(new Token(TokenKind.Comma, i++, 1, ",")); continue;
                    case '.': tokens.Add(new Token(TokenKind.Dot, i++, 1, ".")); continue;
                    case '+': tokens.Add(new Token(TokenKind.Plus, i++, 1, "+")); continue;
                    case '-': tokens.Add(new Token(TokenKind.Minus, i++, 1, "-")); continue;
                    case '*': tokens.Add(new Token(TokenKind.Star, i++, 1, "*")); continue;
                    case '/': tokens.Add(new Token(TokenKind.Slash, i++, 1, "/")); continue;
                    case '%': tokens.Add(new Token(TokenKind.Percent, i++, 1, "%")); continue;
                    case ':': tokens.Add(new Token(TokenKind.Colon, i++, 1, ":")); continue;
                    case '?':
                        if (next == '?') throw Outside(i, "the null-coalescing operator '??'", "write 'x.HasValue ? x.Value : fallback'");
                        if (next == '.') throw Outside(i, "the null-conditional operator '?.'", "check 'x.HasValue' first");
                        tokens.Add(new Token(TokenKind.Question, i++, 1, "?"));
                        continue;
                    case '!':
                        if (next == '=') { tokens.Add(new Token(TokenKind.NotEq, i, 2, "!=")); i += 2; continue; }
                        tokens.Add(new Token(TokenKind.Bang, i++, 1, "!"));
                        continue;
                    case '=':
                        if (next == '=') { tokens.Add(new Token(TokenKind.EqEq, i, 2, "==")); i += 2; continue; }
                        if (next == '>') throw Outside(i, "lambdas ('=>')", "rules read facts directly: customer.PurchaseCount > 3");
                        throw Outside(i, "assignment or single '='", "compare with '=='");
                    case '<':
                        if (next == '=') { tokens.Add(new Token(TokenKind.LessEq, i, 2, "<=")); i += 2; continue; }
                        if (next == '>') throw Outside(i, "the '<>' operator", "write '!='");
                        if (next == '<') throw Outside(i, "shift operators", "use arithmetic (* /) instead");
                        tokens.Add(new Token(TokenKind.Less, i++, 1, "<"));
                        continue;
                    case '>':
                        if (next == '=') { tokens.Add(new Token(TokenKind.GreaterEq, i, 2, ">=")); i += 2; continue; }
                        if (next == '>') throw Outside(i, "shift operators", "use arithmetic (* /) instead");
                        tokens.Add(new Token(TokenKind.Greater, i++, 1, ">"));
                        continue;
                    case '&':
                        if (next == '&') { tokens.Add(new Token(TokenKind.AndAnd, i, 2, "&&")); i += 2; continue; }
                        throw Outside(i, "the bitwise operator '&'", "write '&&'");
                    case '|':
                        if (next == '|') { tokens.Add(new Token(TokenKind.OrOr, i, 2, "||")); i += 2; continue; }
                        throw Outside(i, "the bitwise operator '|'", "write '||'");
                    case '[':
                    case ']':
                        throw Outside(i, "indexers and arrays ('[ ]')", "name a fact: customer.PurchaseCount; for lists write 'x in (\"A\", \"B\")'");
                    case '{':
                    case '}':
                        throw Outside(i, "object and array initialisers ('{ }')", "for lists write 'x in (\"A\", \"B\")'");
                    case '\'':
                        throw Outside(i, "character literals", "write strings in double quotes: \"Sms\"");
                    case '@':
                        throw Outside(i, "'@' parameters and verbatim names", "name a fact: customer.PurchaseCount");
                    case '^':
                    case '~':
                        throw Outside(i, "bitwise operators", "use comparisons and && || !");
                    case ';':
                        throw Outside(i, "statements (';')", "a rule is one expression");
                    default:
                        throw new ExpressionException(DiagnosticCodes.Syntax, i, "unexpected character '" + c + "'", "remove it; expressions use letters, digits, quotes and the operators listed in rules/README.md");
                }
            }

            tokens.Add(new Token(TokenKind.End, text.Length, 0, ""));
            return tokens;
        }

        private static ExpressionException Outside(int position, string what, string hint) =>
            new ExpressionException(DiagnosticCodes.OutsideSubset, position, what + " is outside the expression subset", hint);

        private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

        private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9');

        private static Token ReadNumber(string text, ref int i)
        {
            var start = i;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
            var kind = TokenKind.IntLiteral;
            if (i + 1 < text.Length && text[i] == '.' && text[i + 1] >= '0' && text[i + 1] <= '9')
            {
                i++;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
                kind = TokenKind.RealLiteral;
            }

            var numberEnd = i;
            if (i < text.Length && IsIdentifierPart(text[i]))
            {
                if ((text[i] == 'm' || text[i] == 'M') && kind == TokenKind.RealLiteral && (i + 1 >= text.Length || !IsIdentifierPart(text[i + 1])))
                {
                    i++;
                    return new Token(TokenKind.DecimalLiteral, start, i - start, text.Substring(start, numberEnd - start));
                }

                throw new ExpressionException(DiagnosticCodes.OutsideSubset, numberEnd, "number suffixes and exponents are outside the expression subset", "write plain digits such as 45 or 1.5 (1.5m for an explicit decimal)");
            }

            return new Token(kind, start, i - start, text.Substring(start, i - start));
        }

        private static Token ReadString(string text, ref int i)
        {
            var start = i;
            i++;
            var value = new StringBuilder();
            while (true)
            {
                if (i >= text.Length)
                {
                    throw new ExpressionException(DiagnosticCodes.Syntax, start, "the string starting here is not closed", "end it with a double quote");
                }

                var c = text[i];
                if (c == '"')
                {
                    i++;
                    break;
                }

                if (c == '\\')
                {
                    var escaped = i + 1 < text.Length ? text[i + 1] : '\0';
                    if (escaped != '"' && escaped != '\\')
                    {
                        throw new ExpressionException(DiagnosticCodes.OutsideSubset, i, "the escape '\\" + escaped + "' is outside the expression subset", "only \\\" and \\\\ may be escaped in a string");
                    }

                    value.Append(escaped);
                    i += 2;
                    continue;
                }

                value.Append(c);
                i++;
            }

            return new Token(TokenKind.StringLiteral, start, i - start, value.ToString());
        }
    }
}
