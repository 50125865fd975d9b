using Reactivation.Core.Outreach;

namespace Reactivation.Core.Tests.Outreach;

/// <summary>The deterministic keys.</summary>
[TestClass]
public sealed class OutreachKeysTests
{
    private static readonly Guid Contact = new("4beeba9f-1e23-4000-8166-4e87e48340fa");

    [TestMethod]
    public void The_same_contact_rule_and_period_always_give_the_same_keys_and_another_period_different_ones()
    {
        var key = OutreachKeys.Attempt(Contact, "DissatisfiedApology", new DateTime(2026, 3, 10));
        var again = OutreachKeys.Attempt(Contact, "DissatisfiedApology", new DateTime(2026, 3, 10));
        var later = OutreachKeys.Attempt(Contact, "DissatisfiedApology", new DateTime(2026, 6, 1));

        Assert.AreEqual("4beeba9f-1e23-4000-8166-4e87e48340fa|DissatisfiedApology|20260310", key);
        Assert.AreEqual(OutreachKeys.NameBasedId(key + "|Wake|PhoneCall"), OutreachKeys.NameBasedId(again + "|Wake|PhoneCall"));
        Assert.AreNotEqual(OutreachKeys.NameBasedId(key + "|Wake|PhoneCall"), OutreachKeys.NameBasedId(later + "|Wake|PhoneCall"));
        Assert.AreNotEqual(OutreachKeys.NameBasedId(key + "|Wake|PhoneCall"), OutreachKeys.NameBasedId(key + "|Wake|Task"));
        Assert.AreEqual(OutreachKeys.IncentiveCode(key), OutreachKeys.IncentiveCode(again));
        Assert.AreNotEqual(OutreachKeys.IncentiveCode(key), OutreachKeys.IncentiveCode(later));
    }

    [TestMethod]
    public void A_name_based_id_carries_the_RFC_4122_variant_and_version_bits()
    {
        var id = OutreachKeys.NameBasedId("anything").ToString("D");

        Assert.AreEqual('5', id[14], id);
        StringAssert.Matches(id[19].ToString(), new System.Text.RegularExpressions.Regex("[89ab]"));
    }

    [TestMethod]
    public void Incentive_codes_are_RX_and_eight_characters_a_customer_can_read_out_without_I_L_O_or_U()
    {
        for (var i = 0; i < 500; i++)
        {
            var code = OutreachKeys.IncentiveCode(Contact + "|Rule" + i + "|20260310");
            Assert.HasCount(11, code.ToCharArray());
            StringAssert.StartsWith(code, "RX-");
            Assert.IsFalse(code.Substring(3).Any(c => c is 'I' or 'L' or 'O' or 'U' || char.IsLower(c)), code);
        }
    }
}
