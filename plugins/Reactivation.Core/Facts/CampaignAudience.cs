using System;
using System.Collections.Generic;
using System.Globalization;
using Reactivation.Core.Rules;
using Reactivation.Core.Rules.Expressions;

namespace Reactivation.Core.Facts
{
    /// <summary>
    /// Who a campaign is for among the customers in its stages (rx_audience): one condition in the rulesets' expression
    /// language (<c>customer.Tier == "Gold" &amp;&amp; customer.TotalSpend &gt;= 1000</c>), parsed, typed and checked for
    /// misspelt stages, reasons and channels by the same binder the rulesets go through, and bound to a delegate once —
    /// the organisation's campaigns are read once per refresh, so an audience is bound once per campaign and refresh, not
    /// once per customer.
    /// </summary>
    /// <remarks>
    /// An audience says who the customer is (purchases, stage, reason, satisfaction, tier, consent, the calendar), so it
    /// may not read:
    /// <list type="bullet">
    /// <item><c>InCampaign</c>: that is what the audience decides.</item>
    /// <item>The touch being weighed — <c>Channel</c>, <c>Purpose</c>, the <c>ChannelTouches*</c> counts,
    /// <c>DaysSinceLastChannelTouch</c>, <c>LocalHour</c>: the contact policy is asked per channel and per hour (the call
    /// window), so an audience reading them would put one customer in and out of the campaign within one decision.</item>
    /// <item>What the campaign's own outreach changes — the <c>Touches*</c> counts, <c>DaysSinceLastTouch</c> and the
    /// open attempt's facts (<c>HasOpenAttempt</c>, <c>DaysSinceAttemptStarted</c>, <c>AttemptStep</c>, <c>Responded</c>,
    /// <c>ReasonJustGiven</c>): the attempt the campaign starts would take the customer out of its audience before its
    /// wake step or follow-up, which a Lost customer then never gets.</item>
    /// <item>The referral friends (<c>FriendsBoughtRecently</c>, <c>FriendsTopChoice</c>): known only in the daily
    /// evaluation, so the customer would be in the audience in the morning and out of it on the next save.</item>
    /// </list>
    /// </remarks>
    public sealed class CampaignAudience
    {
        private static readonly Slot[] NoSlots = Array.Empty<Slot>();
        private static readonly Dictionary<string, ParamSymbol> NoParams = new Dictionary<string, ParamSymbol>(StringComparer.Ordinal);

        private static readonly Dictionary<string, string> Refused = BuildRefused();

        private readonly BoolFn _condition;

        private CampaignAudience(string text, BoolFn condition)
        {
            Text = text;
            _condition = condition;
        }

        /// <summary>The condition as the manager wrote it.</summary>
        public string Text { get; }

        /// <summary>
        /// Reads an audience: null with no problem when the text is empty (every customer in the campaign's stages), null
        /// with the first problem (placed on its line and column) when it does not read.
        /// </summary>
        public static CampaignAudience? Read(string? text, out AudienceProblem? problem)
        {
            problem = null;
            if (string.IsNullOrWhiteSpace(text)) return null;
            BoundExpression bound;
            try
            {
                bound = Binder.Bind(text!, NoParams, requireBool: true);
            }
            catch (ExpressionException e)
            {
                problem = AudienceProblem.At(text!, e.Position, e.Message, e.Hint);
                return null;
            }

            if (FirstRefused(bound.Syntax) is { } refused)
            {
                problem = AudienceProblem.At(text!, refused.Position, "customer." + refused.Text + " cannot choose a campaign's audience", Refused[refused.Text]);
                return null;
            }

            foreach (var finding in VocabularyCheck.Find(bound.Syntax, NoParams))
            {
                // A near miss of an open vocabulary (a tier of the business's own) is no error: the audience stands.
                if (!finding.IsError) continue;
                problem = AudienceProblem.At(text!, finding.Position, finding.Message, finding.Hint);
                return null;
            }

            return new CampaignAudience(text!, bound.Root.CompileBool());
        }

        /// <summary>The customer with these facts is in the audience; a condition that cannot be evaluated for them (<c>.Value</c> of a missing value) leaves them out.</summary>
        public bool Includes(CustomerFacts facts)
        {
            try
            {
                return _condition(facts, NoSlots);
            }
            catch (RuleEvaluationException)
            {
                return false;
            }
            catch (ArithmeticException)
            {
                return false;
            }
        }

        private static Syntax? FirstRefused(Syntax node)
        {
            if (node.Kind == SyntaxKind.Fact && Refused.ContainsKey(node.Text)) return node;
            foreach (var child in node.Children)
            {
                if (FirstRefused(child) is { } found) return found;
            }

            return null;
        }

        private static Dictionary<string, string> BuildRefused()
        {
            const string Circular = "it is what the audience decides";
            const string Touch = "it belongs to the touch being weighed, not to the customer: the contact policy asks per channel and hour, so the customer would be in the campaign for one touch and out of it for the next";
            const string Outreach = "the campaign's own outreach changes it: its attempt would take the customer out of the campaign before the wake step or the follow-up";
            const string Friends = "it is known only in the daily evaluation: the customer would be in the campaign in the morning and out of it on the next save";
            var refused = new Dictionary<string, string>(StringComparer.Ordinal) { ["InCampaign"] = Circular };
            foreach (var fact in new[] { "Channel", "Purpose", "ChannelTouchesLast1Day", "ChannelTouchesLast7Days", "ChannelTouchesLast30Days", "ChannelTouchesLast90Days", "DaysSinceLastChannelTouch", "LocalHour" }) refused[fact] = Touch;
            foreach (var fact in new[] { "TouchesLast1Day", "TouchesLast7Days", "TouchesLast30Days", "TouchesLast90Days", "DaysSinceLastTouch", "HasOpenAttempt", "DaysSinceAttemptStarted", "AttemptStep", "Responded", "ReasonJustGiven" }) refused[fact] = Outreach;
            foreach (var fact in new[] { "FriendsBoughtRecently", "FriendsTopChoice" }) refused[fact] = Friends;
            return refused;
        }
    }

    /// <summary>Why an audience does not read, placed on its line and column (1-based, as an editor counts them).</summary>
    public sealed class AudienceProblem
    {
        private AudienceProblem(int line, int column, string message, string hint)
        {
            Line = line;
            Column = column;
            Message = message;
            Hint = hint;
        }

        public int Line { get; }

        public int Column { get; }

        public string Message { get; }

        /// <summary>What to write instead, or the closest names (did you mean …).</summary>
        public string Hint { get; }

        /// <summary><c>Audience (1,10): unknown fact 'customer.Teir' (did you mean customer.Tier?)</c></summary>
        public override string ToString() =>
            "Audience (" + Line.ToString(CultureInfo.InvariantCulture) + "," + Column.ToString(CultureInfo.InvariantCulture) + "): " + Message + (Hint.Length == 0 ? "" : " (" + Hint + ")");

        /// <summary>The problem at <paramref name="offset"/> of <paramref name="text"/>: a line ends at \n, \r\n or \r.</summary>
        internal static AudienceProblem At(string text, int offset, string message, string? hint)
        {
            var line = 1;
            var column = 1;
            for (var i = 0; i < offset && i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
                if (c == '\n' || c == '\r')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            return new AudienceProblem(line, column, message, hint ?? "");
        }
    }
}
