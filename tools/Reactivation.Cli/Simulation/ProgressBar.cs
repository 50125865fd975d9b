namespace Reactivation.Cli.Simulation;

/// <summary>
/// Progress on stderr: a bar redrawn in place on a terminal; when stderr is not a terminal (a log, a pipe, a test),
/// a plain line every tenth of the run, so logs stay readable.
/// </summary>
public sealed class ProgressBar : IProgress<SimulationProgress>, IDisposable
{
    private const int Width = 30;
    private readonly TextWriter _writer;
    private readonly bool _plain;
    private int _lastTenth = -1;
    private bool _drawn;

    public ProgressBar(TextWriter writer, bool plain)
    {
        _writer = writer;
        _plain = plain;
    }

    public void Report(SimulationProgress value)
    {
        var share = (double)value.DaysDone / value.DaysTotal;
        if (_plain)
        {
            var tenth = (int)(share * 10);
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            _writer.WriteLine($"simulate: {share,4:P0} day {value.Day:yyyy-MM-dd}, {value.Customers} customers");
            return;
        }

        var filled = (int)(share * Width);
        _writer.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {share,4:P0} {value.Day:yyyy-MM-dd} {value.Customers} customers ");
        _drawn = true;
    }

    /// <summary>Ends the bar's line so the summary starts on a fresh one.</summary>
    public void Finish()
    {
        if (_drawn) _writer.WriteLine();
        _drawn = false;
    }

    public void Dispose() => Finish();
}
