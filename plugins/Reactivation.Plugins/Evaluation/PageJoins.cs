using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Joins;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Mapping;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;
using JoinTouch = Reactivation.Core.Joins.PlannedTouch;

namespace Reactivation.Plugins.Evaluation
{
    /// <summary>
    /// The rules across customers (Core/Joins) on one page of rx_EvaluateDueContacts, before anything is written: the page's
    /// referral facts first (when the rulesets read them: <see cref="ReadFriendsFirst"/>), set on each customer's facts;
    /// then, for each contact whose update will start or move outreach, the plan the outreach step will make (Core's one
    /// decision, the same facts, rulesets and instant); then the other facts the rules join on and <see cref="JoinRules.Apply"/>;
    /// each contact's verdict goes into its own Update (rx_joinverdict), which the outreach step carries out.
    /// Reads, each at most once per page and only when the page needs it: the referral links (contact) and the friends'
    /// recent orders (salesorder); the household members' attempts started today (rx_reactivationattempt); for reps with
    /// a daily call capacity (joined into the page query), their open calls from today on (phonecall); the
    /// overflow team's name (team) when one is named and a rep is full.
    /// </summary>
    internal sealed class PageJoins
    {
        public const string OverflowTeamParameter = "OverflowTeamId";
        public const string HouseholdRetryDaysParameter = "HouseholdRetryDays";
        public const string SocialProofMinFriendsParameter = "SocialProofMinFriends";
        public const string SocialProofWindowDaysParameter = "SocialProofWindowDays";

        /// <summary>The page query's columns beyond the facts: the customer's language and offset (the plan's texts and times), the owner (the rep), the join keys.</summary>
        public static readonly string[] Columns =
        {
            ContactColumns.UtcOffset, ContactColumns.PreferredLanguage, ContactColumns.Owner,
            ContactColumns.HouseholdKey, ContactColumns.ParentCustomer, ContactColumns.ReferredBy,
        };

        private const string RepAlias = "rep";
        private const string CapacityAlias = RepAlias + "." + SystemUserColumns.DailyCallCapacity;

        private static readonly string[] FriendFacts = { "FriendsBoughtRecently", "FriendsTopChoice" };

        private readonly PluginContext _context;
        private readonly JoinSettings _settings;
        private readonly Guid? _overflowTeam;
        private readonly FixedOffsetZone _zone;
        private readonly DateTime _utcNow;
        private readonly DateTime _today;
        private readonly Dictionary<Guid, Entity> _rows = new Dictionary<Guid, Entity>();
        private readonly HouseholdDirectory _households = new HouseholdDirectory();
        private readonly HouseholdDirectory _starting = new HouseholdDirectory();
        private readonly List<JoinTouch> _touches = new List<JoinTouch>();
        private readonly List<Pending> _pending = new List<Pending>();
        private RelationshipChainResult? _friends;
        private int _queries;

        private PageJoins(PluginContext context, JoinSettings settings, Guid? overflowTeam, FixedOffsetZone zone, DateTime utcNow, IEnumerable<Entity> rows)
        {
            _context = context;
            _settings = settings;
            _overflowTeam = overflowTeam;
            _zone = zone;
            _utcNow = utcNow;
            _today = zone.LocalDate(utcNow);
            foreach (var row in rows)
            {
                _rows[row.Id] = row;
                _households.Add(row.Id, row.GetAttributeValue<string>(ContactColumns.HouseholdKey), Account(row));
            }
        }

        /// <summary>The call's join settings (defaults for the inputs it leaves out) and the page's rows.</summary>
        /// <exception cref="InvalidPluginExecutionException">A threshold is out of range: the message names the API and the parameter.</exception>
        public static PageJoins For(PluginContext context, string apiName, FixedOffsetZone zone, DateTime utcNow, IEnumerable<Entity> rows)
        {
            var inputs = context.Execution.InputParameters;
            var settings = new JoinSettings();
            settings.HouseholdRetryAfterDays = Input(inputs, apiName, HouseholdRetryDaysParameter, settings.HouseholdRetryAfterDays, 365, "days");
            settings.SocialProofMinFriends = Input(inputs, apiName, SocialProofMinFriendsParameter, settings.SocialProofMinFriends, 1000, "friends");
            settings.SocialProofWindowDays = Input(inputs, apiName, SocialProofWindowDaysParameter, settings.SocialProofWindowDays, 365, "days");
            Guid? team = inputs.TryGetValue(OverflowTeamParameter, out var id) && id is Guid teamId && teamId != Guid.Empty ? teamId : (Guid?)null;
            return new PageJoins(context, settings, team, zone, utcNow, rows);
        }

        /// <summary>
        /// Adds the page query's join columns and its owner's daily call capacity (a left outer join to systemuser on
        /// ownerid), so the capacities of the page's reps cost no request of their own.
        /// </summary>
        public static void JoinOwnerCapacity(QueryExpression query)
        {
            query.ColumnSet.AddColumns(Columns);
            var rep = query.AddLink(SystemUserColumns.Table, ContactColumns.Owner, SystemUserColumns.Id, JoinOperator.LeftOuter);
            rep.EntityAlias = RepAlias;
            rep.Columns = new ColumnSet(SystemUserColumns.DailyCallCapacity);
        }

        /// <summary>An optional whole-number input from 1 to <paramref name="max"/>; <paramref name="defaultValue"/> when the call names none.</summary>
        private static int Input(ParameterCollection inputs, string apiName, string name, int defaultValue, int max, string unit)
        {
            if (!inputs.TryGetValue(name, out var value) || !(value is int given)) return defaultValue;
            if (given < 1 || given > max)
            {
                throw new InvalidPluginExecutionException(apiName + ": " + name + " must be between 1 and " + max + " " + unit + " (got " + given + ").");
            }

            return given;
        }

        /// <summary>True when a ruleset reads FriendsBoughtRecently or FriendsTopChoice: the facts are read before deciding.</summary>
        public static bool ReadFriendsFirst(params Ruleset[] rulesets)
        {
            foreach (var ruleset in rulesets)
            {
                foreach (var rule in ruleset.Rules)
                {
                    foreach (var fact in rule.ReferencedFacts)
                    {
                        if (Array.IndexOf(FriendFacts, fact) >= 0) return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The referral facts of every contact of the page, before the rulesets decide.</summary>
        public void ReadFriends() => _friends = ReadFriends(new List<Guid>(_rows.Keys));

        /// <summary>The customer's referral facts (none when they were not read).</summary>
        public void SetFacts(CustomerRecord customer) => _friends?.For(customer.ContactId).ApplyTo(customer.Facts);

        /// <summary>
        /// Notes <paramref name="update"/> of <paramref name="contact"/>: when it starts or moves outreach, <see cref="Apply"/>
        /// asks Core for the plan the outreach step will make — for contacts with something to join on only (a household,
        /// a rep with a capacity, referral friends who bought), so a page without join data decides nothing twice.
        /// </summary>
        public void Plan(Entity contact, Entity update, ContactDecision decision)
        {
            if (decision.NewStage is null && !decision.SignalsOutreachDue && !decision.SignalsDeadline) return;
            _pending.Add(new Pending(contact, update, decision));
        }

        /// <summary>
        /// Plans the noted contacts that have join data, runs the join rules on their touches and puts each contact's verdict
        /// into its update (rx_joinverdict); a contact whose touches the rules left alone and who has no friend who bought gets none.
        /// </summary>
        public void Apply(Func<RulesetKind, Ruleset> rulesets, OutreachSettings outreach, IReadOnlyList<Campaign> campaigns)
        {
            if (_pending.Count == 0) return;
            if (_friends is null)
            {
                // The rulesets do not read the referral facts: only a contact a social-proof touch may reach needs them.
                var social = new List<Guid>();
                foreach (var pending in _pending)
                {
                    if ((pending.Decision.NewStage ?? pending.Decision.CurrentStage) is { } stage && _settings.SocialProofStages.Contains(stage)) social.Add(pending.Contact.Id);
                }

                if (social.Count > 0) _friends = ReadFriends(social);
            }

            foreach (var pending in _pending)
            {
                var row = pending.Contact;
                var joins = _households.KeyOf(row.Id) is not null
                    || row.GetAttributeValue<AliasedValue>(CapacityAlias)?.Value is int
                    || (_friends is not null && _friends.For(row.Id).FriendsBoughtRecently > 0);
                if (joins) PlanTouches(pending, rulesets, outreach, campaigns);
            }

            if (_touches.Count == 0 && _friends is null) return;
            var page = new JoinPage(_today) { Households = _starting, Friends = _friends };
            foreach (var touch in _touches) page.Touches.Add(touch);
            ReadHouseholdTouches(page);
            ReadReps(page);
            var settings = _settings;
            if (_overflowTeam is { } team && NeedsOverflow(page)) settings = WithTeam(team);
            var result = JoinRules.Apply(page, settings);

            var byContact = new Dictionary<Guid, List<TouchOutcome>>();
            foreach (var outcome in result.Outcomes)
            {
                if (!byContact.TryGetValue(outcome.Touch.ContactId, out var list)) byContact.Add(outcome.Touch.ContactId, list = new List<TouchOutcome>());
                list.Add(outcome);
            }

            var verdicts = 0;
            foreach (var pending in _pending)
            {
                var id = pending.Contact.Id;
                byContact.TryGetValue(id, out var outcomes);
                var verdict = JoinVerdict.For(id, outcomes ?? new List<TouchOutcome>(), _friends?.For(id), _settings.SocialProofWindowDays, _utcNow);
                if (verdict is null) continue;
                pending.Update[ContactColumns.JoinVerdict] = verdict.Format();
                verdicts++;
            }

            _context.Trace.Write($"Joins: {result.Outcomes.Count} planned touches, blocked {result.Blocked}, reassigned {result.Reassigned}, moved {result.Moved}, social proof {result.WithSocialProof}; {verdicts} verdicts handed to the outreach step; {_queries} queries");
        }

        /// <summary>The touches the outreach step will plan for the update: decided as that step will decide it, on the contact as the update leaves it.</summary>
        private void PlanTouches(Pending pending, Func<RulesetKind, Ruleset> rulesets, OutreachSettings outreach, IReadOnlyList<Campaign> campaigns)
        {
            var contact = pending.Contact;
            var decision = pending.Decision;
            var change = decision.NewStage is not null ? OutreachEvent.ContactChanged : decision.SignalsOutreachDue ? OutreachEvent.OutreachDue : OutreachEvent.DeadlinePassed;
            var after = ContactRow.Merge(pending.Update, contact);
            var stage = ContactRow.Stage(after);
            if (stage is null) return;
            var deadlineSignalled = change != OutreachEvent.DeadlinePassed && decision.SignalsDeadline;
            var offersCare = change != OutreachEvent.DeadlinePassed && !outreach.StartsOutreach(stage) && rulesets(RulesetKind.Offers).HasCareOffers;
            if (change != OutreachEvent.OutreachDue && OutreachCourse.SkipBeforePlanning(change, stage, AttemptRows.OpenOn(after), outreach, _utcNow, offersCare, deadlineSignalled) is not null) return;

            var customer = ContactRow.Read(after, _utcNow, _zone);
            customer.Facts.Campaigns = campaigns;
            SetFacts(customer);
            var request = DecisionRequest.ForOutreach(customer, rulesets, change, outreach).WithKnownStageChange(decision.NextStageChangeOn);
            if (deadlineSignalled) request.WithDeadlineSignalled();
            var course = ContactDecisions.Decide(request).Outreach;
            if (course?.Plan is not { } plan || (course.Move != OutreachMove.Start && course.Move != OutreachMove.Continue)) return;

            // A household competes for an offer's first touch, not for the follow-up of an attempt already made.
            if (course.Move == OutreachMove.Start) _starting.Add(contact.Id, contact.GetAttributeValue<string>(ContactColumns.HouseholdKey), Account(contact));
            var owner = contact.GetAttributeValue<EntityReference>(ContactColumns.Owner);
            var facts = decision.Facts;
            foreach (var touch in plan.Written)
            {
                var isCall = touch.Channel == ContactChannels.Phone;
                var rep = isCall && touch.Owner.TeamId is null && owner?.LogicalName == SystemUserColumns.Table ? owner.Id : (Guid?)null;
                _touches.Add(new JoinTouch(touch.Key, contact.Id, stage.Value, plan.Offer.OfferName, touch.Channel!, _zone.LocalDate(touch.AtUtc), isCall, facts?.TotalSpend ?? 0m, facts?.Monetary ?? 0, rep));
            }
        }

        /// <summary>The referral links touching <paramref name="contacts"/> (one contact query) and those friends' orders in the window (one salesorder query).</summary>
        private RelationshipChainResult ReadFriends(List<Guid> contacts)
        {
            var inPage = new HashSet<Guid>(contacts);
            var links = new List<ReferralLink>();
            var referrers = new List<object>();
            foreach (var id in contacts)
            {
                if (_rows[id].GetAttributeValue<EntityReference>(ContactColumns.ReferredBy) is { } referrer)
                {
                    links.Add(new ReferralLink(referrer.Id, id));
                    referrers.Add(referrer.Id);
                }
            }

            var query = new QueryExpression(ContactColumns.Table) { ColumnSet = new ColumnSet(ContactColumns.ReferredBy, ContactColumns.HouseholdKey, ContactColumns.ParentCustomer) };
            var either = query.Criteria.AddFilter(LogicalOperator.Or);
            either.AddCondition(ContactColumns.ReferredBy, ConditionOperator.In, Objects(contacts));
            if (referrers.Count > 0) either.AddCondition(ContactColumns.Id, ConditionOperator.In, referrers.ToArray());
            var friends = new HashSet<Guid>();
            foreach (var row in Query(query))
            {
                _households.Add(row.Id, row.GetAttributeValue<string>(ContactColumns.HouseholdKey), Account(row));
                friends.Add(row.Id);
                if (row.GetAttributeValue<EntityReference>(ContactColumns.ReferredBy) is { } by && inPage.Contains(by.Id)) links.Add(new ReferralLink(by.Id, row.Id));
            }

            var purchases = new List<FriendPurchase>();
            if (friends.Count > 0)
            {
                var from = _zone.StartOfDay(_today.AddDays(1 - _settings.SocialProofWindowDays));
                var orders = new QueryExpression(SalesOrderColumns.Table) { ColumnSet = new ColumnSet(SalesOrderColumns.Customer, SalesOrderColumns.Name, SalesOrderColumns.PaidOn, SalesOrderColumns.DateFulfilled) };
                orders.Criteria.AddCondition(SalesOrderColumns.Customer, ConditionOperator.In, Objects(friends));
                orders.Criteria.AddCondition(SalesOrderColumns.State, ConditionOperator.NotEqual, SalesOrderColumns.States.ValueOf(Core.Ledgers.OrderState.Canceled));
                var when = orders.Criteria.AddFilter(LogicalOperator.Or);
                when.AddCondition(SalesOrderColumns.PaidOn, ConditionOperator.GreaterEqual, from);
                when.AddCondition(SalesOrderColumns.DateFulfilled, ConditionOperator.GreaterEqual, from);
                foreach (var order in Query(orders))
                {
                    var on = order.GetAttributeValue<DateTime?>(SalesOrderColumns.PaidOn) ?? order.GetAttributeValue<DateTime?>(SalesOrderColumns.DateFulfilled);
                    if (on is null || !(order.GetAttributeValue<EntityReference>(SalesOrderColumns.Customer) is { } customer)) continue;
                    purchases.Add(new FriendPurchase(customer.Id, _zone.LocalDate(on.Value), order.GetAttributeValue<string>(SalesOrderColumns.Name)));
                }
            }

            return RelationshipChain.Evaluate(contacts, links, purchases, _households, _today, _settings);
        }

        /// <summary>The attempts members of the page's households got today outside the page (one attempt query, joined to the contact).</summary>
        private void ReadHouseholdTouches(JoinPage page)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var accounts = new HashSet<Guid>();
            foreach (var touch in page.Touches)
            {
                if (page.Households.KeyOf(touch.ContactId) is null) continue;
                var row = _rows[touch.ContactId];
                if (row.GetAttributeValue<string>(ContactColumns.HouseholdKey)?.Trim() is { Length: > 0 } key) keys.Add(key);
                else if (Account(row) is { } account) accounts.Add(account);
            }

            if (keys.Count == 0 && accounts.Count == 0) return;
            var query = new QueryExpression(AttemptColumns.Table) { ColumnSet = new ColumnSet(AttemptColumns.Contact, AttemptColumns.Offer, AttemptColumns.StartedOn) };
            query.Criteria.AddCondition(AttemptColumns.StartedOn, ConditionOperator.GreaterEqual, _zone.StartOfDay(_today));
            var member = query.AddLink(ContactColumns.Table, AttemptColumns.Contact, ContactColumns.Id);
            member.EntityAlias = "member";
            member.Columns = new ColumnSet(ContactColumns.HouseholdKey, ContactColumns.ParentCustomer);
            var household = member.LinkCriteria.AddFilter(LogicalOperator.Or);
            if (keys.Count > 0) household.AddCondition(ContactColumns.HouseholdKey, ConditionOperator.In, new List<object>(keys).ToArray());
            if (accounts.Count > 0) household.AddCondition(ContactColumns.ParentCustomer, ConditionOperator.In, Objects(accounts));
            foreach (var attempt in Query(query))
            {
                var declared = attempt.GetAttributeValue<AliasedValue>("member." + ContactColumns.HouseholdKey)?.Value as string;
                var parent = attempt.GetAttributeValue<AliasedValue>("member." + ContactColumns.ParentCustomer)?.Value as EntityReference;
                var key = HouseholdDirectory.KeyFor(declared, parent?.LogicalName == "account" ? parent.Id : (Guid?)null);
                var started = attempt.GetAttributeValue<DateTime?>(AttemptColumns.StartedOn);
                if (key is null || started is null || !(attempt.GetAttributeValue<EntityReference>(AttemptColumns.Contact) is { } contact)) continue;
                page.EarlierHouseholdTouches.Add(new EarlierHouseholdTouch(contact.Id, key, attempt.GetAttributeValue<string>(AttemptColumns.Offer) ?? "", _zone.LocalDate(started.Value)));
            }
        }

        /// <summary>
        /// The capacities of the reps the page's calls are for (joined into the page query: <see cref="JoinOwnerCapacity"/>)
        /// and, for those limited, their open calls from today (one phonecall query).
        /// </summary>
        private void ReadReps(JoinPage page)
        {
            var limited = new List<object>();
            var seen = new HashSet<Guid>();
            var planned = new HashSet<Guid>();
            foreach (var touch in page.Touches)
            {
                if (!touch.IsCall || touch.Rep is not { } rep) continue;
                planned.Add(OutreachKeys.NameBasedId(touch.Key));
                if (!seen.Add(rep) || _rows[touch.ContactId].GetAttributeValue<AliasedValue>(CapacityAlias)?.Value is not int capacity) continue;
                page.Reps.Add(new RepCapacity(rep, capacity));
                limited.Add(rep);
            }

            if (limited.Count == 0) return;
            var calls = new QueryExpression(ActivityColumns.PhoneCallTable) { ColumnSet = new ColumnSet(ActivityColumns.Owner, ActivityColumns.ScheduledEnd) };
            calls.Criteria.AddCondition(ActivityColumns.Owner, ConditionOperator.In, limited.ToArray());
            calls.Criteria.AddCondition(ActivityColumns.State, ConditionOperator.Equal, 0);
            calls.Criteria.AddCondition(ActivityColumns.ScheduledEnd, ConditionOperator.GreaterEqual, _zone.StartOfDay(_today));
            var loads = new Dictionary<string, int>(StringComparer.Ordinal);
            var owners = new Dictionary<string, Guid>(StringComparer.Ordinal);
            foreach (var call in Query(calls))
            {
                // A call of this page already written (a page replayed after a failure) is not load against itself.
                if (planned.Contains(call.Id) || call.GetAttributeValue<DateTime?>(ActivityColumns.ScheduledEnd) is not { } due || call.GetAttributeValue<EntityReference>(ActivityColumns.Owner) is not { } owner) continue;
                var key = owner.Id.ToString("N") + _zone.LocalDate(due).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
                loads.TryGetValue(key, out var n);
                loads[key] = n + 1;
                owners[key] = owner.Id;
            }

            foreach (var load in loads)
            {
                page.Loads.Add(new RepLoad(owners[load.Key], DateTime.ParseExact(load.Key.Substring(32), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), load.Value));
            }
        }

        /// <summary>A rep of the page's calls has a capacity: the overflow team may take a call (its name is read only then).</summary>
        private static bool NeedsOverflow(JoinPage page) => page.Reps.Count > 0;

        private JoinSettings WithTeam(Guid team)
        {
            var name = Query1(new QueryExpression(TeamColumns.Table) { ColumnSet = new ColumnSet(TeamColumns.Name), Criteria = { Conditions = { new ConditionExpression(TeamColumns.Id, ConditionOperator.Equal, team) } } })?.GetAttributeValue<string>(TeamColumns.Name);
            if (string.IsNullOrEmpty(name))
            {
                throw new InvalidPluginExecutionException("rx_EvaluateDueContacts: " + OverflowTeamParameter + " " + team.ToString("D") + " is not a team of this organisation.");
            }

            var settings = new JoinSettings
            {
                SocialProofWindowDays = _settings.SocialProofWindowDays,
                SocialProofMinFriends = _settings.SocialProofMinFriends,
                HouseholdRetryAfterDays = _settings.HouseholdRetryAfterDays,
                OverflowTeam = new JoinTeam(team, name!),
            };
            return settings;
        }

        private Entity? Query1(QueryExpression query)
        {
            var rows = Query(query);
            return rows.Count > 0 ? rows[0] : null;
        }

        private DataCollection<Entity> Query(QueryExpression query)
        {
            _queries++;
            return _context.SystemService.RetrieveMultiple(query).Entities;
        }

        private static object[] Objects(IEnumerable<Guid> ids)
        {
            var list = new List<object>();
            foreach (var id in ids) list.Add(id);
            return list.ToArray();
        }

        /// <summary>A contact's update that starts or moves outreach, with the decision it carries.</summary>
        private sealed class Pending
        {
            public Pending(Entity contact, Entity update, ContactDecision decision)
            {
                Contact = contact;
                Update = update;
                Decision = decision;
            }

            public Entity Contact { get; }
            public Entity Update { get; }
            public ContactDecision Decision { get; }
        }

        private static Guid? Account(Entity row) =>
            row.GetAttributeValue<EntityReference>(ContactColumns.ParentCustomer) is { LogicalName: "account" } account ? account.Id : (Guid?)null;
    }
}
