namespace Reactivation.Plugins.Schema
{
    /// <summary>The team table: a rule's <c>Team:&lt;name&gt;</c> owner and an Assign verdict name one (the step's configuration gives its id).</summary>
    public static class TeamColumns
    {
        public const string Table = "team";
    }
}
