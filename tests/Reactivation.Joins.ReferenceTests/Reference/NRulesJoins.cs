using NRules;
using NRules.Fluent;
using Reactivation.Core.Joins;

namespace Reactivation.Joins.ReferenceTests.Reference;

/// <summary>What the reference decides for one touch: the same fields the agreement compares Core's outcomes on.</summary>
internal sealed record JoinVerdict(string Key, string Verdict, string? Reason, DateTime Day, DateTime? RetryOn, string? Assignee, int? SocialProofFriends, string? SocialProofChoice)
{
    public override string ToString() =>
        $"{Verdict}{(Reason is null ? "" : " " + Reason)} day {Day:yyyy-MM-dd}{(RetryOn is { } r ? $" retry {r:yyyy-MM-dd}" : "")}{(Assignee is null ? "" : " " + Assignee)}{(SocialProofFriends is { } n ? $" social proof {n} '{SocialProofChoice}'" : "")}";
}

/// <summary>The relationship facts the reference computes for a contact.</summary>
internal sealed record FriendsFacts(int Friends, string TopChoice);

internal sealed record ReferenceResult(IReadOnlyDictionary<string, JoinVerdict> Touches, IReadOnlyDictionary<Guid, FriendsFacts> Friends);

/// <summary>
/// The join rules run by NRules on a scenario's raw data: one session per household, then one per contact, then
/// one per rep, all from one session factory compiled once (the expensive step) from the rule classes in
/// <c>Reference/</c>. The C# here only partitions the facts into sessions and reads the results back.
/// </summary>
internal static class NRulesJoins
{
    private static readonly Lazy<ISessionFactory> Factory = new(() =>
    {
        var repository = new RuleRepository();
        repository.Load(spec => spec.From(typeof(NRulesJoins).Assembly));
        return repository.Compile();
    });

    public static ISessionFactory SessionFactory => Factory.Value;

    /// <summary>The household as the reference reads it from the contact row: the declared key (trimmed, any case), else the account.</summary>
    public static string? Household(Member member)
    {
        if (!string.IsNullOrWhiteSpace(member.DeclaredKey)) return "declared|" + member.DeclaredKey.Trim().ToUpperInvariant();
        return member.Account is { } account && account != Guid.Empty ? "account|" + account.ToString("D") : null;
    }

    public static ReferenceResult Run(JoinScenario scenario)
    {
        var thresholds = new Thresholds
        {
            Today = scenario.Today,
            WindowDays = scenario.WindowDays,
            MinFriends = scenario.MinFriends,
            RetryAfterDays = scenario.RetryAfterDays,
            SocialProofStages = new HashSet<Core.Decisions.LifecycleStage> { Core.Decisions.LifecycleStage.Sleeping },
        };
        var households = new Dictionary<Guid, string>();
        foreach (var member in scenario.Members)
        {
            if (Household(member) is { } key) households[member.Contact] = key;
            else households.Remove(member.Contact);
        }

        var household = HouseholdSessions(scenario, households, thresholds);
        var friends = new Dictionary<Guid, FriendsFacts>();
        var socialProof = RelationshipSessions(scenario, households, household, thresholds, friends);
        var calls = CapacitySessions(scenario, household);

        var verdicts = new Dictionary<string, JoinVerdict>();
        foreach (var touch in scenario.Touches)
        {
            var fact = friends.GetValueOrDefault(touch.ContactId);
            int? proof = socialProof.TryGetValue(touch.Key, out var n) ? n : null;
            var choice = proof is null ? null : fact?.TopChoice ?? "";
            if (household.TryGetValue(touch.Key, out var h) && h.Blocked)
            {
                verdicts.Add(touch.Key, new JoinVerdict(touch.Key, "Blocked", h.Code, touch.Day, h.RetryOn, null, proof, choice));
            }
            else if (calls.TryGetValue(touch.Key, out var call))
            {
                var verdict = call.ToTeam ? "Reassigned" : call.Day > call.PlannedDay ? "Moved" : "Kept";
                var assignee = call.ToTeam ? "team:" + scenario.Overflow!.Name : "rep:" + touch.Rep!.Value.ToString("D");
                verdicts.Add(touch.Key, new JoinVerdict(touch.Key, verdict, verdict == "Kept" ? null : "RepAtCapacity", call.ToTeam ? touch.Day : call.Day, null, assignee, proof, choice));
            }
            else
            {
                verdicts.Add(touch.Key, new JoinVerdict(touch.Key, "Kept", null, touch.Day, null, null, proof, choice));
            }
        }

        return new ReferenceResult(verdicts, friends);
    }

    private static Dictionary<string, HouseholdVerdict> HouseholdSessions(JoinScenario scenario, Dictionary<Guid, string> households, Thresholds thresholds)
    {
        var result = new Dictionary<string, HouseholdVerdict>();
        var earlierByHousehold = scenario.Earlier
            .Where(e => households.ContainsKey(e.Contact))
            .ToLookup(e => households[e.Contact]);
        foreach (var members in scenario.Touches.Where(t => households.ContainsKey(t.ContactId)).GroupBy(t => households[t.ContactId]))
        {
            var session = SessionFactory.CreateSession();
            session.Insert(thresholds);
            session.InsertAll(members.Select(t => new MemberTouch { Key = t.Key, Contact = t.ContactId, Offer = t.Offer, Day = t.Day, Value = t.Value, Priority = t.Priority }));
            session.InsertAll(earlierByHousehold[members.Key].Select(e => new OfferAlreadyMade { Contact = e.Contact, Offer = e.Offer, Day = e.Day.Date }));
            session.Fire();
            // One verdict per touch at most: "contacted today" and "competing" exclude each other; a second one is a defect of these rules.
            foreach (var verdict in session.Query<HouseholdVerdict>()) result.Add(verdict.Key, verdict);
        }

        return result;
    }

    private static Dictionary<string, int> RelationshipSessions(JoinScenario scenario, Dictionary<Guid, string> households, Dictionary<string, HouseholdVerdict> household, Thresholds thresholds, Dictionary<Guid, FriendsFacts> friends)
    {
        var linksOf = new Dictionary<Guid, List<ReferralLink>>();
        foreach (var link in scenario.Referrals)
        {
            foreach (var side in new[] { link.Referrer, link.Referred }.Distinct())
            {
                if (!linksOf.TryGetValue(side, out var list)) linksOf[side] = list = [];
                list.Add(link);
            }
        }

        var purchasesOf = scenario.Purchases.ToLookup(p => p.Friend);
        var touchesOf = scenario.Touches.ToLookup(t => t.ContactId);
        var socialProof = new Dictionary<string, int>();
        foreach (var contact in scenario.PageContacts)
        {
            var links = linksOf.GetValueOrDefault(contact) ?? [];
            var others = links.SelectMany(l => new[] { l.Referrer, l.Referred }).Where(id => id != contact).Distinct().ToList();
            var session = SessionFactory.CreateSession();
            session.Insert(thresholds);
            session.Insert(new Customer { Contact = contact, Household = households.GetValueOrDefault(contact) });
            session.InsertAll(links.Select(l => new Referral { Referrer = l.Referrer, Referred = l.Referred }));
            session.InsertAll(others.Where(households.ContainsKey).Select(id => new HouseholdOf { Contact = id, Household = households[id] }));
            session.InsertAll(others.SelectMany(id => purchasesOf[id]).Select(p => new Bought { Buyer = p.Friend, Day = p.Day, Item = p.Item }));
            session.InsertAll(touchesOf[contact].Select(t => new CustomerTouch { Key = t.Key, Stage = t.Stage, Blocked = household.TryGetValue(t.Key, out var v) && v.Blocked }));
            session.Fire();

            var count = session.Query<FriendsCount>().SingleOrDefault();
            if (count is not null) friends[contact] = new FriendsFacts(count.Friends, session.Query<TopChoice>().SingleOrDefault()?.Item ?? "");
            foreach (var given in session.Query<SocialProofGiven>()) socialProof[given.Key] = given.Friends;
        }

        return socialProof;
    }

    private static Dictionary<string, RepCall> CapacitySessions(JoinScenario scenario, Dictionary<string, HouseholdVerdict> household)
    {
        var result = new Dictionary<string, RepCall>();
        var callsOf = scenario.Touches
            .Where(t => t.IsCall && t.Rep is not null && !(household.TryGetValue(t.Key, out var v) && v.Blocked))
            .ToLookup(t => t.Rep!.Value);
        var loadsOf = scenario.Loads.ToLookup(l => l.Rep);
        foreach (var rep in scenario.Reps)
        {
            var calls = callsOf[rep.Rep].Select(t => new RepCall { Key = t.Key, Contact = t.ContactId, Priority = t.Priority, Value = t.Value, PlannedDay = t.Day, Day = t.Day }).ToList();
            if (calls.Count == 0) continue;
            var session = SessionFactory.CreateSession();
            session.Insert(new RepDay { CallsPerDay = rep.CallsPerDay });
            if (scenario.Overflow is { } team) session.Insert(new OverflowTeam { Id = team.Id, Name = team.Name });
            session.InsertAll(loadsOf[rep.Rep].Select(l => new CallsAlready { Day = l.Day, Calls = l.Calls }));
            session.InsertAll(calls);
            session.Fire();
            foreach (var call in calls) result.Add(call.Key, call);
        }

        return result;
    }
}
