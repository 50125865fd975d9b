namespace Reactivation.Plugins.Schema
{
    /// <summary>The team table: a rule's <c>Team:&lt;name&gt;</c> owner and an Assign verdict name one (the step's configuration gives its id).</summary>
    public static class TeamColumns
    {
        public const string Table = "team";
        public const string Id = "teamid";
        /// <summary>The team's name: the join explanation names the overflow team that takes a rep's extra calls.</summary>
        public const string Name = "name";
    }
}
