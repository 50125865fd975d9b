using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Reactivation.Core.Rules
{
    public enum DiagnosticSeverity
    {
        Error,
        Warning,
    }

    /// <summary>
    /// The codes a ruleset check reports, in the order checks run. rules/README.md lists each with
    /// an example; the numbers are stable so scripts and editors can match on them.
    /// </summary>
    public static class DiagnosticCodes
    {
        /// <summary>The file could not be read (missing, too large, empty).</summary>
        public const string File = "RX000";
        /// <summary>The file is not valid JSON.</summary>
        public const string JsonSyntax = "RX001";
        /// <summary>A property the structure does not allow (e.g. a typo such as "Expresion").</summary>
        public const string UnknownProperty = "RX010";
        /// <summary>A property has the wrong JSON type.</summary>
        public const string WrongType = "RX011";
        /// <summary>A required property is missing.</summary>
        public const string Missing = "RX012";
        /// <summary>A property has a value outside what is allowed (enum, range, format).</summary>
        public const string InvalidValue = "RX013";
        /// <summary>Too many rules, rules nested too deep, a file too large.</summary>
        public const string TooMany = "RX014";
        /// <summary>customer.X names no fact.</summary>
        public const string UnknownFact = "RX020";
        /// <summary>A name that is neither a fact, a param nor a helper.</summary>
        public const string UnknownName = "RX021";
        /// <summary>The expression does not parse.</summary>
        public const string Syntax = "RX022";
        /// <summary>Operand types do not fit the operator (or the expression is not a condition).</summary>
        public const string TypeError = "RX023";
        /// <summary>A string compared with a text fact that never takes it (a stage, reason, channel, purpose or tier spelt wrong).</summary>
        public const string UnknownValue = "RX024";
        /// <summary>A construct outside the expression subset (methods, types, reflection, lambdas, new, ...).</summary>
        public const string OutsideSubset = "RX030";
        /// <summary>The expression is longer than the cap.</summary>
        public const string TooLong = "RX031";
        /// <summary>The expression nests deeper than the cap.</summary>
        public const string TooDeep = "RX032";
        /// <summary>Two rules (or two params in one scope) share a name.</summary>
        public const string DuplicateName = "RX040";
        /// <summary>A SuccessEvent that is not a lifecycle stage.</summary>
        public const string UnknownStage = "RX050";
        /// <summary>An unknown contact-policy verdict or channel.</summary>
        public const string UnknownVerdictOrChannel = "RX051";
        /// <summary>An unknown offer name, action field, owner strategy or template placeholder.</summary>
        public const string UnknownOfferItem = "RX052";
        /// <summary>Warning: a rule a first-match ruleset can never reach (after a catch-all, or with an earlier rule's condition).</summary>
        public const string Unreachable = "RX060";
        /// <summary>Warning: an offers ruleset names no offer rule for a dormancy reason the solution declares (and has no catch-all).</summary>
        public const string ReasonWithoutOffer = "RX061";
    }

    /// <summary>One problem found in a ruleset, placed so an editor can jump to it.</summary>
    public sealed class RulesetDiagnostic
    {
        public RulesetDiagnostic(DiagnosticSeverity severity, string code, string file, int line, int column, string? ruleName, string message, string? hint)
        {
            Severity = severity;
            Code = code;
            File = file;
            Line = line;
            Column = column;
            RuleName = ruleName;
            Message = message;
            Hint = hint;
        }

        public DiagnosticSeverity Severity { get; }
        /// <summary>RX001 … RX061, see <see cref="DiagnosticCodes"/>.</summary>
        public string Code { get; }
        public string File { get; }
        /// <summary>1-based; 0 when the position is unknown.</summary>
        public int Line { get; }
        /// <summary>1-based; 0 when the position is unknown.</summary>
        public int Column { get; }
        public string? RuleName { get; }
        public string Message { get; }
        public string? Hint { get; }

        /// <summary><c>file(line,col): error RX020: rule 'Lost': message. Hint: ...</c></summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(File);
            if (Line > 0) text.Append('(').Append(Line.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Column.ToString(CultureInfo.InvariantCulture)).Append(')');
            text.Append(": ").Append(Severity == DiagnosticSeverity.Error ? "error " : "warning ").Append(Code).Append(": ");
            if (RuleName is not null) text.Append("rule '").Append(RuleName).Append("': ");
            text.Append(Message);
            if (!Message.EndsWith(".", System.StringComparison.Ordinal)) text.Append('.');
            if (!string.IsNullOrEmpty(Hint)) text.Append(" Hint: ").Append(Hint);
            return text.ToString();
        }
    }

    /// <summary>Thrown when an invalid ruleset is used for evaluation; carries every diagnostic.</summary>
    public sealed class RulesetInvalidException : System.Exception
    {
        public RulesetInvalidException()
        {
            Diagnostics = new List<RulesetDiagnostic>();
        }

        public RulesetInvalidException(string message)
            : base(message)
        {
            Diagnostics = new List<RulesetDiagnostic>();
        }

        public RulesetInvalidException(string message, System.Exception innerException)
            : base(message, innerException)
        {
            Diagnostics = new List<RulesetDiagnostic>();
        }

        public RulesetInvalidException(IReadOnlyList<RulesetDiagnostic> diagnostics)
            : base(Summarise(diagnostics))
        {
            Diagnostics = diagnostics;
        }

        public IReadOnlyList<RulesetDiagnostic> Diagnostics { get; }

        private static string Summarise(IReadOnlyList<RulesetDiagnostic> diagnostics)
        {
            var text = new StringBuilder("The ruleset is invalid:");
            foreach (var d in diagnostics)
            {
                if (d.Severity == DiagnosticSeverity.Error) text.Append('\n').Append(d);
            }

            return text.ToString();
        }
    }
}
