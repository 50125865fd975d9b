using System;
using System.Collections.Generic;
using Reactivation.Core.Facts;
using Reactivation.Core.Outreach;

namespace Reactivation.Core.Decisions
{
    /// <summary>
    /// Everything one event's decision gives the writers: the lifecycle verdict (the stage to stamp, when it changes
    /// next, the next evaluation date), the contact policy per channel and the offer (when explained), and the outreach
    /// course with its plan (when an outreach event asked for one). Every explanation is structured: the rules that
    /// decided with the facts they saw, the channels tried with their verdicts, the reason codes.
    /// </summary>
    public sealed class ContactDecision
    {
        internal ContactDecision(CustomerFacts? facts)
        {
            Facts = facts;
        }

        /// <summary>Today's facts as decided on (the decided stage applied); null for an outreach event that built none.</summary>
        public CustomerFacts? Facts { get; }

        /// <summary>The lifecycle rule that decided; null for an outreach event (the lifecycle step decided the stage).</summary>
        public LifecycleDecision? Lifecycle { get; internal set; }

        /// <summary>The stage the row holds.</summary>
        public LifecycleStage? CurrentStage { get; internal set; }

        /// <summary>The stage to write; null when the row's stage stays.</summary>
        public LifecycleStage? NewStage { get; internal set; }

        /// <summary>The first day the stage changes with nothing else happening (within 400 days), when the scan ran.</summary>
        public NextChangeResult? NextChange { get; internal set; }

        /// <summary>Organisation-local midnight of that day as a UTC instant; null when nothing changes.</summary>
        public DateTime? NextStageChangeOn { get; internal set; }

        /// <summary>When the daily evaluation looks at the contact again: the next stage change, or the open attempt's deadline when that comes first.</summary>
        public DateTime? NextEvaluationOn { get; internal set; }

        /// <summary>The row holds another next evaluation date.</summary>
        public bool NextEvaluationChanged { get; internal set; }

        /// <summary>The row needs a write: a new stage or another next evaluation date.</summary>
        public bool ChangesRow => NewStage is not null || NextEvaluationChanged;

        /// <summary>The contact policy for each channel (explained decisions only).</summary>
        public IReadOnlyList<ContactPolicyDecision> ContactPolicy { get; internal set; } = Array.Empty<ContactPolicyDecision>();

        public OfferDecision? Offer { get; internal set; }

        /// <summary>What an outreach event does to the attempt; null for other decisions.</summary>
        public OutreachCourse? Outreach { get; internal set; }
    }
}
