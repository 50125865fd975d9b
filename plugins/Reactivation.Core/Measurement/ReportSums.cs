using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Reactivation.Core.Json;

namespace Reactivation.Core.Measurement
{
    /// <summary>
    /// The reactivation report's partial sums over the pages read so far: uplift per stage and offer and per reason
    /// (one observation per customer stage stint, <see cref="StageStints"/>), attribution counts and revenue, and the
    /// funnel per channel. Sums add up in any order; <see cref="ToJson"/> and <see cref="Parse"/> carry them from one
    /// page to the next inside the paging cookie, exactly (decimals as written).
    /// </summary>
    public sealed class ReportSums
    {
        /// <summary>Sent, Delivered, ClickedOrReplied, Visited, Applied, then Converted.</summary>
        public const int FunnelPoints = 6;

        private static readonly AttemptAttribution[] AttributionOrder = { AttemptAttribution.Redeemed, AttemptAttribution.Influenced, AttemptAttribution.NotReached, AttemptAttribution.Holdout };

        private readonly SortedDictionary<string, CohortSums[]> _reasons = new SortedDictionary<string, CohortSums[]>(StringComparer.Ordinal);
        private readonly long[] _attributed = new long[AttributionOrder.Length];
        private readonly decimal[] _attributedRevenue = new decimal[AttributionOrder.Length];
        private readonly SortedDictionary<string, long[]> _funnel = new SortedDictionary<string, long[]>(StringComparer.Ordinal);

        public UpliftCells Uplift { get; } = new UpliftCells();

        public IEnumerable<KeyValuePair<string, CohortSums[]>> Reasons => _reasons;

        public IEnumerable<KeyValuePair<string, long[]>> Funnel => _funnel;

        /// <summary>Stints with this attribution, and the revenue in their windows.</summary>
        public long Attributed(AttemptAttribution attribution) => _attributed[(int)attribution];

        public decimal AttributedRevenue(AttemptAttribution attribution) => _attributedRevenue[(int)attribution];

        /// <summary>All attempts of one contact in the report's range (a page never splits a contact).</summary>
        public void AddContact(IEnumerable<ReportAttempt> attempts, DateTime asOfUtc)
        {
            foreach (var stint in StageStints.Measure(attempts, asOfUtc))
            {
                Uplift.Add(stint.Measured);
                if (stint.Measured.Converted.HasValue) Reason(stint.Measured.Reason)[stint.Measured.HeldOut ? 1 : 0].Add(stint.Measured.Converted.Value, stint.Measured.Revenue);
                if (stint.Attribution is { } attribution)
                {
                    _attributed[(int)attribution]++;
                    _attributedRevenue[(int)attribution] += stint.AttributedRevenue;
                }
            }
        }

        public void AddMessage(ReportMessage message)
        {
            if (message is null) throw new ArgumentNullException(nameof(message));
            var counts = Channel(message.Channel);
            for (var point = 0; point <= (int)message.Furthest; point++) counts[point]++;
            if (message.Converted) counts[FunnelPoints - 1]++;
        }

        /// <summary>The sums as compact JSON (Core's writer): what the paging cookie carries.</summary>
        public string ToJson()
        {
            using (var text = new StringWriter(CultureInfo.InvariantCulture))
            {
                var w = new JsonWriter(text, indented: false);
                w.WriteStartObject();
                w.WritePropertyName("n");
                w.WriteValue(Uplift.Attempts);
                w.WritePropertyName("h");
                w.WriteValue(Uplift.HeldOut);
                w.WritePropertyName("all");
                w.WriteStartArray();
                WriteSums(w, Uplift.Total);
                w.WriteEndArray();
                w.WritePropertyName("cells");
                w.WriteStartArray();
                foreach (var cell in Uplift.Cells())
                {
                    w.WriteStartArray();
                    w.WriteValue(cell.Key);
                    w.WriteValue(cell.Value.Key);
                    WriteSums(w, cell.Value.Value);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WritePropertyName("reasons");
                w.WriteStartArray();
                foreach (var reason in _reasons)
                {
                    w.WriteStartArray();
                    w.WriteValue(reason.Key);
                    WriteSums(w, reason.Value);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WritePropertyName("attribution");
                w.WriteStartArray();
                for (var i = 0; i < AttributionOrder.Length; i++)
                {
                    w.WriteValue(_attributed[i]);
                    w.WriteValue(_attributedRevenue[i]);
                }

                w.WriteEndArray();
                w.WritePropertyName("funnel");
                w.WriteStartArray();
                foreach (var channel in _funnel)
                {
                    w.WriteStartArray();
                    w.WriteValue(channel.Key);
                    foreach (var count in channel.Value) w.WriteValue(count);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                return text.ToString();
            }
        }

        /// <exception cref="FormatException">The text is not sums this class wrote.</exception>
        public static ReportSums Parse(string json)
        {
            JsonObject root;
            try
            {
                root = JsonReader.Read(json) as JsonObject ?? throw new FormatException("not an object");
            }
            catch (JsonReadException e)
            {
                throw new FormatException(e.Message, e);
            }

            var sums = new ReportSums();
            var all = Sums(Array(root["all"]), 0);
            sums.Uplift.RestoreTotals(Long(root["n"]), Long(root["h"]), all[0], all[1]);
            foreach (var item in Array(root["cells"]).Items)
            {
                var cell = Array(item);
                var both = Sums(cell, 2);
                sums.Uplift.Restore(Text(cell, 0), Text(cell, 1), both[0], both[1]);
            }

            foreach (var item in Array(root["reasons"]).Items)
            {
                var reason = Array(item);
                var both = Sums(reason, 1);
                var into = sums.Reason(Text(reason, 0));
                into[0].Add(both[0]);
                into[1].Add(both[1]);
            }

            var attribution = Array(root["attribution"]);
            if (attribution.Count != 2 * AttributionOrder.Length) throw new FormatException("attribution: " + attribution.Count + " numbers");
            for (var i = 0; i < AttributionOrder.Length; i++)
            {
                sums._attributed[i] = Long(attribution.Items[2 * i]);
                sums._attributedRevenue[i] = Number(attribution.Items[2 * i + 1]);
            }

            foreach (var item in Array(root["funnel"]).Items)
            {
                var channel = Array(item);
                if (channel.Count != FunnelPoints + 1) throw new FormatException("funnel: " + channel.Count + " items");
                var counts = sums.Channel(Text(channel, 0));
                for (var i = 0; i < FunnelPoints; i++) counts[i] = Long(channel.Items[i + 1]);
            }

            return sums;
        }

        private CohortSums[] Reason(string reason)
        {
            if (!_reasons.TryGetValue(reason, out var cell)) _reasons.Add(reason, cell = new[] { new CohortSums(), new CohortSums() });
            return cell;
        }

        private long[] Channel(string channel)
        {
            if (!_funnel.TryGetValue(channel, out var counts)) _funnel.Add(channel, counts = new long[FunnelPoints]);
            return counts;
        }

        private static void WriteSums(JsonWriter w, CohortSums[] both)
        {
            foreach (var sums in both)
            {
                w.WriteValue(sums.Customers);
                w.WriteValue(sums.Converted);
                w.WriteValue(sums.Revenue);
                w.WriteValue(sums.RevenueSquares);
            }
        }

        private static CohortSums[] Sums(JsonArray array, int offset)
        {
            if (array.Count != offset + 8) throw new FormatException("sums: " + array.Count + " items");
            var both = new CohortSums[2];
            for (var g = 0; g < 2; g++)
            {
                var at = offset + 4 * g;
                try
                {
                    both[g] = CohortSums.Of(Long(array.Items[at]), Long(array.Items[at + 1]), Number(array.Items[at + 2]), Number(array.Items[at + 3]));
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new FormatException(e.Message, e);
                }
            }

            return both;
        }

        private static JsonArray Array(JsonValue? value) => value as JsonArray ?? throw new FormatException("an array is missing");

        private static string Text(JsonArray array, int index) => array.Count > index && array.Items[index] is JsonString text ? text.Value : throw new FormatException("a name is missing");

        private static decimal Number(JsonValue? value) => value is JsonNumber number ? number.Value : throw new FormatException("a number is missing");

        private static long Long(JsonValue? value)
        {
            var number = Number(value);
            if (number != decimal.Truncate(number) || number < 0 || number > long.MaxValue) throw new FormatException("a count is not a whole number");
            return (long)number;
        }
    }
}
