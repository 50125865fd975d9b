namespace Reactivation.Core.Attempts
{
    /// <summary>
    /// The steps of a reactivation attempt. An offer starts an attempt at <see cref="Activate"/> or straight at
    /// <see cref="Wake"/>; <see cref="FollowUp"/> is only ever reached from the attempt's own deadline.
    /// </summary>
    public enum AttemptStep
    {
        /// <summary>A low-threshold greeting: a one-question survey, "reply 1 for a voucher".</summary>
        Activate,
        /// <summary>The offer they can't refuse.</summary>
        Wake,
        /// <summary>No response by the deadline: the offer again, one channel further along the escalation.</summary>
        FollowUp,
    }
}
