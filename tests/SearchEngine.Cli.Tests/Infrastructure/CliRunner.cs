namespace SearchEngine.Cli.Tests.Infrastructure;

/// <summary>What one run of the command line printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the command line in-process with captured output, as a script would see it (no terminal).</summary>
public static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, outputIsTerminal: false, errorIsTerminal: false);

    public static async Task<CliResult> RunAsync(string[] args, bool outputIsTerminal, bool errorIsTerminal)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new CliConsole(output, error, outputIsTerminal, errorIsTerminal));
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
