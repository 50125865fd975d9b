using System.Net;
using System.Text;
using Reactivation.Core.Measurement;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// The weekly review as one self-contained HTML page (inline CSS, no script, nothing fetched), whole in one language:
/// a section per week, latest first and open, the earlier ones folded; each with the stage flow, the funnel per
/// channel, treated against held-out conversion with its interval, the offers ranked, and the rep table. Every figure
/// comes from Core's <see cref="WeeklyReview"/>.
/// </summary>
public static class WeeklyReviewPage
{
    public static string Render(IList<ReviewWeek> weeks, IReadOnlyList<ReviewRep> reps, DateOnly from, DateOnly to, WeeklyReviewText text)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(reps);
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(text.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(text.Title)).Append("</title>\n");
        html.Append("<style>\nbody{font-family:system-ui,\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2rem auto;max-width:1150px;color:#222}h1{font-size:1.5rem}"
            + "details{border:1px solid #ddd;border-radius:4px;margin:.8rem 0;padding:.3rem 1rem}summary{font-size:1.15rem;font-weight:600;cursor:pointer;padding:.3rem 0}h3{font-size:1rem;margin:1.2rem 0 .3rem}"
            + "table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:right}th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}"
            + ".note{color:#555;font-size:.9rem;margin:.2rem 0}.low{color:#c62828}.done{color:#2e7d32}.bar{display:inline-block;height:.6rem;background:#1e88e5;vertical-align:middle;margin-right:.3rem}\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(text.Title)).Append("</h1>\n<p>").Append(E(text.Period(from, to))).Append("</p>\n<p class=\"note\">").Append(E(text.Intro)).Append("</p>\n");
        var names = reps.ToDictionary(r => WeeklyReviewReader.Key(r.Id), r => r.Name, StringComparer.Ordinal);
        for (var i = weeks.Count - 1; i >= 0; i--)
        {
            var week = weeks[i];
            html.Append(i == weeks.Count - 1 ? "<details open>\n" : "<details>\n").Append("<summary>").Append(E(text.Week(week.Start, week.End))).Append("</summary>\n");
            StageFlow(html, week, text);
            Funnel(html, week, text);
            Uplift(html, week, text);
            Offers(html, week, text);
            Reps(html, week, names, text);
            html.Append("</details>\n");
        }

        html.Append("<p class=\"note\">").Append(E(text.Definitions)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void StageFlow(StringBuilder html, ReviewWeek week, WeeklyReviewText text)
    {
        html.Append("<h3>").Append(E(text.StageFlow)).Append("</h3>\n");
        var moved = week.StageFlow.Where(s => s.Entered + s.Left > 0).ToList();
        if (moved.Count == 0)
        {
            html.Append("<p class=\"note\">").Append(E(text.NoMoves)).Append("</p>\n");
            return;
        }

        var max = Math.Max(1, moved.Max(s => Math.Max(s.Entered, s.Left)));
        html.Append("<table><tr><th>").Append(E(text.Stage)).Append("</th><th>").Append(E(text.Entered)).Append("</th><th>").Append(E(text.Left)).Append("</th><th>").Append(E(text.Net)).Append("</th></tr>\n");
        foreach (var row in moved)
        {
            html.Append("<tr><td>").Append(E(text.StageName(row.Stage))).Append("</td><td>").Append(Bar(row.Entered, max)).Append(text.Number(row.Entered)).Append("</td><td>")
                .Append(text.Number(row.Left)).Append("</td><td>").Append((row.Entered - row.Left).ToString("+#,0;-#,0;0", text.Culture)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Funnel(StringBuilder html, ReviewWeek week, WeeklyReviewText text)
    {
        html.Append("<h3>").Append(E(text.Funnel)).Append("</h3>\n");
        if (week.Funnel.Count == 0)
        {
            html.Append("<p class=\"note\">").Append(E(text.NoMessages)).Append("</p>\n");
            return;
        }

        html.Append("<p class=\"note\">").Append(E(text.FunnelNote)).Append("</p>\n<table><tr><th>").Append(E(text.Channel)).Append("</th>");
        foreach (var point in WeeklyReview.FunnelPoints) html.Append("<th>").Append(E(text.Point(point))).Append("</th>");
        html.Append("</tr>\n");
        foreach (var channel in week.Funnel)
        {
            html.Append("<tr><td>").Append(E(text.ChannelName(channel.Channel))).Append("</td>");
            for (var p = 0; p < channel.Points.Count; p++)
            {
                var point = channel.Points[p];
                html.Append("<td>").Append(text.Number(point.Count));
                if (p > 0) html.Append(" (").Append(point.Rate is { } rate ? text.Share(rate) : "–").Append(')');
                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Uplift(StringBuilder html, ReviewWeek week, WeeklyReviewText text)
    {
        html.Append("<h3>").Append(E(text.Uplift)).Append("</h3>\n<p class=\"note\">").Append(E(text.UpliftNote)).Append("</p>\n<table><tr><th></th><th>")
            .Append(E(text.Contacted)).Append("</th><th>").Append(E(text.BoughtContacted)).Append("</th><th>").Append(E(text.HeldOut)).Append("</th><th>")
            .Append(E(text.BoughtHeldOut)).Append("</th><th>").Append(E(text.Difference)).Append("</th><th>").Append(E(text.Interval)).Append("</th></tr>\n");
        foreach (var (label, estimate) in new[] { (text.ThisWeek, week.Uplift), (text.SoFar, week.UpliftToDate) })
        {
            html.Append("<tr class=\"uplift\"><td>").Append(E(label)).Append("</td>");
            EstimateCells(html, estimate, text);
            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Offers(StringBuilder html, ReviewWeek week, WeeklyReviewText text)
    {
        html.Append("<h3>").Append(E(text.Offers)).Append("</h3>\n");
        if (week.Offers.Count == 0)
        {
            html.Append("<p class=\"note\">").Append(E(text.NoOffers)).Append("</p>\n");
            return;
        }

        html.Append("<p class=\"note\">").Append(E(text.OffersNote)).Append("</p>\n<table><tr><th>").Append(E(text.Rank)).Append("</th><th>").Append(E(text.Offer)).Append("</th><th>")
            .Append(E(text.Contacted)).Append("</th><th>").Append(E(text.BoughtContacted)).Append("</th><th>").Append(E(text.HeldOut)).Append("</th><th>")
            .Append(E(text.BoughtHeldOut)).Append("</th><th>").Append(E(text.Difference)).Append("</th><th>").Append(E(text.Interval)).Append("</th></tr>\n");
        for (var i = 0; i < week.Offers.Count; i++)
        {
            html.Append("<tr><td>").Append(text.Number(i + 1L)).Append("</td><td style=\"text-align:left\">").Append(E(text.OfferName(week.Offers[i].Offer))).Append("</td>");
            EstimateCells(html, week.Offers[i].Estimate, text);
            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void EstimateCells(StringBuilder html, UpliftEstimate estimate, WeeklyReviewText text)
    {
        html.Append("<td>").Append(text.Number(estimate.TreatedCustomers)).Append("</td><td>").Append(estimate.TreatedConversion is { } t ? text.Share(t) : "–").Append("</td><td>")
            .Append(text.Number(estimate.HoldoutCustomers)).Append("</td><td>").Append(estimate.HoldoutConversion is { } h ? text.Share(h) : "–").Append("</td>");
        if (estimate.EnoughData && estimate.Difference is { } difference && estimate.DifferenceInterval is { } interval)
        {
            html.Append("<td>").Append(E(text.Points(difference))).Append("</td><td>").Append(E(text.Range(interval))).Append("</td>");
        }
        else
        {
            html.Append("<td colspan=\"2\" class=\"note\">").Append(E(text.NotEnoughData)).Append("</td>");
        }
    }

    private static void Reps(StringBuilder html, ReviewWeek week, Dictionary<string, string> names, WeeklyReviewText text)
    {
        html.Append("<h3>").Append(E(text.Reps)).Append("</h3>\n<p class=\"note\">").Append(E(text.RepsNote)).Append("</p>\n<table><tr><th>").Append(E(text.Rep)).Append("</th>");
        foreach (var kpi in RepKpis.Kpis) html.Append("<th>").Append(E(text.Kpi(kpi))).Append("</th>");
        html.Append("</tr>\n");
        foreach (var rep in week.Reps.GroupBy(r => r.Rep, StringComparer.Ordinal))
        {
            html.Append("<tr class=\"rep\"><td>").Append(E(names.GetValueOrDefault(rep.Key) ?? rep.Key)).Append("</td>");
            foreach (var row in rep)
            {
                html.Append("<td>").Append(text.Number(row.Actual));
                if (row.Target is { } target)
                {
                    html.Append(" / ").Append(text.Number(target));
                    if (row.TeamTarget) html.Append(' ').Append(E(text.Team));
                    if (row.Completion is { } completion)
                    {
                        html.Append(" <span class=\"").Append(completion >= 1 ? "done" : completion < 0.5 ? "low" : "").Append("\">(").Append(text.Share(completion)).Append(")</span>");
                    }
                }
                else
                {
                    html.Append(" <span class=\"note\">(").Append(E(text.NoTarget)).Append(")</span>");
                }

                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Bar(int value, int max) => $"<i class=\"bar\" style=\"width:{Math.Round(80.0 * value / max)}px\"></i>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
