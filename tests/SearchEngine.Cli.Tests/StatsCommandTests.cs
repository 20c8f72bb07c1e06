using SearchEngine.Cli.Tests.Infrastructure;

namespace SearchEngine.Cli.Tests;

public sealed class StatsCommandTests
{
    [Fact]
    public async Task Shows_count_date_span_and_size()
    {
        await using var server = await SearchServer.StartAsync();
        using var folder = new TempFolder();
        var file = folder.WriteText("two.jsonl", """
            {"id":"first","title":"First story","published_at":"2016-09-29T09:23:00Z"}
            {"id":"last","title":"Last story","published_at":"2021-02-03T04:05:06Z"}
            """);
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("index", file, "--server", server.ServerArgument)).ExitCode);

        var result = await CliRunner.RunAsync("stats", "--server", server.ServerArgument);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Articles:      2", lines[0]);
        Assert.Equal("Oldest:        2016-09-29T09:23:00Z", lines[1]);
        Assert.Equal("Newest:        2021-02-03T04:05:06Z", lines[2]);
        var sizeBytes = (await server.GetStatsAsync()).SizeBytes;
        Assert.Matches($@"^Size on disk:  \d+\.\d MB \({sizeBytes:N0} bytes\)$", lines[3]);
    }

    [Fact]
    public async Task Unreachable_server_is_a_one_line_error()
    {
        var address = UnusedPort.Address();

        var result = await CliRunner.RunAsync("stats", "--server", address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith($"searchengine: cannot reach the server at {address} (", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Server_address_must_be_http()
    {
        var result = await CliRunner.RunAsync("stats", "--server", "localhost:5000");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("searchengine: --server \"localhost:5000\" is not an http:// or https:// address (e.g. http://127.0.0.1:5000)\n", result.Error);
    }
}
