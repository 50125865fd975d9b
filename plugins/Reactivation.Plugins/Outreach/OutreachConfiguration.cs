using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;

namespace Reactivation.Plugins.Outreach
{
    /// <summary>
    /// The outreach step's unsecure configuration, pairs separated by <c>;</c>:
    /// <list type="bullet">
    /// <item><c>utcOffsetMinutes=480</c> — the organisation's offset from UTC (days, due dates, periods);
    /// also the customer's when address1_utcoffset is empty. Default 0.</item>
    /// <item><c>team.Reactivation=&lt;teamid&gt;</c>, <c>team.CustomerCare=&lt;teamid&gt;</c> — the team a rule's
    /// <c>Team:&lt;name&gt;</c> owner or an Assign verdict names. Team ids differ per environment, so an admin
    /// sets them after import; an unknown name falls back to the contact's owner (traced).</item>
    /// <item><c>stages=Silent,Sleeping,Lost</c> — the stages in which a change starts outreach (default: the
    /// three dormant stages; an Active or New customer is not "won back").</item>
    /// <item><c>rulesetRefreshSeconds=60</c> — read by <see cref="Rulesets.ActiveRulesets"/>, not here.</item>
    /// </list>
    /// Parsed once, in the plugin's constructor: a wrong value fails the step with a message that says which.
    /// </summary>
    public sealed class OutreachConfiguration
    {
        private static readonly LifecycleStage[] DefaultStages = { LifecycleStage.Silent, LifecycleStage.Sleeping, LifecycleStage.Lost };

        private readonly Dictionary<string, Guid> _teams = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        private readonly List<LifecycleStage> _stages = new List<LifecycleStage>();

        public OutreachConfiguration(string? configuration)
        {
            var minutes = 0;
            var stagesGiven = false;
            foreach (var pair in (configuration ?? "").Split(';'))
            {
                if (pair.Trim().Length == 0) continue;
                var eq = pair.IndexOf('=');
                if (eq <= 0) throw Invalid("'" + pair.Trim() + "' is not name=value");
                var name = pair.Substring(0, eq).Trim();
                var value = pair.Substring(eq + 1).Trim();
                if (name == "utcOffsetMinutes")
                {
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out minutes) || minutes < -840 || minutes > 840)
                    {
                        throw Invalid("utcOffsetMinutes must be a whole number of minutes between -840 and 840, e.g. utcOffsetMinutes=480");
                    }
                }
                else if (name.StartsWith("team.", StringComparison.Ordinal) && name.Length > 5)
                {
                    if (!Guid.TryParse(value, out var id)) throw Invalid(name + " must be a team id (a GUID)");
                    _teams[name.Substring(5)] = id;
                }
                else if (name == "stages")
                {
                    stagesGiven = true;
                    foreach (var stage in value.Split(','))
                    {
                        if (stage.Trim().Length == 0) continue;
                        LifecycleStage? parsed = null;
                        for (var candidate = LifecycleStage.Prospect; candidate <= LifecycleStage.Reactivated; candidate++)
                        {
                            if (candidate.ToString() == stage.Trim()) parsed = candidate;
                        }

                        if (parsed is null)
                        {
                            throw Invalid("stages lists '" + stage.Trim() + "', which is not a lifecycle stage");
                        }

                        _stages.Add(parsed.Value);
                    }
                }
                else if (name != Rulesets.ActiveRulesets.RefreshSetting)
                {
                    throw Invalid("unknown setting '" + name + "' (known: utcOffsetMinutes, team.<name>, stages, " + Rulesets.ActiveRulesets.RefreshSetting + ")");
                }
            }

            if (!stagesGiven) _stages.AddRange(DefaultStages);
            OrganisationOffset = TimeSpan.FromMinutes(minutes);
        }

        public TimeSpan OrganisationOffset { get; }

        public bool StartsOutreach(LifecycleStage stage) => _stages.Contains(stage);

        /// <summary>The team the configuration names, or null.</summary>
        public EntityReference? Team(string name) =>
            _teams.TryGetValue(name, out var id) ? new EntityReference("team", id) : null;

        private static InvalidPluginExecutionException Invalid(string what) =>
            new InvalidPluginExecutionException("ContactOutreachPlugin configuration: " + what + ".");
    }
}
