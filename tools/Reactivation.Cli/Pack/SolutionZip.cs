using System.IO.Compression;

namespace Reactivation.Cli.Pack;

/// <summary>Writes a solution zip whose bytes depend only on its entries: their order is given, every timestamp is fixed.</summary>
public static class SolutionZip
{
    /// <summary>The timestamp of every entry (the zip format stores local time without a zone; this one needs no zone).</summary>
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(string path, IReadOnlyList<(string Name, byte[] Content)> entries)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entries);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var stream = entry.Open();
            stream.Write(content);
        }
    }
}
