using Microsoft.Xrm.Sdk;
using Reactivation.Core.Facts;

namespace Reactivation.Plugins.Pipeline
{
    /// <summary>
    /// The inputs the product's Custom APIs share (a Custom API has no step configuration): the page size of a paged
    /// call and the organisation's UTC offset, each checked with a message that names the API and the parameter.
    /// </summary>
    internal static class ApiInputs
    {
        public const string PageSizeParameter = "PageSize";
        public const string UtcOffsetParameter = "UtcOffsetMinutes";

        /// <summary>The call's PageSize; <paramref name="defaultSize"/> when it names none.</summary>
        /// <exception cref="InvalidPluginExecutionException">The size is outside 1..<paramref name="maxSize"/>.</exception>
        public static int PageSize(PluginContext context, string apiName, int defaultSize, int maxSize)
        {
            if (!context.Execution.InputParameters.TryGetValue(PageSizeParameter, out var value) || value is null) return defaultSize;
            var size = value is int i ? i : 0;
            if (size < 1 || size > maxSize)
            {
                throw new InvalidPluginExecutionException($"{apiName}: {PageSizeParameter} must be between 1 and {maxSize} (default {defaultSize}).");
            }

            return size;
        }

        /// <summary>The organisation's zone the call names; UTC when it names none.</summary>
        /// <exception cref="InvalidPluginExecutionException">The offset is outside ±14 hours.</exception>
        public static FixedOffsetZone Zone(PluginContext context, string apiName)
        {
            if (!context.Execution.InputParameters.TryGetValue(UtcOffsetParameter, out var value) || !(value is int minutes)) return FixedOffsetZone.Utc;
            if (!FixedOffsetZone.IsValidMinutes(minutes))
            {
                throw new InvalidPluginExecutionException(apiName + ": " + UtcOffsetParameter + " must be a whole number of minutes between -840 and 840, e.g. 480.");
            }

            return new FixedOffsetZone(System.TimeSpan.FromMinutes(minutes));
        }
    }
}
