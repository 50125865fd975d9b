using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// What a customer's referral friends did lately: how many bought in the social-proof window, and the item
    /// most of them chose. Counts only; who the friends are and what they paid never leave the join.
    /// </summary>
    public sealed class FriendsChoice
    {
        internal static readonly FriendsChoice None = new FriendsChoice(0, "");

        public FriendsChoice(int friendsBoughtRecently, string topChoice)
        {
            FriendsBoughtRecently = friendsBoughtRecently;
            TopChoice = topChoice ?? "";
        }

        /// <summary>Friends (referrer and referred, outside the customer's household) with a purchase in the window.</summary>
        public int FriendsBoughtRecently { get; }

        /// <summary>The item the most of those friends chose (ties: the first in ordinal order); empty when no item is known.</summary>
        public string TopChoice { get; }

        /// <summary>Sets the facts <c>FriendsBoughtRecently</c> and <c>FriendsTopChoice</c> the rulesets read.</summary>
        public void ApplyTo(CustomerFacts facts)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            facts.FriendsBoughtRecently = FriendsBoughtRecently;
            facts.FriendsTopChoice = TopChoice;
        }

        /// <summary>The same facts on a decision's inputs, before the facts are built (the daily evaluation, the outreach step it signals).</summary>
        public void ApplyTo(CustomerFactsInput input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            input.FriendsBoughtRecently = FriendsBoughtRecently;
            input.FriendsTopChoice = TopChoice;
        }

        /// <summary>The social-proof line, whole in each language: "3 of your friends chose Hydrating facial recently."</summary>
        public LocalizedText Message()
        {
            var count = JoinDecision.Number(FriendsBoughtRecently);
            return TopChoice.Length > 0
                ? new LocalizedText(count + " of your friends chose " + TopChoice + " recently.", "您的 " + count + " 位朋友最近选择了「" + TopChoice + "」。")
                : new LocalizedText(count + " of your friends have been back recently.", "您的 " + count + " 位朋友最近又来光顾了。");
        }

        public override string ToString() => TopChoice.Length > 0 ? FriendsBoughtRecently + " chose " + TopChoice : FriendsBoughtRecently + " bought";
    }

    /// <summary>The relationship facts of every contact of a page.</summary>
    public sealed class RelationshipChainResult
    {
        private readonly Dictionary<Guid, FriendsChoice> _choices;

        internal RelationshipChainResult(Dictionary<Guid, FriendsChoice> choices, int windowDays)
        {
            _choices = choices;
            WindowDays = windowDays;
        }

        /// <summary>The window the counts were made over, for explanations.</summary>
        public int WindowDays { get; }

        /// <summary>The contact's facts; zero and empty for a contact without friends who bought (or not in the page).</summary>
        public FriendsChoice For(Guid contact) => _choices.TryGetValue(contact, out var choice) ? choice : FriendsChoice.None;
    }

    /// <summary>
    /// The relationship chain of seed 000: a customer's friends are their referrer and the customers they referred,
    /// leaving out their own household (a family member's purchase must not reach them as "one of your friends")
    /// and themselves. Runs before the rulesets, so they can read the counts as facts.
    /// </summary>
    public static class RelationshipChain
    {
        /// <param name="contacts">The page's contacts.</param>
        /// <param name="links">Every referral link touching a page contact (either side).</param>
        /// <param name="purchases">The friends' purchases (at least those in the window; older ones are ignored).</param>
        /// <param name="households">Households of the page's contacts and of their friends.</param>
        /// <param name="today">The evaluation's organisation-local day.</param>
        public static RelationshipChainResult Evaluate(IEnumerable<Guid> contacts, IEnumerable<ReferralLink> links, IEnumerable<FriendPurchase> purchases, HouseholdDirectory households, DateTime today, JoinSettings settings)
        {
            if (contacts is null) throw new ArgumentNullException(nameof(contacts));
            if (links is null) throw new ArgumentNullException(nameof(links));
            if (purchases is null) throw new ArgumentNullException(nameof(purchases));
            if (households is null) throw new ArgumentNullException(nameof(households));
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            settings.Validate();
            today = today.Date;
            var window = settings.SocialProofWindowDays;

            // Friend -> the items they chose in the window (a friend who bought without a known item has an empty set).
            var recent = new Dictionary<Guid, HashSet<string>>();
            foreach (var purchase in purchases)
            {
                var daysAgo = (today - purchase.Day).Days;
                if (daysAgo < 0 || daysAgo >= window) continue;
                if (!recent.TryGetValue(purchase.Friend, out var items))
                {
                    items = new HashSet<string>(StringComparer.Ordinal);
                    recent.Add(purchase.Friend, items);
                }

                if (purchase.Item is not null) items.Add(purchase.Item);
            }

            var page = new HashSet<Guid>(contacts);
            var friends = new Dictionary<Guid, HashSet<Guid>>();
            foreach (var link in links)
            {
                if (link.Referrer == link.Referred) continue;
                if (page.Contains(link.Referred)) FriendsOf(friends, link.Referred).Add(link.Referrer);
                if (page.Contains(link.Referrer)) FriendsOf(friends, link.Referrer).Add(link.Referred);
            }

            var choices = new Dictionary<Guid, FriendsChoice>();
            var itemCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in friends)
            {
                var count = 0;
                itemCounts.Clear();
                foreach (var friend in entry.Value)
                {
                    if (!recent.TryGetValue(friend, out var items) || households.SameHousehold(entry.Key, friend)) continue;
                    count++;
                    foreach (var item in items)
                    {
                        itemCounts.TryGetValue(item, out var n);
                        itemCounts[item] = n + 1;
                    }
                }

                if (count == 0) continue;
                var top = "";
                var best = 0;
                foreach (var item in itemCounts)
                {
                    if (item.Value > best || (item.Value == best && string.CompareOrdinal(item.Key, top) < 0))
                    {
                        top = item.Key;
                        best = item.Value;
                    }
                }

                choices.Add(entry.Key, new FriendsChoice(count, top));
            }

            return new RelationshipChainResult(choices, window);
        }

        private static HashSet<Guid> FriendsOf(Dictionary<Guid, HashSet<Guid>> friends, Guid contact)
        {
            if (!friends.TryGetValue(contact, out var set))
            {
                set = new HashSet<Guid>();
                friends.Add(contact, set);
            }

            return set;
        }
    }
}
