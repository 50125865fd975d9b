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
