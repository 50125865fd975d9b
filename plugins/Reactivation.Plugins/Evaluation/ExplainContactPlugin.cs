using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Decisions;
using Reactivation.Core.Json;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Campaigns;
using Reactivation.Plugins.Rulesets;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Evaluation
{
    /// <summary>
    /// Custom API rx_ExplainContact (global function, stage 30): the decision for one contact as JSON, without
    /// writing anything — the rulesets that decided (the active rx_ruleset row's name, version and id, or the shipped
    /// default), stage (and whether it would change), the rule, the next change, the contact-policy verdict per
    /// channel, the offer, and every rule's explanation with the facts it saw. Facts hold no
    /// personal data, and no name, phone or e-mail column is read. One Retrieve of the contact (as the
    /// calling user: whoever may not read the contact gets the platform's access error), and the read of the active
    /// rulesets when their refresh interval (60 s) has passed.
    /// <para>
    /// Request: ContactId (Guid — a function's parameters travel in the URL, where a Guid is plain and an
    /// EntityReference is not), UtcOffsetMinutes (Integer, optional, as for rx_EvaluateDueContacts).
    /// Response: Decision (String, JSON).
    /// </para>
    /// </summary>
    public sealed class ExplainContactPlugin : PluginBase
    {
        public const string ContactIdParameter = "ContactId";
        public const string DecisionProperty = "Decision";

        private static readonly string[] Columns = Append(ContactRow.FactColumns, ContactColumns.UtcOffset);

        private readonly ActiveRulesets _rulesets;
        private readonly ActiveCampaigns _campaigns;
        private readonly OutreachSettings _outreach;

        public ExplainContactPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            var settings = new StepSettings(unsecureConfiguration, nameof(ExplainContactPlugin));
            _rulesets = new ActiveRulesets(settings.RulesetRefreshInterval, RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers);
            _outreach = settings.Outreach;
            _campaigns = new ActiveCampaigns(settings.RulesetRefreshInterval);
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var id = context.GetInputParameter<Guid>(ContactIdParameter);
            if (id == Guid.Empty) throw new InvalidPluginExecutionException("rx_ExplainContact: ContactId is required (the contactid of the contact to explain).");
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var zone = ApiInputs.Zone(context, "rx_ExplainContact");

            var contact = context.UserService.Retrieve(ContactColumns.Table, id, new ColumnSet(Columns));

            var lifecycle = _rulesets.Get(context, RulesetKind.Lifecycle);
            var policy = _rulesets.Get(context, RulesetKind.ContactPolicy);
            var offers = _rulesets.Get(context, RulesetKind.Offers);
            var customer = ContactRow.Read(contact, utcNow, zone);
            customer.Facts.Campaigns = _campaigns.Get(context, zone);
            var decision = ContactDecisions.Decide(DecisionRequest.ForExplanation(customer, lifecycle.Ruleset, policy.Ruleset, offers.Ruleset)
                .WithOutreachScan(policy.Ruleset, offers.Ruleset, _outreach));

            context.SetOutputParameter(DecisionProperty, Write(id, utcNow, decision, new[] { lifecycle, policy, offers }));
            context.Trace.Write($"Explained {TraceValue.Reference(new EntityReference(ContactColumns.Table, id))}: stage {TraceValue.Name(decision.Lifecycle!.Stage?.ToString() ?? "(kept)")}, offer {TraceValue.Name(decision.Offer?.OfferName ?? "(none)")}");
        }

        internal static string Write(Guid id, DateTime utcNow, ContactDecision decision, IReadOnlyList<RulesetInForce> rulesets)
        {
            using (var text = new StringWriter(CultureInfo.InvariantCulture))
            {
                var json = new JsonWriter(text);
                var lifecycle = decision.Lifecycle!;
                json.WriteStartObject();
                json.WritePropertyName("contactId");
                json.WriteValue(id.ToString("D"));
                json.WritePropertyName("evaluatedOn");
                json.WriteValue(utcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

                // Which rulesets decided: an admin checking a newly activated one sees whether it is in force yet.
                json.WritePropertyName("rulesets");
                json.WriteStartObject();
                foreach (var ruleset in rulesets)
                {
                    var kind = ruleset.Kind.ToString();
                    json.WritePropertyName(char.ToLowerInvariant(kind[0]) + kind.Substring(1)); // lifecycle, contactPolicy, offers
                    json.WriteStartObject();
                    Property(json, "source", ruleset.RowId is null ? "shipped default" : "active ruleset");
                    Property(json, "name", ruleset.Name);
                    json.WritePropertyName("version");
                    json.WriteValue(ruleset.Version);
                    Property(json, "rulesetId", ruleset.RowId?.ToString("D"));
                    json.WriteEndObject();
                }

                json.WriteEndObject();

                json.WritePropertyName("stage");
                json.WriteStartObject();
                Property(json, "current", decision.CurrentStage?.ToString());
                Property(json, "decided", (lifecycle.Stage ?? decision.CurrentStage)?.ToString());
                json.WritePropertyName("changes");
                json.WriteValue(decision.NewStage is not null);
                Property(json, "rule", lifecycle.RuleName);
                Property(json, "label", lifecycle.Label);
                Property(json, "labelZh", lifecycle.LabelZh);
                WriteExplanation(json, lifecycle.Explanation);
                json.WriteEndObject();

                json.WritePropertyName("nextChange");
                if (decision.NextChange is { } next)
                {
                    json.WriteStartObject();
                    Property(json, "date", next.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    json.WritePropertyName("daysAhead");
                    json.WriteValue(next.DaysAhead);
                    Property(json, "what", next.What);
                    Property(json, "from", next.From);
                    Property(json, "to", next.To);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull();
                }

                Property(json, "nextEvaluationOn", decision.NextEvaluationOn?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                Property(json, "outreachDueOn", decision.OutreachDue.Pending?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

                json.WritePropertyName("contactPolicy");
                json.WriteStartArray();
                foreach (var channel in decision.ContactPolicy)
                {
                    json.WriteStartObject();
                    Property(json, "channel", channel.Channel);
                    Property(json, "outcome", channel.Outcome.ToString());
                    json.WritePropertyName("mayContactNow");
                    json.WriteValue(channel.MayContactNow);
                    Strings(json, "decidingRules", channel.DecidingRules);
                    Strings(json, "reasonCodes", channel.ReasonCodes);
                    Property(json, "team", channel.Team);
                    json.WritePropertyName("verdicts");
                    json.WriteStartArray();
                    foreach (var v in channel.Verdicts)
                    {
                        json.WriteStartObject();
                        Property(json, "rule", v.RuleName);
                        Property(json, "kind", v.Kind.ToString());
                        Property(json, "reasonCode", v.Definition.ReasonCode);
                        json.WritePropertyName("capReached");
                        json.WriteValue(v.CapReached);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    WriteExplanation(json, channel.Explanation);
                    json.WriteEndObject();
                }

                json.WriteEndArray();

                json.WritePropertyName("offer");
                if (decision.Offer is { } offer)
                {
                    json.WriteStartObject();
                    Property(json, "name", offer.OfferName);
                    Property(json, "rule", offer.RuleName);
                    Property(json, "label", offer.Offer.Label);
                    Property(json, "labelZh", offer.Offer.LabelZh);
                    Property(json, "step", offer.Offer.Step?.ToString());
                    WriteExplanation(json, offer.Explanation);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull();
                }

                json.WriteEndObject();
                return text.ToString();
            }
        }

        private static void WriteExplanation(JsonWriter json, Explanation explanation)
        {
            json.WritePropertyName("explanation");
            json.WriteStartArray();
            foreach (var rule in explanation.Rules)
            {
                json.WriteStartObject();
                Property(json, "rule", rule.RuleName);
                json.WritePropertyName("matched");
                json.WriteValue(rule.Matched);
                if (rule.Error is not null) Property(json, "error", rule.Error);
                json.WritePropertyName("facts");
                json.WriteStartObject();
                foreach (var fact in rule.Facts) Property(json, fact.Name, fact.Value);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        private static void Property(JsonWriter json, string name, string? value)
        {
            json.WritePropertyName(name);
            if (value is null) json.WriteNull();
            else json.WriteValue(value);
        }

        private static void Strings(JsonWriter json, string name, IReadOnlyList<string> values)
        {
            json.WritePropertyName(name);
            json.WriteStartArray();
            foreach (var value in values) json.WriteValue(value);
            json.WriteEndArray();
        }

        private static string[] Append(string[] columns, string column)
        {
            var all = new string[columns.Length + 1];
            Array.Copy(columns, all, columns.Length);
            all[columns.Length] = column;
            return all;
        }
    }
}
