using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Statistics;

/// <summary><c>searchengine stats</c>: how many articles the index holds, their date span and its size on disk.</summary>
internal static class StatsCommand
{
    private const double BytesPerMegabyte = 1_000_000;

    public static Command Create(CliConsole console)
    {
        var server = ServerConnection.CreateServerOption();
        var command = new Command("stats", "Show the size and date span of the index") { server };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var address = parseResult.GetRequiredValue(server);
            var stats = await GetStatsAsync(address, cancellationToken);
            Write(stats, console.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<IndexStats> GetStatsAsync(Uri address, CancellationToken cancellationToken)
    {
        using var channel = ServerConnection.OpenChannel(address);
        try
        {
            return await new IndexService.IndexServiceClient(channel).GetIndexStatsAsync(new GetIndexStatsRequest(), cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandFailedException(ServerConnection.Describe(exception, address));
        }
    }

    private static void Write(IndexStats stats, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"Articles:      {stats.ArticleCount:N0}"));
        output.WriteLine($"Oldest:        {FormatInstant(stats.OldestPublishedAt)}");
        output.WriteLine($"Newest:        {FormatInstant(stats.NewestPublishedAt)}");
        output.WriteLine(string.Create(culture, $"Size on disk:  {stats.SizeBytes / BytesPerMegabyte:N1} MB ({stats.SizeBytes:N0} bytes)"));
    }

    private static string FormatInstant(Timestamp? timestamp) =>
        timestamp is null
            ? "none (no article has a date)"
            : timestamp.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
