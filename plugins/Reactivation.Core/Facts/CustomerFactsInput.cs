using System;
using System.Collections.Generic;

namespace Reactivation.Core.Facts
{
    /// <summary>One order in the purchase ledger. Several orders may fall on one day; each counts.</summary>
    public sealed class Purchase
    {
        public Purchase(DateTime whenUtc, decimal amount)
        {
            WhenUtc = whenUtc;
            Amount = amount;
        }

        /// <summary>When the order was made, in UTC (as Dataverse stores it).</summary>
        public DateTime WhenUtc { get; }
        public decimal Amount { get; }
    }

    /// <summary>One outreach we made (a message sent, a call made) in the touch ledger.</summary>
    public sealed class Touch
    {
        public Touch(DateTime whenUtc, string channel)
        {
            WhenUtc = whenUtc;
            Channel = channel ?? "";
        }

        public DateTime WhenUtc { get; }
        /// <summary>Phone, Sms, Email, WeChat, WeCom, Push or Task.</summary>
        public string Channel { get; }
    }

    /// <summary>
    /// Plain inputs the facts are computed from: what the plugin reads from the contact, its orders,
    /// its activities and the open attempt. Nothing here is read by rules directly.
    /// </summary>
    public sealed class CustomerFactsInput
    {
        /// <summary>The evaluation instant, UTC.</summary>
        public DateTime UtcNow { get; set; }

        /// <summary>Days are whole calendar days in this zone. Default UTC.</summary>
        public TimeZoneInfo OrganisationTimeZone { get; set; } = TimeZoneInfo.Utc;

        /// <summary>For LocalHour / LocalWeekday; defaults to the organisation's zone.</summary>
        public TimeZoneInfo? CustomerTimeZone { get; set; }

        public IList<Purchase> Purchases { get; } = new List<Purchase>();
        public IList<Touch> Touches { get; private set; } = new List<Touch>();

        public string Stage { get; set; } = "Prospect";
        /// <summary>When the current stage began, UTC; null = unknown (DaysInStage 0).</summary>
        public DateTime? StageSinceUtc { get; set; }

        public string DormancyReason { get; set; } = "Unknown";
        public int? Satisfaction { get; set; }

        /// <summary>When the customer last missed a booked appointment (UTC, as the booking system writes it); null: never.</summary>
        public DateTime? MissedAppointmentUtc { get; set; }
        public int RemainingSessions { get; set; }
        public decimal PrepaidBalance { get; set; }
        public string Tier { get; set; } = "Standard";

        public string FunnelStep { get; set; } = "";
        public DateTime? FunnelStepSinceUtc { get; set; }
        public decimal? CreditLimit { get; set; }
        public decimal? InterestRatePercent { get; set; }

        public bool ConsentPhone { get; set; }
        public bool ConsentSms { get; set; }
        public bool ConsentEmail { get; set; }
        public bool ConsentWeChat { get; set; }
        public bool ConsentWeCom { get; set; }
        public bool ConsentPush { get; set; }

        /// <summary>Date of birth (only month and day are used); null if unknown.</summary>
        public DateTime? Birthday { get; set; }

        /// <summary>The date the customer became a member (only month and day are used for the anniversary); null if unknown.</summary>
        public DateTime? MemberSince { get; set; }

        /// <summary>The touch under consideration (contact policy): channel and purpose.</summary>
        public string Channel { get; set; } = "";
        public string Purpose { get; set; } = "";

        /// <summary>Rational or Emotional, as staff recorded the customer; empty when not recorded.</summary>
        public string Colour { get; set; } = "";

        /// <summary>The business's octant split points (the lifecycle ruleset's <c>Octants</c>); null: the Octant fact is empty.</summary>
        public OctantSplits? OctantSplits { get; set; }

        /// <summary>The campaigns the organisation runs or has planned (rx_campaign): InCampaign on a day follows from them and the stage.</summary>
        public IReadOnlyList<Campaign> Campaigns { get; set; } = Array.Empty<Campaign>();

        public bool HasOpenAttempt { get; set; }
        public DateTime? AttemptStartedUtc { get; set; }
        public string AttemptStep { get; set; } = "";
        public bool Responded { get; set; }

        /// <summary>The response being acted on came with the customer's dormancy reason (the wake step after an ask-why call).</summary>
        public bool ReasonJustGiven { get; set; }

        /// <summary>The referral friends who bought in the social-proof window (Core/Joins' <c>RelationshipChain</c>); 0 outside the daily evaluation and the outreach step it signals.</summary>
        public int FriendsBoughtRecently { get; set; }

        /// <summary>The item most of those friends chose; empty when none is known.</summary>
        public string FriendsTopChoice { get; set; } = "";

        /// <summary>The same inputs with <paramref name="touches"/> instead of these touches (the purchases are shared).</summary>
        public CustomerFactsInput WithTouches(IList<Touch> touches)
        {
            var copy = (CustomerFactsInput)MemberwiseClone();
            copy.Touches = touches;
            return copy;
        }
    }
}
