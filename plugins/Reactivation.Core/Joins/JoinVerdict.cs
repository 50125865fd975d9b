using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Reactivation.Core.Decisions;
using Reactivation.Core.Json;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using OutreachTouch = Reactivation.Core.Outreach.PlannedTouch;

namespace Reactivation.Core.Joins
{
    /// <summary>What the join rules decided about one touch of a contact's plan, keyed by the touch's record key.</summary>
    public sealed class TouchJoinVerdict
    {
        public TouchJoinVerdict(string key, TouchVerdict verdict, DateTime? retryOn, DateTime? movedTo, Guid? teamId, string? teamName, bool socialProof, IReadOnlyList<JoinDecision> decisions)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("A touch verdict needs the touch's key.", nameof(key));
            Key = key;
            Verdict = verdict;
            RetryOn = retryOn?.Date;
            MovedTo = movedTo?.Date;
            TeamId = teamId;
            TeamName = teamName;
            SocialProof = socialProof;
            Decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
        }

        /// <summary>The touch's action key (<see cref="OutreachKeys.Action"/>), the key its record is written with.</summary>
        public string Key { get; }

        public TouchVerdict Verdict { get; }

        /// <summary>Blocked: the organisation-local day the customer may get the offer.</summary>
        public DateTime? RetryOn { get; }

        /// <summary>Moved: the organisation-local day the rep makes the call.</summary>
        public DateTime? MovedTo { get; }

        /// <summary>Reassigned: the overflow team that makes the call.</summary>
        public Guid? TeamId { get; }

        public string? TeamName { get; }

        /// <summary>The touch carries the social-proof line ("N of your friends chose X").</summary>
        public bool SocialProof { get; }

        public IReadOnlyList<JoinDecision> Decisions { get; }
    }

    /// <summary>
    /// The join rules' verdict for one contact of a daily evaluation page, as the evaluation hands it to the outreach step
    /// in the same contact Update (rx_joinverdict, JSON): the referral facts the rulesets saw, and per touch what the rules
    /// decided. Stamped with the evaluation's instant: the outreach step applies it only to the event that evaluation
    /// signalled (a stage change, a passed deadline or a due stamped at that instant), so a verdict left on the row never
    /// reaches a later, unrelated event. Data, not prose: rules, codes and counts, never a friend's name or amount.
    /// </summary>
    public sealed class JoinVerdict
    {
        private const int Version = 1;

        public JoinVerdict(DateTime evaluatedOnUtc, FriendsChoice friends, int windowDays, IReadOnlyList<TouchJoinVerdict> touches)
        {
            EvaluatedOnUtc = DateTime.SpecifyKind(evaluatedOnUtc, DateTimeKind.Utc);
            Friends = friends ?? throw new ArgumentNullException(nameof(friends));
            WindowDays = windowDays;
            Touches = touches ?? throw new ArgumentNullException(nameof(touches));
        }

        /// <summary>The instant of the evaluation that decided it (the instant it stamped the contact's signal or stage with).</summary>
        public DateTime EvaluatedOnUtc { get; }

        /// <summary>The customer's referral facts (<c>FriendsBoughtRecently</c>, <c>FriendsTopChoice</c>) as the rulesets saw them.</summary>
        public FriendsChoice Friends { get; }

        /// <summary>The social-proof window the friends were counted over.</summary>
        public int WindowDays { get; }

        public IReadOnlyList<TouchJoinVerdict> Touches { get; }

        /// <summary>
        /// The verdict of <paramref name="contact"/>'s touches in <paramref name="result"/> (none when the page planned none for
        /// it), with its referral facts; null when there is nothing to hand on (no touch decided, no friend who bought).
        /// </summary>
        public static JoinVerdict? For(Guid contact, IEnumerable<TouchOutcome> outcomes, FriendsChoice? friends, int windowDays, DateTime evaluatedOnUtc)
        {
            if (outcomes is null) throw new ArgumentNullException(nameof(outcomes));
            var touches = new List<TouchJoinVerdict>();
            foreach (var outcome in outcomes)
            {
                if (outcome.Touch.ContactId != contact || outcome.Decisions.Count == 0) continue;
                var team = outcome.Assignee is { IsTeam: true } assignee ? assignee : null;
                touches.Add(new TouchJoinVerdict(
                    outcome.Touch.Key,
                    outcome.Verdict,
                    outcome.RetryOn,
                    outcome.Verdict == TouchVerdict.Moved ? outcome.Day : (DateTime?)null,
                    team?.Id,
                    team?.TeamName,
                    outcome.SocialProof is not null,
                    outcome.Decisions));
            }

            friends ??= FriendsChoice.None;
            return touches.Count == 0 && friends.FriendsBoughtRecently == 0 ? null : new JoinVerdict(evaluatedOnUtc, friends, windowDays, touches);
        }

        /// <summary>True for the event stamped at the evaluation's instant (to the second, as Dataverse stores instants).</summary>
        public bool IsFor(DateTime? eventInstantUtc) =>
            eventInstantUtc is { } instant && Math.Abs((DateTime.SpecifyKind(instant, DateTimeKind.Utc) - EvaluatedOnUtc).TotalSeconds) < 1;

        /// <summary>The touch's verdict, or null when the rules decided nothing about it.</summary>
        public TouchJoinVerdict? For(string key)
        {
            foreach (var touch in Touches)
            {
                if (string.Equals(touch.Key, key, StringComparison.Ordinal)) return touch;
            }

            return null;
        }

        /// <summary>Every decision once, in the order of the touches: the lines the attempt's explanation and the trace carry.</summary>
        public IReadOnlyList<JoinDecision> Decisions()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var decisions = new List<JoinDecision>();
            foreach (var touch in Touches)
            {
                foreach (var decision in touch.Decisions)
                {
                    if (seen.Add(decision.ToString())) decisions.Add(decision);
                }
            }

            return decisions;
        }

        /// <summary>
        /// For a plan whose every touch made now was blocked by the household rule: the latest retry day among them (the day
        /// the customer may get the offer); null when any touch goes out.
        /// </summary>
        public DateTime? BlockedUntil(OutreachPlan plan)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            DateTime? retry = null;
            var any = false;
            foreach (var touch in plan.Written)
            {
                any = true;
                if (For(touch.Key) is not { Verdict: TouchVerdict.Blocked } blocked) return null;
                if (blocked.RetryOn is { } day && (retry is null || day > retry.Value)) retry = day;
            }

            return any ? retry : null;
        }

        /// <summary>
        /// Alters the plan as the rules decided: a reassigned call is owned by the overflow team, a moved call is due on its
        /// later day (the touch ledger and step lines follow), a social-proof touch carries "N of your friends chose X" in the
        /// contact's language under its text; the decisions join the plan's explanation.
        /// </summary>
        /// <param name="stored">The touch ledger as stored (the plan's new ledger is it plus the touches made now).</param>
        internal void ApplyTo(OutreachPlan plan, TouchLedger stored, Facts.FixedOffsetZone organisation, DateTime utcNow)
        {
            var moved = false;
            var made = new List<OutreachTouch>();
            foreach (var touch in plan.Written)
            {
                made.Add(touch);
                if (For(touch.Key) is not { } verdict) continue;
                if (verdict.Verdict == TouchVerdict.Reassigned && verdict.TeamId is { } team)
                {
                    touch.Owner = TouchOwner.Team(team, verdict.TeamName ?? "");
                }
                else if (verdict.Verdict == TouchVerdict.Moved && verdict.MovedTo is { } day)
                {
                    var days = (day - organisation.LocalDate(touch.AtUtc)).Days;
                    if (days != 0)
                    {
                        touch.AtUtc = touch.AtUtc.AddDays(days);
                        moved = true;
                    }
                }

                if (verdict.SocialProof && Friends.FriendsBoughtRecently > 0)
                {
                    var line = Friends.Message().For(plan.Language);
                    touch.Text = touch.Text.Length == 0 ? line : touch.Text + "\n" + line;
                }
            }

            if (moved)
            {
                var entries = new List<TouchEntry>();
                foreach (var touch in made) entries.Add(new TouchEntry(new Facts.Touch(touch.AtUtc, touch.Channel!), touch.Reference));
                plan.NewTouchLedger = stored.With(entries).Format(utcNow);
                plan.StepLines = OutreachPlanner.Lines(made, plan.Step);
            }

            plan.JoinDecisions = Decisions();
        }

        /// <summary>The verdict as rx_joinverdict stores it (compact JSON).</summary>
        public string Format()
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            var json = new JsonWriter(text, indented: false);
            json.WriteStartObject();
            json.WritePropertyName("v");
            json.WriteValue(Version);
            json.WritePropertyName("at");
            json.WriteValue(EvaluatedOnUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WritePropertyName("friends");
            json.WriteValue(Friends.FriendsBoughtRecently);
            json.WritePropertyName("topChoice");
            json.WriteValue(Friends.TopChoice);
            json.WritePropertyName("windowDays");
            json.WriteValue(WindowDays);
            json.WritePropertyName("touches");
            json.WriteStartArray();
            foreach (var touch in Touches)
            {
                json.WriteStartObject();
                json.WritePropertyName("key");
                json.WriteValue(touch.Key);
                json.WritePropertyName("verdict");
                json.WriteValue(touch.Verdict.ToString());
                if (touch.RetryOn is { } retry)
                {
                    json.WritePropertyName("retryOn");
                    json.WriteValue(JoinDecision.Day(retry));
                }

                if (touch.MovedTo is { } day)
                {
                    json.WritePropertyName("movedTo");
                    json.WriteValue(JoinDecision.Day(day));
                }

                if (touch.TeamId is { } team)
                {
                    json.WritePropertyName("teamId");
                    json.WriteValue(team.ToString("D"));
                    json.WritePropertyName("teamName");
                    json.WriteValue(touch.TeamName ?? "");
                }

                if (touch.SocialProof)
                {
                    json.WritePropertyName("socialProof");
                    json.WriteValue(true);
                }

                json.WritePropertyName("decisions");
                json.WriteStartArray();
                foreach (var decision in touch.Decisions)
                {
                    json.WriteStartObject();
                    json.WritePropertyName("rule");
                    json.WriteValue(decision.Rule.ToString());
                    json.WritePropertyName("code");
                    json.WriteValue(decision.Code);
                    json.WritePropertyName("counts");
                    json.WriteStartObject();
                    foreach (var count in decision.Counts)
                    {
                        json.WritePropertyName(count.Name);
                        json.WriteValue(count.Value);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            return text.ToString();
        }

        /// <summary>Reads a verdict <see cref="Format"/> wrote.</summary>
        /// <exception cref="FormatException">The text is not such a verdict; the message names <paramref name="column"/> and what is wrong.</exception>
        public static JoinVerdict Parse(string text, string column)
        {
            JsonValue root;
            try
            {
                root = JsonReader.Read(text ?? "");
            }
            catch (JsonReadException ex)
            {
                throw new FormatException(column + " is not a join verdict: " + ex.Message, ex);
            }

            if (!(root is JsonObject verdict)) throw Bad(column, "not a JSON object");
            if (Number(verdict, "v", column) != Version) throw Bad(column, "version " + Number(verdict, "v", column) + " is not " + Version);
            if (!DateTime.TryParseExact(String(verdict, "at", column), "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                throw Bad(column, "'at' is not an instant");
            }

            var friends = new FriendsChoice(Number(verdict, "friends", column), String(verdict, "topChoice", column));
            var touches = new List<TouchJoinVerdict>();
            if (!(verdict["touches"] is JsonArray list)) throw Bad(column, "'touches' is not a list");
            foreach (var item in list.Items)
            {
                if (!(item is JsonObject touch)) throw Bad(column, "a touch is not an object");
                if (!Enum.TryParse<TouchVerdict>(String(touch, "verdict", column), false, out var kind)) throw Bad(column, "'verdict' is not Kept, Blocked, Reassigned or Moved");
                Guid? team = null;
                if (touch["teamId"] is not null)
                {
                    if (!Guid.TryParse(String(touch, "teamId", column), out var id)) throw Bad(column, "'teamId' is not a team id");
                    team = id;
                }

                var decisions = new List<JoinDecision>();
                if (!(touch["decisions"] is JsonArray decided)) throw Bad(column, "'decisions' is not a list");
                foreach (var entry in decided.Items)
                {
                    if (!(entry is JsonObject decision) || !(decision["counts"] is JsonObject counts)) throw Bad(column, "a decision is not an object with counts");
                    if (!Enum.TryParse<JoinRule>(String(decision, "rule", column), false, out var rule)) throw Bad(column, "'rule' is not a join rule");
                    var values = new List<FactValue>();
                    foreach (var count in counts.Properties)
                    {
                        values.Add(new FactValue(count.Name, count.Value is JsonString s ? s.Value : throw Bad(column, "count '" + count.Name + "' is not text")));
                    }

                    decisions.Add(new JoinDecision(rule, String(decision, "code", column), values));
                }

                touches.Add(new TouchJoinVerdict(
                    String(touch, "key", column),
                    kind,
                    Day(touch, "retryOn", column),
                    Day(touch, "movedTo", column),
                    team,
                    touch["teamName"] is JsonString name ? name.Value : null,
                    touch["socialProof"] is JsonBoolean { Value: true },
                    decisions));
            }

            return new JoinVerdict(at, friends, Number(verdict, "windowDays", column), touches);
        }

        private static DateTime? Day(JsonObject value, string name, string column)
        {
            if (value[name] is null) return null;
            return DateTime.TryParseExact(String(value, name, column), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw Bad(column, "'" + name + "' is not a day (yyyy-MM-dd)");
        }

        private static string String(JsonObject value, string name, string column) =>
            value[name] is JsonString s ? s.Value : throw Bad(column, "'" + name + "' is missing or not text");

        private static int Number(JsonObject value, string name, string column) =>
            value[name] is JsonNumber { IsInteger: true } n && n.Value >= int.MinValue && n.Value <= int.MaxValue ? (int)n.Value : throw Bad(column, "'" + name + "' is missing or not a whole number");

        private static FormatException Bad(string column, string what) => new FormatException(column + " is not a join verdict: " + what + ".");
    }
}
