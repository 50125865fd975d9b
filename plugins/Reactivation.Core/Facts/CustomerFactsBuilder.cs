using System;
using System.Collections.Generic;

namespace Reactivation.Core.Facts
{
    /// <summary>
    /// Computes <see cref="CustomerFacts"/> from plain inputs. Pure: no clock, no CRM, no environment.
    /// The ledgers are converted to organisation-local day numbers once, so facts for a later day
    /// (<see cref="BuildForDay"/>, used to find the next date a verdict changes) cost one pass over them.
    /// </summary>
    public sealed class CustomerFactsBuilder
    {
        private readonly CustomerFactsInput _input;
        private readonly int _today;
        private readonly int[] _purchaseDays;      // sorted, orders on or before today
        private readonly int[] _distinctDays;      // sorted distinct purchase days
        private readonly decimal _totalSpend;
        private readonly int[] _touchDays;         // sorted, touches on or before today
        private readonly int[] _touchDaysByTime;   // parallel to _touchChannels, sorted by day
        private readonly string[] _touchChannels;
        private readonly int? _stageDay;
        private readonly int? _funnelDay;
        private readonly bool _spendFalling;
        private readonly int? _missedDay;
        private readonly int? _attemptDay;
        private readonly DateTime _customerLocalNow;

        public CustomerFactsBuilder(CustomerFactsInput input)
        {
            _input = input ?? throw new ArgumentNullException(nameof(input));
            Decisions.DecisionWork.FactsBuild();
            var orgZone = input.OrganisationTimeZone ?? TimeZoneInfo.Utc;
            _today = DayNumber(ToZone(input.UtcNow, orgZone));
            Today = ToZone(input.UtcNow, orgZone).Date;
            _customerLocalNow = ToZone(input.UtcNow, input.CustomerTimeZone ?? orgZone);

            var days = new List<int>();
            var made = new List<Purchase>(input.Purchases.Count);
            decimal total = 0m;
            foreach (var purchase in input.Purchases)
            {
                var day = DayNumber(ToZone(purchase.WhenUtc, orgZone));
                if (day > _today) continue; // a future-dated order is a data error; it has not happened yet
                days.Add(day);
                made.Add(purchase);
                total += purchase.Amount;
            }

            days.Sort();
            _purchaseDays = days.ToArray();
            _totalSpend = total;
            _spendFalling = SpendFallingOf(made);
            _missedDay = input.MissedAppointmentUtc.HasValue ? DayNumber(ToZone(input.MissedAppointmentUtc.Value, orgZone)) : (int?)null;
            var distinct = new List<int>();
            foreach (var day in _purchaseDays)
            {
                if (distinct.Count == 0 || distinct[distinct.Count - 1] != day) distinct.Add(day);
            }

            _distinctDays = distinct.ToArray();

            var touchDays = new List<int>();
            var touchChannels = new List<string>();
            foreach (var touch in input.Touches)
            {
                var day = DayNumber(ToZone(touch.WhenUtc, orgZone));
                if (day > _today) continue;
                touchDays.Add(day);
                touchChannels.Add(touch.Channel);
            }

            _touchDaysByTime = touchDays.ToArray();
            _touchChannels = touchChannels.ToArray();
            Array.Sort(_touchDaysByTime, _touchChannels);
            _touchDays = (int[])_touchDaysByTime.Clone();
            _stageDay = input.StageSinceUtc.HasValue ? DayNumber(ToZone(input.StageSinceUtc.Value, orgZone)) : (int?)null;
            _funnelDay = input.FunnelStepSinceUtc.HasValue ? DayNumber(ToZone(input.FunnelStepSinceUtc.Value, orgZone)) : (int?)null;
            _attemptDay = input.HasOpenAttempt && input.AttemptStartedUtc.HasValue ? DayNumber(ToZone(input.AttemptStartedUtc.Value, orgZone)) : (int?)null;
        }

        /// <summary>
        /// The facts <see cref="BuildForDay"/> gives the same value on every day ahead (nothing else happening): a rule reading
        /// only these decides the same on every day, so a scan for the next change need not ask it again. Every other fact,
        /// one added later included, counts as moving with the day.
        /// </summary>
        private static readonly HashSet<string> SameEveryDay = new HashSet<string>(StringComparer.Ordinal)
        {
            "PurchaseCount", "TotalSpend", "AverageOrderValue", "SpendFalling", "Monetary", "DaysBetweenLastTwoPurchaseDates", "AverageDaysBetweenPurchases",
            "Stage", "DormancyReason", "Satisfaction", "RemainingSessions", "PrepaidBalance", "Tier", "Colour", "FunnelStep", "CreditLimit", "InterestRatePercent",
            "ConsentPhone", "ConsentSms", "ConsentEmail", "ConsentWeChat", "ConsentWeCom", "ConsentPush",
            "Channel", "Purpose", "InCampaign", "LocalHour", "HasOpenAttempt", "AttemptStep", "Responded", "ReasonJustGiven",
            "FriendsBoughtRecently", "FriendsTopChoice",
        };

        /// <summary>True when <paramref name="fact"/> may differ between two days ahead (see <see cref="BuildForDay"/>).</summary>
        public static bool MovesWithTheDay(string fact) => !SameEveryDay.Contains(fact);

        /// <summary>
        /// As <see cref="MovesWithTheDay(string)"/>, for this customer: InCampaign moves too when campaigns are planned
        /// (a campaign's first or last day changes it).
        /// </summary>
        public bool MovesWithTheDayFor(string fact) =>
            MovesWithTheDay(fact) || (_input.Campaigns.Count > 0 && string.Equals(fact, "InCampaign", StringComparison.Ordinal));

        /// <summary>Today's date in the organisation's time zone.</summary>
        public DateTime Today { get; }

        public static CustomerFacts Build(CustomerFactsInput input) => new CustomerFactsBuilder(input).Build();

        public CustomerFacts Build() => BuildForDay(0);

        /// <summary>
        /// The facts as they would be <paramref name="daysAhead"/> days from today if nothing happened in
        /// between: no new orders or touches, the same stage, the same local hour.
        /// </summary>
        public CustomerFacts BuildForDay(int daysAhead) => BuildForChannel(_input.Channel, daysAhead);

        /// <summary>
        /// As <see cref="BuildForDay"/>, for a touch on <paramref name="channel"/> (Channel and the
        /// Channel* touch counts follow it), so the contact policy can be asked once per channel.
        /// </summary>
        public CustomerFacts BuildForChannel(string channel, int daysAhead)
        {
            if (daysAhead < 0) throw new ArgumentOutOfRangeException(nameof(daysAhead));
            channel ??= "";
            var day = _today + daysAhead;
            var input = _input;
            var channelTouchDays = ChannelDays(channel);
            var facts = new CustomerFacts
            {
                PurchaseCount = _purchaseDays.Length,
                PurchasesLast365Days = CountWithin(_purchaseDays, day, 365),
                TotalSpend = _totalSpend,
                Stage = input.Stage,
                DaysInStage = _stageDay.HasValue ? Math.Max(0, day - _stageDay.Value) : 0,
                DormancyReason = input.DormancyReason,
                Satisfaction = input.Satisfaction,
                SpendFalling = _spendFalling,
                DaysSinceMissedAppointment = _missedDay.HasValue && _missedDay.Value <= day ? day - _missedDay.Value : (int?)null,
                RemainingSessions = input.RemainingSessions,
                PrepaidBalance = input.PrepaidBalance,
                Tier = input.Tier,
                Colour = input.Colour,
                FunnelStep = input.FunnelStep,
                DaysInFunnelStep = _funnelDay.HasValue ? Math.Max(0, day - _funnelDay.Value) : (int?)null,
                CreditLimit = input.CreditLimit,
                InterestRatePercent = input.InterestRatePercent,
                ConsentPhone = input.ConsentPhone,
                ConsentSms = input.ConsentSms,
                ConsentEmail = input.ConsentEmail,
                ConsentWeChat = input.ConsentWeChat,
                ConsentWeCom = input.ConsentWeCom,
                ConsentPush = input.ConsentPush,
                TouchesLast1Day = CountWithin(_touchDays, day, 1),
                TouchesLast7Days = CountWithin(_touchDays, day, 7),
                TouchesLast30Days = CountWithin(_touchDays, day, 30),
                TouchesLast90Days = CountWithin(_touchDays, day, 90),
                DaysSinceLastTouch = _touchDays.Length == 0 ? (int?)null : day - _touchDays[_touchDays.Length - 1],
                ChannelTouchesLast1Day = CountWithin(channelTouchDays, day, 1),
                ChannelTouchesLast7Days = CountWithin(channelTouchDays, day, 7),
                ChannelTouchesLast30Days = CountWithin(channelTouchDays, day, 30),
                ChannelTouchesLast90Days = CountWithin(channelTouchDays, day, 90),
                DaysSinceLastChannelTouch = channelTouchDays.Length == 0 ? (int?)null : day - channelTouchDays[channelTouchDays.Length - 1],
                Channel = channel,
                Purpose = input.Purpose,
                LocalHour = _customerLocalNow.Hour,
                LocalWeekday = _customerLocalNow.AddDays(daysAhead).DayOfWeek.ToString(),
                HasOpenAttempt = input.HasOpenAttempt,
                DaysSinceAttemptStarted = _attemptDay.HasValue ? Math.Max(0, day - _attemptDay.Value) : (int?)null,
                AttemptStep = input.HasOpenAttempt ? input.AttemptStep : "",
                Responded = input.HasOpenAttempt && input.Responded,
                ReasonJustGiven = input.HasOpenAttempt && input.Responded && input.ReasonJustGiven,
                FriendsBoughtRecently = input.FriendsBoughtRecently,
                FriendsTopChoice = input.FriendsTopChoice,
            };

            if (_purchaseDays.Length > 0)
            {
                var first = _distinctDays[0];
                var last = _distinctDays[_distinctDays.Length - 1];
                facts.DaysSinceLastPurchase = day - last;
                facts.DaysSinceFirstPurchase = day - first;
                facts.AverageOrderValue = Math.Round(_totalSpend / _purchaseDays.Length, 2, MidpointRounding.AwayFromZero);
                facts.DaysToFirstPurchaseAnniversary = DaysToAnniversary(FromDayNumber(first), FromDayNumber(day), strictlyAfterOrigin: true);
                if (_distinctDays.Length >= 2)
                {
                    facts.DaysBetweenLastTwoPurchaseDates = last - _distinctDays[_distinctDays.Length - 2];
                    var average = Math.Round((decimal)(last - first) / (_distinctDays.Length - 1), 2, MidpointRounding.AwayFromZero);
                    facts.AverageDaysBetweenPurchases = average;
                    if (average > 0m)
                    {
                        facts.OverdueFactor = Math.Round(facts.DaysSinceLastPurchase.Value / average, 2, MidpointRounding.AwayFromZero);
                    }
                }
            }

            facts.Recency = RfmScoring.Recency(facts.DaysSinceLastPurchase);
            facts.Frequency = RfmScoring.Frequency(facts.PurchaseCount, facts.PurchasesLast365Days);
            facts.Monetary = RfmScoring.Monetary(facts.PurchaseCount, facts.TotalSpend);
            facts.Octant = input.OctantSplits?.Of(facts)?.ToString() ?? "";
            facts.AlertSignals = (facts.OverdueFactor > 1m ? 1 : 0) + (facts.SpendFalling ? 1 : 0) + (facts.Satisfaction <= 2 ? 1 : 0)
                + (facts.DaysSinceMissedAppointment <= 30 ? 1 : 0);
            var date = FromDayNumber(day);
            facts.DaysToSpringFestival = FestivalCalendar.DaysToSpringFestival(date);
            facts.DaysToDragonBoat = FestivalCalendar.DaysToDragonBoat(date);
            facts.DaysToMidAutumn = FestivalCalendar.DaysToMidAutumn(date);
            facts.DaysToChristmas = FestivalCalendar.DaysToChristmas(date);
            facts.DaysToValentinesDay = FestivalCalendar.DaysToValentinesDay(date);
            if (input.Birthday.HasValue)
            {
                facts.DaysToBirthday = DaysToAnniversary(input.Birthday.Value.Date, FromDayNumber(day), strictlyAfterOrigin: false);
            }

            // The date is a calendar date as the contact holds it (date only); a membership that begins after the day is not one yet.
            if (input.MemberSince.HasValue && input.MemberSince.Value.Date <= FromDayNumber(day))
            {
                facts.DaysToMemberAnniversary = DaysToAnniversary(input.MemberSince.Value.Date, FromDayNumber(day), strictlyAfterOrigin: true);
            }

            // Last: a campaign's audience reads the day's other facts.
            facts.InCampaign = Campaign.Covering(input.Campaigns, facts, FromDayNumber(day)) is not null;
            return facts;
        }

        /// <summary>
        /// The last order made (in time) below 70 % of the average of the earlier ones, with at least two earlier orders:
        /// last × 10 × earlier count &lt; 7 × earlier sum, in exact decimals.
        /// </summary>
        private static bool SpendFallingOf(List<Purchase> purchases)
        {
            Purchase? last = null;
            decimal sum = 0m;
            var count = 0;
            foreach (var purchase in purchases)
            {
                sum += purchase.Amount;
                count++;
                if (last is null || purchase.WhenUtc >= last.WhenUtc) last = purchase;
            }

            if (last is null || count < 3) return false;
            var earlierSum = sum - last.Amount;
            return last.Amount * 10m * (count - 1) < 7m * earlierSum;
        }

        /// <summary>
        /// Days from today until the Octant fact changes with nothing else happening: the last purchase grows older than the
        /// recency split, or an order leaves the 365-day window and the orders in it fall to the frequency split (spend does
        /// not change without an order). Null without split points, without purchases, or when neither ever happens.
        /// </summary>
        public int? DaysUntilOctantChanges()
        {
            var splits = _input.OctantSplits;
            if (splits is null || _purchaseDays.Length == 0) return null;
            int? next = null;
            var last = _distinctDays[_distinctDays.Length - 1];
            if (_today - last <= splits.RecentWithinDays) next = last + splits.RecentWithinDays + 1 - _today;
            var inWindow = CountWithin(_purchaseDays, _today, 365);
            if (inWindow > splits.PurchasesAbove)
            {
                // The window's orders in date order: once the (inWindow - PurchasesAbove)-th of them leaves, no more than the split remain.
                var first = LowerBound(_purchaseDays, _today - 364);
                var leaves = _purchaseDays[first + inWindow - splits.PurchasesAbove - 1] + 365 - _today;
                if (next is null || leaves < next.Value) next = leaves;
            }

            return next;
        }

        /// <summary>
        /// The campaign covering the customer <paramref name="daysAhead"/> days from today (<see cref="Campaign.Covering"/>:
        /// the one that makes InCampaign true); null when none does. An attempt started that day is its owner team's.
        /// </summary>
        public Campaign? CampaignOn(int daysAhead) => Campaign.Covering(_input.Campaigns, BuildForDay(daysAhead), FromDayNumber(_today + daysAhead));

        /// <summary>
        /// How many touches on <paramref name="channels"/> (null or empty = every channel) a cap of
        /// <paramref name="windowDays"/> days counts today: every touch from the organisation-local day
        /// today - windowDays + 1 on, later ones and <paramref name="planned"/> ones included. Touches are recorded at the
        /// latest instant they can happen (a message's send-after, a call's due time), so counting the later ones keeps
        /// the cap in every window that holds the new touch, not only the one ending today. The one cap count: the
        /// contact policy's and the outreach plan's.
        /// </summary>
        public int CountTouches(IReadOnlyCollection<string>? channels, int windowDays, IEnumerable<Touch>? planned = null) =>
            CountTouches(channels, windowDays, planned, 0);

        /// <summary>
        /// As <see cref="CountTouches(IReadOnlyCollection{string}, int, IEnumerable{Touch})"/>, for the window ending
        /// <paramref name="daysAhead"/> days from today with no touch in between: the count a cap sees on that day.
        /// </summary>
        public int CountTouches(IReadOnlyCollection<string>? channels, int windowDays, IEnumerable<Touch>? planned, int daysAhead)
        {
            if (daysAhead < 0) throw new ArgumentOutOfRangeException(nameof(daysAhead));
            var count = Count(_input.Touches, channels, windowDays, daysAhead);
            return planned is null ? count : count + Count(planned, channels, windowDays, daysAhead);
        }

        private int Count(IEnumerable<Touch> touches, IReadOnlyCollection<string>? channels, int windowDays, int daysAhead)
        {
            var zone = _input.OrganisationTimeZone ?? TimeZoneInfo.Utc;
            var count = 0;
            foreach (var touch in touches)
            {
                if (channels is not null && channels.Count > 0 && !Contains(channels, touch.Channel)) continue;
                if (DayNumber(ToZone(touch.WhenUtc, zone)) > _today + daysAhead - windowDays) count++;
            }

            return count;
        }

        private int[] ChannelDays(string channel)
        {
            if (channel.Length == 0) return Array.Empty<int>();
            var days = new List<int>();
            for (var i = 0; i < _touchDaysByTime.Length; i++)
            {
                if (string.Equals(_touchChannels[i], channel, StringComparison.Ordinal)) days.Add(_touchDaysByTime[i]);
            }

            return days.ToArray();
        }

        private static bool Contains(IReadOnlyCollection<string> channels, string channel)
        {
            foreach (var c in channels)
            {
                if (string.Equals(c, channel, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        /// <summary>Entries made 0..window-1 days before <paramref name="day"/> (sorted input, binary search).</summary>
        private static int CountWithin(int[] sortedDays, int day, int window)
        {
            var from = LowerBound(sortedDays, day - window + 1);
            var to = LowerBound(sortedDays, day + 1);
            return to - from;
        }

        private static int LowerBound(int[] sorted, int value)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                if (sorted[mid] < value) lo = mid + 1;
                else hi = mid;
            }

            return lo;
        }

        private static int DaysToAnniversary(DateTime origin, DateTime today, bool strictlyAfterOrigin)
        {
            for (var year = today.Year; ; year++)
            {
                var day = Math.Min(origin.Day, DateTime.DaysInMonth(year, origin.Month));
                var candidate = new DateTime(year, origin.Month, day);
                if (candidate < today) continue;
                if (strictlyAfterOrigin && candidate <= origin) continue;
                return (int)(candidate - today).TotalDays;
            }
        }

        internal static DateTime ToZone(DateTime utc, TimeZoneInfo zone) =>
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

        private static int DayNumber(DateTime local) => (int)(local.Date.Ticks / TimeSpan.TicksPerDay);

        private static DateTime FromDayNumber(int day) => new DateTime(day * TimeSpan.TicksPerDay);
    }
}
