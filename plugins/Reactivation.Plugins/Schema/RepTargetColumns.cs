using Reactivation.Core.Measurement;

namespace Reactivation.Plugins.Schema
{
    /// <summary>
    /// The rx_reptarget columns (solution/Entities/rx_RepTarget): a manager's target for a rep or a team — its owner,
    /// so an agent's Basic read shows them their own targets and their teams' — one KPI, per day or week, from a date.
    /// </summary>
    public static class RepTargetColumns
    {
        public const string Table = "rx_reptarget";
        public const string Id = "rx_reptargetid";
        public const string Name = "rx_name";
        public const string Kpi = "rx_kpi";
        public const string Period = "rx_period";
        public const string Value = "rx_value";
        /// <summary>Date only: the target applies to the days and weeks that start on or after it.</summary>
        public const string ValidFrom = "rx_validfrom";
        /// <summary>The rep (systemuser) or the team the target is for.</summary>
        public const string Owner = "ownerid";

        public const int NameMaxLength = 100;

        /// <summary>rx_kpi.</summary>
        public static readonly Choice<RepKpi> Kpis = Choice.FromPublisherBase(Table, Kpi,
            RepKpi.CallsMade, RepKpi.Reached, RepKpi.WeComAdds, RepKpi.TasksDone, RepKpi.Conversions, RepKpi.Revenue);

        /// <summary>rx_period.</summary>
        public static readonly Choice<KpiPeriod> Periods = Choice.FromPublisherBase(Table, Period, KpiPeriod.Day, KpiPeriod.Week);
    }
}
