using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;

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
        public const string PreImageAlias = "PreImage";
        private const int MaxSteps = 10000;

        public AttemptResponsePlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            var pre = context.GetPreImage(PreImageAlias);
            KeepClosedOutcome(context, target, pre);

            var line = target.GetAttributeValue<string>(ResponseColumns.LastResponse);
            if (string.IsNullOrEmpty(line))
            {
                context.Trace.Write($"No response line in the Target");
                return;
            }

            // The first response is the one conversion is measured from.
            if (pre.GetAttributeValue<DateTime?>(ResponseColumns.RespondedOn) is not null)
            {
                target.Attributes.Remove(ResponseColumns.RespondedOn);
            }

            var steps = target.Contains(ResponseColumns.Steps)
                ? target.GetAttributeValue<string>(ResponseColumns.Steps)
                : pre.GetAttributeValue<string>(ResponseColumns.Steps);
            if (ResponseColumns.HasLine(steps, line!))
            {
                context.Trace.Write($"Response line already in the steps of {TraceValue.Reference(context.TargetReference)}: not added again");
                return;
            }

            var appended = string.IsNullOrEmpty(steps) ? line! : steps + "\n" + line;
            if (appended.Length > MaxSteps)
            {
                context.Trace.Write($"Steps of {TraceValue.Reference(context.TargetReference)} are full ({appended.Length} chars): the response line is not added");
                return;
            }

            target[ResponseColumns.Steps] = appended;
            context.Trace.Write($"Response line added to the steps of {TraceValue.Reference(context.TargetReference)}");
        }

        private static void KeepClosedOutcome(PluginContext context, Entity target, Entity pre)
        {
            var before = pre.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome)?.Value;
            var after = target.GetAttributeValue<OptionSetValue>(AttemptColumns.Outcome)?.Value;
            if (before is int closed && AttemptColumns.IsClosed(closed) && after is int reopened && reopened != closed)
            {
                target.Attributes.Remove(AttemptColumns.Outcome);
                context.Trace.Write($"Attempt {TraceValue.Reference(context.TargetReference)} is closed ({closed}): outcome {reopened} not applied");
            }
        }
    }
}
