using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Facts;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Campaigns
{
    /// <summary>
    /// The organisation's campaigns that run or are planned (active rx_campaign rows not yet over), for the facts a
    /// contact policy reads (InCampaign), the team that works an attempt started in one, and the retry of a customer held
    /// back until one starts. Read at most once per refresh interval on the organisation's clock, in one RetrieveMultiple
    /// as SYSTEM, like the rulesets, each audience bound then (not per contact); a plugin holds one in an instance field,
    /// behind a lock. A row whose window, stages or audience do not read (written past the
    /// validation step, e.g. by an import) is left out and traced with its id and the problem; a failed read keeps the
    /// campaigns read last.
    /// </summary>
    public sealed class ActiveCampaigns
    {
        private readonly object _gate = new object();
        private readonly TimeSpan _refreshInterval;
        private DateTime? _refreshedOn;
        private IReadOnlyList<Campaign> _campaigns = Array.Empty<Campaign>();
        private List<Campaign> _notBroughtIn = new List<Campaign>();

        public ActiveCampaigns(TimeSpan refreshInterval)
        {
            _refreshInterval = refreshInterval;
        }

        /// <summary>The campaigns in force for this execution (days in <paramref name="organisation"/>'s time). Never throws for a bad row or a failed read.</summary>
        public IReadOnlyList<Campaign> Get(PluginContext context, FixedOffsetZone organisation)
        {
            var now = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            lock (_gate)
            {
                if (_refreshedOn is not { } last || now < last || now - last >= _refreshInterval)
                {
                    _refreshedOn = now;
                    Refresh(context, now, organisation);
                }

                return _campaigns;
            }
        }

        /// <summary>
        /// The campaigns in force whose customers the daily evaluation had not all brought in when they were read (as of
        /// the last refresh: the caller reads the row again before it acts).
        /// </summary>
        public IReadOnlyList<Campaign> NotBroughtIn(PluginContext context, FixedOffsetZone organisation)
        {
            Get(context, organisation);
            lock (_gate) return new List<Campaign>(_notBroughtIn);
        }

        /// <summary>The daily evaluation brought this campaign's customers in: no longer offered until the next refresh.</summary>
        public void BroughtIn(Guid campaignId)
        {
            lock (_gate) _notBroughtIn.RemoveAll(c => c.Id == campaignId);
        }

        private void Refresh(PluginContext context, DateTime now, FixedOffsetZone organisation)
        {
            var query = new QueryExpression(CampaignColumns.Table)
            {
                ColumnSet = new ColumnSet(CampaignColumns.Name, CampaignColumns.StartsOn, CampaignColumns.EndsOn, CampaignColumns.Stages, CampaignColumns.Audience, CampaignColumns.OwnerTeam, CampaignColumns.BroughtInOn),
            };
            query.Criteria.AddCondition(CampaignColumns.State, ConditionOperator.Equal, CampaignColumns.Active);
            // Over once its last organisation-local day has passed: a day's margin covers any offset.
            query.Criteria.AddCondition(CampaignColumns.EndsOn, ConditionOperator.GreaterEqual, now.AddDays(-1));
            query.AddOrder(CampaignColumns.StartsOn, OrderType.Ascending);
            DataCollection<Entity> rows;
            try
            {
                rows = context.SystemService.RetrieveMultiple(query).Entities;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException || ex is StackOverflowException))
            {
                context.Trace.Write($"Campaigns could not be read, the last ones read stay in force (retried in {(int)_refreshInterval.TotalSeconds} s): {TraceValue.Failure(ex)}");
                return;
            }

            var campaigns = new List<Campaign>(rows.Count);
            var notBroughtIn = new List<Campaign>();
            foreach (var row in rows)
            {
                if (Read(row, organisation, out var campaign) is { } problem)
                {
                    context.Trace.Write($"Campaign {row.Id} is left out ({TraceValue.Name(problem)}): correct the row and save it");
                    continue;
                }

                campaigns.Add(campaign!);
                if (!row.Contains(CampaignColumns.BroughtInOn) || row[CampaignColumns.BroughtInOn] is null) notBroughtIn.Add(campaign!);
            }

            _campaigns = campaigns;
            _notBroughtIn = notBroughtIn;
            context.Trace.Write($"Campaigns in force: {campaigns.Count}");
        }

        /// <summary>The campaign a row records, or what is wrong with it (the validation step refuses a save with the same words).</summary>
        internal static string? Read(Entity row, FixedOffsetZone organisation, out Campaign? campaign)
        {
            campaign = null;
            var starts = row.GetAttributeValue<DateTime?>(CampaignColumns.StartsOn);
            var ends = row.GetAttributeValue<DateTime?>(CampaignColumns.EndsOn);
            if (starts is null) return "has no start (Starts On)";
            if (ends is null) return "has no end (Ends On)";
            var firstDay = organisation.LocalDate(starts.Value);
            var lastDay = organisation.LocalDate(ends.Value);
            if (lastDay < firstDay) return "ends (" + lastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ") before it starts (" + firstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")";
            if (Campaign.TryParseStages(row.GetAttributeValue<string>(CampaignColumns.Stages), out var stages) is { } problem) return problem;
            var audience = CampaignAudience.Read(row.GetAttributeValue<string>(CampaignColumns.Audience), out var audienceProblem);
            if (audienceProblem is not null) return audienceProblem.ToString();
            var team = row.GetAttributeValue<EntityReference>(CampaignColumns.OwnerTeam);
            campaign = new Campaign(row.Id, row.GetAttributeValue<string>(CampaignColumns.Name) ?? "", firstDay, lastDay, stages, audience, team?.Id, team?.Name);
            return null;
        }
    }
}
