using System;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// One touch the per-customer rulesets planned for a contact of the page (a call, a task or a message of
    /// the offer they chose), before anything is written. The join rules decide whether it stays, moves or is
    /// blocked because of other customers, touches and people.
    /// </summary>
    public sealed class PlannedTouch
    {
        /// <param name="key">The touch's deterministic key (the one its record gets written with); unique in the page.</param>
        /// <param name="contactId">The customer.</param>
        /// <param name="stage">The customer's lifecycle stage as the lifecycle ruleset just decided it.</param>
        /// <param name="offer">The offer rule that planned the touch (its name in the offers ruleset).</param>
        /// <param name="channel">Phone, Sms, Email, WeChat, WeCom, Push or Task.</param>
        /// <param name="day">The organisation-local calendar day the touch is planned for (time of day is ignored).</param>
        /// <param name="isCall">True for a call a rep makes: it takes one of the rep's calls for that day.</param>
        /// <param name="value">The customer's value (total spend, or the RFM monetary score): ranks household members.</param>
        /// <param name="priority">The customer's grade as a number, higher first (e.g. A = 3, B = 2, C = 1): orders the day's calls.</param>
        /// <param name="rep">The user who would make the call (the contact's owner); null when a team owns it.</param>
        public PlannedTouch(string key, Guid contactId, LifecycleStage stage, string offer, string channel, DateTime day, bool isCall, decimal value, int priority, Guid? rep)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("A planned touch needs its key.", nameof(key));
            if (string.IsNullOrEmpty(offer)) throw new ArgumentException("Planned touch '" + key + "' has no offer name.", nameof(offer));
            Key = key;
            ContactId = contactId;
            Stage = stage;
            Offer = offer;
            Channel = channel ?? "";
            Day = day.Date;
            IsCall = isCall;
            Value = value;
            Priority = priority;
            Rep = rep;
        }

        public string Key { get; }
        public Guid ContactId { get; }
        public LifecycleStage Stage { get; }
        public string Offer { get; }
        public string Channel { get; }
        public DateTime Day { get; }
        public bool IsCall { get; }
        public decimal Value { get; }
        public int Priority { get; }
        public Guid? Rep { get; }

        public override string ToString() => Key;
    }
}
