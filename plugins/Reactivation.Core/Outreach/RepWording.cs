using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Outreach
{
    /// <summary>
    /// The words a rep or a customer reads where the product would otherwise show one of its own names: the stage, the
    /// reason the customer gave, the incentive and its value, and the "why this customer" line of a call or task. Each is
    /// whole in the contact's language (zh-CN, else English). Stage and reason words are the labels of the choices
    /// solution/ declares (rx_lifecyclestage, rx_dormancyreason): a test holds them equal, so a rep reads the same word on
    /// the form and in the script.
    /// </summary>
    public static class RepWording
    {
        private const string Chinese = "zh-CN";

        private static readonly Dictionary<string, string[]> StageWords = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Prospect"] = new[] { "Prospect", "潜在客户" },
            ["New"] = new[] { "New", "新客户" },
            ["Active"] = new[] { "Active", "活跃客户" },
            ["Silent"] = new[] { "Silent", "沉默客户" },
            ["Sleeping"] = new[] { "Sleeping", "沉睡客户" },
            ["Lost"] = new[] { "Lost", "流失客户" },
            ["Loyal"] = new[] { "Loyal", "忠诚客户" },
            ["Reactivated"] = new[] { "Reactivated", "回流客户" },
        };

        private static readonly Dictionary<string, string[]> ReasonWords = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [DormancyReasons.Unknown] = new[] { "Unknown", "未知" },
            [DormancyReasons.UnusedPackage] = new[] { "Unused package", "套餐未用完" },
            [DormancyReasons.Dissatisfied] = new[] { "Dissatisfied", "不满意" },
            [DormancyReasons.Relocated] = new[] { "Relocated", "搬迁或换工作" },
            [DormancyReasons.Competitor] = new[] { "Competitor", "转向竞争对手" },
            [DormancyReasons.NoLongerNeeded] = new[] { "No longer needed", "不再需要" },
            [DormancyReasons.HabitChanged] = new[] { "Habit changed", "习惯改变" },
            [DormancyReasons.PriceSensitive] = new[] { "Price sensitive", "价格敏感" },
            [DormancyReasons.Forgot] = new[] { "Forgot", "忘记了" },
        };

        /// <summary>The stage as the rx_lifecyclestage choice labels it in the language (the name itself for a stage it does not know).</summary>
        public static string Stage(string stage, string language) => Word(StageWords, stage, language);

        /// <summary>The dormancy reason as the rx_dormancyreason choice labels it in the language.</summary>
        public static string Reason(string reason, string language) => Word(ReasonWords, reason, language);

        /// <summary>Every stage and reason with its words (English, Chinese), for the test that holds them equal to solution/.</summary>
        public static IEnumerable<KeyValuePair<string, string[]>> StageLabels => StageWords;

        /// <inheritdoc cref="StageLabels"/>
        public static IEnumerable<KeyValuePair<string, string[]>> ReasonLabels => ReasonWords;

        /// <summary>
        /// The subject of a call a rep makes in place of a message no message channel could carry (the customer opted out
        /// of them): "Call instead of a message: Thank-you voucher" / "电话代替消息：感谢回复代金券".
        /// </summary>
        public static string CallInsteadOfMessage(string offerLabel, string language) =>
            language == Chinese ? "电话代替消息：" + offerLabel : "Call instead of a message: " + offerLabel;

        /// <summary>
        /// What the incentive gives, in the customer's words: "a voucher worth 50" / "面值 50 的代金券", "20% off" / "8 折",
        /// "1 free trial session" / "免费体验 1 次". Amounts are in the organisation's currency, written without a symbol.
        /// </summary>
        public static string Incentive(IncentiveType type, decimal value, string language)
        {
            var zh = language == Chinese;
            var n = Number(value);
            switch (type)
            {
                case IncentiveType.Voucher:
                    return zh ? "面值 " + n + " 的代金券" : "a voucher worth " + n;
                case IncentiveType.DiscountPercent:
                    return zh ? Number((100m - value) / 10m) + " 折" : n + "% off";
                case IncentiveType.FreeSession:
                    return zh ? "免费服务 " + n + " 次" : Count(value, "free session", "free sessions");
                case IncentiveType.FreeTrial:
                    return zh ? "免费体验 " + n + " 次" : Count(value, "free trial session", "free trial sessions");
                case IncentiveType.FreeExchange:
                    return zh ? "免费更换 " + n + " 项" : "free exchange of " + Count(value, "item", "items");
                case IncentiveType.PriorityAccess:
                    return zh ? "优先预约" : "priority booking";
                case IncentiveType.Gift:
                    return zh ? "价值 " + n + " 的赠品" : "a gift worth " + n;
                case IncentiveType.DepositMultiplier:
                    return zh ? "储值按 " + n + " 倍计" : "deposits count " + n + " times their value";
                case IncentiveType.InterestFreeVoucher:
                    // An amount: the most interest the voucher waives on the next loan (as the presets' messages promise).
                    return zh ? "利息最高减免 " + n : "up to " + n + " of interest waived";
                case IncentiveType.LimitIncrease:
                    return zh ? "提额 " + n : "a credit limit increase of " + n;
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type, "An incentive type with no words.");
            }
        }

        /// <summary>
        /// The line that tells the rep why this customer is on their list, from the facts the decision used: the stage and
        /// how long (when not since today), the last purchase, what is left on the package, the reason the customer gave and their satisfaction.
        /// Counts and amounts only; never a name, a date of birth or a contact detail.
        /// </summary>
        public static string WhyThisCustomer(CustomerFacts facts, string language)
        {
            var zh = language == Chinese;
            var parts = new List<string>();
            var stage = Stage(facts.Stage, language);
            parts.Add(facts.DaysInStage <= 0 ? stage
                : zh ? stage + "（已 " + facts.DaysInStage + " 天）" : stage + " for " + Count(facts.DaysInStage, "day", "days"));
            if (facts.DaysSinceLastPurchase is { } since)
            {
                var spend = Number(facts.TotalSpend);
                parts.Add(zh
                    ? "上次消费在 " + since + " 天前（共 " + facts.PurchaseCount + " 次，累计 " + spend + "）"
                    : "last purchase " + Count(since, "day", "days") + " ago (" + Count(facts.PurchaseCount, "purchase", "purchases") + ", " + spend + " in total)");
            }
            else
            {
                parts.Add(zh ? "尚未消费" : "no purchase yet");
            }

            if (facts.RemainingSessions > 0)
            {
                parts.Add(zh ? "套餐剩余 " + facts.RemainingSessions + " 次" : Count(facts.RemainingSessions, "session", "sessions") + " left on the package");
            }

            if (facts.PrepaidBalance > 0)
            {
                parts.Add(zh ? "储值余额 " + Number(facts.PrepaidBalance) : "prepaid balance " + Number(facts.PrepaidBalance));
            }

            if (facts.DormancyReason != DormancyReasons.Unknown)
            {
                parts.Add(zh ? "客户所说原因：" + Reason(facts.DormancyReason, language) : "reason given: " + Reason(facts.DormancyReason, language));
            }

            if (facts.Satisfaction is { } satisfaction)
            {
                parts.Add(zh ? "满意度 " + satisfaction + "/5" : "satisfaction " + satisfaction + " of 5");
            }

            var line = new StringBuilder(zh ? "联系原因：" : "Why this customer: ");
            line.Append(string.Join(zh ? "；" : "; ", parts));
            line.Append(zh ? "。" : ".");
            return line.ToString();
        }

        private static string Word(Dictionary<string, string[]> words, string name, string language) =>
            words.TryGetValue(name, out var pair) ? pair[language == Chinese ? 1 : 0] : name;

        private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        private static string Count(decimal value, string one, string many) => Number(value) + " " + (value == 1m ? one : many);
    }
}
