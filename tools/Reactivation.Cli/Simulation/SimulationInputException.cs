namespace Reactivation.Cli.Simulation;

/// <summary>Input the simulation cannot use (a malformed line, an unknown format, an invalid rules folder); the message names the file and line.</summary>
public sealed class SimulationInputException : Exception
{
    public SimulationInputException(string message)
        : base(message)
    {
    }

    public SimulationInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SimulationInputException()
    {
    }

    /// <summary>A problem on one line of a file, compiler style: <c>file(line): message</c>.</summary>
    public static SimulationInputException AtLine(string file, int line, string message) => new($"{file}({line}): {message}");
}
