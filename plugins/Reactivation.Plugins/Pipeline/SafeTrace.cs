using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Pipeline
{
    /// <summary>
    /// The only way the product writes to the plugin trace log, built so that personal data
    /// (names, phone numbers, e-mail addresses, birthdays, addresses) cannot reach it by accident:
    /// <list type="bullet">
    /// <item><see cref="Write"/> takes an interpolated string whose holes must be <see cref="TraceValue"/>s
    /// (ids, counts, flags convert implicitly). A <c>string</c> or <c>object</c> in a hole, or a
    /// message built beforehand, does not compile.</item>
    /// <item>Text reaches the trace only through <see cref="TraceValue.Name"/> (a rule, message, table
    /// or column name the caller vouches for; text that looks like an e-mail or phone number is still
    /// redacted) and never from a record: <see cref="TraceValue.Column"/> renders a text column as its
    /// length and a <see cref="PersonalColumns"/> column as <c>[personal]</c>.</item>
    /// <item>Dates do not convert implicitly (a date may be a birthday); system timestamps go through
    /// <see cref="TraceValue.Timestamp"/>.</item>
    /// </list>
    /// </summary>
    public sealed class SafeTrace
    {
        private readonly ITracingService? _tracing;

        /// <param name="tracing">The platform's tracing service; null traces nothing.</param>
        public SafeTrace(ITracingService? tracing) => _tracing = tracing;

        /// <summary>Writes one trace line, e.g. <c>trace.Write($"Rule {TraceValue.Name(rule)} matched {count} orders")</c>.</summary>
        public void Write(TraceMessage message)
        {
            // The rendered line goes in as an argument, not as the format: a '{' in it must not be
            // parsed again by ITracingService.Trace.
            _tracing?.Trace("{0}", message.ToString());
        }
    }

    /// <summary>An interpolated trace line whose holes can only be <see cref="TraceValue"/>s.</summary>
    [InterpolatedStringHandler]
    public readonly struct TraceMessage
    {
        private readonly StringBuilder _text;

        public TraceMessage(int literalLength, int formattedCount) =>
            _text = new StringBuilder(literalLength + (formattedCount * 16));

        public void AppendLiteral(string value) => _text.Append(value);

        public void AppendFormatted(TraceValue value) => _text.Append(value.Text);

        public override string ToString() => _text?.ToString() ?? string.Empty;
    }
}

#if !NET6_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    // .NET Framework 4.6.2 lacks the attribute; the compiler only needs it by name.
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    internal sealed class InterpolatedStringHandlerAttribute : Attribute
    {
    }
}
#endif
