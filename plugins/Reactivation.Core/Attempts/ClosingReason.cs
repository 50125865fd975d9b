namespace Reactivation.Core.Attempts
{
    /// <summary>Why the product closed an open attempt: without a response (outcome NoResponse), or after one (Responded).</summary>
    public enum ClosingReason
    {
        /// <summary>A new attempt started for the contact (another stage, reason or consent): this one ends.</summary>
        ReplacedByNewAttempt,
        /// <summary>Its deadline passed while the customer was no longer in a dormant stage.</summary>
        NoLongerDormant,
        /// <summary>Its deadline passed after the follow-up on the last channel of its escalation.</summary>
        NoResponseAfterFollowUp,
        /// <summary>Its deadline passed and no offer rule gives a follow-up.</summary>
        NoFollowUpOffer,
        /// <summary>Its deadline passed and the contact policy blocked every action of the follow-up.</summary>
        FollowUpBlocked,
        /// <summary>A care touch's deadline passed without a purchase: care is made once, never followed up.</summary>
        CareTouchMade,
        /// <summary>The customer answered; the deadline of the offer that followed passed without a purchase (outcome Responded).</summary>
        AnsweredWithoutPurchase,
        /// <summary>Its deadline passed the morning the customer changed stage: the new stage's attempt decides from here.</summary>
        DeadlinePassedAsStageChanged,
    }

    /// <summary>The text rx_closingreason carries for a closing reason (English: the column is for admins and managers).</summary>
    public static class ClosingReasons
    {
        public static string Describe(ClosingReason reason) => reason == ClosingReason.AnsweredWithoutPurchase
            ? "Responded: the customer answered; the offer that followed ran its course without a purchase, and an answer is not followed up"
            : "NoResponse: " + reason switch
        {
            ClosingReason.ReplacedByNewAttempt => "replaced by a new attempt",
            ClosingReason.NoLongerDormant => "the customer is no longer dormant",
            ClosingReason.NoResponseAfterFollowUp => "no response after the last follow-up of its escalation",
            ClosingReason.NoFollowUpOffer => "no follow-up offer applies",
            ClosingReason.CareTouchMade => "a care touch, made once and not followed up",
            ClosingReason.DeadlinePassedAsStageChanged => "its deadline passed as the customer changed stage",
            _ => "every follow-up action was blocked",
        };
    }
}
