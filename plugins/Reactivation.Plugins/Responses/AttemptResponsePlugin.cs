using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Responses
{
    /// <summary>
    /// rx_reactivationattempt Update, PreOperation, synchronous, filtering on rx_lastresponse (written by the response steps only),
    /// stamping into the Target — no request:
    /// <list type="bullet">
    /// <item>a closed attempt (Converted, NoResponse, OptedOut, Declined) keeps its outcome: a late response (an
    /// opt-out after a conversion) is recorded in the steps but does not change how the attempt ended;</item>
    /// <item>the response line the Target carries is appended to rx_steps (pre-image) and the first
    /// rx_respondedon is kept. A line already in rx_steps is not added again, so a retried response writes
    /// one line.</item>
    /// </list>
    /// </summary>
    public sealed class AttemptResponsePlugin : PluginBase
    {
        public AttemptResponsePlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            var pre = context.GetPreImage(StepImages.Pre);
            var attempt = AttemptRows.FromRow(pre);
            KeepClosedOutcome(context, target, pre, attempt);

            var line = target.GetAttributeValue<string>(AttemptColumns.LastResponse);
            if (string.IsNullOrEmpty(line))
            {
                context.Trace.Write($"No response line in the Target");
                return;
            }

            if (target.GetAttributeValue<DateTime?>(AttemptColumns.RespondedOn) is { } respondedOn && attempt.Respond(respondedOn).Attempt!.RespondedOn != respondedOn)
            {
                // The first response is the one conversion is measured from.
                target.Attributes.Remove(AttemptColumns.RespondedOn);
            }

            var steps = target.Contains(AttemptColumns.Steps)
                ? target.GetAttributeValue<string>(AttemptColumns.Steps)
                : pre.GetAttributeValue<string>(AttemptColumns.Steps);
            var appended = StepLines.Append(steps, line!, AttemptColumns.StepsMaxLength, out var full);
            if (appended is null)
            {
                if (full) context.Trace.Write($"Steps of {TraceValue.Reference(context.TargetReference)} are full: the response line is not added");
                else context.Trace.Write($"Response line already in the steps of {TraceValue.Reference(context.TargetReference)}: not added again");
                return;
            }

            target[AttemptColumns.Steps] = appended;
            context.Trace.Write($"Response line added to the steps of {TraceValue.Reference(context.TargetReference)}");
        }

        private static void KeepClosedOutcome(PluginContext context, Entity target, Entity pre, ReactivationAttempt attempt)
        {
            var requested = target.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome);
            if (requested is null || !AttemptColumns.Outcomes.TryName(requested, out var outcome) || attempt.Settle(outcome).IsMade) return;
            target.Attributes.Remove(AttemptColumns.Outcome);
            context.Trace.Write($"Attempt {TraceValue.Reference(context.TargetReference)} is closed ({pre.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome)!.Value}): outcome {requested.Value} not applied");
        }
    }
}
