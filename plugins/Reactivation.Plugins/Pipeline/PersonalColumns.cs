using System;
using System.Collections.Generic;

namespace Reactivation.Plugins.Pipeline
{
    /// <summary>
    /// Columns known to hold personal data about a customer. <see cref="TraceValue.Column"/> never
    /// renders their values, whatever their type. Text columns are never rendered anyway (only their
    /// length), so this list matters most for the non-text ones: birthdate, anniversary, the address
    /// coordinates. Extend it when the solution adds a personal column of its own.
    /// </summary>
    public static class PersonalColumns
    {
        private static readonly HashSet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "fullname", "firstname", "lastname", "middlename", "nickname", "salutation", "suffix",
            "yomifullname", "yomifirstname", "yomilastname", "yomimiddlename",
            "emailaddress1", "emailaddress2", "emailaddress3",
            "telephone1", "telephone2", "telephone3", "mobilephone", "fax", "pager", "assistantphone",
            "managerphone", "callback", "company", "home2",
            "birthdate", "anniversary", "rx_membersince", "spousesname", "childrensnames", "governmentid",
            "gendercode", "familystatuscode",
            "websiteurl", "ftpsiteurl",
        };

        /// <summary>Prefixes of column groups that are personal as a whole (the three address blocks).</summary>
        private static readonly string[] Prefixes = { "address1_", "address2_", "address3_" };

        /// <summary>True when <paramref name="logicalName"/> is a column whose value must never reach a trace.</summary>
        public static bool Contains(string logicalName)
        {
            if (string.IsNullOrEmpty(logicalName))
            {
                return false;
            }

            if (Names.Contains(logicalName))
            {
                return true;
            }

            foreach (var prefix in Prefixes)
            {
                if (logicalName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
