using System;
using System.Collections.Generic;
using System.Globalization;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Outreach
{
    /// <summary>What the planner needs to know about the contact beyond its facts.</summary>
    public sealed class OutreachContext
    {
        public OutreachContext(Guid contactId, DateTime utcNow, FixedOffsetZone organisation, FixedOffsetZone customer, string language, TouchLedger touches)
        {
            ContactId = contactId;
            UtcNow = utcNow;
            Organisation = organisation;
            Customer = customer;
            Language = language;
            Touches = touches;
        }

        public Guid ContactId { get; }

        public DateTime UtcNow { get; }

        public FixedOffsetZone Organisation { get; }

        public FixedOffsetZone Customer { get; }

        /// <summary>"en" or "zh-CN".</summary>
        public string Language { get; }

        /// <summary>The touch ledger as stored: caps count it, and it tells which actions earlier executions made.</summary>
        public TouchLedger Touches { get; }

        /// <summary>When the current stage began (its period is part of a new attempt's key); null reads as now.</summary>
        public DateTime? StageSinceUtc { get; set; }

        /// <summary>When the open attempt started: a follow-up names the incentive issued then.</summary>
        public DateTime? AttemptStartedUtc { get; set; }

        /// <summary>The share of new attempts held out, in percent (0 = off).</summary>
        public decimal HoldoutPercent { get; set; }

        /// <summary>The teams the step's configuration names, by name (case-insensitive).</summary>
        public IReadOnlyDictionary<string, Guid> Teams { get; set; } = new Dictionary<string, Guid>();
    }

    /// <summary>
    /// The business half of outreach: the offer decided, the contact policy asked per channel, the plan an attempt (or
    /// its next step) consists of. Channel fallback and escalation, caps counted with the planned touches, quiet-hours
    /// deferral, who works each action, the incentive, the texts in the contact's language and the deadline. Pure: no
    /// organisation service, no clock; every key is deterministic (<see cref="OutreachKeys"/>).
    /// </summary>
    public static class OutreachPlanner
    {
        /// <summary>The attempt's deadline when no Escalation verdict says after how many days to follow up.</summary>
        public const int DefaultFollowUpDays = 3;

        private static readonly string[] DefaultEscalation = { ContactChannels.Push, ContactChannels.Sms, ContactChannels.Email, ContactChannels.Phone };

        /// <param name="builder">The contact's facts, built once for this decision (Purpose Offer, the customer's time zone).</param>
        /// <param name="facts">Today's facts from it (the offer saw these).</param>
        /// <param name="continueAttempt">Null for a new attempt (the facts then carry no open attempt, so the offers saw
        /// none); the open attempt and its next step otherwise.</param>
        /// <param name="alreadyMade">Set when every touch of the decided attempt is already in the touch ledger: an
        /// earlier execution made it (a replay, or the same rule again in the same stage period); nothing is planned.</param>
        public static OutreachPlan? Plan(CustomerFactsBuilder builder, CustomerFacts facts, OfferDecision offer, Ruleset contactPolicy, OutreachContext context, ReactivationAttempt? continueAttempt, AttemptStep? continueStep, out bool alreadyMade)
        {
            alreadyMade = false;
            var definition = offer.Offer;
            var org = context.Organisation;
            var utcNow = context.UtcNow;
            var step = continueStep ?? definition.Step ?? AttemptStep.Activate;
            // The escalation's rung: 0 for a start or a wake step, the follow-up's number for a follow-up.
            var rung = step == AttemptStep.FollowUp ? (continueAttempt?.FollowUps ?? 0) + 1 : 0;
            var stepKey = OutreachKeys.Step(step, rung);
            var today = org.LocalDate(utcNow);
            var stageSince = context.StageSinceUtc ?? utcNow;
            var startKey = OutreachKeys.Attempt(context.ContactId, offer.RuleName, org.LocalDate(stageSince));
            var attemptKey = continueAttempt is null ? startKey : OutreachKeys.Continuation(continueAttempt.Id, stepKey);
            var ledger = context.Touches;

            var offered = new List<PlannedTouch>();
            if (definition.PhoneCall is { } call) offered.Add(new PlannedTouch(TouchKind.PhoneCall, ContactChannels.Phone, call, null, attemptKey, stepKey));
            if (definition.Message is { } message) offered.Add(new PlannedTouch(TouchKind.Message, message.Channel, null, message, attemptKey, stepKey));
            if (definition.Task is { } task) offered.Add(new PlannedTouch(TouchKind.Task, ContactChannels.Task, task, null, attemptKey, stepKey));

            // Caps count the touches planned so far with the ledger's: the cap holds in every window with the new touch.
            var planned = new List<TouchEntry>();
            var plannedTouches = new List<Touch>();
            int Count(IReadOnlyList<string> channels, int windowDays) => builder.CountTouches(channels, windowDays, plannedTouches);

            // A follow-up past the last rung of every action's escalation has nothing left to try: the attempt ends.
            var actions = new List<PlannedTouch>();
            var offersCall = offered.Exists(a => a.Kind == TouchKind.PhoneCall);
            foreach (var action in offered)
            {
                action.Candidates = Candidates(action, builder, contactPolicy, Count, rung);
                // With the offer's own call, a message does not become a second call to the same customer: the call says it.
                if (offersCall && action.Kind == TouchKind.Message) action.Candidates.Remove(ContactChannels.Phone);
                if (action.Candidates.Count > 0) actions.Add(action);
            }

            if (offered.Count > 0 && actions.Count == 0)
            {
                return new OutreachPlan(attemptKey, continueAttempt?.Id ?? OutreachKeys.NameBasedId(attemptKey), step, continueAttempt is not null, offer, context.Language, definition.Name)
                {
                    EscalationEnded = true,
                    Touches = actions,
                    StepLines = "",
                    BlockReasons = new List<BlockReason>(),
                };
            }

            if (actions.Count > 0 && actions.TrueForAll(a => ledger.Find(a.Reference) is not null))
            {
                alreadyMade = true;
                return null;
            }

            var language = context.Language;
            var label = language == "zh-CN" ? definition.LabelZh ?? definition.Label ?? definition.Name : definition.Label ?? definition.Name;
            var plan = new OutreachPlan(attemptKey, continueAttempt?.Id ?? OutreachKeys.NameBasedId(attemptKey), step, continueAttempt is not null, offer, language, label)
            {
                Stage = facts.Stage,
                StageSinceLocal = org.LocalDate(stageSince),
                DormancyReason = facts.DormancyReason,
                AttributionUntilUtc = Measurement.AttributionRules.WindowEnd(utcNow, definition.AttributionDays, org),
            };

            // Held out: the group follows from the contact and the stage entry alone, so a replay, a retry or another
            // event in the same stint decides the same; the attempt runs for the attribution window, with nothing to work.
            if (continueAttempt is null && Measurement.HoldoutGroup.Holds(context.ContactId, org.LocalDate(stageSince), context.HoldoutPercent))
            {
                plan.HeldOut = true;
                plan.DeadlineUtc = plan.AttributionUntilUtc;
                plan.StepLines = "";
                plan.BlockReasons = new List<BlockReason>();
                return plan;
            }

            // Touches are recorded at the latest instant they can happen (a message's send-after, a call's or task's due time).
            int? followUpDays = null;
            var unconfigured = new List<string>();

            // A campaign covering the customer today with an owner team: that team owns the attempt and works its actions,
            // whatever team an Assign verdict names.
            var campaign = builder.CampaignOn(0);
            var campaignTeam = campaign?.OwnerTeamId is { } campaignTeamId ? TouchOwner.Team(campaignTeamId, campaign.OwnerTeamName!) : null;
            if (campaignTeam is not null)
            {
                plan.AssignedTeam = campaignTeam.TeamName;
                plan.AttemptOwner = campaignTeam;
            }

            var customerLocalNow = utcNow + context.Customer.Offset;
            foreach (var action in actions)
            {
                if (ledger.Find(action.Reference) is { } earlier)
                {
                    // Made by an earlier execution: it stands as it was, and its touch already counts against the caps.
                    action.Channel = earlier.Touch.Channel;
                    action.AtUtc = earlier.Touch.WhenUtc;
                    action.MadeEarlier = true;
                    continue;
                }

                foreach (var channel in action.Candidates)
                {
                    var policy = ContactPolicyEvaluator.Evaluate(contactPolicy, builder.BuildForChannel(channel, 0), Count);
                    followUpDays ??= policy.Escalation?.FollowUpAfterDays;

                    // The team an Assign verdict names owns the attempt even when it is suppressed: a manager counts that
                    // team's suppressions too.
                    if (policy.Team is { } teamName && plan.AssignedTeam is null)
                    {
                        plan.AssignedTeam = teamName;
                        if (context.Teams.TryGetValue(teamName, out var id)) plan.AttemptOwner = TouchOwner.Team(id, teamName);
                        else unconfigured.Add(teamName);
                    }

                    var isMessageChannel = ContactChannels.IsMessage(channel);
                    if (policy.Outcome == PolicyOutcome.Block)
                    {
                        action.Tried(new ChannelTrial(channel, ChannelVerdict.Blocked, policy));
                        continue;
                    }

                    // A call or task may be worked any time until it is due: its touch is recorded then. It is due at the end
                    // of the customer's call window on its day when the policy's hour rules give one, else at the end of the
                    // organisation's day.
                    var dueInDays = action.Activity?.DueInDays ?? 0;
                    var sendAt = isMessageChannel ? utcNow : org.EndOfDay(today.AddDays(dueInDays));
                    if (!isMessageChannel)
                    {
                        var window = CallWindow.For(builder, contactPolicy, channel, dueInDays, customerLocalNow, Count);
                        if (window.Restricts && window.LastCallableEnd is { } end && end - context.Customer.Offset > utcNow)
                        {
                            sendAt = DateTime.SpecifyKind(end - context.Customer.Offset, DateTimeKind.Utc);
                            action.CallWindow = window;
                        }
                    }

                    if (policy.Outcome == PolicyOutcome.Defer && isMessageChannel)
                    {
                        if (policy.DeferUntil(customerLocalNow) is not { } until)
                        {
                            action.Tried(new ChannelTrial(channel, ChannelVerdict.NoSendWindow, policy));
                            continue;
                        }

                        sendAt = DateTime.SpecifyKind(until - context.Customer.Offset, DateTimeKind.Utc);
                    }

                    action.Tried(new ChannelTrial(channel, ChannelVerdict.Chosen, policy, sendAt, isMessageChannel && sendAt > utcNow));
                    action.Channel = channel;
                    action.AtUtc = sendAt;
                    action.PolicyTeam = policy.Team;
                    planned.Add(new TouchEntry(new Touch(sendAt, channel), action.Reference));
                    plannedTouches.Add(planned[planned.Count - 1].Touch);
                    break;
                }
            }

            var made = actions.FindAll(a => a.Channel is not null);
            plan.Touches = actions;
            plan.Suppressed = actions.Count > 0 && made.Count == 0;
            if (plan.Suppressed && BlockLift.FirstDay(actions, builder, contactPolicy, context) is { } retryDay)
            {
                plan.RetryOnLocal = retryDay;
                plan.RetryOnUtc = org.StartOfDay(retryDay);
            }
            plan.ResumesEarlier = made.Exists(a => a.MadeEarlier);
            plan.DeadlineUtc = org.EndOfDay(today.AddDays(followUpDays ?? DefaultFollowUpDays));

            Grant(plan, definition, context, step, startKey, attemptKey, today);
            // The wake step answers the customer: its offer stands while its incentive is valid, and the attempt waits that long
            // for the purchase (an answer is never followed up).
            if (step == AttemptStep.Wake && continueAttempt is { Responded: true } && plan.Incentive is { } granted && granted.ValidUntilUtc > plan.DeadlineUtc)
            {
                plan.DeadlineUtc = granted.ValidUntilUtc;
            }

            var attemptOwnerChosen = plan.AssignedTeam is not null && plan.AttemptOwner.TeamId is not null;
            foreach (var action in made)
            {
                if (action.MadeEarlier) continue;
                var team = action.PolicyTeam ?? action.Activity?.Owner.Team;
                if (campaignTeam is not null) action.Owner = campaignTeam;
                else if (team is not null && context.Teams.TryGetValue(team, out var id)) action.Owner = TouchOwner.Team(id, team);
                else if (team is not null) unconfigured.Add(team);
                if (!attemptOwnerChosen)
                {
                    plan.AttemptOwner = action.Owner;
                    attemptOwnerChosen = true;
                }

                Texts(action, plan, facts, org);
            }

            plan.UnconfiguredTeams = unconfigured;
            if (planned.Count > 0) plan.NewTouchLedger = ledger.With(planned).Format(utcNow);
            plan.StepLines = Lines(made, step);
            if (rung > 1) plan.EarlierRungLines = EarlierRungLines(continueAttempt!.Id, rung, ledger);
            plan.BlockReasons = Reasons(actions);
            return plan;
        }

        /// <summary>
        /// The incentive: a follow-up repeats the attempt's offer on the next channel. When its rule is the one that started
        /// the attempt in this stage stint (the ledger holds that start's touches), the incentive was issued then: the
        /// follow-up names that code and validity and issues no second one. An incentive goes out with the attempt's first
        /// touches only; none with a suppressed plan.
        /// </summary>
        private static void Grant(OutreachPlan plan, OfferDefinition definition, OutreachContext context, AttemptStep step, string startKey, string attemptKey, DateTime today)
        {
            if (definition.Incentive is not { } incentive || plan.Suppressed) return;
            var issuedAtStart = step == AttemptStep.FollowUp && StartedBy(startKey, definition, context.Touches);
            var code = OutreachKeys.IncentiveCode(issuedAtStart ? startKey : attemptKey);
            var issuedOn = issuedAtStart ? context.Organisation.LocalDate(context.AttemptStartedUtc ?? context.StageSinceUtc ?? context.UtcNow) : today;
            var issues = !issuedAtStart && !plan.ResumesEarlier;
            plan.Incentive = new IncentiveGrant(incentive, code, context.Organisation.EndOfDay(issuedOn.AddDays(incentive.ValidityDays)), issuedAtStart, issues);
        }

        /// <summary>Whether the attempt keyed <paramref name="attemptKey"/> made its first step's touches (any of the offer's action kinds).</summary>
        private static bool StartedBy(string attemptKey, OfferDefinition offer, TouchLedger ledger)
        {
            var step = (offer.Step ?? AttemptStep.Activate).ToString();
            foreach (var kind in new[] { TouchKind.PhoneCall, TouchKind.Message, TouchKind.Task })
            {
                if (ledger.Find(OutreachKeys.TouchReference(OutreachKeys.Action(attemptKey, step, kind.ToString()))) is not null) return true;
            }

            return false;
        }

        /// <summary>The record's texts in the contact's language: the script and the offer to mention.</summary>
        private static void Texts(PlannedTouch action, OutreachPlan plan, CustomerFacts facts, FixedOffsetZone organisation)
        {
            var offerLine = OfferLine(plan, organisation);
            string Render(LocalizedText text) => TemplateRenderer.Render(text.For(plan.Language, facts.Colour), facts);
            if (action.IsActivityRecord)
            {
                string script;
                if (action.Activity is { } activity)
                {
                    action.Subject = Render(activity.Subject);
                    script = activity.Script is null ? "" : Render(activity.Script);
                }
                else
                {
                    // A message no message channel could carry: the rep calls and says it.
                    action.Subject = RepWording.CallInsteadOfMessage(plan.Label, plan.Language);
                    script = action.Message!.Text is null ? "" : Render(action.Message.Text);
                }

                action.Text = offerLine is null ? script : script.Length == 0 ? offerLine : script + "\n\n" + offerLine;
                if (action.CallWindow?.RepLine(plan.Language) is { } window) action.Text = action.Text.Length == 0 ? window : action.Text + "\n" + window;
                action.WhyThisCustomer = RepWording.WhyThisCustomer(facts, plan.Language);
                return;
            }

            string text;
            if (action.Message is { } message)
            {
                action.Subject = plan.Label;
                text = message.Text is null ? "" : Render(message.Text);
                action.Template = message.Template;
            }
            else
            {
                // A call or task that fell back to a message channel: its subject and script go out as the message.
                action.Subject = Render(action.Activity!.Subject);
                text = action.Activity.Script is null ? action.Subject : Render(action.Activity.Script);
                action.Template = plan.Offer.OfferName + "." + action.Kind;
            }

            action.Text = offerLine is null ? text : text + "\n" + offerLine;
        }

        /// <summary>The offer a rep mentions and a message carries: label, incentive, code, validity (organisation-local date).</summary>
        private static string? OfferLine(OutreachPlan plan, FixedOffsetZone organisation)
        {
            if (plan.Incentive is not { } grant) return null;
            var until = organisation.LocalDate(grant.ValidUntilUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var gives = RepWording.Incentive(grant.Action.Type, grant.Action.Value, plan.Language);
            return plan.Language == "zh-CN"
                ? "优惠：" + plan.Label + "（" + gives + "），券码 " + grant.Code + "，有效期至 " + until
                : "Offer: " + plan.Label + " (" + gives + "), code " + grant.Code + ", valid until " + until;
        }

        internal static string Lines(List<PlannedTouch> made, AttemptStep step)
        {
            var lines = new System.Text.StringBuilder();
            foreach (var action in made)
            {
                if (lines.Length > 0) lines.Append('\n');
                lines.Append(StepLines.Line(action.AtUtc, step.ToString(), action.Channel!));
            }

            return lines.ToString();
        }

        /// <summary>
        /// The step lines of an attempt's follow-ups before rung <paramref name="rung"/>, read back from the touch ledger
        /// (each rung's actions have keys of their own), so the attempt's follow-up column keeps every rung it climbed.
        /// </summary>
        private static string EarlierRungLines(Guid attemptId, int rung, TouchLedger ledger)
        {
            var lines = new System.Text.StringBuilder();
            for (var earlier = 1; earlier < rung; earlier++)
            {
                var stepKey = OutreachKeys.Step(AttemptStep.FollowUp, earlier);
                var attemptKey = OutreachKeys.Continuation(attemptId, stepKey);
                foreach (var kind in new[] { TouchKind.PhoneCall, TouchKind.Message, TouchKind.Task })
                {
                    if (ledger.Find(OutreachKeys.TouchReference(OutreachKeys.Action(attemptKey, stepKey, kind.ToString()))) is not { } entry) continue;
                    lines.Append(StepLines.Line(entry.Touch.WhenUtc, AttemptStep.FollowUp.ToString(), entry.Touch.Channel)).Append('\n');
                }
            }

            return lines.ToString();
        }

        private static List<BlockReason> Reasons(List<PlannedTouch> actions)
        {
            var reasons = new List<BlockReason>();
            foreach (var action in actions)
            {
                foreach (var trial in action.Trials)
                {
                    if (trial.Verdict == ChannelVerdict.Chosen) continue;
                    foreach (var code in trial.ReasonCodes) reasons.Add(new BlockReason(action.Kind, trial.Channel, code));
                }
            }

            return reasons;
        }

        /// <summary>
        /// The channels to try for an action, in order. A start or wake step (<paramref name="rung"/> 0): its own; then, for a
        /// call or a message, the message channels of the policy's Escalation read backwards from the most personal (Email,
        /// Sms, Push with the default order); and last, for a message, a call when the Escalation has Phone and no message
        /// channel is open — the rep says what the message would have. A task has no fallback. Follow-up number
        /// <paramref name="rung"/> climbs the action's escalation (<see cref="Ladder"/>): that rung's channel first, then the
        /// ones above it when it is refused, then the start's fallbacks. Past the top rung nothing is left (an empty list),
        /// except that the first follow-up of an action with no rung above its own repeats it.
        /// </summary>
        internal static List<string> Candidates(PlannedTouch action, CustomerFactsBuilder builder, Ruleset contactPolicy, TouchCounter count, int rung)
        {
            var any = ContactPolicyEvaluator.Evaluate(contactPolicy, builder.BuildForChannel(action.NativeChannel, 0), count, explain: false);
            var escalation = any.Escalation is { Order.Count: > 0 } e ? e.Order : DefaultEscalation;
            var ladder = Ladder(action.NativeChannel, escalation);
            var list = new List<string>();
            if (rung > 0)
            {
                if (rung >= ladder.Count && rung > 1) return list;
                for (var i = rung; i < ladder.Count; i++) list.Add(ladder[i]);
            }

            if (!list.Contains(action.NativeChannel)) list.Add(action.NativeChannel);
            if (action.NativeChannel == ContactChannels.Task) return list;
            for (var i = escalation.Count - 1; i >= 0; i--)
            {
                var channel = escalation[i];
                if (!ContactChannels.IsMessage(channel) || list.Contains(channel)) continue;
                list.Add(channel);
            }

            if (action.Message is not null && !list.Contains(ContactChannels.Phone) && IndexOf(escalation, ContactChannels.Phone) >= 0) list.Add(ContactChannels.Phone);
            return list;
        }

        /// <summary>
        /// The rungs an action's follow-ups climb: its own channel, then every channel after it in the Escalation order
        /// (Push, Sms, Email, Phone by default; a task is never a rung). A message whose ladder reaches Phone ends with a
        /// call. A channel the order does not name has no rungs above it.
        /// </summary>
        internal static List<string> Ladder(string nativeChannel, IReadOnlyList<string> escalation)
        {
            var ladder = new List<string> { nativeChannel };
            if (nativeChannel == ContactChannels.Task) return ladder;
            var own = IndexOf(escalation, nativeChannel);
            if (own < 0) return ladder;
            for (var i = own + 1; i < escalation.Count; i++)
            {
                if (escalation[i] != ContactChannels.Task && !ladder.Contains(escalation[i])) ladder.Add(escalation[i]);
            }

            return ladder;
        }

        private static int IndexOf(IReadOnlyList<string> list, string value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (string.Equals(list[i], value, StringComparison.Ordinal)) return i;
            }

            return -1;
        }
    }
}
