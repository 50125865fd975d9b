using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Measurement;
using Reactivation.Core.Outreach;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Pipeline
{
    /// <summary>
    /// A step's unsecure configuration, validated once in the plugin's constructor; pairs separated by <c>;</c>:
    /// <list type="bullet">
    /// <item><c>utcOffsetMinutes=480</c> — the organisation's offset from UTC, as a fixed offset (days, due dates,
    /// periods); also the customer's when address1_utcoffset is empty. Default 0. Not a zone id:
    /// TimeZoneInfo.FindSystemTimeZoneById reads the registry on .NET Framework, which partial trust may deny; an
    /// organisation with daylight saving accepts a one-hour error at the day boundary.</item>
    /// <item><c>rulesetRefreshSeconds=60</c> — 0 to 3600: how soon a newly activated ruleset applies in every sandbox
    /// worker (<see cref="Rulesets.ActiveRulesets"/>); 0 reads on every execution.</item>
    /// <item><c>team.Reactivation=&lt;teamid&gt;</c>, <c>team.CustomerCare=&lt;teamid&gt;</c> — the team a rule's
    /// <c>Team:&lt;name&gt;</c> owner or an Assign verdict names. Team ids differ per environment, so an admin sets
    /// them after import; an unknown name falls back to the contact's owner (traced).</item>
    /// <item><c>holdoutPercent=10</c> — 0 to 50 (default 0, off): the share of customers held out of outreach for
    /// uplift measurement (your rx_HoldoutPercent; Core/Measurement's HoldoutGroup chooses them).</item>
    /// <item><c>stages=Silent,Sleeping,Lost</c> — the stages in which a change starts outreach (default: the three
    /// dormant stages; an Active or New customer is not "won back").</item>
    /// </list>
    /// A wrong value or an unknown setting fails the step with a message naming the plugin and the setting.
    /// </summary>
    public sealed class StepSettings
    {
        public const string UtcOffsetSetting = "utcOffsetMinutes";
        public const string RefreshSetting = "rulesetRefreshSeconds";
        public const string TeamSetting = "team.";
        public const string StagesSetting = "stages";
        public const string HoldoutSetting = "holdoutPercent";
        public const int DefaultRefreshSeconds = 60;
        public const int MaxRefreshSeconds = 3600;

        private static readonly LifecycleStage[] DefaultStages = { LifecycleStage.Silent, LifecycleStage.Sleeping, LifecycleStage.Lost };

        private readonly Dictionary<string, Guid> _teams = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        private readonly List<LifecycleStage> _stages = new List<LifecycleStage>();

        /// <param name="configuration">The step's unsecure configuration.</param>
        /// <param name="pluginName">Names the plugin in a configuration error.</param>
        /// <exception cref="InvalidPluginExecutionException">A setting is malformed, out of range or unknown.</exception>
        public StepSettings(string? configuration, string pluginName)
        {
            var minutes = 0;
            var seconds = DefaultRefreshSeconds;
            var stagesGiven = false;
            decimal holdout = 0;
            foreach (var pair in (configuration ?? "").Split(';'))
            {
                if (pair.Trim().Length == 0) continue;
                var eq = pair.IndexOf('=');
                if (eq <= 0) throw Invalid(pluginName, "'" + pair.Trim() + "' is not name=value");
                var name = pair.Substring(0, eq).Trim();
                var value = pair.Substring(eq + 1).Trim();
                if (name == UtcOffsetSetting)
                {
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out minutes) || !FixedOffsetZone.IsValidMinutes(minutes))
                    {
                        throw Invalid(pluginName, UtcOffsetSetting + " must be a whole number of minutes between -840 and 840, e.g. " + UtcOffsetSetting + "=480");
                    }
                }
                else if (name == RefreshSetting)
                {
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds > MaxRefreshSeconds)
                    {
                        throw Invalid(pluginName, RefreshSetting + " must be a whole number of seconds from 0 to " + MaxRefreshSeconds + ", e.g. " + RefreshSetting + "=" + DefaultRefreshSeconds);
                    }
                }
                else if (name.StartsWith(TeamSetting, StringComparison.Ordinal) && name.Length > TeamSetting.Length)
                {
                    if (!Guid.TryParse(value, out var id)) throw Invalid(pluginName, name + " must be a team id (a GUID)");
                    _teams[name.Substring(TeamSetting.Length)] = id;
                }
                else if (name == StagesSetting)
                {
                    stagesGiven = true;
                    foreach (var stage in value.Split(','))
                    {
                        if (stage.Trim().Length == 0) continue;
                        if (!ContactColumns.Stages.TryNameOf(stage.Trim(), out var parsed))
                        {
                            throw Invalid(pluginName, StagesSetting + " lists '" + stage.Trim() + "', which is not a lifecycle stage");
                        }

                        _stages.Add(parsed);
                    }
                }
                else if (name == HoldoutSetting)
                {
                    if (HoldoutGroup.ParseDefault(value) is not { } percent)
                    {
                        throw Invalid(pluginName, HoldoutSetting + " must be a percent from 0 to " + HoldoutGroup.MaxPercent.ToString(CultureInfo.InvariantCulture) + ", e.g. " + HoldoutSetting + "=10");
                    }

                    holdout = percent;
                }
                else
                {
                    throw Invalid(pluginName, "unknown setting '" + name + "' (known: " + UtcOffsetSetting + ", " + TeamSetting + "<name>, " + StagesSetting + ", " + RefreshSetting + ", " + HoldoutSetting + ")");
                }
            }

            if (!stagesGiven) _stages.AddRange(DefaultStages);
            Organisation = new FixedOffsetZone(TimeSpan.FromMinutes(minutes));
            RulesetRefreshInterval = TimeSpan.FromSeconds(seconds);
            Outreach = new OutreachSettings(_stages, _teams) { HoldoutPercent = holdout };
        }

        /// <summary>The organisation's time zone, built once.</summary>
        public FixedOffsetZone Organisation { get; }

        public TimeSpan OrganisationOffset => Organisation.Offset;

        public TimeSpan RulesetRefreshInterval { get; }

        /// <summary>Where outreach starts and the teams by name, as Core's outreach course reads them.</summary>
        public OutreachSettings Outreach { get; }

        public bool StartsOutreach(LifecycleStage stage) => Outreach.StartsOutreach(stage);

        /// <summary>The team the configuration names, or null.</summary>
        public EntityReference? Team(string name) =>
            _teams.TryGetValue(name, out var id) ? new EntityReference(TeamColumns.Table, id) : null;

        private static InvalidPluginExecutionException Invalid(string pluginName, string what) =>
            new InvalidPluginExecutionException(pluginName + " configuration: " + what + ".");
    }
}
