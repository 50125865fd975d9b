using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Ledgers;
namespace Reactivation.Plugins.Mapping
{
    /// <summary>The rx_reactivationattempt columns and outcome values the plugins read and write.</summary>
    public static class AttemptColumns
    {
        public const string Table = "rx_reactivationattempt";
        public const string Contact = "rx_contactid";
        public const string StartedOn = "rx_startedon";
        public const string Outcome = "rx_outcome";
        public const string ConvertingOrder = "rx_convertingorderid";
        public const string Revenue = "rx_revenue";
        /// <summary>The step lines of the wake step and of the follow-up (rx_steps holds the first step's): each written once, never appended, so no step on the attempt has to run.</summary>
        public const string WakeStep = "rx_wakestep";
        public const string FollowUpStep = "rx_followupstep";
        public const string ClosingReason = "rx_closingreason";

        /// <summary>rx_outcome: Open, Converted, NoResponse, OptedOut, Suppressed, Declined.</summary>
        public const int Open = ContactColumns.ChoiceBase;
        public const int Converted = ContactColumns.ChoiceBase + 1;
        public const int NoResponse = ContactColumns.ChoiceBase + 2;
        public const int OptedOut = ContactColumns.ChoiceBase + 3;
        public const int Suppressed = ContactColumns.ChoiceBase + 4;
        public const int Declined = ContactColumns.ChoiceBase + 5;

        /// <summary>Converted, NoResponse, OptedOut and Declined end an attempt; Open and Suppressed do not.</summary>
        public static bool IsClosed(int outcome) => outcome == Converted || outcome == NoResponse || outcome == OptedOut || outcome == Declined;

        /// <summary>An Update that closes an attempt with an outcome and says when and why.</summary>
        public static Entity Closing(Guid attemptId, int outcome, DateTime utcNow, string why) => new Entity(Table, attemptId)
        {
            [Outcome] = new OptionSetValue(outcome),
            [ClosingReason] = LedgerInstant.Write(utcNow) + " " + why,
        };
    }
}
