using Reactivation.Core.Attempts;
using Reactivation.Core.Measurement;

namespace Reactivation.Plugins.Schema
{
    /// <summary>The rx_reactivationattempt columns (solution/Entities/rx_ReactivationAttempt) and their choices.</summary>
    public static class AttemptColumns
    {
        public const string Table = "rx_reactivationattempt";
        public const string Id = "rx_reactivationattemptid";
        /// <summary>The alternate key: contact, rule and period (see Core's OutreachKeys).</summary>
        public const string Key = "rx_key";
        public const string Contact = "rx_contactid";
        public const string RuleName = "rx_rulename";
        public const string Offer = "rx_offer";
        public const string StageAtStart = "rx_stageatstart";
        public const string ReasonAtStart = "rx_reasonatstart";
        public const string StartedOn = "rx_startedon";
        public const string CurrentStep = "rx_currentstep";
        /// <summary>Choice: Care, Offer, Campaign — why the attempt was made (its offer rule's Purpose).</summary>
        public const string Purpose = "rx_purpose";
        /// <summary>The first step's lines; the response lines are appended by the attempt's response step.</summary>
        public const string Steps = "rx_steps";
        /// <summary>The step lines of the wake step and of the follow-up: each written once, never appended, so no step on the attempt has to run.</summary>
        public const string WakeStep = "rx_wakestep";
        public const string FollowUpStep = "rx_followupstep";
        public const string Deadline = "rx_deadline";
        /// <summary>A suppressed attempt's retry: when its block lifts and the daily evaluation tries the customer again (Core's BlockLift).</summary>
        public const string RetryOn = "rx_retryon";
        public const string Outcome = "rx_outcome";
        public const string Explanation = "rx_explanation";
        /// <summary>Why actions were not made, as data: the contact-policy reason codes per blocked channel (Core's BlockReasons).</summary>
        public const string BlockReasons = "rx_blockreasons";
        public const string ClosingReason = "rx_closingreason";
        public const string ConvertingOrder = "rx_convertingorderid";
        public const string Revenue = "rx_revenue";
        /// <summary>Written by the response steps only: the line the attempt's PreOperation step appends to rx_steps.</summary>
        public const string LastResponse = "rx_lastresponse";
        public const string RespondedOn = "rx_respondedon";
        public const string Owner = "ownerid";
        /// <summary>The end of the attribution window (the offer rule's AttributionDays after the start), written with the start.</summary>
        public const string AttributionUntil = "rx_attributionuntil";
        /// <summary>When the customer entered the stage the attempt started in (the contact's rx_stagechangedon): one stage stint, one customer in the uplift report.</summary>
        public const string StageEnteredOn = "rx_stageenteredon";
        /// <summary>Written by the order step: the strongest attribution of an order inside the window (choice rx_attribution).</summary>
        public const string Attribution = "rx_attribution";
        public const string AttributedOrder = "rx_attributedorderid";
        public const string FirstPurchaseInWindowOn = "rx_firstpurchaseinwindowon";
        public const string RevenueInWindow = "rx_revenueinwindow";

        public const int NameMaxLength = 100;
        public const int StepsMaxLength = 10000;
        public const int LaterStepMaxLength = 2000;
        public const int ExplanationMaxLength = 100000;
        public const int BlockReasonsMaxLength = 4000;

        /// <summary>rx_outcome.</summary>
        public static readonly Choice<AttemptOutcome> Outcomes = Choice.FromPublisherBase(Table, Outcome,
            AttemptOutcome.Open, AttemptOutcome.Converted, AttemptOutcome.NoResponse, AttemptOutcome.OptedOut, AttemptOutcome.Suppressed, AttemptOutcome.Declined, AttemptOutcome.Holdout, AttemptOutcome.Responded);

        /// <summary>rx_attribution (the global choice, also the order's).</summary>
        public static readonly Choice<AttemptAttribution> Attributions = Choice.FromPublisherBase(Table, Attribution,
            AttemptAttribution.Redeemed, AttemptAttribution.Influenced, AttemptAttribution.NotReached, AttemptAttribution.Holdout);

        /// <summary>rx_purpose (also the contact's rx_attemptpurpose): Care, Offer, Campaign, as Core's TouchPurposes names them.</summary>
        public static readonly Choice<string> Purposes = Choice.FromPublisherBase(Table, Purpose,
            Core.Decisions.TouchPurposes.Care, Core.Decisions.TouchPurposes.Offer, Core.Decisions.TouchPurposes.Campaign);

        /// <summary>rx_currentstep.</summary>
        public static readonly Choice<AttemptStep> CurrentSteps = Choice.FromPublisherBase(Table, CurrentStep,
            AttemptStep.Activate, AttemptStep.Wake, AttemptStep.FollowUp);
    }
}
