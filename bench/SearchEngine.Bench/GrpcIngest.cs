using System.Globalization;
using System.Text.RegularExpressions;

namespace SearchEngine.Bench;

/// <summary>One ingest through gRPC: timed from the CLI's start to its exit (every batch committed).</summary>
internal sealed record GrpcIngestResult(
    long Docs,
    double InputMb,
    ProcessResult Cli,
    double ServerCpuSeconds,
    double ServerPeakRssMib,
    double IndexMb,
    SearchLatencyResult? Search)
{
    public double DocsPerSecond => Docs / Cli.WallSeconds;

    public double MbPerSecond => InputMb / Cli.WallSeconds;

    /// <summary>CPU seconds of both processes over the timed span.</summary>
    public double CpuSeconds => Cli.CpuSeconds + ServerCpuSeconds;
}

internal static partial class GrpcIngest
{
    private const int CliSuccess = 0;
    private const int CliSomeRejected = 2;

    /// <summary>Starts a fresh server, runs `searchengine index FILES`, optionally measures search, and stops the server.</summary>
    public static async Task<GrpcIngestResult> RunAsync(Workspace workspace, IReadOnlyList<string> files, EngineConfig config, IReadOnlyList<string>? searchQueries)
    {
        var indexPath = workspace.NewScratchFolder("index");
        try
        {
            await using var server = await ServerProcess.StartAsync(workspace, indexPath, config.ServerArguments, config.ServerEnvironment);
            var serverCpuBefore = server.CpuSeconds;
            var cli = await TimedProcess.RunAsync("dotnet", [workspace.CliDll, "index", .. files, "--server", server.Address.ToString(), .. config.CliArguments]);
            var serverCpu = server.CpuSeconds - serverCpuBefore;
            // 2 = some records rejected: the real corpora hold 7 articles with neither title nor body.
            if (cli.ExitCode is not (CliSuccess or CliSomeRejected))
            {
                throw new BenchException($"the CLI exited with {cli.ExitCode}: {cli.Error.Trim()} {cli.Output.Trim()}");
            }
            var match = IndexedLine().Match(cli.Output);
            if (!match.Success)
            {
                throw new BenchException($"no \"Indexed N articles\" in the CLI's output: {cli.Output.Trim()}");
            }
            var docs = long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var stats = await server.GetStatsAsync();
            if (stats.ArticleCount != docs)
            {
                throw new BenchException($"the CLI reported {docs} articles but the index holds {stats.ArticleCount}");
            }
            var indexMb = Machine.FolderBytes(indexPath) / 1e6;
            var ingestPeak = server.PeakRssMib;
            var search = searchQueries is null ? null : await SearchLatency.MeasureAsync(server.Channel, searchQueries);
            return new GrpcIngestResult(docs, files.Sum(file => new FileInfo(file).Length) / 1e6, cli, serverCpu, ingestPeak, indexMb, search);
        }
        finally
        {
            Directory.Delete(indexPath, recursive: true);
        }
    }

    [GeneratedRegex(@"Indexed ([\d,]+) articles?")]
    private static partial Regex IndexedLine();
}
