using SearchEngine.Cli.Tests.Infrastructure;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>The real server process refuses a ranking setting out of range with a one-line message naming it.</summary>
[Collection(nameof(DurabilityCollection))]
public sealed class ServerConfigurationTests
{
    private static readonly TimeSpan RefusalTimeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 2 * 60 * 1000)]
    public async Task An_out_of_range_ranking_setting_stops_the_server_naming_the_setting()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();

        await using var server = ChildProcess.Start("misconfigured server", BuiltPrograms.Server,
            [.. ServerProcess.Arguments(UnusedPort.Address(), Path.Combine(folder.Path, "index")), "--Ranking:B=1.5"]);

        Assert.True(await server.WaitForExitAsync(RefusalTimeout, cancellationToken), $"the server still runs with Ranking:B=1.5: {server}");
        Assert.Equal(1, server.ExitCode);
        Assert.Contains("searchengine-server: invalid configuration: Ranking:B is 1.5; it must be between 0 and 1", server.Error, StringComparison.Ordinal);
    }
}
