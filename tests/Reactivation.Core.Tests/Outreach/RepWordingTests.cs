using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Outreach;

namespace Reactivation.Core.Tests.Outreach;

/// <summary>The words a rep and a customer read for the product's names, whole in each language, written out by hand.</summary>
[TestClass]
public sealed class RepWordingTests
{
    [TestMethod]
    [DataRow(IncentiveType.Voucher, "50", "a voucher worth 50", "面值 50 的代金券")]
    [DataRow(IncentiveType.DiscountPercent, "20", "20% off", "8 折")]
    [DataRow(IncentiveType.DiscountPercent, "15", "15% off", "8.5 折")]
    [DataRow(IncentiveType.FreeSession, "2", "2 free sessions", "免费服务 2 次")]
    [DataRow(IncentiveType.FreeTrial, "1", "1 free trial session", "免费体验 1 次")]
    [DataRow(IncentiveType.FreeExchange, "3", "free exchange of 3 items", "免费更换 3 项")]
    [DataRow(IncentiveType.PriorityAccess, "0", "priority booking", "优先预约")]
    [DataRow(IncentiveType.Gift, "88", "a gift worth 88", "价值 88 的赠品")]
    [DataRow(IncentiveType.DepositMultiplier, "1.5", "deposits count 1.5 times their value", "储值按 1.5 倍计")]
    [DataRow(IncentiveType.InterestFreeVoucher, "30", "up to 30 of interest waived", "利息最高减免 30")]
    [DataRow(IncentiveType.LimitIncrease, "5000", "a credit limit increase of 5000", "提额 5000")]
    public void An_incentive_reads_as_what_it_gives_in_each_language(IncentiveType type, string value, string english, string chinese)
    {
        var amount = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.AreEqual(english, RepWording.Incentive(type, amount, "en"));
        Assert.AreEqual(chinese, RepWording.Incentive(type, amount, "zh-CN"));
    }

    [TestMethod]
    public void Every_incentive_type_has_words_in_both_languages_with_no_product_name_in_the_Chinese()
    {
        foreach (var type in Enum.GetValues<IncentiveType>())
        {
            var chinese = RepWording.Incentive(type, 2m, "zh-CN");
            var english = RepWording.Incentive(type, 2m, "en");

            Assert.IsFalse(chinese.Any(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z'), $"{type}: '{chinese}' carries a Latin word");
            Assert.AreNotEqual(type.ToString(), english, $"{type}: the English words are the type's name");
        }
    }

    [TestMethod]
    public void The_why_line_tells_the_rep_stage_last_purchase_package_reason_and_satisfaction()
    {
        var facts = new CustomerFacts
        {
            Stage = "Sleeping", DaysInStage = 12, DaysSinceLastPurchase = 95, PurchaseCount = 6, TotalSpend = 1280.5m,
            RemainingSessions = 4, PrepaidBalance = 300m, DormancyReason = DormancyReasons.Competitor, Satisfaction = 2,
        };

        Assert.AreEqual(
            "Why this customer: Sleeping for 12 days; last purchase 95 days ago (6 purchases, 1280.5 in total); 4 sessions left on the package; prepaid balance 300; reason given: Competitor; satisfaction 2 of 5.",
            RepWording.WhyThisCustomer(facts, "en"));
        Assert.AreEqual(
            "联系原因：沉睡客户（已 12 天）；上次消费在 95 天前（共 6 次，累计 1280.5）；套餐剩余 4 次；储值余额 300；客户所说原因：转向竞争对手；满意度 2/5。",
            RepWording.WhyThisCustomer(facts, "zh-CN"));
    }

    [TestMethod]
    public void The_why_line_of_a_customer_who_never_bought_and_gave_no_reason_says_only_that()
    {
        var facts = new CustomerFacts { Stage = "Prospect", DaysInStage = 1 };
        var today = new CustomerFacts { Stage = "Silent", DaysInStage = 0 };
        Assert.AreEqual("Why this customer: Silent; no purchase yet.", RepWording.WhyThisCustomer(today, "en"), "no 'for 0 days' on the day the stage came");

        Assert.AreEqual("Why this customer: Prospect for 1 day; no purchase yet.", RepWording.WhyThisCustomer(facts, "en"));
        Assert.AreEqual("联系原因：潜在客户（已 1 天）；尚未消费。", RepWording.WhyThisCustomer(facts, "zh-CN"));
    }
}
