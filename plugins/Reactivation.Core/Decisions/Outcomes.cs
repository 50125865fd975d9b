using System;
using System.Collections.Generic;
using System.Globalization;
using Reactivation.Core.Attempts;

namespace Reactivation.Core.Decisions
{
    /// <summary>The stages a lifecycle ruleset may name (its SuccessEvent).</summary>
    public enum LifecycleStage
    {
        Prospect,
        New,
        Active,
        Silent,
        Sleeping,
        Lost,
        Loyal,
        Reactivated,
    }

    /// <summary>The channels a contact-policy verdict or an outbound message may name.</summary>
    public static class ContactChannels
    {
        public const string Phone = "Phone";
        public const string Sms = "Sms";
        public const string Email = "Email";
        public const string WeChat = "WeChat";
        public const string WeCom = "WeCom";
        public const string Push = "Push";
        public const string Task = "Task";

        private static readonly string[] Names = { Phone, Sms, Email, WeChat, WeCom, Push, Task };

        public static IReadOnlyList<string> All => Names;

        public static bool IsKnown(string name) => Array.IndexOf(Names, name) >= 0;

        /// <summary>A channel a message goes out on (not a rep's call or task).</summary>
        public static bool IsMessage(string channel) => channel != Phone && channel != Task;
    }

    /// <summary>
    /// Why a customer stopped coming (customer.DormancyReason): the rx_dormancyreason choice, in option-value order
    /// (101770000 Unknown, 101770001 UnusedPackage, ...). A test keeps this list equal to the choice solution/ declares.
    /// </summary>
    public static class DormancyReasons
    {
        public const string Unknown = "Unknown";
        public const string UnusedPackage = "UnusedPackage";
        public const string Dissatisfied = "Dissatisfied";
        public const string Relocated = "Relocated";
        public const string Competitor = "Competitor";
        public const string NoLongerNeeded = "NoLongerNeeded";
        public const string HabitChanged = "HabitChanged";
        public const string PriceSensitive = "PriceSensitive";
        public const string Forgot = "Forgot";

        private static readonly string[] Names = { Unknown, UnusedPackage, Dissatisfied, Relocated, Competitor, NoLongerNeeded, HabitChanged, PriceSensitive, Forgot };

        public static IReadOnlyList<string> All => Names;
    }

    /// <summary>
    /// Why a touch is made (customer.Purpose): Care keeps in touch without selling, Offer wins back with an offer,
    /// Campaign belongs to a reactivation campaign. The offer rule that plans the touch says which (its Purpose); the
    /// contact policy reads it for each touch, and the attempt keeps it (rx_purpose).
    /// </summary>
    public static class TouchPurposes
    {
        public const string Care = "Care";
        public const string Offer = "Offer";
        public const string Campaign = "Campaign";

        private static readonly string[] Names = { Care, Offer, Campaign };

        public static IReadOnlyList<string> All => Names;
    }

    /// <summary>
    /// Membership tiers (customer.Tier). rx_tier is free text, so a business may name its own tiers; these are the
    /// usual ones (Standard is what a contact without a tier gets), and lint only flags a near miss of one of them.
    /// </summary>
    public static class MembershipTiers
    {
        public const string Standard = "Standard";

        private static readonly string[] Names = { Standard, "Silver", "Gold", "Vip" };

        public static IReadOnlyList<string> Usual => Names;
    }

    /// <summary>What a contact-policy rule says when it matches (its SuccessEvent).</summary>
    public enum VerdictKind
    {
        /// <summary>No touch on the channels, with a reason code.</summary>
        Block,
        /// <summary>Not now: wait for one of the send windows.</summary>
        Defer,
        /// <summary>At most MaxTouches touches in WindowDays days.</summary>
        Cap,
        /// <summary>The channel order to escalate through and when to follow up.</summary>
        Escalation,
        /// <summary>Only this team may make the touch.</summary>
        Assign,
    }

    /// <summary>A local time-of-day window such as 11:00-12:00 (start inclusive, end exclusive).</summary>
    public sealed class SendWindow
    {
        public SendWindow(TimeSpan start, TimeSpan end)
        {
            Start = start;
            End = end;
        }

        public TimeSpan Start { get; }
        public TimeSpan End { get; }

        public bool Contains(TimeSpan timeOfDay) => timeOfDay >= Start && timeOfDay < End;

        public override string ToString() => Format(Start) + "-" + Format(End);

        /// <summary>Parses "HH:MM-HH:MM" (24h; end after start; 24:00 allowed as an end).</summary>
        public static bool TryParse(string text, out SendWindow window)
        {
            window = null!;
            if (text is null) return false;
            var parts = text.Split('-');
            if (parts.Length != 2) return false;
            if (!TryParseTime(parts[0], out var start) || !TryParseTime(parts[1], out var end)) return false;
            if (start >= end || start >= TimeSpan.FromHours(24)) return false;
            window = new SendWindow(start, end);
            return true;
        }

        private static bool TryParseTime(string text, out TimeSpan time)
        {
            time = TimeSpan.Zero;
            var hm = text.Trim().Split(':');
            if (hm.Length != 2 || hm[0].Length != 2 || hm[1].Length != 2) return false;
            if (!int.TryParse(hm[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)) return false;
            if (!int.TryParse(hm[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
            if (h > 24 || m > 59 || (h == 24 && m != 0)) return false;
            time = new TimeSpan(h, m, 0);
            return true;
        }

        private static string Format(TimeSpan t) => ((int)t.TotalHours).ToString("00", CultureInfo.InvariantCulture) + ":" + t.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The data a contact-policy rule carries (its SuccessEvent and Properties).</summary>
    public sealed class PolicyVerdictDefinition
    {
        internal PolicyVerdictDefinition(VerdictKind kind)
        {
            Kind = kind;
        }

        public VerdictKind Kind { get; }
        /// <summary>The channels the verdict concerns; empty = every channel.</summary>
        public IReadOnlyList<string> Channels { get; internal set; } = Array.Empty<string>();
        public string? ReasonCode { get; internal set; }
        public IReadOnlyList<SendWindow> SendWindows { get; internal set; } = Array.Empty<SendWindow>();
        public int? MaxTouches { get; internal set; }
        public int? WindowDays { get; internal set; }
        /// <summary>Escalation: the channel order, first to last (e.g. Push, Sms, Email, Phone).</summary>
        public IReadOnlyList<string> Order { get; internal set; } = Array.Empty<string>();
        public int? FollowUpAfterDays { get; internal set; }
        public string? Team { get; internal set; }

        public bool AppliesTo(string channel)
        {
            var channels = Channels;
            if (channels.Count == 0 || string.IsNullOrEmpty(channel)) return true;
            for (var i = 0; i < channels.Count; i++)
            {
                if (string.Equals(channels[i], channel, StringComparison.Ordinal)) return true;
            }

            return false;
        }
    }

    /// <summary>Text in the two languages the product ships: English and Simplified Chinese.</summary>
    public sealed class LocalizedText
    {
        public LocalizedText(string en, string zhCn)
        {
            En = en;
            ZhCn = zhCn;
        }

        public string En { get; }
        public string ZhCn { get; }

        /// <summary>The wording for a rational customer (facts and benefits); null: the text above serves them.</summary>
        public LocalizedText? Rational { get; internal set; }

        /// <summary>The wording for an emotional customer (relationship and feeling); null: the text above serves them.</summary>
        public LocalizedText? Emotional { get; internal set; }

        /// <summary>"zh-CN" (or any zh*) gives Chinese; anything else English.</summary>
        public string For(string language) =>
            language is not null && language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? ZhCn : En;

        /// <summary>
        /// As <see cref="For(string)"/>, in the wording for the customer's colour (the Colour fact: Rational, Emotional) when the
        /// text has one; the text itself for a customer whose colour staff have not recorded, or a colour it has no wording for.
        /// </summary>
        public string For(string language, string colour)
        {
            var variant = string.Equals(colour, CustomerColours.Rational, StringComparison.Ordinal) ? Rational
                : string.Equals(colour, CustomerColours.Emotional, StringComparison.Ordinal) ? Emotional
                : null;
            return (variant ?? this).For(language);
        }
    }

    /// <summary>
    /// The customer's colour as staff record it (seed 001): rational customers are won by facts and benefits, emotional ones
    /// by the relationship and how it feels. An offer's texts may carry a wording for each.
    /// </summary>
    public static class CustomerColours
    {
        public const string Rational = "Rational";
        public const string Emotional = "Emotional";

        public static readonly string[] All = { Rational, Emotional };
    }

    /// <summary>Who gets a follow-up activity: the contact's owner or a named team.</summary>
    public sealed class OwnerStrategy
    {
        private OwnerStrategy(string? team)
        {
            Team = team;
        }

        public static OwnerStrategy ContactOwner { get; } = new OwnerStrategy(null);

        public bool IsContactOwner => Team is null;
        /// <summary>The team name for "Team:&lt;name&gt;"; null for ContactOwner.</summary>
        public string? Team { get; }

        public override string ToString() => Team is null ? "ContactOwner" : "Team:" + Team;

        public static bool TryParse(string text, out OwnerStrategy owner)
        {
            owner = ContactOwner;
            if (text == "ContactOwner") return true;
            if (text is null || !text.StartsWith("Team:", StringComparison.Ordinal)) return false;
            var team = text.Substring(5).Trim();
            if (team.Length == 0 || team.Length > 100) return false;
            owner = new OwnerStrategy(team);
            return true;
        }
    }

    /// <summary>A follow-up activity for staff: subject and script templates, due date, owner.</summary>
    public abstract class ActivityAction
    {
        internal ActivityAction(LocalizedText subject, LocalizedText? script, int dueInDays, OwnerStrategy owner)
        {
            Subject = subject;
            Script = script;
            DueInDays = dueInDays;
            Owner = owner;
        }

        /// <summary>Template with {{Fact}} placeholders; render with <see cref="TemplateRenderer"/>.</summary>
        public LocalizedText Subject { get; }
        public LocalizedText? Script { get; }
        public int DueInDays { get; }
        public OwnerStrategy Owner { get; }
    }

    public sealed class TaskAction : ActivityAction
    {
        internal TaskAction(LocalizedText subject, LocalizedText? script, int dueInDays, OwnerStrategy owner)
            : base(subject, script, dueInDays, owner)
        {
        }
    }

    public sealed class PhoneCallAction : ActivityAction
    {
        internal PhoneCallAction(LocalizedText subject, LocalizedText? script, int dueInDays, OwnerStrategy owner)
            : base(subject, script, dueInDays, owner)
        {
        }
    }

    /// <summary>An outbound message: channel, the name of a message template, optional text per language.</summary>
    public sealed class MessageAction
    {
        internal MessageAction(string channel, string template, LocalizedText? text)
        {
            Channel = channel;
            Template = template;
            Text = text;
        }

        public string Channel { get; }
        public string Template { get; }
        public LocalizedText? Text { get; }
    }

    public enum IncentiveType
    {
        /// <summary>Value = amount in the organisation's currency.</summary>
        Voucher,
        /// <summary>Value = percent off.</summary>
        DiscountPercent,
        /// <summary>Value = number of sessions.</summary>
        FreeSession,
        /// <summary>Value = number of trial sessions.</summary>
        FreeTrial,
        /// <summary>Value = number of items that may be exchanged.</summary>
        FreeExchange,
        /// <summary>Value = 0 (priority access to the featured service).</summary>
        PriorityAccess,
        /// <summary>Value = the gift's worth in the organisation's currency.</summary>
        Gift,
        /// <summary>Value = the multiplier on a deposit or top-up (e.g. 1.5).</summary>
        DepositMultiplier,
        /// <summary>Value = interest-free days on the next loan.</summary>
        InterestFreeVoucher,
        /// <summary>Value = the credit-limit increase in the organisation's currency.</summary>
        LimitIncrease,
    }

    public sealed class IncentiveAction
    {
        internal IncentiveAction(IncentiveType type, decimal value, int validityDays)
        {
            Type = type;
            Value = value;
            ValidityDays = validityDays;
        }

        public IncentiveType Type { get; }
        public decimal Value { get; }
        public int ValidityDays { get; }
    }

    /// <summary>An offer as data: the name (SuccessEvent) and the actions its Properties describe.</summary>
    public sealed class OfferDefinition
    {
        internal OfferDefinition(string name)
        {
            Name = name;
        }

        public string Name { get; }
        public string? Label { get; internal set; }
        public string? LabelZh { get; internal set; }
        /// <summary>Activate or Wake: the step the offer starts an attempt at.</summary>
        public AttemptStep? Step { get; internal set; }
        /// <summary>Why its touches are made (<see cref="TouchPurposes"/>): Offer unless the rule says Care or Campaign.</summary>
        public string Purpose { get; internal set; } = TouchPurposes.Offer;
        public TaskAction? Task { get; internal set; }
        public PhoneCallAction? PhoneCall { get; internal set; }
        public MessageAction? Message { get; internal set; }
        public IncentiveAction? Incentive { get; internal set; }
        /// <summary>How many days after an attempt's start its orders are the attempt's (Core's AttributionRules): the rule's AttributionDays, default 30.</summary>
        public int AttributionDays { get; internal set; } = Measurement.AttributionRules.DefaultWindowDays;
    }
}
