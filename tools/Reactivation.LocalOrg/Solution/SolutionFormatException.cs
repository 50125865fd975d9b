namespace Reactivation.LocalOrg.Solution;

/// <summary>
/// An unpacked solution folder that Dataverse would not import (or that the local organisation
/// cannot run): the message names the file, relative to the solution folder, and what is wrong.
/// </summary>
public sealed class SolutionFormatException : Exception
{
    public SolutionFormatException()
    {
    }

    public SolutionFormatException(string message)
        : base(message)
    {
    }

    public SolutionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SolutionFormatException(string filePath, int? line, string problem, Exception? innerException = null)
        : base(
            (line is null ? filePath : $"{filePath}({line.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)})") + ": " + problem,
            innerException)
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The offending file, relative to the solution folder (forward slashes).</summary>
    public string? FilePath { get; }

    /// <summary>The line in <see cref="FilePath"/> when the problem is at a particular element.</summary>
    public int? Line { get; }
}
