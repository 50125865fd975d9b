using System.Globalization;

namespace Reactivation.Cli.Simulation;

/// <summary>How often an embedded store's customers refuse each channel and prefer Chinese, drawn per customer.</summary>
internal readonly record struct ConsentRates(double DoNotPhone, double DoNotSms, double DoNotEmail, double DoNotWeChat, double PrefersChinese);

/// <summary>
/// What every embedded store (<see cref="SalonGenerator"/>, <see cref="DentalPracticeGenerator"/>,
/// <see cref="LendingAppGenerator"/>) opens with: the days it is drawn over, and each customer's key and consent.
/// </summary>
internal static class EmbeddedStore
{
    /// <summary>
    /// The run: from <paramref name="from"/> (default 1 January 2025) to <paramref name="to"/> (default 364 days later),
    /// both included; <c>Days</c> counts them. A store needs at least one member.
    /// </summary>
    public static (DateOnly Start, DateOnly End, int Days) Run(int members, DateOnly? from, DateOnly? to)
    {
        if (members < 1) throw new SimulationInputException("a store needs at least one member.");
        var start = from ?? new DateOnly(2025, 1, 1);
        var end = to ?? start.AddDays(364);
        return (start, end, end.DayNumber - start.DayNumber + 1);
    }

    /// <summary>
    /// The store's customer number <paramref name="index"/> + 1, keyed by the store's letter and five digits (M00001), with
    /// consent drawn in a fixed order (phone, SMS, e-mail, WeChat, then the language) so a seed gives the same customers.
    /// </summary>
    public static CustomerProfile Customer(char prefix, int index, Random random, ConsentRates rates) =>
        new(prefix + (index + 1).ToString("D5", CultureInfo.InvariantCulture))
        {
            DoNotPhone = random.NextDouble() < rates.DoNotPhone,
            DoNotSms = random.NextDouble() < rates.DoNotSms,
            DoNotEmail = random.NextDouble() < rates.DoNotEmail,
            DoNotWeChat = random.NextDouble() < rates.DoNotWeChat,
            PrefersChinese = random.NextDouble() < rates.PrefersChinese,
        };
}
