namespace Reactivation.Plugins.Schema
{
    /// <summary>The systemuser columns the daily evaluation reads: a rep's daily call capacity (solution/Entities/SystemUser).</summary>
    public static class SystemUserColumns
    {
        public const string Table = "systemuser";
        public const string Id = "systemuserid";
        /// <summary>Whole number, 1 or more: the calls the rep makes a day; empty: not limited.</summary>
        public const string DailyCallCapacity = "rx_dailycallcapacity";
    }
}
