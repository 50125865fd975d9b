using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Measurement;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Lifecycle;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// Every word of the weekly review in one language (en or zh-CN), and the culture its numbers are written in. The
/// stage words are the lifecycle choice's labels (Core's RepWording), the channel words the rx_channel labels, the
/// offer words the offers ruleset's Label / LabelZh: nothing technical reaches the manager.
/// </summary>
public sealed class WeeklyReviewText
{
    public static readonly IReadOnlyList<string> Languages = ["en", "zh-CN"];

    private static readonly Dictionary<string, string[]> Channels = new(StringComparer.Ordinal)
    {
        ["Sms"] = ["SMS", "短信"],
        ["WeChat"] = ["WeChat", "微信"],
        ["WeCom"] = ["WeCom", "企业微信"],
        ["Push"] = ["Push", "推送"],
        ["Email"] = ["Email", "电子邮件"],
    };

    private readonly bool _zh;
    private readonly IReadOnlyDictionary<string, string[]> _offers;

    private WeeklyReviewText(string language, IReadOnlyDictionary<string, string[]> offers)
    {
        Language = language;
        _zh = language == "zh-CN";
        _offers = offers;
        Culture = Numbers;
    }

    /// <exception cref="SimulationInputException">A language other than en or zh-CN.</exception>
    public static WeeklyReviewText For(string language, IReadOnlyDictionary<string, string[]> offerLabels) =>
        Languages.Contains(language) ? new WeeklyReviewText(language, offerLabels) : throw new SimulationInputException($"--language '{language}' is not en or zh-CN.");

    public string Language { get; }

    /// <summary>
    /// How numbers are written: both languages group thousands with a comma, mark decimals with a point and write a
    /// share as 34.0% — set here rather than taken from the culture data, which the tools run without (invariant globalization).
    /// </summary>
    public NumberFormatInfo Culture { get; }

    private static readonly NumberFormatInfo Numbers = NumberFormat();

    private static NumberFormatInfo NumberFormat()
    {
        var format = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        format.PercentPositivePattern = 1;
        format.PercentNegativePattern = 1;
        return NumberFormatInfo.ReadOnly(format);
    }

    private string T(string en, string zh) => _zh ? zh : en;

    public string Title => T("Weekly review", "每周复盘");

    public string Period(DateOnly from, DateOnly to) => T($"{D(from)} to {D(to)}", $"{D(from)} 至 {D(to)}");

    public string Intro => T(
        "Week by week, latest first: how customers moved between stages, what the messages reached, whether reaching out won customers back compared with the customers held out of it, which offers work best, and each rep against their targets.",
        "按周列出，最新的在前：客户在各阶段之间的流动、消息的触达情况、与未联系的对照客户相比主动联系是否赢回了客户、哪些优惠效果最好，以及每位员工的目标完成情况。");

    public string Week(DateTime start, DateTime end) => T($"Week {D(start)} to {D(end)}", $"{D(start)} 至 {D(end)} 周");

    public string StageFlow => T("Stage flow", "阶段流动");

    public string Stage => T("Stage", "阶段");

    public string Entered => T("Entered", "进入");

    public string Left => T("Left", "离开");

    public string Net => T("Net change", "净变化");

    public string NoMoves => T("No customer changed stage this week.", "本周没有客户变更阶段。");

    public string Funnel => T("Funnel per channel", "各渠道转化漏斗");

    public string FunnelNote => T("Messages sent this week by the furthest point each reached; in brackets, the share of the point before.", "本周发送的消息按其到达的最远环节统计；括号内为占上一环节的比例。");

    public string Channel => T("Channel", "渠道");

    public string Point(string point) => point switch
    {
        "Sent" => T("Sent", "已发送"),
        "Delivered" => T("Delivered", "已送达"),
        "ClickedOrReplied" => T("Clicked or replied", "已点击或回复"),
        "Converted" => T("Won back", "已赢回"),
        _ => throw new ArgumentException("Unknown funnel point " + point, nameof(point)),
    };

    public string NoMessages => T("No messages went out this week.", "本周没有发出消息。");

    public string Uplift => T("Win-back against the holdout group", "与对照组相比的赢回效果");

    public string UpliftNote => T(
        "Customers held out of outreach are the comparison: the difference is what reaching out added. A purchase within 30 days of the attempt counts; attempts whose 30 days are still running are not counted yet.",
        "未被联系的对照客户用于比较：两者之差即主动联系带来的效果。尝试开始后 30 天内的购买计入；30 天尚未结束的尝试暂不计入。");

    public string ThisWeek => T("Attempts started this week", "本周开始的尝试");

    public string SoFar => T("All attempts so far", "截至本周的全部尝试");

    public string Contacted => T("Contacted customers", "已联系客户");

    public string HeldOut => T("Held-out customers", "对照客户");

    public string BoughtContacted => T("Bought again (contacted)", "再次购买（已联系）");

    public string BoughtHeldOut => T("Bought again (held out)", "再次购买（对照）");

    public string Difference => T("Difference", "差值");

    public string Interval => T("95 % interval", "95% 置信区间");

    public string NotEnoughData => T($"not enough data yet (needs {UpliftEstimate.MinimumPerGroup} customers in each group)", $"数据尚不足（每组需要 {UpliftEstimate.MinimumPerGroup} 位客户）");

    public string Offers => T("Offers ranked by win-back", "按赢回效果排序的优惠");

    public string OffersNote => T("All attempts so far, per offer: those with enough data first, by the difference they make.", "截至本周的全部尝试，按优惠统计：数据充足的排在前面，按差值从大到小排列。");

    public string Rank => T("Rank", "排名");

    public string Offer => T("Offer", "优惠");

    public string NoOffers => T("No attempt has finished its 30 days yet.", "尚无尝试满 30 天。");

    public string Reps => T("Reps against their targets", "员工目标完成情况");

    public string RepsNote => T(
        "This week's figures against the week target; in brackets, the share of the target done. A target marked (team) is the rep's team's. Deposits taken are not counted yet: the product records no deposits.",
        "本周数据与每周目标对比；括号内为目标完成率。标有（团队）的目标为员工所在团队的目标。暂不统计收取的定金：系统尚未记录定金。");

    public string Rep => T("Rep", "员工");

    public string Team => T("(team)", "（团队）");

    public string NoTarget => T("no target", "无目标");

    public string Kpi(RepKpi kpi) => kpi switch
    {
        RepKpi.CallsMade => T("Calls made", "拨打电话"),
        RepKpi.Reached => T("Customers reached", "接通客户"),
        RepKpi.WeComAdds => T("WeCom adds", "企业微信添加"),
        RepKpi.TasksDone => T("Tasks done", "完成任务"),
        RepKpi.Conversions => T("Won back", "赢回客户"),
        RepKpi.Revenue => T("Revenue", "收入"),
        _ => throw new ArgumentOutOfRangeException(nameof(kpi)),
    };

    public string Definitions => T(
        "How the work is counted: a call made is a completed phone call; a customer reached, a completed call whose outcome is not a wrong number; a WeCom add, a WeCom message the customer replied to without opting out; a task done, a completed task; won back and revenue, the rep's attempts converted by a purchase, on the day it was paid.",
        "工作统计方式：拨打电话为已完成的电话；接通客户为结果不是号码错误的已完成电话；企业微信添加为客户回复且未退订的企业微信消息；完成任务为已完成的任务；赢回客户和收入为员工负责的、因购买而转化的尝试，按付款日期统计。");

    public string StageName(string stage) =>
        RepWording.StageLabels.FirstOrDefault(s => s.Key == stage).Value is { } words ? words[_zh ? 1 : 0] : T("Other", "其他");

    public string ChannelName(string channel) => Channels.TryGetValue(channel, out var words) ? words[_zh ? 1 : 0] : T("Other channel", "其他渠道");

    /// <summary>The offer's label from the offers ruleset; one it does not label (or none made) reads as such, never as its rule name.</summary>
    public string OfferName(string offer) =>
        _offers.TryGetValue(offer, out var words) ? words[_zh ? 1 : 0] : offer.Length == 0 ? T("No offer", "无优惠") : T("Offer without a label", "未命名的优惠");

    public string Share(double share) => share.ToString("P1", Culture);

    public string Points(double difference) => (difference * 100).ToString("+0.0;-0.0;0.0", Culture) + T(" pts", " 个百分点");

    public string Range(Interval interval) =>
        (interval.Low * 100).ToString("+0.0;-0.0;0.0", Culture) + T(" to ", " 至 ") + (interval.High * 100).ToString("+0.0;-0.0;0.0", Culture) + T(" pts", " 个百分点");

    public string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "N0" : "N2", Culture);

    public string Number(long value) => value.ToString("N0", Culture);

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string D(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Offer name → its English and Chinese labels, from the organisation's active offers ruleset, or the shipped
    /// one when it has none (as the plugins choose).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> OfferLabels(IOrganizationService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var query = new QueryExpression(RulesetColumns.Table) { ColumnSet = new ColumnSet(RulesetColumns.Definition) };
        query.Criteria.AddCondition(RulesetColumns.Kind, ConditionOperator.Equal, RulesetColumns.Kinds.ValueOf(RulesetKind.Offers));
        query.Criteria.AddCondition(RulesetColumns.IsActive, ConditionOperator.Equal, true);
        var active = service.RetrieveMultiple(query).Entities.Select(r => r.GetAttributeValue<string>(RulesetColumns.Definition)).FirstOrDefault(d => !string.IsNullOrEmpty(d));
        return OfferLabels(active ?? DefaultRulesets.Offers);
    }

    public static IReadOnlyDictionary<string, string[]> OfferLabels(string offersJson)
    {
        var labels = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Visit(IEnumerable<RuleDefinition> rules)
        {
            foreach (var rule in rules)
            {
                if (rule.Offer is { } offer && !labels.ContainsKey(offer.Name)) labels.Add(offer.Name, [offer.Label ?? rule.Label ?? "", offer.LabelZh ?? rule.LabelZh ?? offer.Label ?? ""]);
                Visit(rule.Rules);
            }
        }

        Visit(RulesetCache.Get(offersJson, "offers.json").Rules);
        return labels;
    }
}
