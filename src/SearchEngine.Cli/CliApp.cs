using System.CommandLine;
using SearchEngine.Cli.Indexing;
using SearchEngine.Cli.Searching;
using SearchEngine.Cli.Statistics;

namespace SearchEngine.Cli;

/// <summary>The searchengine command line: parses the arguments, runs one command and turns failures into one-line messages.</summary>
public static class CliApp
{
    public const string CommandName = "searchengine";

    /// <summary>Runs with redirected (non-terminal) streams, as tests and scripts see it.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, new CliConsole(output, error, OutputIsTerminal: false, ErrorIsTerminal: false));

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var parseResult = CreateRootCommand(console).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                console.ReportError(parseError.Message);
            }
            return ExitCodes.Failure;
        }
        try
        {
            // Ctrl+C cancels the action's token and System.CommandLine exits with 130.
            return await parseResult.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Output,
                Error = console.Error,
                // Failures are reported below as one line; a user never sees a stack trace.
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CommandFailedException exception)
        {
            console.ReportError(exception.Message);
            return ExitCodes.Failure;
        }
        catch (Exception exception)
        {
            console.ReportError($"unexpected {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.Failure;
        }
    }

    private static RootCommand CreateRootCommand(CliConsole console) =>
        new("Client of the searchengine news search server.")
        {
            IndexCommand.Create(console),
            SearchCommand.Create(console),
            StatsCommand.Create(console),
        };
}
