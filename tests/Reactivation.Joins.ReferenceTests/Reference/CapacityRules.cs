using NRules.Fluent.Dsl;
using NRules.RuleModel;

namespace Reactivation.Joins.ReferenceTests.Reference;

/// <summary>
/// A call whose day already holds as many calls as the rep makes — the calls there before the page plus the
/// page's better-ranked calls on that day — does not fit. Fired until nothing is left that does not fit.
/// </summary>
[Name("TeamCapacity.NextDay")]
public sealed class NextDayRule : Rule
{
    public override void Define()
    {
        RepDay rep = null!;
        RepCall call = null!;
        IEnumerable<RepCall> better = null!;
        IEnumerable<CallsAlready> before = null!;

        When()
            .Match(() => rep)
            .Not<OverflowTeam>()
            .Match(() => call, c => !c.ToTeam)
            .Query(() => better, q => q.Match<RepCall>(o => !o.ToTeam && o.Day == call.Day && Ranking.CallBetter(o, call)).Collect())
            .Query(() => before, q => q.Match<CallsAlready>(l => l.Day == call.Day).Collect())
            .Having(() => better.Count() + before.Sum(l => l.Calls) >= rep.CallsPerDay);

        Then()
            .Do(ctx => Move(ctx, call));
    }

    private static void Move(IContext ctx, RepCall call)
    {
        call.Day = call.Day.AddDays(1);
        ctx.Update(call);
    }
}

/// <summary>With an overflow team, a call that does not fit in the rep's planned day goes to the team.</summary>
[Name("TeamCapacity.Overflow")]
public sealed class OverflowRule : Rule
{
    public override void Define()
    {
        RepDay rep = null!;
        RepCall call = null!;
        IEnumerable<RepCall> better = null!;
        IEnumerable<CallsAlready> before = null!;

        When()
            .Match(() => rep)
            .Exists<OverflowTeam>()
            .Match(() => call, c => !c.ToTeam)
            .Query(() => better, q => q.Match<RepCall>(o => !o.ToTeam && o.Day == call.Day && Ranking.CallBetter(o, call)).Collect())
            .Query(() => before, q => q.Match<CallsAlready>(l => l.Day == call.Day).Collect())
            .Having(() => better.Count() + before.Sum(l => l.Calls) >= rep.CallsPerDay);

        Then()
            .Do(ctx => ToTeam(ctx, call));
    }

    private static void ToTeam(IContext ctx, RepCall call)
    {
        call.ToTeam = true;
        ctx.Update(call);
    }
}
