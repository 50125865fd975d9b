using Reactivation.Core.Decisions;
using Reactivation.Core.Joins;

namespace Reactivation.Core.Tests.Joins;

/// <summary>Readable pages for the join rules' hand-computed cases: contacts and reps by small numbers.</summary>
internal static class JoinTestPage
{
    /// <summary>Sunday 15 June 2025, the evaluation's day.</summary>
    public static readonly DateTime Today = new(2025, 6, 15);

    /// <summary>Contact n: ids ordered as their numbers are.</summary>
    public static Guid Contact(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static Guid Rep(int n) => new($"10000000-0000-0000-0000-{n:D12}");

    public static readonly JoinTeam CustomerCare = new(new Guid("20000000-0000-0000-0000-000000000001"), "CustomerCare");

    public static PlannedTouch Message(int contact, string offer = "WinBack", decimal value = 100m, int priority = 1, LifecycleStage stage = LifecycleStage.Sleeping, int inDays = 0) =>
        new($"c{contact}:{offer}:sms", Contact(contact), stage, offer, ContactChannels.Sms, Today.AddDays(inDays), isCall: false, value, priority, rep: null);

    public static PlannedTouch Call(int contact, int rep, int priority = 1, decimal value = 100m, string offer = "WinBack", LifecycleStage stage = LifecycleStage.Sleeping, int inDays = 0) =>
        new($"c{contact}:{offer}:call", Contact(contact), stage, offer, ContactChannels.Phone, Today.AddDays(inDays), isCall: true, value, priority, Rep(rep));

    public static JoinPage Page(params PlannedTouch[] touches)
    {
        var page = new JoinPage(Today);
        foreach (var touch in touches) page.Touches.Add(touch);
        return page;
    }

    public static JoinPage InHousehold(this JoinPage page, string key, params int[] contacts)
    {
        foreach (var contact in contacts) page.Households.Add(Contact(contact), key, null);
        return page;
    }

    public static JoinPage WithRep(this JoinPage page, int rep, int callsPerDay, params (int InDays, int Calls)[] loads)
    {
        page.Reps.Add(new RepCapacity(Rep(rep), callsPerDay));
        foreach (var (inDays, calls) in loads) page.Loads.Add(new RepLoad(Rep(rep), Today.AddDays(inDays), calls));
        return page;
    }

    public static JoinResult Apply(this JoinPage page, JoinSettings? settings = null) => JoinRules.Apply(page, settings ?? new JoinSettings());
}
