namespace Reactivation.Plugins.Tests;

internal static class TestPaths
{
    /// <summary>The folder holding Reactivation.Plugins.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reactivation.Plugins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Reactivation.Plugins.sln above " + AppContext.BaseDirectory);
    }
}
