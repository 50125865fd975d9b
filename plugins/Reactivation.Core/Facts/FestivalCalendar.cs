using System;

namespace Reactivation.Core.Facts
{
    /// <summary>
    /// The festivals rules can count down to. The lunar ones (Spring Festival = 1st day of the 1st lunar month, Dragon
    /// Boat = 5th of the 5th, Mid-Autumn = 15th of the 8th) have no closed formula, so their Gregorian dates are a table
    /// compiled in (the sandbox reads no files). Range: 2025-2035. Past the table's last date of a festival its fact is null
    /// (unknown), so a rule on it matches no one rather than guessing; extend the table before 2035 ends.
    /// <para>
    /// Where each date was checked (December 2026; tests/Reactivation.Core.Tests/FestivalCalendarTests.cs pins them):
    /// 2025 and 2026 against official holiday notices: the State Council General Office's notices on the 2025 and 2026
    /// holidays (国务院办公厅关于2025年/2026年部分节假日安排的通知, Xinhua, 12 Nov 2024 and 4 Nov 2025: the Spring Festival
    /// holiday from the lunar New Year's Eve 28 Jan 2025 to the 7th of the 1st month 4 Feb, and from 15 Feb 2026 (the 28th
    /// of the 12th month) to 23 Feb (the 7th of the 1st month), Dragon Boat 31 May 2025 and
    /// 19 Jun 2026, Mid-Autumn 25 Sep 2026) and the Hong Kong SAR Government's general holidays for 2026 (announced 16 May
    /// 2025: Lunar New Year's Day 17 Feb, Tuen Ng Festival 19 Jun, the day following the Mid-Autumn Festival 26 Sep). Mid-Autumn 2025 (6 Oct) falls inside
    /// the State Council's 1-8 Oct holiday, which does not date it. 2027-2035 could not be checked against an official almanac:
    /// the Hong Kong Observatory's Gregorian-Lunar conversion tables (hko.gov.hk/en/gts/time/conversion.htm, the official
    /// reference for those years) were not reachable from here. Instead every one of the 33 dates of 2025-2035 agrees with two
    /// secondary sources: the Chinese lunisolar tables of the python-holidays library (holidays/calendars/chinese.py,
    /// 1901-2100), and .NET's System.Globalization.ChineseLunisolarCalendar (1901-2100, tables Microsoft ships with the
    /// runtime), which the tests compare with every date of the table by machine. Neither is official, and both may go back
    /// to the same published tables, so their agreement is not the Observatory's word. 2030's Spring Festival is one the
    /// Observatory names as differing between its almanac and some folk calendars (3 Feb here, in python-holidays' Chinese
    /// table and in ChineseLunisolarCalendar; python-holidays' Vietnamese table, reckoned at UTC+7, has 2 Feb). Those years
    /// stay marked unverified (<see cref="VerifiedThroughYear"/>) until checked against the Observatory's tables.
    /// </para>
    /// </summary>
    public static class FestivalCalendar
    {
        public const int FirstYear = 2025;
        public const int LastYear = 2035;

        /// <summary>
        /// The last year whose lunar dates were checked against an official source (see above). Later years are unverified:
        /// two secondary sources agree with them, no official one has been consulted.
        /// </summary>
        public const int VerifiedThroughYear = 2026;

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
