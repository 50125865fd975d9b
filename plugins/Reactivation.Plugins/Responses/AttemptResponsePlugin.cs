using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Plugins.Pipeline;

namespace Reactivation.Plugins.Responses
{
    /// <summary>
    /// rx_reactivationattempt Update, PreOperation, synchronous, filtering on rx_lastresponse: appends the
    /// response line the Target carries to the attempt's rx_steps (pre-image) and keeps the first
    /// rx_respondedon, stamped into the Target — no request. A line already in rx_steps is not added again,
    /// so a retried response writes one line.
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
    }
}
