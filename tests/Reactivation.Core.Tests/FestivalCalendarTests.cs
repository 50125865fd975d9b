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
/// general holidays for 2026; 2027-2035 only against the python-holidays library's Chinese lunisolar tables (secondary: not
/// checked against the Hong Kong Observatory's conversion tables, which could not be reached), so marked unverified.
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
        AssertDay(FestivalCalendar.DaysToSpringFestival, 2030, 2, 3, "python-holidays, unverified");
        AssertDay(FestivalCalendar.DaysToSpringFestival, 2033, 1, 31, "python-holidays, unverified");
        AssertDay(FestivalCalendar.DaysToSpringFestival, 2035, 2, 8, "python-holidays, unverified");
    }

    [TestMethod]
    public void Dragon_Boat_on_the_dates_of_the_official_notices_and_the_secondary_table()
    {
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2025, 5, 31, "State Council 2025: 31 May to 2 Jun");
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2026, 6, 19, "State Council 2026: 19-21 Jun; HK SAR 2026: Tuen Ng Festival 19 Jun");
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2028, 5, 28, "python-holidays, unverified");
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2031, 6, 24, "python-holidays, unverified");
        AssertDay(FestivalCalendar.DaysToDragonBoat, 2035, 6, 10, "python-holidays, unverified");
    }

    [TestMethod]
    public void Mid_Autumn_on_the_dates_of_the_official_notices_and_the_secondary_table()
    {
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2026, 9, 25, "State Council 2026: 25-27 Sep; HK SAR 2026: the day following is 26 Sep");
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2025, 10, 6, "python-holidays, unverified (inside the State Council's 1-8 Oct holiday)");
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2031, 10, 1, "python-holidays, unverified");
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2033, 9, 8, "python-holidays, unverified");
        AssertDay(FestivalCalendar.DaysToMidAutumn, 2035, 9, 16, "python-holidays, unverified");
    }
}
