using System.Xml;

namespace Reactivation.Cli.Pack;

/// <summary>Something in the solution folder or the build that stops packing; the message names the file and line.</summary>
public sealed class PackException : Exception
{
    public PackException(string message)
        : base(message)
    {
    }

    public PackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PackException()
    {
    }

    /// <summary>An error in <paramref name="file"/> at the element's line when it has one: <c>file(line,col): message</c>.</summary>
    public static PackException At(string file, IXmlLineInfo? where, string message) =>
        new(where is { LineNumber: > 0 } ? $"{file}({where.LineNumber},{where.LinePosition}): {message}" : $"{file}: {message}");
}
