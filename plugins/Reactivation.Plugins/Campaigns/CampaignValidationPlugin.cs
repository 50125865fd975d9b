using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Campaigns
{
    /// <summary>
    /// rx_campaign Create / Update, PreValidation, synchronous: refuses a campaign whose window, stages or audience do not
    /// read — no start or end, an end before the start, no stage, an unknown stage (with the closest stage name), an
    /// audience that does not parse, names an unknown fact or value (with the closest names) or reads a fact no audience
    /// may (<see cref="Reactivation.Core.Facts.CampaignAudience"/>), placed on its line and column — naming the campaign
    /// and the column, so the manager sees on save what to fix. The words are the ones the outreach step traces
    /// when it leaves a bad row out (<see cref="ActiveCampaigns"/>). PreValidation: a refused save writes nothing. Days
    /// are organisation-local (the step's <c>utcOffset</c>, <see cref="StepSettings"/>). No organisation-service request.
    /// </summary>
    public sealed class CampaignValidationPlugin : PluginBase
    {
        private readonly StepSettings _settings;

        public CampaignValidationPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
            _settings = new StepSettings(unsecureConfiguration, nameof(CampaignValidationPlugin));
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            var campaign = ContactRow.Merge(target, context.IsMessage("Create") ? null : context.GetPreImage(StepImages.Pre));
            var name = campaign.GetAttributeValue<string>(CampaignColumns.Name);
            var problem = ActiveCampaigns.Read(campaign, _settings.Organisation, out _);
            if (problem is not null)
            {
                var who = string.IsNullOrWhiteSpace(name) ? "This campaign" : "Campaign '" + name!.Trim() + "'";
                throw new InvalidPluginExecutionException(who + " " + problem + ".");
            }

            context.Trace.Write($"Campaign {target.Id}: window, stages and audience read");
        }
    }
}
