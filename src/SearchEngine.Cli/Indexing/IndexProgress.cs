using System.Diagnostics;
using System.Globalization;

namespace SearchEngine.Cli.Indexing;

/// <summary>
/// A live "articles sent" line on a terminal, redrawn in place at most four times a second; on a
/// redirected stream it writes nothing, so logs do not fill with carriage returns.
/// </summary>
internal sealed class IndexProgress(TextWriter error, bool isTerminal)
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(250);

    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private TimeSpan lastDrawn = TimeSpan.Zero;
    private int drawnLength;

    public void Report(long sent)
    {
        var elapsed = stopwatch.Elapsed;
        if (!isTerminal || elapsed - lastDrawn < RedrawInterval)
        {
            return;
        }
        lastDrawn = elapsed;
        var rate = sent / elapsed.TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture, $"  {sent:N0} articles sent, {rate:N0} articles/s");
        // Pad over the previous text in case this line is shorter.
        error.Write("\r" + line.PadRight(drawnLength));
        error.Flush();
        drawnLength = line.Length;
    }

    /// <summary>Erases the progress line so the summary starts on a clean line.</summary>
    public void Clear()
    {
        if (drawnLength > 0)
        {
            error.Write("\r" + new string(' ', drawnLength) + "\r");
            error.Flush();
            drawnLength = 0;
        }
    }
}
