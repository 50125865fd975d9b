using System;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Pipeline
{
    /// <summary>
    /// The organisation's time zone from a step's unsecure configuration <c>utcOffsetMinutes=480</c>, as a fixed
    /// offset. Not a zone id: TimeZoneInfo.FindSystemTimeZoneById reads the registry on .NET Framework, which
    /// partial trust may deny; an organisation with daylight saving accepts a one-hour error at the day boundary.
    /// </summary>
    public static class OrganisationZone
    {
        /// <summary>The zone the configuration names; UTC when it names none.</summary>
        /// <exception cref="InvalidPluginExecutionException">The offset is not a whole number of minutes in [-840, 840].</exception>
        public static TimeZoneInfo FromConfiguration(string? configuration, string pluginName)
        {
            var minutes = 0;
            foreach (var pair in (configuration ?? "").Split(';'))
            {
                var kv = pair.Split('=');
                if (kv.Length == 2 && kv[0].Trim() == "utcOffsetMinutes")
                {
                    if (!int.TryParse(kv[1].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out minutes) || minutes < -840 || minutes > 840)
                    {
                        throw new InvalidPluginExecutionException(pluginName + ": utcOffsetMinutes must be a whole number of minutes between -840 and 840, e.g. utcOffsetMinutes=480.");
                    }
                }
            }

            var offset = TimeSpan.FromMinutes(minutes);
            return minutes == 0 ? TimeZoneInfo.Utc : TimeZoneInfo.CreateCustomTimeZone("UTC" + (minutes < 0 ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture), offset, "Organisation", "Organisation");
        }
    }
}
