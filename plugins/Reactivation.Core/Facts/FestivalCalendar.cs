using System;

namespace Reactivation.Core.Facts
{
    /// <summary>
    /// The festivals rules can count down to. The lunar ones (Spring Festival, Dragon Boat, Mid-Autumn) have no
    /// closed formula, so their Gregorian dates are a table compiled in (the sandbox reads no files).
    /// Source: the Chinese lunisolar calendar as published for each year (Spring Festival = 1st day of the 1st month,
    /// Dragon Boat = 5th of the 5th, Mid-Autumn = 15th of the 8th), cross-checked against the published holiday lists.
    /// Range: 2025-2035. Past the table's last date of a festival its fact is null (unknown), so a rule on it matches
    /// no one rather than guessing; extend the table before 2035 ends.
    /// </summary>
    public static class FestivalCalendar
    {
        public const int FirstYear = 2025;
        public const int LastYear = 2035;

        // (month, day) per year FirstYear..LastYear.
        private static readonly int[,] SpringFestival =
        {
            { 1, 29 }, { 2, 17 }, { 2, 6 }, { 1, 26 }, { 2, 13 }, { 2, 3 }, { 1, 23 }, { 2, 11 }, { 1, 31 }, { 2, 19 }, { 2, 8 },
        };

        private static readonly int[,] DragonBoat =
        {
            { 5, 31 }, { 6, 19 }, { 6, 9 }, { 5, 28 }, { 6, 16 }, { 6, 5 }, { 6, 24 }, { 6, 12 }, { 6, 1 }, { 6, 20 }, { 6, 10 },
        };

        private static readonly int[,] MidAutumn =
        {
            { 10, 6 }, { 9, 25 }, { 9, 15 }, { 10, 3 }, { 9, 22 }, { 9, 12 }, { 10, 1 }, { 9, 19 }, { 9, 8 }, { 9, 27 }, { 9, 16 },
        };

        public static int? DaysToSpringFestival(DateTime today) => DaysToLunar(SpringFestival, today);

        public static int? DaysToDragonBoat(DateTime today) => DaysToLunar(DragonBoat, today);

        public static int? DaysToMidAutumn(DateTime today) => DaysToLunar(MidAutumn, today);

        /// <summary>Days to the next 25 December (0 on the day).</summary>
        public static int DaysToChristmas(DateTime today) => DaysToFixed(12, 25, today);

        /// <summary>Days to the next 14 February (0 on the day).</summary>
        public static int DaysToValentinesDay(DateTime today) => DaysToFixed(2, 14, today);

        private static int DaysToFixed(int month, int day, DateTime today)
        {
            var date = today.Date;
            var candidate = new DateTime(date.Year, month, day);
            if (candidate < date) candidate = new DateTime(date.Year + 1, month, day);
            return (int)(candidate - date).TotalDays;
        }

        private static int? DaysToLunar(int[,] table, DateTime today)
        {
            var date = today.Date;
            for (var year = Math.Max(date.Year, FirstYear); year <= LastYear; year++)
            {
                var i = year - FirstYear;
                var candidate = new DateTime(year, table[i, 0], table[i, 1]);
                if (candidate >= date) return (int)(candidate - date).TotalDays;
            }

            return null;
        }
    }
}
