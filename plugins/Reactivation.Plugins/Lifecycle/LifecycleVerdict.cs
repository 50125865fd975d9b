using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Lifecycle
{
    /// <summary>
    /// The lifecycle verdict for one contact row as the product stores it: the stage to stamp (only when it
    /// differs from the row's), and rx_nextevaluationon — the organisation-local midnight of the day the verdict
    /// can next change, as a UTC instant (or the open attempt's deadline when that comes first), or null when nothing
    /// changes within the horizon. Shared by the
    /// contact PreOperation step (which stamps the Target) and the daily due-contacts evaluation (which
    /// writes one Update), so both decide exactly alike.
    /// </summary>
    public sealed class LifecycleVerdict
    {
        private LifecycleVerdict(Decision decision, string? currentStage, OptionSetValue? newStage, DateTime? nextEvaluationOn, bool nextEvaluationChanged)
        {
            Decision = decision;
            CurrentStage = currentStage;
            NewStage = newStage;
            NextEvaluationOn = nextEvaluationOn;
            NextEvaluationChanged = nextEvaluationChanged;
        }

        public Decision Decision { get; }

        /// <summary>The stage name the row holds now (null when it has none).</summary>
        public string? CurrentStage { get; }

        /// <summary>The stage to write, or null when the row's stage stays.</summary>
        public OptionSetValue? NewStage { get; }

        public DateTime? NextEvaluationOn { get; }

        public bool NextEvaluationChanged { get; }

        /// <summary>True when the row needs a write: a new stage or another next-evaluation date.</summary>
        public bool ChangesRow => NewStage is not null || NextEvaluationChanged;

        /// <summary>Decides with <paramref name="lifecycle"/> (the ruleset in force) on the row's columns (no request).</summary>
        public static LifecycleVerdict Decide(Entity contact, Ruleset lifecycle, DateTime utcNow, TimeZoneInfo organisationZone)
        {
            var input = ContactFactsMapper.ToInput(contact, utcNow, organisationZone);
            var decision = DecisionMaker.Decide(lifecycle, null, null, input);
            var current = ContactFactsMapper.StageName(contact.GetAttributeValue<OptionSetValue>(ContactColumns.LifecycleStage));
            var stage = decision.Lifecycle.Stage;
            var newStage = stage.HasValue && !string.Equals(current, stage.Value.ToString(), StringComparison.Ordinal)
                ? ContactFactsMapper.StageValue(stage.Value)
                : null;

            DateTime? next = null;
            if (decision.NextChange is { } change)
            {
                // The organisation-local midnight of the day the verdict changes, as a UTC instant.
                next = DateTime.SpecifyKind(change.Date.Date - organisationZone.BaseUtcOffset, DateTimeKind.Utc);
            }

            // An open attempt's deadline is a change too: the daily evaluation starts its follow-up then.
            if (AttemptRows.OpenOn(contact)?.PendingDeadline is { } deadline && (next is null || deadline < next.Value))
            {
                next = deadline;
            }

            var changed = contact.GetAttributeValue<DateTime?>(ContactColumns.NextEvaluationOn) != next;
            return new LifecycleVerdict(decision, current, newStage, next, changed);
        }

        /// <summary>Writes what changed into <paramref name="row"/>: stage and its date, next evaluation.</summary>
        public void StampInto(Entity row, DateTime utcNow)
        {
            if (NewStage is not null)
            {
                row[ContactColumns.LifecycleStage] = NewStage;
                row[ContactColumns.StageChangedOn] = utcNow;
            }

            if (NextEvaluationChanged)
            {
                row[ContactColumns.NextEvaluationOn] = NextEvaluationOn;
            }
        }
    }
}
