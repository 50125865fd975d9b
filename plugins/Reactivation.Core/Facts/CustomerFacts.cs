namespace Reactivation.Core.Facts
{
    /// <summary>
    /// What a rule can see about one customer, built in trusted code from the CRM record, its
    /// purchase and touch ledgers and the evaluation date. Rules read it as the parameter
    /// <c>customer</c>; they never read the CRM. Every member is documented (name, type, unit) in
    /// rules/README.md. Days are whole calendar days in the organisation's time zone: a purchase
    /// today is 0 days ago.
    /// </summary>
    /// <remarks>
    /// Plain settable properties so that the reference engine (Microsoft RulesEngine, in tests) can
    /// bind to them; the sandbox interpreter reads them through a fixed accessor table, never by
    /// reflection at evaluation time.
    /// </remarks>
    public sealed class CustomerFacts
    {
        // ---- purchases ----
        public int PurchaseCount { get; set; }
        public int PurchasesLast365Days { get; set; }
        public int? DaysSinceLastPurchase { get; set; }
        public int? DaysSinceFirstPurchase { get; set; }
        public int? DaysBetweenLastTwoPurchaseDates { get; set; }
        public decimal? AverageDaysBetweenPurchases { get; set; }
        public decimal? OverdueFactor { get; set; }
        public decimal TotalSpend { get; set; }
        public decimal? AverageOrderValue { get; set; }
        public bool SpendFalling { get; set; }

        // ---- RFM scores, 1 (worst) to 5 (best); 0 when the customer never purchased ----
        public int Recency { get; set; }
        public int Frequency { get; set; }
        public int Monetary { get; set; }

        /// <summary>The spend / frequency / recency octant against the business's split points; empty when none are set or the customer never bought.</summary>
        public string Octant { get; set; } = "";

        // ---- lifecycle ----
        public string Stage { get; set; } = "Prospect";
        public int DaysInStage { get; set; }

        // ---- why they stopped, how they felt, what they still hold ----
        public string DormancyReason { get; set; } = "Unknown";
        public int? Satisfaction { get; set; }
        public int? DaysSinceMissedAppointment { get; set; }
        public int AlertSignals { get; set; }
        public int RemainingSessions { get; set; }
        public decimal PrepaidBalance { get; set; }
        public string Tier { get; set; } = "Standard";

        /// <summary>Rational or Emotional as staff recorded the customer (rx_customercolour); empty when not recorded.</summary>
        public string Colour { get; set; } = "";

        // ---- consumer finance funnel (empty for other industries) ----
        public string FunnelStep { get; set; } = "";
        public int? DaysInFunnelStep { get; set; }
        public decimal? CreditLimit { get; set; }
        public decimal? InterestRatePercent { get; set; }

        // ---- consent: true when the channel may be used ----
        public bool ConsentPhone { get; set; }
        public bool ConsentSms { get; set; }
        public bool ConsentEmail { get; set; }
        public bool ConsentWeChat { get; set; }
        public bool ConsentWeCom { get; set; }
        public bool ConsentPush { get; set; }

        // ---- touches (outreach we made), all channels and the channel under consideration ----
        public int TouchesLast1Day { get; set; }
        public int TouchesLast7Days { get; set; }
        public int TouchesLast30Days { get; set; }
        public int TouchesLast90Days { get; set; }
        public int? DaysSinceLastTouch { get; set; }
        public int ChannelTouchesLast1Day { get; set; }
        public int ChannelTouchesLast7Days { get; set; }
        public int ChannelTouchesLast30Days { get; set; }
        public int ChannelTouchesLast90Days { get; set; }
        public int? DaysSinceLastChannelTouch { get; set; }

        // ---- the touch being considered by the contact policy ----
        /// <summary>Phone, Sms, Email, WeChat, WeCom, Push, Task; empty outside policy evaluation.</summary>
        public string Channel { get; set; } = "";
        /// <summary>Care, Offer or Campaign.</summary>
        public string Purpose { get; set; } = "";
        public bool InCampaign { get; set; }

        // ---- calendar ----
        public int? DaysToBirthday { get; set; }
        public int? DaysToFirstPurchaseAnniversary { get; set; }
        public int? DaysToMemberAnniversary { get; set; }
        public int? DaysToSpringFestival { get; set; }
        public int? DaysToDragonBoat { get; set; }
        public int? DaysToMidAutumn { get; set; }
        public int DaysToChristmas { get; set; }
        public int DaysToValentinesDay { get; set; }
        /// <summary>0-23, in the customer's time zone.</summary>
        public int LocalHour { get; set; }
        /// <summary>Monday, Tuesday, ... in the customer's time zone.</summary>
        public string LocalWeekday { get; set; } = "Monday";

        // ---- the open reactivation attempt, if any ----
        public bool HasOpenAttempt { get; set; }
        public int? DaysSinceAttemptStarted { get; set; }
        /// <summary>Activate, Wake or FollowUp; empty without an open attempt.</summary>
        public string AttemptStep { get; set; } = "";
        public bool Responded { get; set; }
        public bool ReasonJustGiven { get; set; }

        // ---- referral friends (the relationship chain join, Joins/RelationshipChain; 0 and empty outside the daily evaluation) ----
        public int FriendsBoughtRecently { get; set; }
        public string FriendsTopChoice { get; set; } = "";
    }
}
