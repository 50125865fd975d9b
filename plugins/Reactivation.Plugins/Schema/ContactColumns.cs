using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;

namespace Reactivation.Plugins.Schema
{
    /// <summary>The contact columns the product reads and writes (solution/Entities/Contact/Entity.xml) and their choices.</summary>
    public static class ContactColumns
    {
        public const string Table = "contact";
        public const string Id = "contactid";
        public const string LifecycleStage = "rx_lifecyclestage";
        /// <summary>Choice: the customer's octant (Core's Octant fact), stamped by the product with the stage.</summary>
        public const string Octant = "rx_octant";
        public const string StageChangedOn = "rx_stagechangedon";
        public const string NextEvaluationOn = "rx_nextevaluationon";
        public const string PurchaseLedger = "rx_purchaseledger";
        public const string PurchaseCount = "rx_purchasecount";
        public const string TotalSpend = "rx_totalspend";
        public const string FirstPurchaseOn = "rx_firstpurchaseon";
        public const string LastPurchaseOn = "rx_lastpurchaseon";
        public const string DormancyReason = "rx_dormancyreason";
        public const string Satisfaction = "rx_satisfaction";
        /// <summary>When the customer last missed a booked appointment: written by the booking system, read as a sign of leaving.</summary>
        public const string LastMissedAppointmentOn = "rx_lastmissedappointmenton";
        public const string RemainingSessions = "rx_remainingsessions";
        public const string PrepaidBalance = "rx_prepaidbalance";
        public const string TouchLedger = "rx_touchledger";
        public const string Tier = "rx_tier";
        /// <summary>Choice: Rational or Emotional, recorded by staff; chooses the wording of an offer's texts (Core's Colour fact).</summary>
        public const string CustomerColour = "rx_customercolour";
        public const string FunnelStep = "rx_funnelstep";
        public const string FunnelStepOn = "rx_funnelstepon";
        public const string CreditLimit = "rx_creditlimit";
        public const string InterestRate = "rx_interestrate";
        public const string Birthdate = "birthdate";
        /// <summary>rx_membersince: the date the customer became a member (date only); the facts read only the days to its anniversary.</summary>
        public const string MemberSince = "rx_membersince";
        public const string DoNotSms = "rx_donotsms";
        public const string DoNotWeChat = "rx_donotwechat";
        public const string DoNotWeCom = "rx_donotwecom";
        public const string DoNotPush = "rx_donotpush";
        public const string DoNotPhone = "donotphone";
        public const string DoNotEmail = "donotemail";
        public const string DoNotBulkEmail = "donotbulkemail";
        public const string DoNotSendMarketingMaterial = "donotsendmm";
        public const string PreferredLanguage = "rx_preferredlanguage";
        /// <summary>The platform's "UTC Offset" of address 1, in minutes: the customer's time zone.</summary>
        public const string UtcOffset = "address1_utcoffset";
        public const string Owner = "ownerid";

        /// <summary>The open reactivation attempt, denormalised onto the contact so that facts need no read.</summary>
        public const string OpenAttempt = "rx_openattemptid";
        public const string AttemptStartedOn = "rx_attemptstartedon";
        /// <summary>Choice: Activate, Wake, FollowUp (values as rx_reactivationattempt.rx_currentstep).</summary>
        public const string AttemptStep = "rx_attemptstep";
        public const string AttemptDeadline = "rx_attemptdeadline";
        /// <summary>How many follow-ups the open attempt has had (the rung of its escalation it stands on).</summary>
        public const string AttemptFollowUps = "rx_attemptfollowups";
        /// <summary>Choice: the open attempt's purpose (values as rx_reactivationattempt.rx_purpose): a Care touch is neither woken nor followed up.</summary>
        public const string AttemptPurpose = "rx_attemptpurpose";
        /// <summary>Written only by the response steps; it counts as a response to the open attempt when not before its start.</summary>
        public const string AttemptRespondedOn = "rx_attemptrespondedon";
        /// <summary>Written only by the daily evaluation when the open attempt's deadline has passed: starts its follow-up.</summary>
        public const string FollowUpDueOn = "rx_followupdueon";
        /// <summary>When the outreach step should next try the contact (Core's OutreachDue): set by the product, found by the daily evaluation.</summary>
        public const string OutreachDueOn = "rx_outreachdueon";
        /// <summary>Written only by the daily evaluation when rx_outreachdueon has come: runs the outreach step.</summary>
        public const string OutreachSignalledOn = "rx_outreachsignalledon";
        /// <summary>When the product first kept the contact: rx_InitialiseContacts, or the lifecycle step on Create. The initialisation reads only contacts without it.</summary>
        public const string InitialisedOn = "rx_initialisedon";
        /// <summary>The household the business declares (text, compared trimmed and case-insensitively); without one the parent account is the household.</summary>
        public const string HouseholdKey = "rx_householdkey";
        /// <summary>The platform's parent account or contact: the household when no rx_householdkey is declared.</summary>
        public const string ParentCustomer = "parentcustomerid";
        /// <summary>Lookup to contact: the customer who referred this one (the relationship chain's link).</summary>
        public const string ReferredBy = "rx_referredbyid";
        /// <summary>Written only by the daily evaluation with the update it signals: the page's join verdict for the outreach step (Core's JoinVerdict, JSON).</summary>
        public const string JoinVerdict = "rx_joinverdict";
        public const int JoinVerdictMaxLength = 20000;

        /// <summary>The contact's do-not flag for a channel (true = do not contact), or null for a channel without one (a task).</summary>
        public static string? DoNotColumn(string channel) => channel switch
        {
            ContactChannels.Sms => DoNotSms,
            ContactChannels.WeChat => DoNotWeChat,
            ContactChannels.WeCom => DoNotWeCom,
            ContactChannels.Push => DoNotPush,
            ContactChannels.Email => DoNotEmail,
            ContactChannels.Phone => DoNotPhone,
            _ => null,
        };

        /// <summary>The global choice rx_lifecyclestage (also the attempt's rx_stageatstart).</summary>
        public static readonly Choice<LifecycleStage> Stages = Choice.FromPublisherBase(Table, LifecycleStage,
            Core.Decisions.LifecycleStage.Prospect, Core.Decisions.LifecycleStage.New, Core.Decisions.LifecycleStage.Active, Core.Decisions.LifecycleStage.Silent,
            Core.Decisions.LifecycleStage.Sleeping, Core.Decisions.LifecycleStage.Lost, Core.Decisions.LifecycleStage.Loyal, Core.Decisions.LifecycleStage.Reactivated);

        /// <summary>rx_octant, as Core's Octant fact names the octants (in the order of <see cref="Core.Facts.Octant"/>).</summary>
        public static readonly Choice<string> Octants = Choice.FromPublisherBase(Table, Octant, Core.Facts.OctantNames.All);

        /// <summary>rx_customercolour, as Core's Colour fact names the colours.</summary>
        public static readonly Choice<string> Colours = Choice.FromPublisherBase(Table, CustomerColour, Core.Decisions.CustomerColours.All);

        /// <summary>The global choice rx_dormancyreason (also the attempt's rx_reasonatstart), as Core's DormancyReason fact names them.</summary>
        public static readonly Choice<string> Reasons = Choice.FromPublisherBase(Table, DormancyReason,
            "Unknown", "UnusedPackage", "Dissatisfied", "Relocated", "Competitor", "NoLongerNeeded", "HabitChanged", "PriceSensitive", "Forgot");

        /// <summary>rx_preferredlanguage, as the language tags the offers' texts are chosen by; unset reads as English.</summary>
        public static readonly Choice<string> Languages = Choice.FromPublisherBase(Table, PreferredLanguage, "en", "zh-CN");

        /// <summary>rx_attemptpurpose: the open attempt's purpose.</summary>
        public static readonly Choice<string> AttemptPurposes = Choice.FromPublisherBase(Table, AttemptPurpose,
            Core.Decisions.TouchPurposes.Care, Core.Decisions.TouchPurposes.Offer, Core.Decisions.TouchPurposes.Campaign);

        /// <summary>rx_attemptstep: the open attempt's step.</summary>
        public static readonly Choice<AttemptStep> AttemptSteps = Choice.FromPublisherBase(Table, AttemptStep,
            Core.Attempts.AttemptStep.Activate, Core.Attempts.AttemptStep.Wake, Core.Attempts.AttemptStep.FollowUp);
    }
}
