using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Tests.Scenarios;

/// <summary>
/// What every preset's win-back story needs besides the field scenario: the customer's language and time zone, what a
/// customer does (replies to a message, visits with a code) and what a rep does (completes a call with what the
/// customer said), and the check that a Chinese text is whole Chinese.
/// </summary>
public abstract partial class WinBackStory : FieldScenario
{
    protected static readonly (string, object?) InShanghai = ("address1_utcoffset", 480);
    protected static readonly (string, object?) SpeaksChinese = ("rx_preferredlanguage", new OptionSetValue(Option.Chinese));

    /// <summary>The customer answers the message (the channel's reply marks it Replied).</summary>
    protected void Reply(Entity message, string scenario) =>
        KeyEvent(scenario, () => Service.Update(new Entity("rx_outreachmessage", message.Id) { ["rx_messagestatus"] = new OptionSetValue(Option.Replied) }));

    /// <summary>The rep completes the call, recording what the customer said.</summary>
    protected void CompleteCall(Entity call, int outcome, string scenario) =>
        KeyEvent(scenario, () => Service.Update(new Entity("phonecall", call.Id)
        {
            ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2), ["rx_responseoutcome"] = new OptionSetValue(outcome),
        }));

    /// <summary>The customer comes in and pays, showing the code.</summary>
    protected Guid Visit(Guid customer, decimal amount, string? code, string scenario)
    {
        var order = Guid.Empty;
        KeyEvent(scenario, () => order = PaidOrder(customer, amount, code));
        return order;
    }

    /// <summary>The morning run on the day <paramref name="days"/> later.</summary>
    protected void Morning(int days, string scenario)
    {
        Now = Now.AddDays(days);
        KeyEvent(scenario, () => DailyRun());
    }

    protected static EntityReference Owner(Entity row) => row.GetAttributeValue<EntityReference>("ownerid");

    protected static DateTime When(Entity row, string column) => row.GetAttributeValue<DateTime>(column);

    /// <summary>
    /// A Chinese text a Chinese-speaking customer or rep reads: no Latin letter in it, except the incentive codes it
    /// names (RX-…) and what the text's own template writes as a code (such as "1" in "回复 1").
    /// </summary>
    protected static void AssertWholeChinese(string text, string what)
    {
        Assert.IsFalse(string.IsNullOrEmpty(text), what + ": a text");
        var withoutCodes = IncentiveCode().Replace(text, "");
        var latin = LatinWord().Matches(withoutCodes).Select(m => m.Value).ToList();
        Assert.IsEmpty(latin, what + " is whole Chinese, but has Latin letters: " + string.Join(", ", latin) + " in «" + text + "»");
        Assert.IsTrue(Han().IsMatch(text), what + " is in Chinese: «" + text + "»");
    }

    [GeneratedRegex("RX-[0-9A-HJKMNP-TV-Z]{8}")]
    private static partial Regex IncentiveCode();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex LatinWord();

    [GeneratedRegex("\\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
