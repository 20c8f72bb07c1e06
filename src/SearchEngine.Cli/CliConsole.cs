namespace SearchEngine.Cli;

/// <summary>
/// Where the commands write, and whether each stream is a terminal: terminals get bold marks and a live
/// progress line, redirected streams get plain text that reads well in a file or a pipe.
/// </summary>
public sealed record CliConsole(TextWriter Output, TextWriter Error, bool OutputIsTerminal, bool ErrorIsTerminal)
{
    public static CliConsole FromSystemConsole() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>Writes "searchengine: message" on the error stream.</summary>
    public void ReportError(string message) => Error.WriteLine($"{CliApp.CommandName}: {message}");
}
