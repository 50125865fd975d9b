using System;
using System.Collections.Generic;

namespace Reactivation.Core.Joins
{
    /// <summary>
    /// Which household each contact belongs to: the household key the business declares on the contact
    /// (rx_householdkey) or, without one, the account the contact belongs to (parentcustomerid). A contact with
    /// neither lives alone. Filled from the page's own rows and from the rows the relationship query returns.
    /// </summary>
    public sealed class HouseholdDirectory
    {
        private const string AccountPrefix = "account:";
        private const string DeclaredPrefix = "key:";

        private readonly Dictionary<Guid, string> _keys = new Dictionary<Guid, string>();

        /// <summary>
        /// The household of a contact: the declared key (trimmed, compared case-insensitively, so "Lin-12" and
        /// "lin-12 " are one household), else the parent account; null for a contact who lives alone.
        /// The two kinds never collide: a declared key "account:..." is still a declared key.
        /// </summary>
        public static string? KeyFor(string? declaredKey, Guid? parentAccount)
        {
            var declared = declaredKey?.Trim();
            if (!string.IsNullOrEmpty(declared)) return DeclaredPrefix + declared!.ToUpperInvariant();
            return parentAccount is { } account && account != Guid.Empty ? AccountPrefix + account.ToString("D") : null;
        }

        /// <summary>Records a contact's household (from its rx_householdkey and parentcustomerid); a later call for the same contact replaces it.</summary>
        public void Add(Guid contact, string? declaredKey, Guid? parentAccount)
        {
            var key = KeyFor(declaredKey, parentAccount);
            if (key is null) _keys.Remove(contact);
            else _keys[contact] = key;
        }

        /// <summary>The contact's household key, or null when the contact lives alone (or is unknown).</summary>
        public string? KeyOf(Guid contact) => _keys.TryGetValue(contact, out var key) ? key : null;

        /// <summary>True when both contacts belong to one household (never for a contact who lives alone).</summary>
        public bool SameHousehold(Guid a, Guid b)
        {
            var key = KeyOf(a);
            return key is not null && string.Equals(key, KeyOf(b), StringComparison.Ordinal);
        }

        public int Count => _keys.Count;
    }

    /// <summary>
    /// A touch a household member already got on a day with an offer, outside this page (an earlier page of
    /// the same run, or an earlier run that day): the household has had that offer that day.
    /// </summary>
    public sealed class EarlierHouseholdTouch
    {
        public EarlierHouseholdTouch(Guid contactId, string householdKey, string offer, DateTime day)
        {
            if (string.IsNullOrEmpty(householdKey)) throw new ArgumentException("An earlier household touch needs the household key (HouseholdDirectory.KeyFor).", nameof(householdKey));
            ContactId = contactId;
            HouseholdKey = householdKey;
            Offer = offer ?? "";
            Day = day.Date;
        }

        public Guid ContactId { get; }
        /// <summary>As <see cref="HouseholdDirectory.KeyFor"/> gives it.</summary>
        public string HouseholdKey { get; }
        public string Offer { get; }
        public DateTime Day { get; }
    }
}
