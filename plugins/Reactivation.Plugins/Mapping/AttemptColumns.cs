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

        /// <summary>rx_outcome: Open, Converted, NoResponse, OptedOut, Suppressed.</summary>
        public const int Open = ContactColumns.ChoiceBase;
        public const int Converted = ContactColumns.ChoiceBase + 1;
        public const int NoResponse = ContactColumns.ChoiceBase + 2;
        public const int OptedOut = ContactColumns.ChoiceBase + 3;
        public const int Suppressed = ContactColumns.ChoiceBase + 4;

        /// <summary>Converted, NoResponse and OptedOut end an attempt; Open and Suppressed do not.</summary>
        public static bool IsClosed(int outcome) => outcome == Converted || outcome == NoResponse || outcome == OptedOut;
    }
}
