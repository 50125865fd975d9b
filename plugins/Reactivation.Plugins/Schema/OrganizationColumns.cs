namespace Reactivation.Plugins.Schema
{
    /// <summary>The organization table (one row per environment): the initialisation reads its base currency.</summary>
    public static class OrganizationColumns
    {
        public const string Table = "organization";
        public const string BaseCurrency = "basecurrencyid";
    }
}
