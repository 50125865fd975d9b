namespace Reactivation.Core.Attempts
{
    /// <summary>Where a reactivation attempt stands (rx_outcome), in the order of its choice.</summary>
    public enum AttemptOutcome
    {
        /// <summary>Some of its actions were made; it waits for a response, a purchase or its deadline.</summary>
        Open,
        /// <summary>A purchase after its start: won back.</summary>
        Converted,
        /// <summary>Closed without a response (see <see cref="ClosingReason"/>).</summary>
        NoResponse,
        /// <summary>The customer opted out of the channel it used.</summary>
        OptedOut,
        /// <summary>The contact policy blocked every action: nothing was sent, and the contact does not carry it.</summary>
        Suppressed,
        /// <summary>The customer said they are not interested.</summary>
        Declined,
        /// <summary>
        /// Held out of outreach (Core/Measurement's HoldoutGroup): no activity, incentive or touch; the customer's
        /// purchases show what happens without one. The contact does not carry it.
        /// </summary>
        Holdout,
        /// <summary>
        /// The customer answered, and the offer that followed ran its course without a purchase: closed at the wake
        /// step's deadline, never followed up after an answer.
        /// </summary>
        Responded,
    }
}
