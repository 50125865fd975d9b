using System.Globalization;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// A MODEL of how staff and customers behave, not a measurement: stated probabilities the simulator draws from
/// (seeded). Reps work a task or call by its due date or leave it open; a call's result is drawn from the outcome
/// shares; a message gets a reply or not; a customer who is interested buys within two weeks or not, using the
/// incentive or not. Printed with every summary and report so nobody mistakes its numbers for the product's.
/// </summary>
public sealed record ResponseModel
{
    /// <summary>Share of tasks and phone calls a rep completes by their due date (the rest stay open).</summary>
    public double RepCompletesActivity { get; init; } = 0.85;

    /// <summary>Outcome of a call the rep makes: shares of Reached, Interested, Not Interested, Wrong Number, Opted Out (sum 1).</summary>
    public double CallReached { get; init; } = 0.25;
    public double CallInterested { get; init; } = 0.25;
    public double CallNotInterested { get; init; } = 0.30;
    public double CallWrongNumber { get; init; } = 0.15;
    public double CallOptedOut { get; init; } = 0.05;

    /// <summary>Share of messages sent that the channel reports delivered (the rest fail).</summary>
    public double MessageDelivered { get; init; } = 0.95;

    /// <summary>Share of delivered messages whose link the customer opens (without replying).</summary>
    public double MessageClicked { get; init; } = 0.15;

    /// <summary>Share of opened links that bring the customer in (a visit to the booking page, a login to the app), written back as Visited an hour later.</summary>
    public double ClickVisits { get; init; } = 0.5;

    /// <summary>Share of those visits that end in a booking or an application, written back as Applied an hour after the visit.</summary>
    public double VisitApplies { get; init; } = 0.3;

    /// <summary>Share of delivered messages the customer replies to (within 3 days of sending).</summary>
    public double MessageReply { get; init; } = 0.12;

    /// <summary>Share of replies that opt out of the channel; the others are interested.</summary>
    public double ReplyOptsOut { get; init; } = 0.10;

    /// <summary>Share of interested customers (call or reply) who buy within 1-14 days — only where the model may add purchases (the generated store).</summary>
    public double InterestedBuys { get; init; } = 0.45;

    /// <summary>What such a win-back purchase comes to.</summary>
    public decimal WinBackOrderAmount { get; init; } = 150m;

    /// <summary>Share of purchases made while holding a valid incentive that use its code.</summary>
    public double UsesIncentive { get; init; } = 0.8;

    public static ResponseModel Default { get; } = new();

    /// <summary>The model in a few lines, for the summary and the report.</summary>
    public IReadOnlyList<string> Describe()
    {
        var c = CultureInfo.InvariantCulture;
        return
        [
            string.Format(c, "reps complete {0:P0} of tasks and calls by their due date; the rest stay open", RepCompletesActivity),
            string.Format(c, "a call made is Reached {0:P0}, Interested {1:P0}, Not Interested {2:P0}, Wrong Number {3:P0}, Opted Out {4:P0}", CallReached, CallInterested, CallNotInterested, CallWrongNumber, CallOptedOut),
            string.Format(c, "the gateway delivers {0:P0} of messages sent (the rest fail); a delivered message's link is opened {1:P0} of the time", MessageDelivered, MessageClicked),
            string.Format(c, "an opened link brings the customer in (a visit, a login: Visited) {0:P0} of the time, and {1:P0} of those visits end in a booking or an application (Applied), as the store's site or app writes back", ClickVisits, VisitApplies),
            string.Format(c, "a delivered message gets a reply {0:P0} of the time (of replies, {1:P0} opt out, the rest are interested)", MessageReply, ReplyOptsOut),
            string.Format(c, "an interested customer buys within 14 days {0:P0} of the time, for {1:N2} (generated store only; a real log alone says who bought)", InterestedBuys, WinBackOrderAmount),
            string.Format(c, "a customer holding a valid incentive uses its code on {0:P0} of purchases", UsesIncentive),
        ];
    }
}
