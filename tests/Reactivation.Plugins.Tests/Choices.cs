namespace Reactivation.Plugins.Tests;

/// <summary>
/// Choice values as solution/ declares them (publisher option prefix 10177): written here once, not taken from the
/// product's constants, so a test still fails when the product writes the wrong value.
/// </summary>
internal static class Choices
{
    /// <summary>rx_reactivationattempt.rx_outcome.</summary>
    public static class AttemptOutcome
    {
        public const int Open = 101770000;
        public const int Converted = 101770001;
        public const int NoResponse = 101770002;
        public const int OptedOut = 101770003;
        public const int Suppressed = 101770004;
        public const int Declined = 101770005;
    }

    /// <summary>rx_reactivationattempt.rx_currentstep and contact.rx_attemptstep.</summary>
    public static class AttemptStep
    {
        public const int Activate = 101770000;
        public const int Wake = 101770001;
        public const int FollowUp = 101770002;
    }

    /// <summary>The global choice rx_responseoutcome (messages, tasks, phone calls).</summary>
    public static class ResponseOutcome
    {
        public const int Reached = 101770000;
        public const int Interested = 101770001;
        public const int NotInterested = 101770002;
        public const int WrongNumber = 101770003;
        public const int OptedOut = 101770004;
    }
}
