using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Joins;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.Joins.JoinTestPage;

namespace Reactivation.Core.Tests.Joins;

[TestClass]
public sealed class RelationshipChainTests
{
    // Contact 1 is the Sleeping customer; 10 referred them; they referred 11 and 12.
    private static readonly ReferralLink[] Links =
    [
        new(Contact(10), Contact(1)),
        new(Contact(1), Contact(11)),
        new(Contact(1), Contact(12)),
    ];

    private static RelationshipChainResult Chain(IEnumerable<FriendPurchase> purchases, HouseholdDirectory? households = null, JoinSettings? settings = null, IEnumerable<ReferralLink>? links = null) =>
        RelationshipChain.Evaluate([Contact(1)], links ?? Links, purchases, households ?? new HouseholdDirectory(), Today, settings ?? new JoinSettings());

    private static FriendPurchase Bought(int friend, int daysAgo, string? item = null) => new(Contact(friend), Today.AddDays(-daysAgo), item);

    [TestMethod]
    public void Referrer_and_referred_friends_who_bought_in_the_window_are_counted_with_their_top_choice()
    {
        var chain = Chain([Bought(10, 3, "Hydrating facial"), Bought(11, 12, "Hydrating facial"), Bought(12, 0, "Massage")]);

        var choice = chain.For(Contact(1));
        Assert.AreEqual(3, choice.FriendsBoughtRecently);
        Assert.AreEqual("Hydrating facial", choice.TopChoice, "two friends chose it, one chose Massage");
    }

    [TestMethod]
    public void The_window_is_the_last_N_days_0_to_N_minus_1_days_ago_and_a_future_date_does_not_count()
    {
        var chain = Chain([Bought(10, 29), Bought(11, 30), Bought(12, -1)]);
        Assert.AreEqual(1, chain.For(Contact(1)).FriendsBoughtRecently, "29 days ago counts in a 30-day window; 30 days ago and tomorrow do not");

        var wider = Chain([Bought(10, 29), Bought(11, 30), Bought(12, -1)], settings: new JoinSettings { SocialProofWindowDays = 31 });
        Assert.AreEqual(2, wider.For(Contact(1)).FriendsBoughtRecently);
    }

    [TestMethod]
    public void Friends_whose_purchases_are_all_outside_the_window_give_nothing()
    {
        var choice = Chain([Bought(10, 45, "Massage"), Bought(11, 90)]).For(Contact(1));
        Assert.AreEqual(0, choice.FriendsBoughtRecently);
        Assert.AreEqual("", choice.TopChoice);
    }

    [TestMethod]
    public void A_friend_who_bought_twice_counts_once_and_counts_for_each_item_they_chose()
    {
        var choice = Chain([Bought(10, 1, "Massage"), Bought(10, 2, "Nails"), Bought(11, 5, "Nails")]).For(Contact(1));
        Assert.AreEqual(2, choice.FriendsBoughtRecently);
        Assert.AreEqual("Nails", choice.TopChoice, "Nails: friends 10 and 11; Massage: friend 10");
    }

    [TestMethod]
    public void A_tie_between_items_goes_to_the_first_in_ordinal_order_and_unknown_items_are_not_a_choice()
    {
        var choice = Chain([Bought(10, 1, "Nails"), Bought(11, 1, "Massage"), Bought(12, 1)]).For(Contact(1));
        Assert.AreEqual(3, choice.FriendsBoughtRecently);
        Assert.AreEqual("Massage", choice.TopChoice);
    }

    [TestMethod]
    public void A_referrer_who_is_also_in_the_customers_household_is_not_counted_as_a_friend()
    {
        var households = new HouseholdDirectory();
        households.Add(Contact(1), "Lin", null);
        households.Add(Contact(10), "Lin", null);
        households.Add(Contact(11), "Wang", null);

        var choice = Chain([Bought(10, 1, "Botox"), Bought(11, 1, "Massage")], households).For(Contact(1));

        Assert.AreEqual(1, choice.FriendsBoughtRecently, "the referrer is family: their purchase must not come back as 'a friend chose Botox'");
        Assert.AreEqual("Massage", choice.TopChoice);
    }

    [TestMethod]
    public void A_self_referral_and_a_link_given_twice_change_nothing()
    {
        Guid[] contacts = [Contact(1)];
        var chain = RelationshipChain.Evaluate(contacts, [new(Contact(1), Contact(1)), new(Contact(10), Contact(1)), new(Contact(10), Contact(1))], [Bought(1, 0), Bought(10, 0)], new HouseholdDirectory(), Today, new JoinSettings());
        Assert.AreEqual(1, chain.For(Contact(1)).FriendsBoughtRecently);
    }

    [TestMethod]
    public void A_contact_outside_the_page_or_without_friends_reads_zero()
    {
        var chain = Chain([Bought(1, 0)]);
        Assert.AreEqual(0, chain.For(Contact(99)).FriendsBoughtRecently);
        Assert.AreEqual(0, chain.For(Contact(1)).FriendsBoughtRecently);
    }

    [TestMethod]
    public void A_Sleeping_customers_touch_carries_the_social_proof_with_the_counts_in_its_explanation()
    {
        var page = Page(Message(1), Call(1, rep: 1));
        page.Friends = Chain([Bought(10, 3, "Hydrating facial"), Bought(11, 12, "Hydrating facial")]);

        var result = page.Apply();

        var message = result.For("c1:WinBack:sms");
        Assert.AreEqual(TouchVerdict.Kept, message.Verdict);
        Assert.AreEqual(2, message.SocialProof!.FriendsBoughtRecently);
        Assert.AreEqual("RelationshipChain FriendsChoseRecently (FriendsBoughtRecently=2, WindowDays=30, TopChoice=Hydrating facial)", message.Decisions.Single().ToString());
        Assert.IsNotNull(result.For("c1:WinBack:call").SocialProof, "the rep's script may carry it too");
        Assert.AreEqual(2, result.WithSocialProof);
    }

    [TestMethod]
    public void The_social_proof_message_names_counts_and_the_item_only_in_each_language()
    {
        var text = new FriendsChoice(3, "补水护理").Message();
        Assert.AreEqual("您的 3 位朋友最近选择了「补水护理」。", text.For("zh-CN"));
        var english = new FriendsChoice(2, "Hydrating facial").Message();
        Assert.AreEqual("2 of your friends chose Hydrating facial recently.", english.For("en"));
        var noItem = new FriendsChoice(4, "").Message();
        Assert.AreEqual("4 of your friends have been back recently.", noItem.En);
        Assert.AreEqual("您的 4 位朋友最近又来光顾了。", noItem.ZhCn);
    }

    [TestMethod]
    public void One_friend_is_not_enough_for_the_message_by_default_but_the_fact_still_reads_1()
    {
        var page = Page(Message(1));
        page.Friends = Chain([Bought(10, 3, "Massage")]);

        Assert.IsNull(page.Apply().For("c1:WinBack:sms").SocialProof, "with one friend the message would tell what that friend bought");
        Assert.AreEqual(1, page.Friends.For(Contact(1)).FriendsBoughtRecently);
        Assert.IsNotNull(page.Apply(new JoinSettings { SocialProofMinFriends = 1 }).For("c1:WinBack:sms").SocialProof);
    }

    [TestMethod]
    public void Only_the_social_proof_stages_get_the_message_and_a_blocked_touch_gets_nothing()
    {
        var silent = Page(Message(1, stage: LifecycleStage.Silent));
        silent.Friends = Chain([Bought(10, 1), Bought(11, 1)]);
        Assert.IsNull(silent.Apply().For("c1:WinBack:sms").SocialProof);
        var settings = new JoinSettings();
        settings.SocialProofStages.Add(LifecycleStage.Silent);
        Assert.IsNotNull(silent.Apply(settings).For("c1:WinBack:sms").SocialProof);

        var blocked = Page(Message(1, value: 1m), Message(2, value: 2m)).InHousehold("Lin", 1, 2);
        blocked.Friends = Chain([Bought(10, 1), Bought(11, 1)]);
        Assert.IsNull(blocked.Apply().For("c1:WinBack:sms").SocialProof);
    }

    [TestMethod]
    public void The_counts_reach_the_rulesets_as_the_facts_FriendsBoughtRecently_and_FriendsTopChoice()
    {
        var facts = new CustomerFacts { Stage = "Sleeping" };
        Chain([Bought(10, 3, "Massage"), Bought(12, 1, "Massage")]).For(Contact(1)).ApplyTo(facts);
        var ruleset = RulesetLoader.Load(
            "{ \"WorkflowName\": \"Offers\", \"Rules\": [ { \"RuleName\": \"FriendsChose\", \"Expression\": \"customer.Stage == \\\"Sleeping\\\" && customer.FriendsBoughtRecently >= 2 && customer.FriendsTopChoice == \\\"Massage\\\"\", \"SuccessEvent\": \"SocialProof\" } ] }",
            "offers.json").GetRulesetOrThrow();

        Assert.AreEqual("FriendsChose", OfferEvaluator.Evaluate(ruleset, facts)!.RuleName);
        Assert.IsNull(OfferEvaluator.Evaluate(ruleset, new CustomerFacts { Stage = "Sleeping" }));
    }
}
