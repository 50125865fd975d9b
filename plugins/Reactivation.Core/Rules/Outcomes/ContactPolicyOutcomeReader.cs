using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Loading;

namespace Reactivation.Core.Rules.Outcomes
{
    /// <summary>
    /// Contact policy: the SuccessEvent is a verdict (Block, Defer, Cap, Escalation, Assign) and Properties carry its
    /// parameters — channels, reason, send windows, cap, escalation order, team (rules/README.md lists them).
    /// </summary>
    internal sealed class ContactPolicyOutcomeReader : OutcomeReader
    {
        private static readonly string[] BlockProps = { "Channels", "ReasonCode", "Description" };
        private static readonly string[] DeferProps = { "Channels", "SendWindows", "ReasonCode", "Description" };
        private static readonly string[] CapProps = { "Channels", "MaxTouches", "WindowDays", "Description" };
        private static readonly string[] EscalationProps = { "Order", "FollowUpAfterDays", "Description" };
        private static readonly string[] AssignProps = { "Channels", "Team", "Description" };
        private static readonly string[] VerdictNames = Enum.GetNames(typeof(VerdictKind));
        private static readonly JsonObject NoProperties = new JsonObject(0, 0, Array.Empty<JsonProperty>());

        public ContactPolicyOutcomeReader(FieldReader fields)
            : base(fields)
        {
        }

        protected override void Read(RuleDefinition rule, JsonString successEvent, JsonObject? properties)
        {
            var name = successEvent.Value;
            if (!Enum.TryParse<VerdictKind>(name, false, out var kind) || !Names.IsIdentifier(name))
            {
                ErrorAt(DiagnosticCodes.UnknownVerdictOrChannel, successEvent, rule.Name, "unknown contact-policy verdict '" + name + "'", Names.Suggest(name, VerdictNames) ?? "the verdicts are Block, Defer, Cap, Escalation and Assign");
                return;
            }

            var verdict = new PolicyVerdictDefinition(kind);
            rule.Verdict = verdict;
            string[] allowed;
            switch (kind)
            {
                case VerdictKind.Block: allowed = BlockProps; break;
                case VerdictKind.Defer: allowed = DeferProps; break;
                case VerdictKind.Cap: allowed = CapProps; break;
                case VerdictKind.Escalation: allowed = EscalationProps; break;
                default: allowed = AssignProps; break;
            }

            var props = properties ?? NoProperties;
            CheckProperties(props, allowed, rule.Name, kind + " Properties");
            OptionalString(props, "Description", rule.Name);
            verdict.Channels = ReadChannels(props, "Channels", rule.Name, required: false);
            var anchor = (JsonValue?)properties ?? successEvent;
            switch (kind)
            {
                case VerdictKind.Block:
                    verdict.ReasonCode = Fields.RequiredCode(props, "ReasonCode", rule.Name, anchor, "a Block says why: \"ReasonCode\": \"OptedOut\"");
                    break;
                case VerdictKind.Defer:
                    verdict.ReasonCode = OptionalString(props, "ReasonCode", rule.Name);
                    verdict.SendWindows = ReadSendWindows(props, rule.Name, anchor);
                    break;
                case VerdictKind.Cap:
                    verdict.MaxTouches = Fields.RequiredInt(props, "MaxTouches", rule.Name, anchor, 0, 1000, "\"MaxTouches\": 1");
                    verdict.WindowDays = Fields.RequiredInt(props, "WindowDays", rule.Name, anchor, 1, 365, "\"WindowDays\": 14");
                    break;
                case VerdictKind.Escalation:
                    verdict.Order = ReadChannels(props, "Order", rule.Name, required: true, anchor);
                    verdict.FollowUpAfterDays = Fields.RequiredInt(props, "FollowUpAfterDays", rule.Name, anchor, 1, 365, "\"FollowUpAfterDays\": 3");
                    break;
                default:
                    verdict.Team = Fields.RequiredCode(props, "Team", rule.Name, anchor, "\"Team\": \"Reactivation\"");
                    break;
            }
        }

        private IReadOnlyList<string> ReadChannels(JsonObject props, string property, string ruleName, bool required, JsonValue? anchor = null)
        {
            var token = props[property];
            if (token is null)
            {
                if (required) ErrorAt(DiagnosticCodes.Missing, anchor ?? props, ruleName, property + " is missing", "\"" + property + "\": [\"Push\", \"Sms\", \"Email\", \"Phone\"]");
                return Array.Empty<string>();
            }

            if (token is not JsonArray array || array.Count == 0)
            {
                ErrorAt(DiagnosticCodes.WrongType, token, ruleName, property + " must be a non-empty array of channel names", "e.g. [\"Sms\", \"Email\"]; leave Channels out to mean every channel");
                return Array.Empty<string>();
            }

            var channels = new List<string>();
            foreach (var item in array.Items)
            {
                if (item is not JsonString text)
                {
                    ErrorAt(DiagnosticCodes.WrongType, item, ruleName, "a channel must be a string", null);
                    continue;
                }

                var channel = text.Value;
                if (!ContactChannels.IsKnown(channel))
                {
                    ErrorAt(DiagnosticCodes.UnknownVerdictOrChannel, item, ruleName, "unknown channel '" + channel + "'", Names.Suggest(channel, ContactChannels.All) ?? "the channels are " + string.Join(", ", ContactChannels.All));
                    continue;
                }

                if (channels.Contains(channel)) ErrorAt(DiagnosticCodes.DuplicateName, item, ruleName, "the channel '" + channel + "' is listed twice", "list each channel once");
                else channels.Add(channel);
            }

            return channels;
        }

        private IReadOnlyList<SendWindow> ReadSendWindows(JsonObject props, string ruleName, JsonValue anchor)
        {
            var token = props["SendWindows"];
            if (token is null)
            {
                ErrorAt(DiagnosticCodes.Missing, anchor, ruleName, "a Defer needs SendWindows", "\"SendWindows\": [\"11:00-12:00\", \"19:00-21:00\"]");
                return Array.Empty<SendWindow>();
            }

            if (token is not JsonArray array || array.Count == 0)
            {
                ErrorAt(DiagnosticCodes.WrongType, token, ruleName, "SendWindows must be a non-empty array of \"HH:MM-HH:MM\"", "[\"11:00-12:00\", \"19:00-21:00\"]");
                return Array.Empty<SendWindow>();
            }

            var windows = new List<SendWindow>();
            foreach (var item in array.Items)
            {
                if (item is JsonString text && SendWindow.TryParse(text.Value, out var window)) windows.Add(window);
                else ErrorAt(DiagnosticCodes.InvalidValue, item, ruleName, "'" + item + "' is not a send window", "write \"HH:MM-HH:MM\" in 24-hour local time, start before end, e.g. \"19:00-21:00\"");
            }

            return windows;
        }
    }
}
