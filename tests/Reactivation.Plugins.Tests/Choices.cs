using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Choice values as the tests write and expect them, taken from the product's Schema/: the solution test checks every
/// one of those against solution/ (the option exists, its label is the name, every stage, outcome and step has one),
/// so a wrong value fails there rather than agreeing with itself here.
/// </summary>
internal static class Choices
{
    /// <summary>rx_reactivationattempt.rx_outcome.</summary>
    public static class AttemptOutcome
    {
        public static readonly int Open = AttemptColumns.Outcomes.ValueOf(Core.Attempts.AttemptOutcome.Open);
        public static readonly int Converted = AttemptColumns.Outcomes.ValueOf(Core.Attempts.AttemptOutcome.Converted);
        public static readonly int NoResponse = AttemptColumns.Outcomes.ValueOf(Core.Attempts.AttemptOutcome.NoResponse);
        public static readonly int OptedOut = AttemptColumns.Outcomes.ValueOf(Core.Attempts.AttemptOutcome.OptedOut);
        public static readonly int Suppressed = AttemptColumns.Outcomes.ValueOf(Core.Attempts.AttemptOutcome.Suppressed);
        public static readonly int Declined = AttemptColumns.Outcomes.ValueOf(Core.Attempts.AttemptOutcome.Declined);
    }

    /// <summary>rx_reactivationattempt.rx_currentstep and contact.rx_attemptstep.</summary>
    public static class AttemptStep
    {
        public static readonly int Activate = AttemptColumns.CurrentSteps.ValueOf(Core.Attempts.AttemptStep.Activate);
        public static readonly int Wake = AttemptColumns.CurrentSteps.ValueOf(Core.Attempts.AttemptStep.Wake);
        public static readonly int FollowUp = AttemptColumns.CurrentSteps.ValueOf(Core.Attempts.AttemptStep.FollowUp);
    }

    /// <summary>The global choice rx_responseoutcome (messages, tasks, phone calls).</summary>
    public static class ResponseOutcome
    {
        public static readonly int Reached = ActivityColumns.ResponseOutcomes.ValueOf(Core.Attempts.ResponseOutcome.Reached);
        public static readonly int Interested = ActivityColumns.ResponseOutcomes.ValueOf(Core.Attempts.ResponseOutcome.Interested);
        public static readonly int NotInterested = ActivityColumns.ResponseOutcomes.ValueOf(Core.Attempts.ResponseOutcome.NotInterested);
        public static readonly int WrongNumber = ActivityColumns.ResponseOutcomes.ValueOf(Core.Attempts.ResponseOutcome.WrongNumber);
        public static readonly int OptedOut = ActivityColumns.ResponseOutcomes.ValueOf(Core.Attempts.ResponseOutcome.OptedOut);
    }
}
