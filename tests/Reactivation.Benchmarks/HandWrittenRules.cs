using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;

namespace Reactivation.Benchmarks;

/// <summary>
/// rules/default/*.json written by hand in C#: the floor for what evaluating these rules can cost.
/// Results are rule indexes (first match) and a bit set of matching rules (contact policy), so it does
/// the same work as the engines without building result objects. Checked against RulesEngine before
/// every benchmark run (see <see cref="Agreement"/>), so it cannot drift from the JSON unnoticed.
/// </summary>
public static class HandWrittenRules
{
    public static readonly string[] LifecycleRules = ["Prospect", "Lost", "Sleeping", "Silent", "Reactivated", "Loyal", "New", "Active"];

    public static readonly string[] PolicyRules =
        ["NoConsent", "ActiveCareOnly", "SilentLightOffersOnly", "SleepingOnePer14Days", "SleepingTwoPer30Days", "LostOnlyInCampaigns",
         "LostByReactivationTeam", "AwaitingResponse", "MessageSendWindows", "Escalation"];

    public static readonly string[] OfferRules =
        ["FollowUpWithoutResponse", "WakeAfterResponse", "UnusedPackageReminder", "PrepaidBalanceReminder", "DissatisfiedApology", "RelocatedNearestBranch",
         "CompetitorWinBackPrice", "PriceSensitiveVoucher", "HabitChangedAnniversary", "NoLongerNeededSurvey", "UnknownReasonCall"];

    public static int Lifecycle(CustomerFacts c)
    {
        if (c.PurchaseCount == 0) return 0;
        if (c.DaysSinceLastPurchase > 180) return 1;
        if (c.DaysSinceLastPurchase > 90) return 2;
        if (c.DaysSinceLastPurchase > 45) return 3;
        if (c.DaysBetweenLastTwoPurchaseDates > 90) return 4;
        if (c.PurchasesLast365Days >= 5) return 5;
        if (c.PurchaseCount == 1) return 6;
        return 7;
    }

    public static int ContactPolicy(CustomerFacts c)
    {
        var matched = 0;
        var channel = c.Channel;
        if ((channel == "Phone" && !c.ConsentPhone) || (channel == "Sms" && !c.ConsentSms) || (channel == "Email" && !c.ConsentEmail)
            || (channel == "WeChat" && !c.ConsentWeChat) || (channel == "WeCom" && !c.ConsentWeCom) || (channel == "Push" && !c.ConsentPush))
        {
            matched |= 1 << 0;
        }

        if (c.Stage == "Active" && c.Purpose != "Care") matched |= 1 << 1;
        if (c.Stage == "Silent" && c.Purpose == "Campaign") matched |= 1 << 2;
        if (c.Stage == "Sleeping") matched |= (1 << 3) | (1 << 4);
        if (c.Stage == "Lost" && !c.InCampaign) matched |= 1 << 5;
        if (c.Stage == "Lost") matched |= 1 << 6;
        if (c.HasOpenAttempt && !c.Responded && c.DaysSinceAttemptStarted < 3 && c.Purpose != "Care") matched |= 1 << 7;
        if (!(c.LocalHour == 11 || (c.LocalHour >= 19 && c.LocalHour < 21))) matched |= 1 << 8;
        matched |= 1 << 9;
        return matched;
    }

    public static int Offers(CustomerFacts c)
    {
        if (c.HasOpenAttempt && !c.Responded && c.DaysSinceAttemptStarted >= 3) return 0;
        if (c.HasOpenAttempt && c.Responded && c.AttemptStep == "Activate" && !c.ReasonJustGiven) return 1;
        var reason = c.DormancyReason;
        if (reason == "UnusedPackage" && c.RemainingSessions > 0) return 2;
        if (reason == "UnusedPackage" && c.PrepaidBalance > 0) return 3;
        if (reason == "Dissatisfied" || c.Satisfaction <= 2) return 4;
        if (reason == "Relocated") return 5;
        if (reason == "Competitor") return 6;
        if (reason == "PriceSensitive") return 7;
        if (reason == "HabitChanged") return 8;
        if (reason == "NoLongerNeeded") return 9;
        return 10;
    }

    // ---- The full decision by hand: the same outputs as the evaluators (stage, the verdicts that concern
    // the channel, the offer, and a trace with the formatted facts of each rule that decided). ----

    private static readonly FactDefinition[][] LifecycleFacts = Facts(
        ["PurchaseCount"], ["DaysSinceLastPurchase"], ["DaysSinceLastPurchase"], ["DaysSinceLastPurchase"],
        ["DaysBetweenLastTwoPurchaseDates"], ["PurchasesLast365Days"], ["PurchaseCount"], []);

    private static readonly FactDefinition[][] PolicyFacts = Facts(
        ["Channel", "ConsentPhone", "ConsentSms", "ConsentEmail", "ConsentWeChat", "ConsentWeCom", "ConsentPush"],
        ["Stage", "Purpose"], ["Stage", "Purpose"], ["Stage"], ["Stage"], ["Stage", "InCampaign"], ["Stage"],
        ["HasOpenAttempt", "Responded", "DaysSinceAttemptStarted", "Purpose"], ["LocalHour"], []);

    private static readonly FactDefinition[][] OfferFacts = Facts(
        ["HasOpenAttempt", "Responded", "DaysSinceAttemptStarted"], ["HasOpenAttempt", "Responded", "AttemptStep", "ReasonJustGiven"], ["DormancyReason", "RemainingSessions"],
        ["DormancyReason", "PrepaidBalance"], ["DormancyReason", "Satisfaction"], ["DormancyReason"], ["DormancyReason"],
        ["DormancyReason"], ["DormancyReason"], ["DormancyReason"], []);

    /// <summary>Same return value as the interpreter's full-decision benchmark; the traces are built, not returned.</summary>
    public static int FullDecision(CustomerFacts c) => FullDecision(c, out _, out _, out _);

    public static int FullDecision(CustomerFacts c, out RuleTrace stage, out List<RuleTrace> policy, out RuleTrace offer)
    {
        var lifecycle = Lifecycle(c);
        stage = Trace(LifecycleRules[lifecycle], LifecycleFacts[lifecycle], c);

        var matched = ContactPolicy(c);
        var channel = c.Channel;
        var verdicts = new List<string>();
        policy = [];
        for (var i = 0; i < PolicyRules.Length; i++)
        {
            if ((matched & (1 << i)) == 0) continue;

            // MessageSendWindows concerns message channels only (an empty channel means "any").
            if (i == 8 && channel is not ("" or "Sms" or "Email" or "WeChat" or "WeCom" or "Push")) continue;
            verdicts.Add(PolicyRules[i]);
            policy.Add(Trace(PolicyRules[i], PolicyFacts[i], c));
        }

        var chosen = Offers(c);
        offer = Trace(OfferRules[chosen], OfferFacts[chosen], c);
        return 1 + verdicts.Count + 1;
    }

    private static RuleTrace Trace(string rule, FactDefinition[] facts, CustomerFacts c)
    {
        // As the evaluators do: capture the raw values now, format only when the explanation is read.
        var values = new CapturedFact[facts.Length];
        for (var i = 0; i < facts.Length; i++) values[i] = CapturedFact.Capture(facts[i], c);
        return new RuleTrace(rule, true, null, facts, values);
    }

    private static FactDefinition[][] Facts(params string[][] names) =>
        names.Select(list => list.Select(n => FactCatalog.All.Single(f => f.Name == n)).ToArray()).ToArray();
}
