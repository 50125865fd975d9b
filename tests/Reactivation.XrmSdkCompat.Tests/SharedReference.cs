namespace Reactivation.XrmSdkCompat.Tests;

/// <summary>
/// The real SDK's facts in ../shared/reference/dataverse. The repository root is the folder holding
/// Reactivation.Plugins.sln; the reference material is "shared" beside it. A git worktree kept one level deeper
/// (e.g. wt/sdk) finds the same "shared" further up. Without it a check ends Inconclusive, naming the file.
/// </summary>
internal static class SharedReference
{
    /// <summary>The lines of ../shared/reference/dataverse/<paramref name="file"/>, trimmed, without blank lines and # comments.</summary>
    public static IReadOnlyList<string> Lines(string file)
    {
        var path = Find("shared/reference/dataverse/" + file);
        if (path == null)
        {
            Assert.Inconclusive($"../shared/reference/dataverse/{file} not found; this check needs the shared reference material");
        }

        return File.ReadAllLines(path!).Select(l => l.TrimEnd()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    private static string? Find(string fromSharedRoot)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Reactivation.Plugins.sln")))
        {
            directory = directory.Parent;
        }

        for (var ancestor = directory?.Parent; ancestor != null; ancestor = ancestor.Parent)
        {
            var candidate = Path.Combine(ancestor.FullName, fromSharedRoot);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
