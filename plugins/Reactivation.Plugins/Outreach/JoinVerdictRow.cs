using System;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Joins;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Outreach
{
    /// <summary>
    /// The daily evaluation's join verdict (rx_joinverdict) as the outreach step reads it: from the Target only, and only
    /// when it was stamped for this event — the instant the same Update stamps on the stage change (rx_stagechangedon) or
    /// on the signal (rx_outreachsignalledon, rx_followupdueon). A verdict left on the row from an earlier evaluation is
    /// never in a later Target with a matching stamp, so it cannot reach an unrelated event and needs no clearing.
    /// </summary>
    internal static class JoinVerdictRow
    {
        private static readonly string[] EventStamps = { ContactColumns.StageChangedOn, ContactColumns.OutreachSignalledOn, ContactColumns.FollowUpDueOn };

        public static JoinVerdict? Read(Entity target, PluginContext context)
        {
            var text = target.GetAttributeValue<string>(ContactColumns.JoinVerdict);
            if (string.IsNullOrEmpty(text)) return null;
            JoinVerdict verdict;
            try
            {
                verdict = JoinVerdict.Parse(text!, ContactColumns.JoinVerdict);
            }
            catch (FormatException ex)
            {
                // Written by the product only: an unreadable one is traced and the step decides as without joins.
                context.Trace.Write($"The join verdict is ignored: {TraceValue.Name(ex.Message)}");
                return null;
            }

            foreach (var column in EventStamps)
            {
                if (target.Contains(column) && verdict.IsFor(target.GetAttributeValue<DateTime?>(column))) return verdict;
            }

            context.Trace.Write($"The join verdict is ignored: it was decided at {TraceValue.Timestamp(verdict.EvaluatedOnUtc)}, not for this event");
            return null;
        }
    }
}
