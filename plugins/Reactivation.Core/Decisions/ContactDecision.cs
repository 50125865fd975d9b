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

        /// <summary>
        /// The first day the stage changes with nothing else happening (within 400 days), when the scan ran — or, scanned for
        /// outreach (<see cref="DecisionRequest.WithOutreachScan"/>), the first day the stage or what the outreach step would
        /// decide changes, whichever comes first.
        /// </summary>
        public NextChangeResult? NextChange { get; internal set; }

        /// <summary>Organisation-local midnight of that day as a UTC instant; null when nothing changes. (The name predates the
        /// outreach scan: it is the next change of whatever was scanned.)</summary>
        public DateTime? NextStageChangeOn { get; internal set; }

        /// <summary>Today's octant (the Octant fact; empty without split points or purchases), when the lifecycle was decided.</summary>
        public string Octant { get; internal set; } = "";

        /// <summary>The row holds another octant: the writer stamps <see cref="Octant"/>.</summary>
        public bool OctantChanged { get; internal set; }

        /// <summary>Organisation-local midnight of the day the octant changes with nothing else happening; null when it does not.</summary>
        public DateTime? OctantChangesOn { get; internal set; }

        /// <summary>When the daily evaluation looks at the contact again: the earliest of the next stage change, the octant's next change, the open attempt's pending deadline and the pending outreach due.</summary>
        public DateTime? NextEvaluationOn { get; internal set; }

        /// <summary>The row holds another next evaluation date.</summary>
        public bool NextEvaluationChanged { get; internal set; }

        /// <summary>What is due for the outreach step after the event (rx_outreachdueon): set, kept, or cleared.</summary>
        public OutreachDue OutreachDue { get; internal set; } = OutreachDue.None;

        /// <summary>The event sets or clears the contact's outreach due.</summary>
        public bool OutreachDueChanged { get; internal set; }

        /// <summary>The daily evaluation signals the open attempt's passed deadline (rx_followupdueon): the outreach step follows it up.</summary>
        public bool SignalsDeadline { get; internal set; }

        /// <summary>The daily evaluation signals an outreach due that has come (rx_outreachsignalledon): the outreach step tries the contact.</summary>
        public bool SignalsOutreachDue { get; internal set; }

        /// <summary>The row needs a write: a new stage or octant, another next evaluation date, another outreach due, or a signal.</summary>
        public bool ChangesRow => NewStage is not null || OctantChanged || NextEvaluationChanged || OutreachDueChanged || SignalsDeadline || SignalsOutreachDue;

        /// <summary>The contact policy for each channel (explained decisions only).</summary>
        public IReadOnlyList<ContactPolicyDecision> ContactPolicy { get; internal set; } = Array.Empty<ContactPolicyDecision>();

        public OfferDecision? Offer { get; internal set; }

        /// <summary>What an outreach event does to the attempt; null for other decisions.</summary>
        public OutreachCourse? Outreach { get; internal set; }
    }
}
