using System;
using System.Globalization;

namespace Reactivation.Core.Facts
{
    /// <summary>
    /// A time zone at a fixed offset from UTC: the organisation's (a step's configuration) or a customer's
    /// (address1_utcoffset). Days, due dates and periods are counted in it. Fixed, because a zone id would need the
    /// registry on .NET Framework, which partial trust may deny; daylight saving costs at most an hour at the day
    /// boundary. The <see cref="TimeZoneInfo"/> is built once, with the offset.
    /// </summary>
    public sealed class FixedOffsetZone
    {
        /// <summary>The largest offset the platform stores, in minutes either side of UTC (±14 h).</summary>
        public const int MaxMinutes = 840;

        public FixedOffsetZone(TimeSpan offset)
        {
            if (Math.Abs(offset.TotalMinutes) > MaxMinutes) throw new ArgumentOutOfRangeException(nameof(offset), "A UTC offset is at most 14 hours.");
            Offset = offset;
            Zone = offset == TimeSpan.Zero
                ? TimeZoneInfo.Utc
                : TimeZoneInfo.CreateCustomTimeZone("UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture), offset, "Fixed offset", "Fixed offset");
        }

        public static FixedOffsetZone Utc { get; } = new FixedOffsetZone(TimeSpan.Zero);

        public TimeSpan Offset { get; }

        public TimeZoneInfo Zone { get; }

        public static bool IsValidMinutes(int minutes) => minutes >= -MaxMinutes && minutes <= MaxMinutes;

        /// <summary>A customer's zone: their stored offset when it is one, else this (the organisation's).</summary>
        public FixedOffsetZone ForCustomer(int? offsetMinutes) =>
            offsetMinutes is { } minutes && IsValidMinutes(minutes) ? new FixedOffsetZone(TimeSpan.FromMinutes(minutes)) : this;

        /// <summary>The local date of a UTC instant.</summary>
        public DateTime LocalDate(DateTime utc) => (utc + Offset).Date;

        /// <summary>Local midnight at the start of <paramref name="localDate"/>, as a UTC instant.</summary>
        public DateTime StartOfDay(DateTime localDate) => DateTime.SpecifyKind(localDate.Date - Offset, DateTimeKind.Utc);

        /// <summary>23:59 of <paramref name="localDate"/>, as a UTC instant: when a call or task is due and an incentive expires.</summary>
        public DateTime EndOfDay(DateTime localDate) => DateTime.SpecifyKind(localDate.Date.AddHours(23).AddMinutes(59) - Offset, DateTimeKind.Utc);
    }
}
