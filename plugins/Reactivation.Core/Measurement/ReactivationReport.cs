using System;
using System.Globalization;
using System.IO;
using Reactivation.Core.Json;

namespace Reactivation.Core.Measurement
{
    /// <summary>
    /// The reactivation report a manager reads (rx_ReactivationReport's Report, documented in solution/README.md): for
    /// the attempts started in a date range, treated against held-out customers per stage and offer and per reason —
    /// customers, conversion, revenue per customer, the difference with its 95 % interval, or "not enough data" below
    /// <see cref="UpliftEstimate.MinimumPerGroup"/> per group —, the attribution counts and revenue, and the funnel per
    /// channel with the rate at each conversion point.
    /// </summary>
    public static class ReactivationReport
    {
        private static readonly string[] PointNames = { "sent", "delivered", "clickedOrReplied", "visitedOrLoggedIn", "applied", "converted" };

        public static string Render(ReportSums sums, DateTime fromUtc, DateTime toUtc, DateTime asOfUtc)
        {
            if (sums is null) throw new ArgumentNullException(nameof(sums));
            using (var text = new StringWriter(CultureInfo.InvariantCulture))
            {
                var w = new JsonWriter(text);
                w.WriteStartObject();
                Property(w, "from", Instant(fromUtc));
                Property(w, "to", Instant(toUtc));
                Property(w, "asOf", Instant(asOfUtc));
                w.WritePropertyName("minimumPerGroup");
                w.WriteValue(UpliftEstimate.MinimumPerGroup);
                var table = sums.Uplift.Table();
                w.WritePropertyName("attempts");
                w.WriteValue(sums.Uplift.Attempts);
                w.WritePropertyName("holdoutShare");
                w.WriteValue((double?)table.HoldoutShare);
                w.WritePropertyName("uplift");
                w.WriteStartArray();
                foreach (var cell in table.Cells)
                {
                    w.WriteStartObject();
                    Property(w, "stage", cell.Stage);
                    Property(w, "offer", cell.Offer);
                    Estimate(w, cell.Estimate);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WritePropertyName("upliftByReason");
                w.WriteStartArray();
                foreach (var reason in sums.Reasons)
                {
                    w.WriteStartObject();
                    Property(w, "reason", reason.Key);
                    Estimate(w, UpliftEstimate.Of(reason.Value[0], reason.Value[1]));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WritePropertyName("attribution");
                w.WriteStartObject();
                foreach (AttemptAttribution attribution in Enum.GetValues(typeof(AttemptAttribution)))
                {
                    w.WritePropertyName(attribution.ToString());
                    w.WriteStartObject();
                    w.WritePropertyName("stints");
                    w.WriteValue(sums.Attributed(attribution));
                    w.WritePropertyName("revenue");
                    w.WriteValue(sums.AttributedRevenue(attribution));
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WritePropertyName("funnel");
                w.WriteStartArray();
                foreach (var channel in sums.Funnel)
                {
                    w.WriteStartObject();
                    Property(w, "channel", channel.Key);
                    w.WritePropertyName("points");
                    w.WriteStartArray();
                    long? previous = null;
                    var sent = channel.Value[0];
                    for (var i = 0; i < ReportSums.FunnelPoints; i++)
                    {
                        var count = channel.Value[i];
                        // A point's rate is of the nearest earlier point anybody reached (a store whose systems write no
                        // visits or applications goes from the clicks on); converted, which needs none of them, is of the sent.
                        var of = i == ReportSums.FunnelPoints - 1 ? sent : previous;
                        w.WriteStartObject();
                        Property(w, "point", PointNames[i]);
                        w.WritePropertyName("count");
                        w.WriteValue(count);
                        w.WritePropertyName("rate");
                        w.WriteValue(of is { } from && from > 0 ? (double)count / from : (double?)null);
                        w.WriteEndObject();
                        if (count > 0) previous = count;
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                return text.ToString();
            }
        }

        private static void Estimate(JsonWriter w, UpliftEstimate e)
        {
            w.WritePropertyName("treated");
            w.WriteValue(e.TreatedCustomers);
            w.WritePropertyName("holdout");
            w.WriteValue(e.HoldoutCustomers);
            Share(w, "treatedConversion", e.TreatedConversion);
            Share(w, "holdoutConversion", e.HoldoutConversion);
            Share(w, "difference", e.Difference);
            Share(w, "ciLow", e.DifferenceInterval?.Low);
            Share(w, "ciHigh", e.DifferenceInterval?.High);
            Share(w, "treatedRevenuePerCustomer", e.TreatedRevenuePerCustomer);
            Share(w, "holdoutRevenuePerCustomer", e.HoldoutRevenuePerCustomer);
            Share(w, "revenueDifference", e.RevenueDifference);
            Share(w, "revenueCiLow", e.RevenueInterval?.Low);
            Share(w, "revenueCiHigh", e.RevenueInterval?.High);
            w.WritePropertyName("enoughData");
            w.WriteValue(e.EnoughData);
        }

        private static void Share(JsonWriter w, string name, double? value)
        {
            w.WritePropertyName(name);
            w.WriteValue(value);
        }

        private static void Property(JsonWriter w, string name, string value)
        {
            w.WritePropertyName(name);
            w.WriteValue(value);
        }

        private static string Instant(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
