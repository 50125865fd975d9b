using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Outreach
{
    /// <summary>What one outreach decision writes: the attempt, then the other rows, then the touch ledger.</summary>
    public sealed class OutreachPlan
    {
        internal OutreachPlan(Entity attempt, bool resumesEarlier, AttemptStep step, DateTime deadline, IReadOnlyList<Entity> records, string? touchLedger, bool suppressed, IReadOnlyList<string> trace)
        {
            Attempt = attempt;
            ResumesEarlier = resumesEarlier;
            Step = step;
            Deadline = deadline;
            Records = records;
            TouchLedger = touchLedger;
            Suppressed = suppressed;
            Trace = trace;
        }

        /// <summary>
        /// A new attempt: rx_reactivationattempt with the name-based id of its key (rx_key), to upsert. A next step of
        /// an open attempt: the attempt by id, with the step, the deadline and the step lines (rx_laststep), to update.
        /// </summary>
        public Entity Attempt { get; }

        /// <summary>Some of the step's actions were made by an earlier execution: the attempt exists already.</summary>
        public bool ResumesEarlier { get; }

        /// <summary>The step the attempt is in after this plan.</summary>
        public AttemptStep Step { get; }

        /// <summary>When the attempt is followed up (or closed) if the customer does not respond.</summary>
        public DateTime Deadline { get; }

        /// <summary>Phone calls and tasks (by name-based id), messages and the incentive (by alternate key); rx_attemptid is filled by the writer where the table has it.</summary>
        public IReadOnlyList<Entity> Records { get; }

        /// <summary>The new rx_touchledger, or null when no touch was made.</summary>
        public string? TouchLedger { get; }

        public bool Suppressed { get; }

        /// <summary>Lines for the plugin trace: rule, offer, channel and reason names only.</summary>
        public IReadOnlyList<string> Trace { get; }
    }

    /// <summary>The next step of the contact's open attempt: Wake after a response to Activate, or FollowUp after its deadline.</summary>
    public sealed class AttemptContinuation
    {
        public AttemptContinuation(EntityReference attempt, AttemptStep step)
        {
            Attempt = attempt;
            Step = step;
        }

        public EntityReference Attempt { get; }

        public AttemptStep Step { get; }

        /// <summary>The key the step's actions and incentive derive from: the attempt's id and the step.</summary>
        public string Key => Attempt.Id.ToString("D") + "|" + Step;
    }

    /// <summary>
    /// Contact (the post-image) → the rows a reactivation attempt, or the next step of an open one, consists of.
    /// Pure: no organisation service, no clock; the offer and contact policy come from Core, every key is
    /// deterministic (<see cref="OutreachKeys"/>). Returns null when there is nothing to write.
    /// </summary>
    public static class OutreachPlanner
    {
        public const string AttemptTable = "rx_reactivationattempt";
        public const string MessageTable = "rx_outreachmessage";
        public const string IncentiveTable = "rx_incentive";

        private const int PriorityNormal = 1;
        private const int PriorityHigh = 2;

        /// <summary>The attempt's deadline when no Escalation verdict says after how many days to follow up.</summary>
        private const int DefaultFollowUpDays = 3;

        private static readonly string[] DefaultEscalation = { ContactChannels.Push, ContactChannels.Sms, ContactChannels.Email, ContactChannels.Phone };

        /// <param name="contact">The contact after the operation (the step's post-image).</param>
        /// <param name="alreadyMade">Set when every touch of the decided attempt is already in the touch ledger: an earlier execution made it.</param>
        /// <param name="continuation">Null for a new attempt (the contact's row must then carry no open attempt, so the
        /// offers see none); the open attempt and its next step otherwise (the offers see the attempt's facts).</param>
        public static OutreachPlan? Plan(Entity contact, DateTime utcNow, StepSettings configuration, Ruleset contactPolicy, Ruleset offers, AttemptContinuation? continuation, out bool alreadyMade)
        {
            alreadyMade = false;
            var orgOffset = configuration.OrganisationOffset;
            var orgZone = FixedZone(orgOffset);
            var customerOffset = contact.GetAttributeValue<int?>(ContactColumns.UtcOffset) is { } minutes && minutes >= -840 && minutes <= 840
                ? TimeSpan.FromMinutes(minutes)
                : orgOffset;
            var input = ContactFactsMapper.ToInput(contact, utcNow, orgZone);
            input.CustomerTimeZone = FixedZone(customerOffset);
            input.Purpose = "Offer";
            var ledgerRead = TouchLedger.ReadStored(contact.GetAttributeValue<string>(ContactColumns.TouchLedger), ContactColumns.TouchLedger);
            var entries = new List<TouchEntry>(ledgerRead.Entries);
            var builder = new CustomerFactsBuilder(input);
            var facts = builder.Build();

            var offer = OfferEvaluator.Evaluate(offers, facts);
            if (offer is null) return null;
            var definition = offer.Offer;
            var language = ContactColumns.Languages.TryName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.PreferredLanguage), out var tag) ? tag : "en";
            var step = continuation?.Step ?? (definition.Step ?? AttemptStep.Activate);
            var stepName = step.ToString();
            var today = (utcNow + orgOffset).Date;
            var stageSince = contact.GetAttributeValue<DateTime?>(ContactColumns.StageChangedOn) ?? utcNow;
            var attemptKey = continuation?.Key ?? OutreachKeys.Attempt(contact.Id, offer.RuleName, (stageSince + orgOffset).Date);
            var contactRef = new EntityReference("contact", contact.Id);
            var contactOwner = contact.GetAttributeValue<EntityReference>(ContactColumns.Owner);

            // The actions the offer asks for, the rep's personal call first (a cap may leave room for one touch).
            var actions = new List<PlannedAction>();
            if (definition.PhoneCall is { } call) actions.Add(new PlannedAction("PhoneCall", ContactChannels.Phone, call, null, attemptKey, stepName));
            if (definition.Message is { } message) actions.Add(new PlannedAction("Message", message.Channel, null, message, attemptKey, stepName));
            if (definition.Task is { } task) actions.Add(new PlannedAction("Task", ContactChannels.Task, task, null, attemptKey, stepName));

            // An attempt whose touches are in the ledger was made by an earlier execution (a replay, or the
            // same rule again in the same stage period): its decision stands, nothing is written again.
            if (actions.Count > 0 && actions.TrueForAll(a => entries.Exists(e => e.Reference == a.Reference)))
            {
                alreadyMade = true;
                return null;
            }

            var planned = new List<TouchEntry>();
            var explanation = new StringBuilder();
            var trace = new List<string>();
            if (continuation is not null) explanation.Append(stepName).Append(": ");
            explanation.Append("Stage ").Append(facts.Stage).Append(" since ").Append(((DateTime)(stageSince + orgOffset)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(" (organisation time); reason ").Append(facts.DormancyReason).Append('\n');
            explanation.Append("Offer ").Append(definition.Name).Append(" (").Append(stepName).Append(") by ").Append(offer.Explanation).Append('\n');
            trace.Add("Offer " + definition.Name + " by rule " + offer.RuleName);

            int Count(IReadOnlyList<string> channels, int windowDays)
            {
                // Touches are recorded at the latest instant they can happen (a message's send-after, a call's
                // or task's due time), so counting every touch from today - windowDays + 1 on, planned ones
                // included, keeps the cap in every window that holds the new touch, not only the one ending today.
                var count = 0;
                foreach (var entry in Concat(entries, planned))
                {
                    if (channels.Count > 0 && !Contains(channels, entry.Touch.Channel)) continue;
                    var days = ((entry.Touch.WhenUtc + orgOffset).Date - today).Days;
                    if (days > -windowDays) count++;
                }

                return count;
            }

            int? followUpDays = null;
            EntityReference? assignedTeam = null;
            string? assignedTeamName = null;
            var skipped = new List<string>();
            var customerLocalNow = utcNow + customerOffset;
            foreach (var action in actions)
            {
                // Made by an earlier execution (the touch carries its ref): it stands as it was, is not
                // written again, and its touch already counts against the caps.
                if (entries.Find(e => e.Reference == action.Reference) is { } earlier)
                {
                    action.Channel = earlier.Touch.Channel;
                    action.SendAtUtc = earlier.Touch.WhenUtc;
                    action.MadeEarlier = true;
                    explanation.Append(action.Kind).Append(" via ").Append(earlier.Touch.Channel).Append(": made earlier (").Append(LedgerInstant.Write(earlier.Touch.WhenUtc)).Append(")\n");
                    continue;
                }

                foreach (var channel in Candidates(action, builder, contactPolicy, Count, escalate: step == AttemptStep.FollowUp))
                {
                    var policy = ContactPolicyEvaluator.Evaluate(contactPolicy, builder.BuildForChannel(channel, 0), Count);
                    followUpDays ??= policy.Escalation?.FollowUpAfterDays;

                    // The team an Assign verdict names owns the attempt even when it is suppressed: a manager
                    // counts that team's suppressions too.
                    if (policy.Team is { } teamName && assignedTeamName is null)
                    {
                        assignedTeamName = teamName;
                        assignedTeam = configuration.Team(teamName);
                        if (assignedTeam is null) trace.Add("Team " + teamName + " (Assign) is not configured: the contact's owner works it");
                    }

                    var isMessageChannel = channel != ContactChannels.Phone && channel != ContactChannels.Task;
                    if (policy.Outcome == PolicyOutcome.Block)
                    {
                        var why = action.Kind + " via " + channel + ": Block by " + string.Join(", ", policy.DecidingRules) + " (" + string.Join(", ", policy.ReasonCodes) + ")";
                        explanation.Append(why).Append(" [").Append(policy.Explanation).Append("]\n");
                        trace.Add(why);
                        skipped.Add(channel + ": " + string.Join(", ", policy.DecidingRules) + " (" + string.Join(", ", policy.ReasonCodes) + ")");
                        continue;
                    }

                    // A call or task may be worked any time until it is due: its touch is recorded then.
                    var sendAt = isMessageChannel ? utcNow : EndOfOrganisationDay(today.AddDays(action.Activity!.DueInDays), orgOffset);
                    if (policy.Outcome == PolicyOutcome.Defer && isMessageChannel)
                    {
                        var until = policy.DeferUntil(customerLocalNow);
                        if (until is null)
                        {
                            skipped.Add(channel + ": NoSendWindow");
                            explanation.Append(action.Kind + " via " + channel + ": no send window within 7 days\n");
                            continue;
                        }

                        sendAt = DateTime.SpecifyKind(until.Value - customerOffset, DateTimeKind.Utc);
                    }

                    var verdict = action.Kind + " via " + channel + ": " + policy.Outcome + (policy.DecidingRules.Count > 0 ? " by " + string.Join(", ", policy.DecidingRules) : "")
                        + (!isMessageChannel ? ", due " + sendAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"
                            : sendAt > utcNow ? ", send after " + sendAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "");
                    explanation.Append(verdict).Append(" [").Append(policy.Explanation).Append("]\n");
                    trace.Add(verdict);

                    action.Channel = channel;
                    action.SendAtUtc = sendAt;
                    action.Team = policy.Team;
                    planned.Add(new TouchEntry(new Touch(sendAt, channel), action.Reference));
                    break;
                }
            }

            var made = actions.FindAll(a => a.Channel is not null);
            var suppressed = actions.Count > 0 && made.Count == 0;
            // The attempt belongs to whoever works it: the team an Assign verdict names, else the owner of its
            // first action (a Team:<name> call), else the contact's owner.
            var attemptOwner = assignedTeam;
            var records = new List<Entity>();
            var incentive = definition.Incentive;
            // A follow-up repeats the attempt's offer on the next channel. When its rule is the one that started the
            // attempt in this stage stint (the ledger holds that start's touches), the incentive was issued then: the
            // follow-up names that code and validity and issues no second one.
            var startKey = continuation?.Step == AttemptStep.FollowUp && incentive is not null
                ? OutreachKeys.Attempt(contact.Id, offer.RuleName, (stageSince + orgOffset).Date)
                : null;
            var issuedAtStart = startKey is not null && StartedBy(startKey, definition, entries);
            var incentiveCode = OutreachKeys.IncentiveCode(issuedAtStart ? startKey! : attemptKey);
            var issuedOn = issuedAtStart ? ((contact.GetAttributeValue<DateTime?>(ContactColumns.AttemptStartedOn) ?? stageSince) + orgOffset).Date : today;
            var validUntil = incentive is null ? (DateTime?)null : EndOfOrganisationDay(issuedOn.AddDays(incentive.ValidityDays), orgOffset);
            var priority = step == AttemptStep.Activate ? PriorityNormal : PriorityHigh;
            var label = language == "zh-CN" ? definition.LabelZh ?? definition.Label ?? definition.Name : definition.Label ?? definition.Name;
            var offerLine = incentive is null || suppressed ? null : OfferLine(language, label, incentive, incentiveCode, validUntil!.Value, orgOffset);

            var texts = new RecordTexts(language, facts, label, new OptionSetValue(priority), contactRef, offerLine, definition.Name);
            foreach (var action in made)
            {
                if (action.MadeEarlier) continue;
                var owner = Owner(action, configuration, contactOwner, trace);
                attemptOwner ??= owner;
                records.Add(action.Activity is not null && action.Channel == action.NativeChannel
                    ? ActivityRecord(action, action.Activity, texts, owner, EndOfOrganisationDay(today.AddDays(action.Activity.DueInDays), orgOffset))
                    : MessageRecord(action, texts, owner));
            }

            attemptOwner ??= contactOwner;

            // An incentive goes with the attempt's first touches; once issued it is never written again (a
            // second write could undo a redemption).
            if (incentive is not null && !suppressed && issuedAtStart)
            {
                explanation.Append("Incentive ").Append(incentive.Type).Append(", code ").Append(incentiveCode).Append(": issued with the attempt's first step\n");
            }
            else if (incentive is not null && !suppressed && !made.Exists(a => a.MadeEarlier))
            {
                var record = new Entity(IncentiveTable, "rx_code", incentiveCode);
                record["rx_code"] = incentiveCode;
                record["rx_type"] = IncentiveColumns.Types.Option(incentive.Type);
                record["rx_value"] = incentive.Value;
                record["rx_validuntil"] = validUntil;
                record["rx_incentivestatus"] = IncentiveColumns.Statuses.Option(IncentiveStatus.Issued);
                record["rx_contactid"] = contactRef;
                if (attemptOwner is not null) record["ownerid"] = attemptOwner;
                records.Add(record);
                explanation.Append("Incentive ").Append(incentive.Type).Append(' ').Append(incentive.Value.ToString(CultureInfo.InvariantCulture)).Append(", code ").Append(incentiveCode).Append('\n');
            }

            if (suppressed)
            {
                explanation.Append("Outcome Suppressed: every action was blocked — ").Append(string.Join("; ", skipped)).Append('\n');
            }
            else
            {
                explanation.Append("Outcome Open").Append('\n');
            }

            var steps = new StringBuilder();
            foreach (var action in made)
            {
                if (steps.Length > 0) steps.Append('\n');
                steps.Append(LedgerInstant.Write(action.SendAtUtc)).Append(' ').Append(stepName).Append(' ').Append(action.Channel);
            }

            var deadline = EndOfOrganisationDay(today.AddDays(followUpDays ?? DefaultFollowUpDays), orgOffset);
            trace.Add(suppressed ? "Outcome Suppressed" : "Outcome Open");
            string? ledger = null;
            if (planned.Count > 0)
            {
                ledger = ledgerRead.With(planned).Format(utcNow);
            }

            if (continuation is not null)
            {
                // The open attempt moves on: its step, a new deadline, and the step's own column of lines. A step
                // whose every action was blocked leaves the attempt as it is; the caller decides.
                var next = new Entity(AttemptTable, continuation.Attempt.Id);
                if (!suppressed)
                {
                    next["rx_currentstep"] = AttemptColumns.CurrentSteps.Option(step);
                    next["rx_deadline"] = deadline;
                    next[step == AttemptStep.Wake ? AttemptColumns.WakeStep : AttemptColumns.FollowUpStep] = Clip(steps.ToString() + "\nby " + offer.RuleName + " (" + definition.Name + ")", 2000);
                }

                return new OutreachPlan(next, made.Exists(a => a.MadeEarlier), step, deadline, records, ledger, suppressed, trace);
            }

            // Addressed by a name-based id from its key (rx_key stays its alternate key): the id is known before the
            // write, so its later steps' keys, and the records derived from them, are the same in every replay.
            var attempt = new Entity(AttemptTable, OutreachKeys.NameBasedId(attemptKey));
            attempt["rx_key"] = attemptKey;
            attempt["rx_contactid"] = contactRef;
            attempt["rx_rulename"] = Clip(offer.RuleName, 100);
            attempt["rx_offer"] = Clip(definition.Name, 100);
            attempt["rx_stageatstart"] = contact.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage);
            attempt["rx_reasonatstart"] = contact.GetAttributeValue<OptionSetValue>(ContactColumns.DormancyReason);
            // An attempt with touches made earlier exists: its start and outcome stand (it may have been converted,
            // answered or opted out of since).
            var exists = made.Exists(a => a.MadeEarlier);
            if (!exists) attempt["rx_startedon"] = utcNow;
            attempt["rx_currentstep"] = AttemptColumns.CurrentSteps.Option(step);
            attempt["rx_steps"] = Clip(steps.ToString(), 10000);
            attempt["rx_deadline"] = deadline;
            if (!exists) attempt[AttemptColumns.Outcome] = AttemptColumns.Outcomes.Option(suppressed ? AttemptOutcome.Suppressed : AttemptOutcome.Open);
            attempt["rx_explanation"] = Clip(explanation.ToString(), 100000);
            if (attemptOwner is not null) attempt["ownerid"] = attemptOwner;
            if (assignedTeamName is not null) trace.Add("Assigned to team " + assignedTeamName);
            return new OutreachPlan(attempt, exists, step, deadline, records, ledger, suppressed, trace);
        }

        /// <summary>Whether the attempt keyed <paramref name="attemptKey"/> made its first step's touches (any of the offer's action kinds).</summary>
        private static bool StartedBy(string attemptKey, OfferDefinition offer, List<TouchEntry> entries)
        {
            var step = (offer.Step ?? AttemptStep.Activate).ToString();
            foreach (var kind in new[] { "PhoneCall", "Message", "Task" })
            {
                var reference = OutreachKeys.TouchReference(OutreachKeys.Action(attemptKey, step, kind));
                if (entries.Exists(e => e.Reference == reference)) return true;
            }

            return false;
        }

        /// <summary>A phone call or task for a rep: the script in the contact's language, the offer to mention, the due date.</summary>
        private static Entity ActivityRecord(PlannedAction action, ActivityAction activity, RecordTexts texts, EntityReference? owner, DateTime dueUtc)
        {
            var table = action.Kind == "PhoneCall" ? "phonecall" : "task";
            var record = new Entity(table, OutreachKeys.NameBasedId(action.Key));
            record["subject"] = Clip(texts.Render(activity.Subject), 200);
            var script = activity.Script is null ? "" : texts.Render(activity.Script);
            record["description"] = Clip(texts.OfferLine is null ? script : script.Length == 0 ? texts.OfferLine : script + "\n\n" + texts.OfferLine, 2000);
            record["scheduledend"] = dueUtc;
            record["prioritycode"] = texts.Priority;
            record["regardingobjectid"] = texts.Contact;
            if (owner is not null) record["ownerid"] = owner;
            if (table == "phonecall") record["directioncode"] = true;
            return record;
        }

        /// <summary>An outbox message: the offer's own, or a call / task that fell back to a message channel.</summary>
        private static Entity MessageRecord(PlannedAction action, RecordTexts texts, EntityReference? owner)
        {
            string subject;
            string text;
            string template;
            if (action.Message is { } message)
            {
                subject = texts.Label;
                text = message.Text is null ? "" : texts.Render(message.Text);
                template = message.Template;
            }
            else
            {
                subject = texts.Render(action.Activity!.Subject);
                text = action.Activity.Script is null ? subject : texts.Render(action.Activity.Script);
                template = texts.OfferName + "." + action.Kind;
            }

            var record = new Entity(MessageTable, "rx_key", action.Key);
            record["rx_key"] = action.Key;
            record["subject"] = Clip(subject, 200);
            record["rx_renderedtext"] = Clip(texts.OfferLine is null ? text : text + "\n" + texts.OfferLine, 4000);
            record["rx_template"] = Clip(template, 100);
            record["rx_channel"] = MessageColumns.Channels.Option(action.Channel!);
            record["rx_sendafter"] = action.SendAtUtc;
            record["rx_messagestatus"] = MessageColumns.Statuses.Option(MessageStatus.Pending);
            record["prioritycode"] = texts.Priority;
            record["regardingobjectid"] = texts.Contact;
            if (owner is not null) record["ownerid"] = owner;
            return record;
        }

        /// <summary>
        /// The channels to try for an action, in order: its own; then, for a call or a message, the message
        /// channels of the policy's Escalation read backwards from the most personal (Email, Sms, Push with the
        /// default order). A message never turns into a call (that is the follow-up's job); a task has no fallback.
        /// A follow-up (<paramref name="escalate"/>) sends a message on the channel after its own in the Escalation
        /// order first (Push, then Sms three days later): the customer did not answer on the first one.
        /// </summary>
        private static List<string> Candidates(PlannedAction action, CustomerFactsBuilder builder, Ruleset contactPolicy, TouchCounter count, bool escalate)
        {
            var any = ContactPolicyEvaluator.Evaluate(contactPolicy, builder.BuildForChannel(action.NativeChannel, 0), count);
            var escalation = any.Escalation is { Order.Count: > 0 } e ? e.Order : DefaultEscalation;
            var list = new List<string>();
            if (escalate && action.Message is not null)
            {
                for (var i = IndexOf(escalation, action.NativeChannel) + 1; i < escalation.Count && i > 0; i++)
                {
                    if (escalation[i] == ContactChannels.Phone || escalation[i] == ContactChannels.Task) continue;
                    list.Add(escalation[i]);
                    break;
                }
            }

            list.Add(action.NativeChannel);
            if (action.NativeChannel == ContactChannels.Task) return list;
            for (var i = escalation.Count - 1; i >= 0; i--)
            {
                var channel = escalation[i];
                if (channel == ContactChannels.Phone || channel == ContactChannels.Task || list.Contains(channel)) continue;
                list.Add(channel);
            }

            return list;
        }

        private static EntityReference? Owner(PlannedAction action, StepSettings configuration, EntityReference? contactOwner, List<string> trace)
        {
            var team = action.Team ?? action.Activity?.Owner.Team;
            if (team is null) return contactOwner;
            var reference = configuration.Team(team);
            if (reference is null) trace.Add("Team " + team + " is not configured (team." + team + "=<teamid>): the contact's owner gets the " + action.Kind);
            return reference ?? contactOwner;
        }

        private static string OfferLine(string language, string label, IncentiveAction incentive, string code, DateTime validUntilUtc, TimeSpan orgOffset)
        {
            var until = (validUntilUtc + orgOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var value = incentive.Value.ToString("0.##", CultureInfo.InvariantCulture);
            return language == "zh-CN"
                ? "优惠：" + label + "（" + incentive.Type + " " + value + "），券码 " + code + "，有效期至 " + until
                : "Offer: " + label + " (" + incentive.Type + " " + value + "), code " + code + ", valid until " + until;
        }

        /// <summary>23:59 of an organisation-local date, as a UTC instant.</summary>
        private static DateTime EndOfOrganisationDay(DateTime localDate, TimeSpan orgOffset) =>
            DateTime.SpecifyKind(localDate.Date.AddHours(23).AddMinutes(59) - orgOffset, DateTimeKind.Utc);

        internal static TimeZoneInfo FixedZone(TimeSpan offset) =>
            offset == TimeSpan.Zero
                ? TimeZoneInfo.Utc
                : TimeZoneInfo.CreateCustomTimeZone("UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture), offset, "Fixed offset", "Fixed offset");

        private static string Clip(string text, int max) => text.Length <= max ? text : text.Substring(0, max);

        private static int IndexOf(IReadOnlyList<string> list, string value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (string.Equals(list[i], value, StringComparison.Ordinal)) return i;
            }

            return -1;
        }

        private static bool Contains(IReadOnlyList<string> list, string value) => IndexOf(list, value) >= 0;

        private static IEnumerable<TouchEntry> Concat(List<TouchEntry> first, List<TouchEntry> second)
        {
            foreach (var e in first) yield return e;
            foreach (var e in second) yield return e;
        }

        /// <summary>What every record of one attempt shares: language, facts for the placeholders, offer label and line.</summary>
        private sealed class RecordTexts
        {
            public RecordTexts(string language, CustomerFacts facts, string label, OptionSetValue priority, EntityReference contact, string? offerLine, string offerName)
            {
                Language = language;
                Facts = facts;
                Label = label;
                Priority = priority;
                Contact = contact;
                OfferLine = offerLine;
                OfferName = offerName;
            }

            public string Language { get; }
            public CustomerFacts Facts { get; }
            public string Label { get; }
            public OptionSetValue Priority { get; }
            public EntityReference Contact { get; }
            public string? OfferLine { get; }
            public string OfferName { get; }

            public string Render(LocalizedText text) => TemplateRenderer.Render(text.For(Language), Facts);
        }

        private sealed class PlannedAction
        {
            public PlannedAction(string kind, string nativeChannel, ActivityAction? activity, MessageAction? message, string attemptKey, string step)
            {
                Kind = kind;
                NativeChannel = nativeChannel;
                Activity = activity;
                Message = message;
                Key = OutreachKeys.Action(attemptKey, step, kind);
                Reference = OutreachKeys.TouchReference(Key);
            }

            public string Kind { get; }
            public string NativeChannel { get; }
            public ActivityAction? Activity { get; }
            public MessageAction? Message { get; }
            public string Key { get; }
            public string Reference { get; }
            /// <summary>The channel chosen; null while none is (or when every candidate was blocked).</summary>
            public string? Channel { get; set; }
            public DateTime SendAtUtc { get; set; }
            public string? Team { get; set; }
            /// <summary>The touch ledger already holds this action's touch: an earlier execution made it.</summary>
            public bool MadeEarlier { get; set; }
        }
    }
}
