using System;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Loading;

namespace Reactivation.Core.Rules.Outcomes
{
    /// <summary>
    /// Offers: the SuccessEvent names the offer and Properties hold its actions — a task or phone call with texts in
    /// both languages, an outbound message, an incentive, the attempt step — with their templates' placeholders checked.
    /// </summary>
    internal sealed class OfferOutcomeReader : OutcomeReader
    {
        private static readonly string[] OfferProps = { "Label", "LabelZh", "Description", "AttemptStep", "Purpose", "Task", "PhoneCall", "Message", "Incentive", "AttributionDays" };
        private static readonly string[] ActivityProps = { "Subject", "Script", "DueInDays", "Owner" };
        private static readonly string[] MessageProps = { "Channel", "Template", "Text" };
        private static readonly string[] IncentiveProps = { "Type", "Value", "ValidityDays" };
        private static readonly string[] TextProps = { "en", "zh-CN", CustomerColours.Rational, CustomerColours.Emotional };
        private static readonly string[] VariantProps = { "en", "zh-CN" };
        private static readonly string[] IncentiveNames = Enum.GetNames(typeof(IncentiveType));

        private readonly RulesetValidationOptions _options;

        public OfferOutcomeReader(FieldReader fields, RulesetValidationOptions options)
            : base(fields)
        {
            _options = options;
        }

        protected override void Read(RuleDefinition rule, JsonString successEvent, JsonObject? properties)
        {
            var name = successEvent.Value;
            if (!Names.IsOfferName(name))
            {
                ErrorAt(DiagnosticCodes.UnknownOfferItem, successEvent, rule.Name, "'" + name + "' is not a valid offer name", "use letters, digits, '.', '-' or '_', starting with a letter, e.g. \"WinBackVoucher\"");
                return;
            }

            if (_options.KnownOffers is not null && !Names.Contains(_options.KnownOffers, name))
            {
                ErrorAt(DiagnosticCodes.UnknownOfferItem, successEvent, rule.Name, "unknown offer '" + name + "'", Names.Suggest(name, _options.KnownOffers) ?? "the organisation's offers are " + string.Join(", ", _options.KnownOffers));
            }

            var offer = new OfferDefinition(name);
            rule.Offer = offer;
            if (properties is null) return;
            CheckProperties(properties, OfferProps, rule.Name, "offer Properties");
            offer.Label = OptionalString(properties, "Label", rule.Name);
            offer.LabelZh = OptionalString(properties, "LabelZh", rule.Name);
            OptionalString(properties, "Description", rule.Name);
            var step = properties["AttemptStep"];
            if (step is not null)
            {
                // An offer starts an attempt or wakes it; the follow-up step belongs to the contact policy's escalation.
                if (step is JsonString text && Names.IsIdentifier(text.Value) && Enum.TryParse<AttemptStep>(text.Value, false, out var parsed) && (parsed == AttemptStep.Activate || parsed == AttemptStep.Wake)) offer.Step = parsed;
                else ErrorAt(DiagnosticCodes.InvalidValue, step, rule.Name, "AttemptStep must be Activate or Wake", "Activate: a low-threshold greeting; Wake: the offer itself");
            }

            var purpose = properties["Purpose"];
            if (purpose is not null)
            {
                if (purpose is JsonString named && IndexOf(TouchPurposes.All, named.Value) >= 0) offer.Purpose = named.Value;
                else
                {
                    var suggestion = purpose is JsonString near ? Names.Suggest(near.Value, TouchPurposes.All) : null;
                    ErrorAt(DiagnosticCodes.InvalidValue, purpose, rule.Name, "Purpose must be Care, Offer or Campaign", (suggestion is null ? "" : suggestion + " ") + "Care keeps in touch without selling (no incentive), Offer wins back with one (the default), Campaign belongs to a reactivation campaign");
                }
            }

            if (properties["AttributionDays"] is not null)
            {
                offer.AttributionDays = Fields.RequiredInt(properties, "AttributionDays", rule.Name, properties, 1, Measurement.AttributionRules.MaxWindowDays, "\"AttributionDays\": 30") ?? Measurement.AttributionRules.DefaultWindowDays;
            }

            if (properties["Task"] is JsonValue task) offer.Task = (TaskAction?)ReadActivity(task, rule.Name, "Task");
            if (properties["PhoneCall"] is JsonValue call) offer.PhoneCall = (PhoneCallAction?)ReadActivity(call, rule.Name, "PhoneCall");
            if (properties["Message"] is JsonValue message) offer.Message = ReadMessage(message, rule.Name);
            if (properties["Incentive"] is JsonValue incentive)
            {
                offer.Incentive = ReadIncentive(incentive, rule.Name);
                if (offer.Purpose == TouchPurposes.Care)
                {
                    ErrorAt(DiagnosticCodes.InvalidValue, incentive, rule.Name, "a Care touch carries no Incentive: it keeps in touch without selling", "remove the Incentive, or make the rule's Purpose Offer");
                }
            }
        }

        private static int IndexOf(System.Collections.Generic.IReadOnlyList<string> names, string name)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
            }

            return -1;
        }

        /// <summary>A Task or a PhoneCall (<paramref name="what"/>): the same fields, a different activity.</summary>
        private ActivityAction? ReadActivity(JsonValue token, string ruleName, string what)
        {
            if (token is not JsonObject obj)
            {
                ErrorAt(DiagnosticCodes.WrongType, token, ruleName, what + " must be an object", "{ \"Subject\": { \"en\": ..., \"zh-CN\": ... }, \"DueInDays\": 1, \"Owner\": \"ContactOwner\" }");
                return null;
            }

            CheckProperties(obj, ActivityProps, ruleName, what);
            var subject = ReadText(obj, "Subject", ruleName, required: true);
            var script = ReadText(obj, "Script", ruleName, required: false);
            var due = Fields.RequiredInt(obj, "DueInDays", ruleName, obj, 0, 365, "\"DueInDays\": 1");
            var ownerText = Fields.RequiredString(obj, "Owner", ruleName, what + " needs an Owner: \"ContactOwner\" or \"Team:<name>\"");
            OwnerStrategy owner = OwnerStrategy.ContactOwner;
            if (ownerText is not null && !OwnerStrategy.TryParse(ownerText, out owner))
            {
                ErrorAt(DiagnosticCodes.UnknownOfferItem, obj["Owner"]!, ruleName, "unknown owner strategy '" + ownerText + "'", "write \"ContactOwner\" or \"Team:<team name>\"");
            }

            if (subject is null || due is null || ownerText is null) return null;
            return what == "PhoneCall" ? new PhoneCallAction(subject, script, due.Value, owner) : new TaskAction(subject, script, due.Value, owner);
        }

        private MessageAction? ReadMessage(JsonValue token, string ruleName)
        {
            if (token is not JsonObject obj)
            {
                ErrorAt(DiagnosticCodes.WrongType, token, ruleName, "Message must be an object", "{ \"Channel\": \"Sms\", \"Template\": \"WinBackVoucher\" }");
                return null;
            }

            CheckProperties(obj, MessageProps, ruleName, "Message");
            var channel = Fields.RequiredString(obj, "Channel", ruleName, "a Message needs a Channel");
            if (channel is not null && (!ContactChannels.IsKnown(channel) || channel == ContactChannels.Phone || channel == ContactChannels.Task))
            {
                ErrorAt(DiagnosticCodes.UnknownVerdictOrChannel, obj["Channel"]!, ruleName, "'" + channel + "' is not a message channel", "use Sms, Email, WeChat, WeCom or Push (phone calls are a PhoneCall action)");
                channel = null;
            }

            var template = Fields.RequiredString(obj, "Template", ruleName, "a Message needs a Template name");
            if (template is not null)
            {
                if (!Names.IsOfferName(template))
                {
                    ErrorAt(DiagnosticCodes.UnknownOfferItem, obj["Template"]!, ruleName, "'" + template + "' is not a valid template name", "use letters, digits, '.', '-' or '_'");
                    template = null;
                }
                else if (_options.KnownMessageTemplates is not null && !Names.Contains(_options.KnownMessageTemplates, template))
                {
                    ErrorAt(DiagnosticCodes.UnknownOfferItem, obj["Template"]!, ruleName, "unknown message template '" + template + "'", Names.Suggest(template, _options.KnownMessageTemplates) ?? "the templates are " + string.Join(", ", _options.KnownMessageTemplates));
                }
            }

            var text = ReadText(obj, "Text", ruleName, required: false);
            return channel is null || template is null ? null : new MessageAction(channel, template, text);
        }

        private IncentiveAction? ReadIncentive(JsonValue token, string ruleName)
        {
            if (token is not JsonObject obj)
            {
                ErrorAt(DiagnosticCodes.WrongType, token, ruleName, "Incentive must be an object", "{ \"Type\": \"Voucher\", \"Value\": 50, \"ValidityDays\": 30 }");
                return null;
            }

            CheckProperties(obj, IncentiveProps, ruleName, "Incentive");
            var typeText = Fields.RequiredString(obj, "Type", ruleName, "an Incentive needs a Type");
            IncentiveType type = IncentiveType.Voucher;
            var typeOk = typeText is not null && Names.IsIdentifier(typeText) && Enum.TryParse(typeText, false, out type);
            if (typeText is not null && !typeOk)
            {
                ErrorAt(DiagnosticCodes.UnknownOfferItem, obj["Type"]!, ruleName, "unknown incentive type '" + typeText + "'", Names.Suggest(typeText, IncentiveNames) ?? "the types are " + string.Join(", ", IncentiveNames));
            }

            decimal? value = null;
            var valueToken = obj["Value"];
            if (valueToken is null) ErrorAt(DiagnosticCodes.Missing, obj, ruleName, "an Incentive needs a Value", "\"Value\": 50");
            else if (valueToken is not JsonNumber number || number.Value < 0m) ErrorAt(DiagnosticCodes.InvalidValue, valueToken, ruleName, "Value must be a number ≥ 0", null);
            else value = number.Value;
            var validity = Fields.RequiredInt(obj, "ValidityDays", ruleName, obj, 1, 3650, "\"ValidityDays\": 30");
            return typeOk && value is not null && validity is not null ? new IncentiveAction(type, value.Value, validity.Value) : null;
        }

        private LocalizedText? ReadText(JsonObject owner, string property, string ruleName, bool required)
        {
            var token = owner[property];
            if (token is null)
            {
                if (required) ErrorAt(DiagnosticCodes.Missing, owner, ruleName, property + " is missing", "\"" + property + "\": { \"en\": \"...\", \"zh-CN\": \"...\" }");
                return null;
            }

            if (token is not JsonObject obj)
            {
                ErrorAt(DiagnosticCodes.WrongType, token, ruleName, property + " must be an object with \"en\" and \"zh-CN\" texts", "\"" + property + "\": { \"en\": \"...\", \"zh-CN\": \"...\" }");
                return null;
            }

            CheckProperties(obj, TextProps, ruleName, property);
            var text = ReadLanguages(obj, property, ruleName);
            // A wording per customer colour: the same two languages, no further variants inside.
            var rational = ReadVariant(obj, property, CustomerColours.Rational, ruleName);
            var emotional = ReadVariant(obj, property, CustomerColours.Emotional, ruleName);
            if (text is null) return null;
            text.Rational = rational;
            text.Emotional = emotional;
            return text;
        }

        private LocalizedText? ReadVariant(JsonObject text, string property, string colour, string ruleName)
        {
            var token = text[colour];
            if (token is null) return null;
            var what = property + "." + colour;
            if (token is not JsonObject obj)
            {
                ErrorAt(DiagnosticCodes.WrongType, token, ruleName, what + " must be an object with \"en\" and \"zh-CN\" texts: the wording for a customer staff recorded as " + colour.ToLowerInvariant(), "\"" + colour + "\": { \"en\": \"...\", \"zh-CN\": \"...\" }");
                return null;
            }

            CheckProperties(obj, VariantProps, ruleName, what);
            return ReadLanguages(obj, what, ruleName);
        }

        private LocalizedText? ReadLanguages(JsonObject obj, string property, string ruleName)
        {
            var en = Fields.RequiredString(obj, "en", ruleName, property + " needs an English text (\"en\")");
            var zh = Fields.RequiredString(obj, "zh-CN", ruleName, property + " needs a Chinese text (\"zh-CN\")");
            if (en is not null) CheckTemplate((JsonString)obj["en"]!, ruleName);
            if (zh is not null) CheckTemplate((JsonString)obj["zh-CN"]!, ruleName);
            return en is null || zh is null ? null : new LocalizedText(en, zh);
        }

        private void CheckTemplate(JsonString text, string ruleName)
        {
            foreach (var problem in TemplateRenderer.Check(text.Value))
            {
                var at = text.PositionAt(problem.Offset);
                Diagnostics.Error(DiagnosticCodes.UnknownOfferItem, at.Line, at.Column, ruleName, problem.Message, problem.Hint);
            }
        }
    }
}
