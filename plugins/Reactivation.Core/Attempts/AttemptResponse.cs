namespace Reactivation.Core.Attempts
{
    /// <summary>What a customer's response does to their attempt, whichever way it came in.</summary>
    public enum ResponseKind
    {
        /// <summary>The customer answered: the attempt counts as responded; at Activate the wake step follows.</summary>
        Responded,
        /// <summary>The customer said they are not interested: the attempt closes Declined.</summary>
        Declined,
        /// <summary>The customer opted out of the channel: its consent flag is set and the attempt closes OptedOut.</summary>
        OptedOut,
        /// <summary>Nobody was reached (a wrong number): the attempt records it and waits for its deadline.</summary>
        NotReached,
    }

    /// <summary>
    /// One response to an attempt: a rep completing its call or task with an outcome, or the customer replying to
    /// its message. The word is what the attempt's step line says (<c>&lt;instant&gt; &lt;word&gt; &lt;channel&gt;</c>).
    /// </summary>
    public sealed class AttemptResponse
    {
        private AttemptResponse(ResponseKind kind, string word)
        {
            Kind = kind;
            Word = word;
        }

        public ResponseKind Kind { get; }

        public string Word { get; }

        /// <summary>It answers the attempt (everything but a wrong number): the response date is recorded.</summary>
        public bool Answers => Kind != ResponseKind.NotReached;

        /// <summary>The channel's consent is withdrawn.</summary>
        public bool OptsOut => Kind == ResponseKind.OptedOut;

        /// <summary>The outcome the response closes the attempt with; null when it leaves it open.</summary>
        public AttemptOutcome? Closes => Kind == ResponseKind.Declined ? AttemptOutcome.Declined : Kind == ResponseKind.OptedOut ? AttemptOutcome.OptedOut : (AttemptOutcome?)null;

        /// <summary>A rep completed the call or task with <paramref name="outcome"/> (an unknown outcome reads as Reached).</summary>
        public static AttemptResponse FromActivity(ResponseOutcome? outcome) => outcome switch
        {
            ResponseOutcome.NotInterested => new AttemptResponse(ResponseKind.Declined, "NotInterested"),
            ResponseOutcome.WrongNumber => new AttemptResponse(ResponseKind.NotReached, "WrongNumber"),
            ResponseOutcome.OptedOut => new AttemptResponse(ResponseKind.OptedOut, "OptedOut"),
            ResponseOutcome.Interested => new AttemptResponse(ResponseKind.Responded, "Interested"),
            _ => new AttemptResponse(ResponseKind.Responded, "Reached"),
        };

        /// <summary>The customer replied: a response whatever else its outcome says, unless it declines or opts out.</summary>
        public static AttemptResponse FromReply(ResponseOutcome? outcome)
        {
            var stated = FromActivity(outcome);
            return outcome.HasValue && stated.Closes.HasValue ? stated : new AttemptResponse(ResponseKind.Responded, "Replied");
        }
    }
}
