using System.Globalization;
using Newtonsoft.Json;

namespace Reactivation.Cli.Simulation;

/// <summary>The run's results as text for a person and as JSON for a machine (same numbers).</summary>
public static partial class SimulationSummary
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The stages in ladder order (Core's LifecycleStage), the columns of every stage table.</summary>
    public static IReadOnlyList<string> StageNames { get; } = Enum.GetNames<Reactivation.Core.Decisions.LifecycleStage>();

    public static void WriteText(SimulationResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var w = output;
        w.WriteLine(string.Create(Invariant, $"Simulated {result.Scenario}, {result.From:yyyy-MM-dd} to {result.To:yyyy-MM-dd} ({result.Days} days) in {result.ElapsedSeconds:F1} s, peak memory {result.PeakWorkingSetBytes / (1024 * 1024)} MB."));
        w.WriteLine("Rulesets: " + result.Rulesets);
        w.WriteLine(string.Create(Invariant, $"Customers {result.Customers}, orders {result.Orders} ({result.ModelOrders} from the model), revenue {result.OrderRevenue:N2}."));
        if (result.HistoryOrders > 0) w.WriteLine(string.Create(Invariant, $"Before the first day: {result.HistoryOrders} earlier orders entered at the start as the store's past (not counted above)."));
        w.WriteLine(string.Create(Invariant, $"Daily evaluation: {result.EvaluationCalls} calls of rx_EvaluateDueContacts, {result.Evaluated} contacts evaluated, {result.StageChanges} stage changes."));
        w.WriteLine();
        w.WriteLine("Customers per stage at each month end:");
        var header = "  " + "month end".PadRight(12) + string.Concat(StageNames.Select(s => s.PadLeft(12)));
        w.WriteLine(header);
        foreach (var snapshot in result.Snapshots)
        {
            w.WriteLine("  " + snapshot.Date.ToString("yyyy-MM-dd", Invariant).PadRight(12) + string.Concat(StageNames.Select(s => snapshot.Stages.GetValueOrDefault(s).ToString(Invariant).PadLeft(12))));
        }

        WriteOctants(w, result);
        w.WriteLine();
        w.WriteLine(string.Create(Invariant, $"Attempts {result.Attempts} ({Join(result.AttemptsByOutcome)}; by purpose {Join(result.AttemptsByPurpose)}); tasks {result.Tasks}, phone calls {result.PhoneCalls}, messages {result.Messages} ({result.MessagesDeferred} held for quiet hours, {result.MessagesReplied} replied)."));
        w.WriteLine(string.Create(Invariant, $"Win-back funnel: attempted {Attempted(result)} -> responded {result.Responded} -> converted {result.Conversions}; revenue from conversions {result.ConversionRevenue:N2}."));
        w.WriteLine("Messages by channel (sent -> delivered -> clicked or replied -> converted):");
        foreach (var (channel, funnel) in result.FunnelByChannel)
        {
            w.WriteLine(string.Create(Invariant, $"  {channel,-8}{funnel.Sent} -> {funnel.Delivered} ({ChannelFunnel.Rate(funnel.Delivered, funnel.Sent):P0}) -> {funnel.ClickedOrReplied} ({ChannelFunnel.Rate(funnel.ClickedOrReplied, funnel.Delivered):P0}) -> {funnel.Converted} ({ChannelFunnel.Rate(funnel.Converted, funnel.ClickedOrReplied):P0}); of the clicks, visited or logged in {funnel.Visited} ({ChannelFunnel.Rate(funnel.Visited, funnel.ClickedOrReplied):P0}) -> applied {funnel.Applied} ({ChannelFunnel.Rate(funnel.Applied, funnel.Visited):P0})"));
        }

        w.WriteLine(string.Create(Invariant, $"Incentives issued {result.IncentivesIssued}, redeemed {result.IncentivesRedeemed}."));
        w.WriteLine("Suppressions by reason (suppressed attempts): " + (result.SuppressionsByReason.Count == 0 ? "none" : Join(result.SuppressionsByReason)));
        w.WriteLine();
        w.WriteLine("Offers by dormancy reason (attempts):");
        foreach (var (offer, reasons) in result.OffersByReason) w.WriteLine("  " + offer.PadRight(28) + Join(reasons));
        w.WriteLine();
        w.WriteLine("Work per rep:");
        w.WriteLine("  " + "owner".PadRight(16) + "calls".PadLeft(8) + "made".PadLeft(8) + "tasks".PadLeft(8) + "done".PadLeft(8) + "open".PadLeft(8) + "attempts".PadLeft(10) + "converted".PadLeft(11) + "revenue".PadLeft(12) + "suppressed".PadLeft(12));
        foreach (var rep in result.Reps.Values)
        {
            w.WriteLine(string.Create(Invariant, $"  {rep.Name,-16}{rep.CallsAssigned,8}{rep.CallsMade,8}{rep.TasksAssigned,8}{rep.TasksDone,8}{rep.LeftOpen,8}{rep.AttemptsOwned,10}{rep.Conversions,11}{rep.Revenue,12:N2}{rep.Suppressed,12}"));
        }

        w.WriteLine();
        w.WriteLine("Threshold calibration: of the customers the ladder called Sleeping or Lost on a day, the share that bought again anyway within:");
        foreach (var row in result.Calibration)
        {
            w.WriteLine(string.Create(Invariant, $"  {row.Stage,-9} {row.Days,3} days: {row.BoughtAgain,6} of {row.Entries,6} stage entries ({row.Share:P1})"));
        }

        w.WriteLine("Own cadence at those stage entries: customers with a rhythm (two or more purchase dates) and their OverdueFactor (days since the last purchase / their average days between purchases):");
        foreach (var row in result.CadenceAtEntry)
        {
            w.WriteLine(string.Create(Invariant, $"  {row.Stage,-9} {row.WithFactor,6} of {row.Entries,6} stage entries with a rhythm; OverdueFactor quartiles {CadenceRow.Format(row.LowerQuartile)} / {CadenceRow.Format(row.Median)} / {CadenceRow.Format(row.UpperQuartile)}"));
        }

        w.WriteLine();
        w.WriteLine("Response model (a MODEL, not measured behaviour):");
        foreach (var line in result.Model) w.WriteLine("  - " + line);
    }

    public static int Attempted(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Attempts - result.AttemptsByOutcome.GetValueOrDefault("Suppressed");
    }

    /// <summary>The machine-readable results: <c>{"snapshots":[{"date":"1997-01-31","stages":{"Active":827,...}}, ...], ...}</c>.</summary>
    public static string ToJson(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var text = new StringWriter(Invariant);
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.Indented })
        {
            w.WriteStartObject();
            Property(w, "scenario", result.Scenario);
            Property(w, "from", result.From.ToString("yyyy-MM-dd", Invariant));
            Property(w, "to", result.To.ToString("yyyy-MM-dd", Invariant));
            Property(w, "rulesets", result.Rulesets);
            w.WritePropertyName("snapshots");
            w.WriteStartArray();
            foreach (var snapshot in result.Snapshots)
            {
                w.WriteStartObject();
                Property(w, "date", snapshot.Date.ToString("yyyy-MM-dd", Invariant));
                w.WritePropertyName("stages");
                w.WriteStartObject();
                foreach (var stage in StageNames) Property(w, stage, snapshot.Stages.GetValueOrDefault(stage));
                w.WriteEndObject();
                OctantsJson(w, snapshot);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Property(w, "customers", result.Customers);
            Property(w, "orders", result.Orders);
            Property(w, "modelOrders", result.ModelOrders);
            Property(w, "historyOrders", result.HistoryOrders);
            Property(w, "orderRevenue", result.OrderRevenue);
            Property(w, "evaluationCalls", result.EvaluationCalls);
            Property(w, "evaluated", result.Evaluated);
            Property(w, "stageChanges", result.StageChanges);
            Property(w, "attempts", result.Attempts);
            Counts(w, "attemptsByOutcome", result.AttemptsByOutcome);
            Counts(w, "attemptsByPurpose", result.AttemptsByPurpose);
            Property(w, "tasks", result.Tasks);
            Property(w, "phoneCalls", result.PhoneCalls);
            Property(w, "messages", result.Messages);
            Property(w, "messagesDeferredForQuietHours", result.MessagesDeferred);
            Property(w, "messagesReplied", result.MessagesReplied);
            w.WritePropertyName("funnel");
            w.WriteStartObject();
            Property(w, "attempted", Attempted(result));
            Property(w, "responded", result.Responded);
            Property(w, "converted", result.Conversions);
            Property(w, "revenue", result.ConversionRevenue);
            w.WriteEndObject();
            w.WritePropertyName("funnelByChannel");
            w.WriteStartObject();
            foreach (var (channel, funnel) in result.FunnelByChannel)
            {
                w.WritePropertyName(channel);
                w.WriteStartObject();
                Property(w, "sent", funnel.Sent);
                Property(w, "delivered", funnel.Delivered);
                Property(w, "clickedOrReplied", funnel.ClickedOrReplied);
                Property(w, "visitedOrLoggedIn", funnel.Visited);
                Property(w, "applied", funnel.Applied);
                Property(w, "converted", funnel.Converted);
                Property(w, "deliveredRate", ChannelFunnel.Rate(funnel.Delivered, funnel.Sent));
                Property(w, "clickedOrRepliedRate", ChannelFunnel.Rate(funnel.ClickedOrReplied, funnel.Delivered));
                Property(w, "visitedOrLoggedInRate", ChannelFunnel.Rate(funnel.Visited, funnel.ClickedOrReplied));
                Property(w, "appliedRate", ChannelFunnel.Rate(funnel.Applied, funnel.Visited));
                Property(w, "convertedRate", ChannelFunnel.Rate(funnel.Converted, funnel.ClickedOrReplied));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            Property(w, "attemptsReachingWake", result.AttemptsReachingWake);
            Property(w, "attemptsConvertedAfterWake", result.AttemptsConvertedAfterWake);
            Property(w, "suppressedWithoutRetry", result.SuppressedWithoutRetry);
            Property(w, "suppressedOptedOutOfEveryChannel", result.SuppressedOptedOutOfEveryChannel);
            Property(w, "openPastDeadline", result.OpenPastDeadline);
            Property(w, "incentivesIssued", result.IncentivesIssued);
            Property(w, "incentivesRedeemed", result.IncentivesRedeemed);
            Counts(w, "suppressionsByReason", result.SuppressionsByReason);
            w.WritePropertyName("offersByReason");
            w.WriteStartObject();
            foreach (var (offer, reasons) in result.OffersByReason) Counts(w, offer, reasons);
            w.WriteEndObject();
            w.WritePropertyName("reps");
            w.WriteStartArray();
            foreach (var rep in result.Reps.Values)
            {
                w.WriteStartObject();
                Property(w, "name", rep.Name);
                Property(w, "callsAssigned", rep.CallsAssigned);
                Property(w, "callsMade", rep.CallsMade);
                Property(w, "tasksAssigned", rep.TasksAssigned);
                Property(w, "tasksDone", rep.TasksDone);
                Property(w, "leftOpen", rep.LeftOpen);
                Property(w, "attempts", rep.AttemptsOwned);
                Property(w, "conversions", rep.Conversions);
                Property(w, "revenue", rep.Revenue);
                Property(w, "suppressed", rep.Suppressed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("calibration");
            w.WriteStartArray();
            foreach (var row in result.Calibration)
            {
                w.WriteStartObject();
                Property(w, "stage", row.Stage);
                Property(w, "days", row.Days);
                Property(w, "entries", row.Entries);
                Property(w, "boughtAgain", row.BoughtAgain);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("cadenceAtEntry");
            w.WriteStartArray();
            foreach (var row in result.CadenceAtEntry)
            {
                w.WriteStartObject();
                Property(w, "stage", row.Stage);
                Property(w, "entries", row.Entries);
                Property(w, "withFactor", row.WithFactor);
                Property(w, "lowerQuartile", row.LowerQuartile);
                Property(w, "median", row.Median);
                Property(w, "upperQuartile", row.UpperQuartile);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Uplift(w, result.Uplift);
            w.WritePropertyName("model");
            w.WriteStartArray();
            foreach (var line in result.Model) w.WriteValue(line);
            w.WriteEndArray();
            Property(w, "elapsedSeconds", Math.Round(result.ElapsedSeconds, 2));
            Property(w, "peakWorkingSetBytes", result.PeakWorkingSetBytes);
            w.WriteEndObject();
        }

        return text.ToString();
    }

    /// <summary><c>holdoutShare</c> and <c>uplift</c>: one row per stage and offer (shares 0–1; difference and interval null below the minimum).</summary>
    private static void Uplift(JsonTextWriter w, Reactivation.Core.Measurement.UpliftTable? uplift)
    {
        Property(w, "holdoutShare", uplift?.HoldoutShare ?? 0);
        w.WritePropertyName("uplift");
        w.WriteStartArray();
        foreach (var cell in uplift?.Cells ?? [])
        {
            var e = cell.Estimate;
            w.WriteStartObject();
            Property(w, "stage", cell.Stage);
            Property(w, "offer", cell.Offer);
            Property(w, "treated", e.TreatedCustomers);
            Property(w, "holdout", e.HoldoutCustomers);
            Property(w, "treatedConversion", e.TreatedConversion);
            Property(w, "holdoutConversion", e.HoldoutConversion);
            Property(w, "difference", e.Difference);
            Property(w, "ciLow", e.DifferenceInterval?.Low);
            Property(w, "ciHigh", e.DifferenceInterval?.High);
            Property(w, "enoughData", e.EnoughData);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Join(IEnumerable<KeyValuePair<string, int>> counts) => string.Join(", ", counts.Select(c => c.Key + " " + c.Value.ToString(Invariant)));

    private static void Property(JsonTextWriter w, string name, object? value)
    {
        w.WritePropertyName(name);
        w.WriteValue(value);
    }

    private static void Counts(JsonTextWriter w, string name, IEnumerable<KeyValuePair<string, int>> counts)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        foreach (var (key, count) in counts) Property(w, key, count);
        w.WriteEndObject();
    }
}
