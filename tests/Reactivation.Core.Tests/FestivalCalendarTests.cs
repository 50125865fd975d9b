using System.Globalization;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Tests;

[TestClass]
public sealed class FestivalCalendarTests
{
    [TestMethod]
    public void From_2027_01_20_the_festivals_are_counted_by_hand()
    {
        var today = new DateTime(2027, 1, 20);
        Assert.AreEqual(17, FestivalCalendar.DaysToSpringFestival(today), "11 days to 31 January + 6 to 6 February 2027");
        Assert.AreEqual(140, FestivalCalendar.DaysToDragonBoat(today), "9 June 2027");
        Assert.AreEqual(238, FestivalCalendar.DaysToMidAutumn(today), "15 September 2027");
        Assert.AreEqual(339, FestivalCalendar.DaysToChristmas(today));
        Assert.AreEqual(25, FestivalCalendar.DaysToValentinesDay(today));
    }

    [TestMethod]
    public void On_the_day_the_count_is_zero_and_the_day_after_it_is_the_next_year()
    {
        Assert.AreEqual(0, FestivalCalendar.DaysToMidAutumn(new DateTime(2026, 9, 25)));
        Assert.AreEqual(354, FestivalCalendar.DaysToMidAutumn(new DateTime(2026, 9, 26)), "to 15 September 2027");
        Assert.AreEqual(0, FestivalCalendar.DaysToChristmas(new DateTime(2026, 12, 25)));
        Assert.AreEqual(364, FestivalCalendar.DaysToChristmas(new DateTime(2026, 12, 26)));
    }

    [TestMethod]
    public void Past_the_tables_last_year_a_lunar_festival_is_unknown_and_a_fixed_one_still_counts()
    {
        var today = new DateTime(2035, 10, 1);
        Assert.IsNull(FestivalCalendar.DaysToSpringFestival(today), "Spring Festival 2036 is past the table");
        Assert.IsNull(FestivalCalendar.DaysToMidAutumn(today), "Mid-Autumn 2035 was 16 September");
        Assert.AreEqual(85, FestivalCalendar.DaysToChristmas(today));
    }

    [TestMethod]
    public void The_facts_builder_counts_festivals_from_the_organisations_day()
    {
        var input = new CustomerFactsInput { UtcNow = new DateTime(2027, 1, 20, 12, 0, 0, DateTimeKind.Utc) };
        var facts = CustomerFactsBuilder.Build(input);
        Assert.AreEqual(17, facts.DaysToSpringFestival);
        Assert.AreEqual(16, new CustomerFactsBuilder(input).BuildForDay(1).DaysToSpringFestival, "a day later, one day fewer");
    }
}

/// <summary>
/// The lunar dates pinned against their sources (FestivalCalendar's header says which): 2025-2026 against the State Council
/// General Office's holiday notices for 2025 and 2026 (Xinhua, 12 Nov 2024 / 4 Nov 2025) and the Hong Kong SAR Government's
/// general holidays for 2026; 2027-2035 only against secondary sources, the python-holidays library's Chinese lunisolar
/// tables and .NET's ChineseLunisolarCalendar (every date: <see cref="FestivalDatesAgainstChineseLunisolarCalendarTests"/>),
/// not against the Hong Kong Observatory's conversion tables, which could not be reached; so marked unverified.
/// </summary>
[TestClass]
public sealed class FestivalDatesAgainstSourcesTests
{
    private static void AssertDay(Func<DateTime, int?> daysTo, int year, int month, int day, string source)
    {
        var date = new DateTime(year, month, day);
        Assert.AreEqual(0, daysTo(date), $"{date:yyyy-MM-dd} is the festival ({source})");
        Assert.AreEqual(1, daysTo(date.AddDays(-1)), $"{date:yyyy-MM-dd}: the day before counts one ({source})");
    }

    [TestMethod]
    public void Spring_Festival_on_the_dates_of_the_official_notices_and_the_secondary_table()
    {
        AssertDay(FestivalCalendar.DaysToSpringFestival, 2025, 1, 29, "State Council 2025: holiday from New Year's Eve 28 Jan");
        AssertDay(FestivalCalendar.DaysToSpringFestival, 2026, 2, 17, "State Council 2026: 15 Feb is the 28th of the 12th month, 23 Feb the 7th of the 1st; HK SAR 2026: Lunar New Year's Day 17 Feb");
        AssertDay(FestivalCalendar.DaysToSpringFestival, 2030, 2, 3, "python-holidays and ChineseLunisolarCalendar, unverified");
        AssertDay(FestivalCalendar.DaysToSpringFestival, 2033, 1, 31, "python-holidays and ChineseLunisolarCalendar, unverified");
        AssertDay(FestivalCalendar.DaysToSpringFestival, 2035, 2, 8, "python-holidays and ChineseLunisolarCalendar, unverified");
    }

    [TestMethod]
    public void Dragon_Boat_on_the_dates_of_the_official_notices_and_the_secondary_table()
    {
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2025, 5, 31, "State Council 2025: 31 May to 2 Jun");
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2026, 6, 19, "State Council 2026: 19-21 Jun; HK SAR 2026: Tuen Ng Festival 19 Jun");
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2028, 5, 28, "python-holidays and ChineseLunisolarCalendar, unverified");
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2031, 6, 24, "python-holidays and ChineseLunisolarCalendar, unverified");
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2035, 6, 10, "python-holidays and ChineseLunisolarCalendar, unverified");
    }

    [TestMethod]
    public void Mid_Autumn_on_the_dates_of_the_official_notices_and_the_secondary_table()
    {
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2026, 9, 25, "State Council 2026: 25-27 Sep; HK SAR 2026: the day following is 26 Sep");
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2025, 10, 6, "python-holidays and ChineseLunisolarCalendar, unverified (inside the State Council's 1-8 Oct holiday)");
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2031, 10, 1, "python-holidays and ChineseLunisolarCalendar, unverified");
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2033, 9, 8, "python-holidays and ChineseLunisolarCalendar, unverified");
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2035, 9, 16, "python-holidays and ChineseLunisolarCalendar, unverified");
    }
}

/// <summary>
/// Every lunar date of the table, 2025-2035, against a second secondary source that a machine can read: .NET's
/// <see cref="ChineseLunisolarCalendar"/> (1901-2100, tables Microsoft ships with the runtime). Test code only: the
/// plugins keep the compiled table (FestivalCalendar's header says why).
/// </summary>
[TestClass]
public sealed class FestivalDatesAgainstChineseLunisolarCalendarTests
{
    private static readonly ChineseLunisolarCalendar Lunisolar = new();

    private static readonly (string Name, Func<DateTime, int?> DaysTo, int LunarMonth, int LunarDay)[] Festivals =
    [
        ("Spring Festival", FestivalCalendar.DaysToSpringFestival, 1, 1),
        ("Dragon Boat", FestivalCalendar.DaysToDragonBoat, 5, 5),
        ("Mid-Autumn", FestivalCalendar.DaysToMidAutumn, 8, 15),
    ];

    /// <summary>
    /// The calendar's month index of a lunar month: in a year with a leap month, <c>GetLeapMonth</c> is the leap month's
    /// index (a leap 4th month is index 5), and every month from there on sits one index later.
    /// </summary>
    private static int MonthIndex(int lunarYear, int lunarMonth)
    {
        var leap = Lunisolar.GetLeapMonth(lunarYear);
        return leap != 0 && lunarMonth >= leap ? lunarMonth + 1 : lunarMonth;
    }

    private static DateTime CalendarDate(int lunarYear, int lunarMonth, int lunarDay) =>
        Lunisolar.ToDateTime(lunarYear, MonthIndex(lunarYear, lunarMonth), lunarDay, 0, 0, 0, 0);

    /// <summary>The table's date of a festival in a Gregorian year: 1 January plus the days FestivalCalendar counts to it.</summary>
    private static DateTime TableDate(Func<DateTime, int?> daysTo, int year)
    {
        var newYear = new DateTime(year, 1, 1);
        var days = daysTo(newYear);
        Assert.IsNotNull(days, $"{year} is inside the table");
        return newYear.AddDays(days.Value);
    }

    [TestMethod]
    public void Every_lunar_date_of_the_table_is_the_date_of_the_chinese_lunisolar_calendar()
    {
        var differences = new List<string>();
        for (var year = FestivalCalendar.FirstYear; year <= FestivalCalendar.LastYear; year++)
        {
            foreach (var (name, daysTo, month, day) in Festivals)
            {
                var table = TableDate(daysTo, year);
                var calendar = CalendarDate(year, month, day);
                if (table != calendar) differences.Add($"{name} {year}: table {table:yyyy-MM-dd}, ChineseLunisolarCalendar {calendar:yyyy-MM-dd}");
            }
        }

        Assert.IsEmpty(differences, string.Join("; ", differences));
    }

    [TestMethod]
    public void The_leap_months_of_the_range_move_the_Dragon_Boat_and_Mid_Autumn_months_where_they_come_before_them()
    {
        // Leap months per the calendar in 2025-2035: a leap 6th month in 2025 (index 7), a leap 5th in 2028 (index 6),
        // a leap 3rd in 2031 (index 4) and a leap 11th in 2033 (index 12). So the 8th month shifts in 2025, 2028 and
        // 2031, the 5th only in 2031, and a leap 5th month (2028) is not the Dragon Boat's.
        CollectionAssert.AreEqual(
            new[] { (2025, 7), (2028, 6), (2031, 4), (2033, 12) },
            Enumerable.Range(FestivalCalendar.FirstYear, FestivalCalendar.LastYear - FestivalCalendar.FirstYear + 1)
                .Select(y => (y, Lunisolar.GetLeapMonth(y))).Where(p => p.Item2 != 0).ToArray());
        Assert.AreEqual(5, MonthIndex(2028, 5), "2028: the 5th month comes before its leap month");
        Assert.AreEqual(6, MonthIndex(2031, 5), "2031: after the leap 3rd month the 5th month is index 6");
        Assert.AreEqual(9, MonthIndex(2025, 8), "2025: after the leap 6th month the 8th month is index 9");
        Assert.AreEqual(8, MonthIndex(2033, 8), "2033: the leap 11th month comes after the 8th");
    }
}
