namespace Reactivation.Core.Attempts
{
    /// <summary>What a rep (or a reply) records as the customer's response (the global choice rx_responseoutcome).</summary>
    public enum ResponseOutcome
    {
        Reached,
        Interested,
        NotInterested,
        WrongNumber,
        OptedOut,
    }
}
