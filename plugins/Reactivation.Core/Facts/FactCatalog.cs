using System;
using System.Collections.Generic;
using System.Globalization;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Facts
{
    /// <summary>The type a rule sees for a fact (C# type of the <see cref="CustomerFacts"/> property).</summary>
#pragma warning disable CA1720 // The members are named after the C# types rules see; that is the point.
    public enum FactType
    {
        Bool,
        Int,
        NullableInt,
        Decimal,
        NullableDecimal,
        String,
    }
#pragma warning restore CA1720

    /// <summary>
    /// One fact a rule can read as <c>customer.Name</c>: its type, unit, meaning and a typed accessor.
    /// The accessor is an ordinary delegate written out here, so evaluation never uses reflection.
    /// </summary>
    public sealed class FactDefinition
    {
        internal FactDefinition(string name, FactType type, string unit, string meaning)
        {
            Name = name;
            Type = type;
            Unit = unit;
            Meaning = meaning;
        }

        public string Name { get; }
        public FactType Type { get; }
        /// <summary>days, orders, touches, currency, score, hour, ratio, flag, name.</summary>
        public string Unit { get; }
        public string Meaning { get; }

        internal Func<CustomerFacts, bool>? ReadBool { get; private set; }
        internal Func<CustomerFacts, int?>? ReadInt { get; private set; }
        internal Func<CustomerFacts, decimal?>? ReadDecimal { get; private set; }
        internal Func<CustomerFacts, string?>? ReadString { get; private set; }
        /// <summary>For facts that are never null: the accessor without the nullable wrapper (one delegate call, not two).</summary>
        internal Func<CustomerFacts, int>? ReadIntValue { get; private set; }
        internal Func<CustomerFacts, decimal>? ReadDecimalValue { get; private set; }

        /// <summary>The C# spelling of <see cref="Type"/>: <c>int?</c>, <c>decimal</c>, ...</summary>
        public string TypeName => Type switch
        {
            FactType.Bool => "bool",
            FactType.Int => "int",
            FactType.NullableInt => "int?",
            FactType.Decimal => "decimal",
            FactType.NullableDecimal => "decimal?",
            _ => "string",
        };

        /// <summary>For text facts with a known set of values (Stage, DormancyReason, Channel, Purpose, Tier); else null.</summary>
        public FactVocabulary? Vocabulary { get; private set; }

        /// <summary>The value as invariant text ("null" for a missing value), for explanations and templates.</summary>
        public string FormatValue(CustomerFacts facts)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            switch (Type)
            {
                case FactType.Bool:
                    return ReadBool!(facts) ? "true" : "false";
                case FactType.Int:
                case FactType.NullableInt:
                    var i = ReadInt!(facts);
                    return i.HasValue ? i.Value.ToString(CultureInfo.InvariantCulture) : "null";
                case FactType.Decimal:
                case FactType.NullableDecimal:
                    var d = ReadDecimal!(facts);
                    return d.HasValue ? d.Value.ToString(CultureInfo.InvariantCulture) : "null";
                default:
                    return ReadString!(facts) ?? "null";
            }
        }

        internal static FactDefinition Bool(string name, string unit, string meaning, Func<CustomerFacts, bool> read) =>
            new FactDefinition(name, FactType.Bool, unit, meaning) { ReadBool = read };

        internal static FactDefinition Int(string name, string unit, string meaning, Func<CustomerFacts, int> read) =>
            new FactDefinition(name, FactType.Int, unit, meaning) { ReadInt = f => read(f), ReadIntValue = read };

        internal static FactDefinition NullableInt(string name, string unit, string meaning, Func<CustomerFacts, int?> read) =>
            new FactDefinition(name, FactType.NullableInt, unit, meaning) { ReadInt = read };

        internal static FactDefinition Decimal(string name, string unit, string meaning, Func<CustomerFacts, decimal> read) =>
            new FactDefinition(name, FactType.Decimal, unit, meaning) { ReadDecimal = f => read(f), ReadDecimalValue = read };

        internal static FactDefinition NullableDecimal(string name, string unit, string meaning, Func<CustomerFacts, decimal?> read) =>
            new FactDefinition(name, FactType.NullableDecimal, unit, meaning) { ReadDecimal = read };

        internal static FactDefinition String(string name, string unit, string meaning, Func<CustomerFacts, string?> read, FactVocabulary? vocabulary = null) =>
            new FactDefinition(name, FactType.String, unit, meaning) { ReadString = read, Vocabulary = vocabulary };
    }

    /// <summary>
    /// The fixed table of facts rules may read. The order is the documentation order of rules/README.md;
    /// a test checks that the README and <see cref="CustomerFacts"/> list exactly these.
    /// </summary>
    public static class FactCatalog
    {
        private static readonly FactDefinition[] Facts =
        {
            FactDefinition.Int("PurchaseCount", "orders", "Orders ever made; several orders on one day count separately.", f => f.PurchaseCount),
            FactDefinition.Int("PurchasesLast365Days", "orders", "Orders made 0-364 days ago.", f => f.PurchasesLast365Days),
            FactDefinition.NullableInt("DaysSinceLastPurchase", "days", "Days since the last purchase date (0 = today); null without purchases.", f => f.DaysSinceLastPurchase),
            FactDefinition.NullableInt("DaysSinceFirstPurchase", "days", "Days since the first purchase date; null without purchases.", f => f.DaysSinceFirstPurchase),
            FactDefinition.NullableInt("DaysBetweenLastTwoPurchaseDates", "days", "Last purchase date minus the latest earlier purchase date; null with fewer than two purchase dates.", f => f.DaysBetweenLastTwoPurchaseDates),
            FactDefinition.NullableDecimal("AverageDaysBetweenPurchases", "days", "(last - first purchase date) / (distinct purchase dates - 1), 2 decimals; null with fewer than two purchase dates.", f => f.AverageDaysBetweenPurchases),
            FactDefinition.NullableDecimal("OverdueFactor", "ratio", "DaysSinceLastPurchase / AverageDaysBetweenPurchases, 2 decimals; null when either is missing or the average is 0.", f => f.OverdueFactor),
            FactDefinition.Decimal("TotalSpend", "currency", "Sum of all order amounts.", f => f.TotalSpend),
            FactDefinition.NullableDecimal("AverageOrderValue", "currency", "TotalSpend / PurchaseCount, 2 decimals; null without purchases.", f => f.AverageOrderValue),
            FactDefinition.Bool("SpendFalling", "flag", "The last order came to less than 70 % of the average of the customer's earlier orders (at least two earlier orders); false otherwise.", f => f.SpendFalling),
            FactDefinition.Int("Recency", "score", "RFM recency 1-5 from DaysSinceLastPurchase; 0 without purchases.", f => f.Recency),
            FactDefinition.Int("Frequency", "score", "RFM frequency 1-5 from PurchasesLast365Days; 0 without purchases.", f => f.Frequency),
            FactDefinition.Int("Monetary", "score", "RFM monetary 1-5 from TotalSpend; 0 without purchases.", f => f.Monetary),
            FactDefinition.String("Octant", "name", "The spend / frequency / recency octant (ImportantValue, ImportantDevelopment, ImportantRetention, ImportantWinBack, GeneralValue, GeneralDevelopment, GeneralRetention, GeneralWinBack) against the lifecycle ruleset's Octants split points; empty when it sets none or the customer never bought.", f => f.Octant, new FactVocabulary("customer octant", OctantNames.All, isOpen: false)),
            FactDefinition.String("Stage", "name", "Current lifecycle stage (Prospect, New, Active, Silent, Sleeping, Lost, Loyal, Reactivated).", f => f.Stage, new FactVocabulary("lifecycle stage", Enum.GetNames(typeof(LifecycleStage)), isOpen: false)),
            FactDefinition.Int("DaysInStage", "days", "Days since the current stage began.", f => f.DaysInStage),
            FactDefinition.String("DormancyReason", "name", "Why the customer stopped: Unknown, UnusedPackage, Dissatisfied, Relocated, Competitor, NoLongerNeeded, HabitChanged, PriceSensitive, Forgot.", f => f.DormancyReason, new FactVocabulary("dormancy reason", DormancyReasons.All, isOpen: false)),
            FactDefinition.NullableInt("Satisfaction", "score", "Last satisfaction rating 1-5; null when never asked.", f => f.Satisfaction),
            FactDefinition.NullableInt("DaysSinceMissedAppointment", "days", "Days since the customer last missed a booked appointment (0 = today); null when never.", f => f.DaysSinceMissedAppointment),
            FactDefinition.Int("AlertSignals", "signals", "How many of the signs that precede leaving the customer shows (0-4): a gap longer than their own (OverdueFactor > 1), SpendFalling, a complaint or low rating (Satisfaction <= 2), a missed appointment in the last 30 days.", f => f.AlertSignals),
            FactDefinition.Int("RemainingSessions", "sessions", "Unused sessions left on prepaid packages.", f => f.RemainingSessions),
            FactDefinition.Decimal("PrepaidBalance", "currency", "Unused prepaid balance.", f => f.PrepaidBalance),
            FactDefinition.String("Tier", "name", "Membership tier (Standard, Silver, Gold, ...).", f => f.Tier, new FactVocabulary("tier", MembershipTiers.Usual, isOpen: true)),
            FactDefinition.String("Colour", "name", "Rational or Emotional, as staff recorded the customer (facts and benefits win a rational customer, the relationship and feeling an emotional one); empty when not recorded.", f => f.Colour, new FactVocabulary("customer colour", CustomerColours.All, isOpen: false)),
            FactDefinition.String("FunnelStep", "name", "Consumer-finance funnel step; empty for other industries.", f => f.FunnelStep),
            FactDefinition.NullableInt("DaysInFunnelStep", "days", "Days in the current funnel step; null outside a funnel.", f => f.DaysInFunnelStep),
            FactDefinition.NullableDecimal("CreditLimit", "currency", "Approved credit limit; null outside consumer finance.", f => f.CreditLimit),
            FactDefinition.NullableDecimal("InterestRatePercent", "percent", "Offered annual interest rate; null outside consumer finance.", f => f.InterestRatePercent),
            FactDefinition.Bool("ConsentPhone", "flag", "True when the customer may be phoned.", f => f.ConsentPhone),
            FactDefinition.Bool("ConsentSms", "flag", "True when the customer may get SMS.", f => f.ConsentSms),
            FactDefinition.Bool("ConsentEmail", "flag", "True when the customer may get e-mail.", f => f.ConsentEmail),
            FactDefinition.Bool("ConsentWeChat", "flag", "True when the customer may get WeChat messages.", f => f.ConsentWeChat),
            FactDefinition.Bool("ConsentWeCom", "flag", "True when the customer may get WeCom messages.", f => f.ConsentWeCom),
            FactDefinition.Bool("ConsentPush", "flag", "True when the customer may get app push notifications.", f => f.ConsentPush),
            FactDefinition.Int("TouchesLast1Day", "touches", "Touches on any channel made today (0 days ago).", f => f.TouchesLast1Day),
            FactDefinition.Int("TouchesLast7Days", "touches", "Touches on any channel made 0-6 days ago.", f => f.TouchesLast7Days),
            FactDefinition.Int("TouchesLast30Days", "touches", "Touches on any channel made 0-29 days ago.", f => f.TouchesLast30Days),
            FactDefinition.Int("TouchesLast90Days", "touches", "Touches on any channel made 0-89 days ago.", f => f.TouchesLast90Days),
            FactDefinition.NullableInt("DaysSinceLastTouch", "days", "Days since the last touch on any channel; null if never touched.", f => f.DaysSinceLastTouch),
            FactDefinition.Int("ChannelTouchesLast1Day", "touches", "Touches on Channel made today.", f => f.ChannelTouchesLast1Day),
            FactDefinition.Int("ChannelTouchesLast7Days", "touches", "Touches on Channel made 0-6 days ago.", f => f.ChannelTouchesLast7Days),
            FactDefinition.Int("ChannelTouchesLast30Days", "touches", "Touches on Channel made 0-29 days ago.", f => f.ChannelTouchesLast30Days),
            FactDefinition.Int("ChannelTouchesLast90Days", "touches", "Touches on Channel made 0-89 days ago.", f => f.ChannelTouchesLast90Days),
            FactDefinition.NullableInt("DaysSinceLastChannelTouch", "days", "Days since the last touch on Channel; null if never.", f => f.DaysSinceLastChannelTouch),
            FactDefinition.String("Channel", "name", "Channel of the touch being considered: Phone, Sms, Email, WeChat, WeCom, Push, Task; empty outside policy evaluation.", f => f.Channel, new FactVocabulary("channel", ContactChannels.All, isOpen: false)),
            FactDefinition.String("Purpose", "name", "Purpose of the touch being considered: Care, Offer or Campaign — the offer rule's `Purpose`; set for the contact policy only (the offers see it empty: they decide it).", f => f.Purpose, new FactVocabulary("purpose", TouchPurposes.All, isOpen: false)),
            FactDefinition.Bool("InCampaign", "flag", "True when a campaign (rx_campaign) runs on the day for the customer's stage and has the customer in its audience (rx_audience, an expression like a rule's; empty = everyone in its stages).", f => f.InCampaign),
            FactDefinition.NullableInt("DaysToBirthday", "days", "Days until the next birthday (0 = today; 29 Feb counts as 28 Feb in other years); null if unknown.", f => f.DaysToBirthday),
            FactDefinition.NullableInt("DaysToFirstPurchaseAnniversary", "days", "Days until the next anniversary of the first purchase date (1-366); null without purchases.", f => f.DaysToFirstPurchaseAnniversary),
            FactDefinition.NullableInt("DaysToMemberAnniversary", "days", "Days until the next anniversary of the date the customer became a member (0 = the anniversary; 29 Feb counts as 28 Feb in other years); null when unknown or not yet a member.", f => f.DaysToMemberAnniversary),
            FactDefinition.NullableInt("DaysToSpringFestival", "days", "Days until the next Spring Festival (0 = the day; shipped table 2025-2035); null past the table.", f => f.DaysToSpringFestival),
            FactDefinition.NullableInt("DaysToDragonBoat", "days", "Days until the next Dragon Boat Festival (0 = the day; shipped table 2025-2035); null past the table.", f => f.DaysToDragonBoat),
            FactDefinition.NullableInt("DaysToMidAutumn", "days", "Days until the next Mid-Autumn Festival (0 = the day; shipped table 2025-2035); null past the table.", f => f.DaysToMidAutumn),
            FactDefinition.Int("DaysToChristmas", "days", "Days until the next 25 December (0 = the day).", f => f.DaysToChristmas),
            FactDefinition.Int("DaysToValentinesDay", "days", "Days until the next 14 February (0 = the day).", f => f.DaysToValentinesDay),
            FactDefinition.Int("LocalHour", "hour", "Hour 0-23 now in the customer's time zone.", f => f.LocalHour),
            FactDefinition.String("LocalWeekday", "name", "Weekday (Monday ... Sunday) in the customer's time zone.", f => f.LocalWeekday),
            FactDefinition.Bool("HasOpenAttempt", "flag", "True while a reactivation attempt is open.", f => f.HasOpenAttempt),
            FactDefinition.NullableInt("DaysSinceAttemptStarted", "days", "Days since the open attempt started; null without one.", f => f.DaysSinceAttemptStarted),
            FactDefinition.String("AttemptStep", "name", "Step of the open attempt: Activate, Wake or FollowUp; empty without one.", f => f.AttemptStep),
            FactDefinition.Bool("Responded", "flag", "True when the customer responded to the open attempt.", f => f.Responded),
            FactDefinition.Bool("ReasonJustGiven", "flag", "True while the outreach step acts on a response that came with the customer's dormancy reason (the rep recorded it on the ask-why call): DormancyReason is what they just said.", f => f.ReasonJustGiven),
            FactDefinition.Int("FriendsBoughtRecently", "friends", "Referral friends (the customer's referrer and the customers they referred, outside their household) who bought in the last N days (the social-proof window, default 30); 0 outside the daily evaluation.", f => f.FriendsBoughtRecently),
            FactDefinition.String("FriendsTopChoice", "name", "The item or category most of those friends chose (ties: first in ordinal order); empty when none is known.", f => f.FriendsTopChoice),
        };

        private static readonly Dictionary<string, FactDefinition> ByName = BuildIndex();

        /// <summary>Every fact, in documentation order.</summary>
        public static IReadOnlyList<FactDefinition> All => Facts;

        /// <summary>Exact (ordinal) lookup: rules must spell facts as documented.</summary>
        public static bool TryGet(string name, out FactDefinition fact)
        {
            if (name is not null && ByName.TryGetValue(name, out var found))
            {
                fact = found;
                return true;
            }

            fact = null!;
            return false;
        }

        /// <summary>The closest fact names to a misspelt one (case-insensitive match first, then edit distance ≤ 3).</summary>
        public static IReadOnlyList<string> Suggest(string name) => NameSuggestions.Closest(name, ByName.Keys);

        private static Dictionary<string, FactDefinition> BuildIndex()
        {
            var index = new Dictionary<string, FactDefinition>(StringComparer.Ordinal);
            foreach (var fact in Facts)
            {
                index.Add(fact.Name, fact);
            }

            return index;
        }
    }

    /// <summary>"Did you mean" by case-insensitive equality, then Levenshtein distance.</summary>
    internal static class NameSuggestions
    {
        public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates)
        {
            var result = new List<string>();
            if (string.IsNullOrEmpty(name)) return result;
            var best = int.MaxValue;
            foreach (var candidate in candidates)
            {
                if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
                {
                    result.Clear();
                    result.Add(candidate);
                    return result;
                }

                // Bounded: names are short (the expression length cap keeps identifiers small too).
                if (Math.Abs(candidate.Length - name.Length) > 3 || name.Length > 100) continue;
                var distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
                if (distance > 3 || distance > best) continue;
                if (distance < best)
                {
                    best = distance;
                    result.Clear();
                }

                result.Add(candidate);
            }

            return result;
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
