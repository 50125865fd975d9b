using System;
using System.Collections.Generic;
using System.Linq;

namespace Reactivation.Core.Measurement
{
    /// <summary>
    /// What a store manager counts a rep's day by (seed 000). Deposits taken are not among them yet: the product has no
    /// deposit incentive to count (issue 14).
    /// </summary>
    public enum RepKpi
    {
        /// <summary>Phone calls the rep completed.</summary>
        CallsMade,

        /// <summary>Completed calls in which the rep spoke with the customer (any outcome but a wrong number).</summary>
        Reached,

        /// <summary>Customers who accepted the rep's WeCom contact: a WeCom message of the rep's that the customer replied to without opting out.</summary>
        WeComAdds,

        /// <summary>Tasks the rep completed.</summary>
        TasksDone,

        /// <summary>The rep's attempts won back, on the day of the converting order.</summary>
        Conversions,

        /// <summary>The revenue of those conversions (the attempt's revenue).</summary>
        Revenue,
    }

    /// <summary>The span a target and a KPI figure are counted over: a day, or a week from Monday.</summary>
    public enum KpiPeriod
    {
        Day,
        Week,
    }

    /// <summary>One piece of a rep's work, on the day it was done: one call, one task, one conversion (amount 1), or the revenue of one.</summary>
    public sealed class RepWorkItem
    {
        public RepWorkItem(string rep, DateTime on, RepKpi kpi, decimal amount = 1m)
        {
            Rep = rep ?? throw new ArgumentNullException(nameof(rep));
            On = on.Date;
            Kpi = kpi;
            Amount = amount;
        }

        /// <summary>The rep's id (the owner of the work).</summary>
        public string Rep { get; }

        public DateTime On { get; }

        public RepKpi Kpi { get; }

        public decimal Amount { get; }
    }

    /// <summary>
    /// A manager's target (an rx_reptarget row): for a rep or a team (its owner), one KPI, per day or per week, a value,
    /// from a date. It applies to every period that starts on or after that date, until a later one for the same owner,
    /// KPI and period replaces it.
    /// </summary>
    public sealed class RepTarget
    {
        public RepTarget(string owner, RepKpi kpi, KpiPeriod period, decimal value, DateTime validFrom)
        {
            Owner = owner ?? throw new ArgumentNullException(nameof(owner));
            Kpi = kpi;
            Period = period;
            Value = value;
            ValidFrom = validFrom.Date;
        }

        /// <summary>The rep's or the team's id.</summary>
        public string Owner { get; }

        public RepKpi Kpi { get; }

        public KpiPeriod Period { get; }

        public decimal Value { get; }

        public DateTime ValidFrom { get; }
    }

    /// <summary>One rep's figure for one KPI in one day or week, with the target that applied and how much of it was done.</summary>
    public sealed class RepKpiRow
    {
        internal RepKpiRow(string rep, KpiPeriod period, DateTime start, RepKpi kpi, decimal actual, RepTarget? target, bool teamTarget)
        {
            Rep = rep;
            Period = period;
            Start = start;
            Kpi = kpi;
            Actual = actual;
            Target = target?.Value;
            TeamTarget = teamTarget;
            if (target != null && target.Value > 0) Completion = (double)(actual / target.Value);
        }

        public string Rep { get; }

        public KpiPeriod Period { get; }

        /// <summary>The day, or the Monday the week starts on.</summary>
        public DateTime Start { get; }

        public RepKpi Kpi { get; }

        public decimal Actual { get; }

        /// <summary>The target that applied; null when the manager set none for the rep or their teams.</summary>
        public decimal? Target { get; }

        /// <summary>The target is the team's, not the rep's own.</summary>
        public bool TeamTarget { get; }

        /// <summary>Actual / target (1 = done, above 1 = more than asked); null without a target above 0.</summary>
        public double? Completion { get; }
    }

    /// <summary>
    /// Per rep, per day or week, per KPI: what was done against the target. A rep's own target wins over a team's (a
    /// manager sets one to single a rep out); among several teams' targets the latest valid-from wins, then the
    /// team id in ordinal order, so the answer does not depend on the order rows were read.
    /// </summary>
    public static class RepKpis
    {
        private static readonly RepKpi[] AllKpis = (RepKpi[])Enum.GetValues(typeof(RepKpi));

        /// <summary>The KPIs in the order a manager reads them.</summary>
        public static IReadOnlyList<RepKpi> Kpis => AllKpis;

        /// <summary>The Monday of the day's week.</summary>
        public static DateTime WeekStart(DateTime day) => day.Date.AddDays(-(((int)day.DayOfWeek + 6) % 7));

        /// <summary>The start of the period the day falls in.</summary>
        public static DateTime PeriodStart(DateTime day, KpiPeriod period) => period == KpiPeriod.Week ? WeekStart(day) : day.Date;

        /// <param name="reps">Every rep to report, each with the ids of the teams they belong to.</param>
        /// <param name="from">The first day to report (its period is reported whole).</param>
        /// <param name="to">The last day to report.</param>
        /// <returns>Rep by rep (in the order given), period by period, KPI by KPI; a rep with no work in a period still has its rows, at 0.</returns>
        public static IList<RepKpiRow> Of(IEnumerable<RepWorkItem> work, IEnumerable<RepTarget> targets, IList<KeyValuePair<string, IList<string>>> reps, KpiPeriod period, DateTime from, DateTime to)
        {
            if (work == null) throw new ArgumentNullException(nameof(work));
            if (targets == null) throw new ArgumentNullException(nameof(targets));
            if (reps == null) throw new ArgumentNullException(nameof(reps));
            var actuals = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var item in work)
            {
                var key = Key(item.Rep, PeriodStart(item.On, period), item.Kpi);
                actuals.TryGetValue(key, out var sum);
                actuals[key] = sum + item.Amount;
            }

            var ofPeriod = targets.Where(t => t.Period == period).ToList();
            var rows = new List<RepKpiRow>();
            var first = PeriodStart(from, period);
            var last = to.Date;
            foreach (var rep in reps)
            {
                for (var start = first; start <= last; start = period == KpiPeriod.Week ? start.AddDays(7) : start.AddDays(1))
                {
                    foreach (var kpi in AllKpis)
                    {
                        var own = Latest(ofPeriod.Where(t => t.Kpi == kpi && t.Owner == rep.Key && t.ValidFrom <= start));
                        var team = own == null ? Latest(ofPeriod.Where(t => t.Kpi == kpi && rep.Value.Contains(t.Owner) && t.ValidFrom <= start)) : null;
                        actuals.TryGetValue(Key(rep.Key, start, kpi), out var actual);
                        rows.Add(new RepKpiRow(rep.Key, period, start, kpi, actual, own ?? team, own == null && team != null));
                    }
                }
            }

            return rows;
        }

        private static RepTarget? Latest(IEnumerable<RepTarget> candidates) =>
            candidates.OrderByDescending(t => t.ValidFrom).ThenBy(t => t.Owner, StringComparer.Ordinal).FirstOrDefault();

        private static string Key(string rep, DateTime start, RepKpi kpi) => rep + "|" + start.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + ((int)kpi).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
