using System.Globalization;
using System.Net;
using System.Text;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// report.html: one self-contained page — inline CSS and SVG, no script, nothing fetched — with the stage flow over
/// time, the win-back funnel, suppressions, rep workload, the threshold calibration table and the response model.
/// </summary>
public static class SimulationReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One colour per stage, in ladder order.</summary>
    private static readonly string[] StageColours = ["#9e9e9e", "#64b5f6", "#43a047", "#fdd835", "#fb8c00", "#e53935", "#8e24aa", "#00897b"];

    public static string Render(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Reactivation simulation: ").Append(E(result.Scenario)).Append("</title>\n");
        html.Append("<style>\nbody{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}"
            + "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:right}th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}"
            + ".model{background:#fff8e1;border-left:4px solid #ffb300;padding:.5rem 1rem}.legend span{display:inline-block;margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}"
            + "svg text{font-size:11px;fill:#333}\n</style>\n</head>\n<body>\n");
        html.Append("<h1>Reactivation simulation</h1>\n<p>").Append(E(result.Scenario)).Append(", ").Append(D(result.From)).Append(" to ").Append(D(result.To))
            .Append(" (").Append(N(result.Days)).Append(" days). Rulesets: ").Append(E(result.Rulesets)).Append(".</p>\n");
        html.Append("<p>Customers ").Append(N(result.Customers)).Append(", orders ").Append(N(result.Orders)).Append(" (").Append(N(result.ModelOrders)).Append(" from the model), revenue ")
            .Append(M(result.OrderRevenue)).Append(". Daily evaluation: ").Append(N(result.EvaluationCalls)).Append(" calls, ").Append(N(result.StageChanges)).Append(" stage changes.</p>\n");

        StageFlow(html, result);
        Funnel(html, result);
        Suppressions(html, result);
        RepWorkload(html, result);
        Calibration(html, result);
        Offers(html, result);

        html.Append("<h2>Response model</h2>\n<div class=\"model\"><p><strong>This is a model, not measured behaviour.</strong> Replies, rep work and purchases after offers are drawn from these stated probabilities:</p>\n<ul>\n");
        foreach (var line in result.Model) html.Append("<li>").Append(E(line)).Append("</li>\n");
        html.Append("</ul></div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void StageFlow(StringBuilder html, SimulationResult result)
    {
        html.Append("<h2 id=\"stages\">Stage flow over time</h2>\n<p>Customers per lifecycle stage at each month end, as the organisation holds them.</p>\n");
        var stages = SimulationSummary.StageNames;
        const int width = 1000, height = 300, left = 50, bottom = 30;
        var snapshots = result.Snapshots;
        var max = Math.Max(1, snapshots.Count == 0 ? 1 : snapshots.Max(s => s.Stages.Values.Sum()));
        html.Append(Invariant, $"<svg role=\"img\" aria-label=\"Stage flow over time\" width=\"{width}\" height=\"{height + bottom}\" viewBox=\"0 0 {width} {height + bottom}\">\n");
        html.Append(Invariant, $"<line x1=\"{left}\" y1=\"{height}\" x2=\"{width}\" y2=\"{height}\" stroke=\"#999\"/>\n<text x=\"0\" y=\"12\">{N(max)}</text>\n<text x=\"0\" y=\"{height}\">0</text>\n");
        var slot = snapshots.Count == 0 ? 0 : (width - left) / (double)snapshots.Count;
        for (var i = 0; i < snapshots.Count; i++)
        {
            var y = (double)height;
            var x = left + (i * slot) + (slot * 0.1);
            for (var s = 0; s < stages.Count; s++)
            {
                var count = snapshots[i].Stages.GetValueOrDefault(stages[s]);
                if (count == 0) continue;
                var h = count * (height - 10) / (double)max;
                y -= h;
                html.Append(Invariant, $"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{slot * 0.8:F1}\" height=\"{h:F1}\" fill=\"{StageColours[s]}\"><title>{D(snapshots[i].Date)} {stages[s]}: {N(count)}</title></rect>\n");
            }

            html.Append(Invariant, $"<text x=\"{x:F1}\" y=\"{height + 15}\">{snapshots[i].Date:yyyy-MM}</text>\n");
        }

        html.Append("</svg>\n<p class=\"legend\">");
        for (var s = 0; s < stages.Count; s++) html.Append(Invariant, $"<span><i class=\"swatch\" style=\"background:{StageColours[s]}\"></i>{stages[s]}</span>");
        html.Append("</p>\n<table><tr><th>month end</th>");
        foreach (var stage in stages) html.Append("<th>").Append(stage).Append("</th>");
        html.Append("</tr>\n");
        foreach (var snapshot in snapshots)
        {
            html.Append("<tr><td>").Append(D(snapshot.Date)).Append("</td>");
            foreach (var stage in stages) html.Append("<td>").Append(N(snapshot.Stages.GetValueOrDefault(stage))).Append("</td>");
            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Funnel(StringBuilder html, SimulationResult result)
    {
        html.Append("<h2 id=\"funnel\">Win-back funnel</h2>\n<p>Attempts that reached the customer (not suppressed), those that got a response (a reply, or a call that reached them), and those converted by a purchase. Revenue from conversions: ")
            .Append(M(result.ConversionRevenue)).Append(".</p>\n");
        Bars(html, "Win-back funnel", [("attempted", SimulationSummary.Attempted(result)), ("responded", result.Responded), ("converted", result.Conversions)], "#1e88e5");
        html.Append("<p>Attempts by outcome: ").Append(E(string.Join(", ", result.AttemptsByOutcome.Select(o => o.Key + " " + N(o.Value))))).Append(". Created: ")
            .Append(N(result.Attempts)).Append(" attempts, ").Append(N(result.PhoneCalls)).Append(" phone calls, ").Append(N(result.Tasks)).Append(" tasks, ")
            .Append(N(result.Messages)).Append(" messages (").Append(N(result.MessagesReplied)).Append(" replied); incentives issued ").Append(N(result.IncentivesIssued))
            .Append(", redeemed ").Append(N(result.IncentivesRedeemed)).Append(".</p>\n");
        if (result.FunnelByChannel.Count == 0) return;
        html.Append("<p>Messages by channel, by the furthest point each reached as the sender wrote it back (in brackets, the share of the point before; visits and applications are the share of the clicks that the store's site or app wrote back, converted the share of clicked or replied).</p>\n")
            .Append("<table><tr><th>channel</th><th>sent</th><th>delivered</th><th>clicked or replied</th><th>visited or logged in</th><th>applied</th><th>converted</th></tr>\n");
        foreach (var (channel, funnel) in result.FunnelByChannel)
        {
            html.Append("<tr><td>").Append(E(channel)).Append("</td><td>").Append(N(funnel.Sent)).Append("</td><td>")
                .Append(N(funnel.Delivered)).Append(" (").Append(ChannelFunnel.Rate(funnel.Delivered, funnel.Sent).ToString("P0", Invariant)).Append(")</td><td>")
                .Append(N(funnel.ClickedOrReplied)).Append(" (").Append(ChannelFunnel.Rate(funnel.ClickedOrReplied, funnel.Delivered).ToString("P0", Invariant)).Append(")</td><td>")
                .Append(N(funnel.Visited)).Append(" (").Append(ChannelFunnel.Rate(funnel.Visited, funnel.ClickedOrReplied).ToString("P0", Invariant)).Append(")</td><td>")
                .Append(N(funnel.Applied)).Append(" (").Append(ChannelFunnel.Rate(funnel.Applied, funnel.Visited).ToString("P0", Invariant)).Append(")</td><td>")
                .Append(N(funnel.Converted)).Append(" (").Append(ChannelFunnel.Rate(funnel.Converted, funnel.ClickedOrReplied).ToString("P0", Invariant)).Append(")</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Suppressions(StringBuilder html, SimulationResult result)
    {
        html.Append("<h2 id=\"suppressions\">Suppressions</h2>\n<p>Attempts the contact policy suppressed entirely, by the reason codes that blocked them (cap reached, no consent = OptedOut, Lost outside a campaign, …); and messages held for quiet hours (sent later, not dropped): ")
            .Append(N(result.MessagesDeferred)).Append(".</p>\n");
        var bars = result.SuppressionsByReason.Select(s => (s.Key, s.Value)).Append(("quiet hours (held)", result.MessagesDeferred)).ToList();
        Bars(html, "Suppressions by reason", bars, "#e53935");
    }

    private static void RepWorkload(StringBuilder html, SimulationResult result)
    {
        html.Append("<h2 id=\"reps\">Rep workload</h2>\n<p>Calls and tasks each owner was given and worked (the model decides who works what), the attempts they own that converted, and those assigned to them that the contact policy suppressed.</p>\n");
        var reps = result.Reps.Values.ToList();
        string[] series = ["calls made", "tasks done", "left open", "conversions"];
        string[] colours = ["#1e88e5", "#43a047", "#bdbdbd", "#fb8c00"];
        const int width = 1000, height = 220, bottom = 30, left = 50;
        var max = Math.Max(1, reps.Count == 0 ? 1 : reps.Max(r => Math.Max(Math.Max(r.CallsMade, r.TasksDone), Math.Max(r.LeftOpen, r.Conversions))));
        html.Append(Invariant, $"<svg role=\"img\" aria-label=\"Rep workload\" width=\"{width}\" height=\"{height + bottom}\" viewBox=\"0 0 {width} {height + bottom}\">\n<text x=\"0\" y=\"12\">{N(max)}</text>\n");
        var slot = reps.Count == 0 ? 0 : (width - left) / (double)reps.Count;
        for (var i = 0; i < reps.Count; i++)
        {
            int[] values = [reps[i].CallsMade, reps[i].TasksDone, reps[i].LeftOpen, reps[i].Conversions];
            var barWidth = slot * 0.8 / values.Length;
            for (var v = 0; v < values.Length; v++)
            {
                var h = values[v] * (height - 10) / (double)max;
                var x = left + (i * slot) + (slot * 0.1) + (v * barWidth);
                html.Append(Invariant, $"<rect x=\"{x:F1}\" y=\"{height - h:F1}\" width=\"{barWidth:F1}\" height=\"{h:F1}\" fill=\"{colours[v]}\"><title>{E(reps[i].Name)} {series[v]}: {N(values[v])}</title></rect>\n");
            }

            html.Append(Invariant, $"<text x=\"{left + (i * slot) + (slot * 0.1):F1}\" y=\"{height + 15}\">{E(reps[i].Name)}</text>\n");
        }

        html.Append("</svg>\n<p class=\"legend\">");
        for (var v = 0; v < series.Length; v++) html.Append(Invariant, $"<span><i class=\"swatch\" style=\"background:{colours[v]}\"></i>{series[v]}</span>");
        html.Append("</p>\n<table><tr><th>owner</th><th>calls given</th><th>calls made</th><th>tasks given</th><th>tasks done</th><th>left open</th><th>attempts</th><th>conversions</th><th>revenue</th><th>suppressed</th></tr>\n");
        foreach (var r in reps)
        {
            html.Append("<tr><td>").Append(E(r.Name)).Append("</td><td>").Append(N(r.CallsAssigned)).Append("</td><td>").Append(N(r.CallsMade)).Append("</td><td>").Append(N(r.TasksAssigned))
                .Append("</td><td>").Append(N(r.TasksDone)).Append("</td><td>").Append(N(r.LeftOpen)).Append("</td><td>").Append(N(r.AttemptsOwned)).Append("</td><td>")
                .Append(N(r.Conversions)).Append("</td><td>").Append(M(r.Revenue)).Append("</td><td>").Append(N(r.Suppressed)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Calibration(StringBuilder html, SimulationResult result)
    {
        html.Append("<h2 id=\"calibration\">Threshold calibration</h2>\n<p>Of the customers the ladder called Sleeping or Lost on a day, the share that bought again anyway within 30, 90 and 180 days. Only days at least that long before the run's end count. A high share means the threshold calls customers dormant too early.</p>\n");
        html.Append("<table><tr><th>stage entered</th><th>within</th><th>stage entries</th><th>bought again</th><th>share</th></tr>\n");
        foreach (var row in result.Calibration)
        {
            html.Append("<tr><td>").Append(row.Stage).Append("</td><td>").Append(N(row.Days)).Append(" days</td><td>").Append(N(row.Entries)).Append("</td><td>")
                .Append(N(row.BoughtAgain)).Append("</td><td>").Append(row.Share.ToString("P1", Invariant)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        html.Append("<p>The same stage entries by the customer's own rhythm: how many had one (two or more purchase dates), and the quartiles of their OverdueFactor (days since the last purchase / their average days between purchases) on the day they entered the stage. A ladder on fixed days spreads them widely; one on the customer's own rhythm gathers them just past its factor thresholds.</p>\n");
        html.Append("<table><tr><th>stage entered</th><th>stage entries</th><th>with a rhythm</th><th>OverdueFactor 25 %</th><th>median</th><th>75 %</th></tr>\n");
        foreach (var row in result.CadenceAtEntry)
        {
            html.Append("<tr><td>").Append(row.Stage).Append("</td><td>").Append(N(row.Entries)).Append("</td><td>").Append(N(row.WithFactor)).Append("</td><td>")
                .Append(CadenceRow.Format(row.LowerQuartile)).Append("</td><td>").Append(CadenceRow.Format(row.Median)).Append("</td><td>").Append(CadenceRow.Format(row.UpperQuartile)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Offers(StringBuilder html, SimulationResult result)
    {
        html.Append("<h2 id=\"offers\">Offers by dormancy reason</h2>\n<table><tr><th>offer</th><th>reasons at the start of the attempt</th></tr>\n");
        foreach (var (offer, reasons) in result.OffersByReason)
        {
            html.Append("<tr><td>").Append(E(offer)).Append("</td><td style=\"text-align:left\">").Append(E(string.Join(", ", reasons.Select(r => r.Key + " " + N(r.Value))))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>A horizontal bar chart of labelled counts.</summary>
    private static void Bars(StringBuilder html, string label, List<(string Name, int Value)> bars, string colour)
    {
        const int width = 1000, row = 28, labelWidth = 180;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        html.Append(Invariant, $"<svg role=\"img\" aria-label=\"{E(label)}\" width=\"{width}\" height=\"{(bars.Count * row) + 10}\" viewBox=\"0 0 {width} {(bars.Count * row) + 10}\">\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var w = bars[i].Value * (width - labelWidth - 80) / (double)max;
            html.Append(Invariant, $"<text x=\"0\" y=\"{(i * row) + 18}\">{E(bars[i].Name)}</text><rect x=\"{labelWidth}\" y=\"{(i * row) + 4}\" width=\"{w:F1}\" height=\"{row - 8}\" fill=\"{colour}\"/><text x=\"{labelWidth + w + 5:F1}\" y=\"{(i * row) + 18}\">{N(bars[i].Value)}</text>\n");
        }

        html.Append("</svg>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    private static string N(int value) => value.ToString("N0", Invariant);

    private static string M(decimal value) => value.ToString("N2", Invariant);
}
