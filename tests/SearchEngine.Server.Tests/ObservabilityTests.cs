using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>The request and slow-search logs, the /metrics exposition and the health of an index that cannot write.</summary>
public sealed partial class ObservabilityTests
{
    private const string SearchMethod = "/searchengine.v1.SearchService/Search";
    private const string GetArticleMethod = "/searchengine.v1.SearchService/GetArticle";
    private const string IndexArticlesMethod = "/searchengine.v1.IndexService/IndexArticles";
    private const string RequestCategory = "SearchEngine.Server.Observability.RequestLoggingInterceptor";
    private const string SearchCategory = "SearchEngine.Server.Services.SearchGrpcService";

    private static Dictionary<string, string?> LogSettings(TimeSpan slowQueryThreshold) => new()
    {
        ["Logging:LogLevel:SearchEngine.Server.Observability"] = "Information",
        ["Search:SlowQueryThreshold"] = slowQueryThreshold.ToString("c"),
    };

    [Fact]
    public async Task EveryCallLogsOneLineWithMethodStatusAndLatency()
    {
        using var indexFolder = new TempFolder();
        var logs = new CapturedLogs();
        await using var server = await SearchServer.StartAsync(new ServerSettings(indexFolder.Path, SampleData: "", ServerSettings.DefaultRefreshInterval,
            Configuration: LogSettings(TimeSpan.FromHours(1)), Logs: logs));

        await server.IndexArticlesAsync([new Article { Id = "log-1", Title = "Otter" }, new Article { Id = "log-2", Title = "Beaver" }]);
        await server.SearchAsync("otter");
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, () => server.GetArticleAsync("missing"));
        await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => server.GetArticleAsync(""));

        var lines = logs.Entries.Where(entry => entry.Category == RequestCategory).ToList();
        Assert.All(lines, line => Assert.Equal(LogLevel.Information, line.Level));
        Assert.Equal([StatusCode.OK], StatusesOf(lines, IndexArticlesMethod));
        Assert.Equal([StatusCode.OK], StatusesOf(lines, SearchMethod));
        Assert.Equal([StatusCode.NotFound, StatusCode.InvalidArgument], StatusesOf(lines, GetArticleMethod));
        var search = Assert.Single(lines, line => Equals(line.Fields["Method"], SearchMethod));
        Assert.IsType<double>(search.Fields["ElapsedMs"]);
        Assert.True((double)search.Fields["ElapsedMs"]! >= 0);
        Assert.StartsWith($"{SearchMethod} answered OK in ", search.Message, StringComparison.Ordinal);
        Assert.EndsWith(" ms", search.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, entry => entry.Category == SearchCategory);
    }

    [Fact]
    public async Task SearchAtOrAboveTheThresholdIsLoggedWithItsQueryCutShort()
    {
        using var indexFolder = new TempFolder();
        var logs = new CapturedLogs();
        // A zero threshold makes every search slow, so the test does not depend on timing.
        await using var server = await SearchServer.StartAsync(new ServerSettings(indexFolder.Path, RepositoryPaths.SampleData, ServerSettings.DefaultRefreshInterval,
            Configuration: LogSettings(TimeSpan.Zero), Logs: logs));
        var longQuery = string.Concat(Enumerable.Repeat("经济 growth ", 40));

        var shortAnswer = await server.SearchAsync("经济 growth");
        await server.SearchAsync(longQuery);

        var slow = logs.Entries.Where(entry => entry.Category == SearchCategory).ToList();
        Assert.Equal(2, slow.Count);
        Assert.All(slow, entry => Assert.Equal(LogLevel.Warning, entry.Level));
        Assert.Equal("经济 growth", slow[0].Fields["Query"]);
        Assert.Equal(shortAnswer.TookMs, slow[0].Fields["TookMs"]);
        Assert.Equal(0L, slow[0].Fields["ThresholdMs"]);
        Assert.Contains("经济 growth", slow[0].Message, StringComparison.Ordinal);
        var cut = Assert.IsType<string>(slow[1].Fields["Query"]);
        Assert.Equal(string.Concat(longQuery.AsSpan(0, 200), "…"), cut);
    }

    [Fact]
    public async Task MetricsCountCallsByMethodAndStatusAndDescribeTheIndex()
    {
        using var indexFolder = new TempFolder();
        await using var server = await SearchServer.StartAsync(new ServerSettings(indexFolder.Path, RepositoryPaths.SampleData, ServerSettings.DefaultRefreshInterval));

        await server.IndexArticlesAsync([new Article { Id = "metrics-1", Title = "Heron" }, new Article { Id = "metrics-2", Title = "Egret" }, new Article { Title = "no id" }]);
        await server.SearchAsync("heron");
        await server.SearchAsync("egret");
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, () => server.GetArticleAsync("missing"));
        var stats = await server.GetIndexStatsAsync();

        var metrics = Parse(await server.ScrapeMetricsAsync());

        Assert.Equal(2, metrics[$"searchengine_grpc_requests_total{{method=\"{SearchMethod}\",status=\"OK\"}}"]);
        Assert.Equal(1, metrics[$"searchengine_grpc_requests_total{{method=\"{GetArticleMethod}\",status=\"NOT_FOUND\"}}"]);
        Assert.Equal(1, metrics[$"searchengine_grpc_requests_total{{method=\"{IndexArticlesMethod}\",status=\"OK\"}}"]);
        Assert.Equal(2, metrics[$"searchengine_grpc_request_duration_seconds_count{{method=\"{SearchMethod}\",status=\"OK\"}}"]);
        Assert.Equal(2, metrics[$"searchengine_grpc_request_duration_seconds_bucket{{method=\"{SearchMethod}\",status=\"OK\",le=\"+Inf\"}}"]);
        Assert.True(metrics[$"searchengine_grpc_request_duration_seconds_sum{{method=\"{SearchMethod}\",status=\"OK\"}}"] > 0);
        var buckets = metrics.Where(pair => pair.Key.StartsWith($"searchengine_grpc_request_duration_seconds_bucket{{method=\"{SearchMethod}\"", StringComparison.Ordinal))
            .Select(pair => pair.Value).ToList();
        Assert.Equal(14, buckets.Count);
        Assert.Equal(buckets.Order(), buckets);
        Assert.Equal(2, metrics["searchengine_articles_indexed_total"]);
        Assert.Equal(SampleArticles.Count + 2, metrics["searchengine_index_articles"]);
        Assert.Equal(stats.ArticleCount, metrics["searchengine_index_articles"]);
        Assert.True(metrics["searchengine_index_size_bytes"] > 0);
        Assert.True(metrics["searchengine_searcher_refresh_age_seconds"] >= 0);
        Assert.Equal(1, metrics["searchengine_index_writable"]);
    }

    [Fact]
    public async Task HealthIsNotServingAfterAFailedCommitUntilACommitSucceeds()
    {
        using var folder = new TempFolder();
        var indexPath = Path.Combine(folder.Path, "index");
        var movedPath = Path.Combine(folder.Path, "moved");
        await using var server = await SearchServer.StartAsync(new ServerSettings(indexPath, SampleData: "", ServerSettings.DefaultRefreshInterval));
        await server.IndexArticlesAsync([new Article { Id = "before", Title = "Written before the fault" }]);

        // The writer keeps its open files, but a file where its folder was makes every new segment file fail.
        Directory.Move(indexPath, movedPath);
        await File.WriteAllTextAsync(indexPath, "not a folder", TestContext.Current.CancellationToken);
        await RpcAssert.FailsWithAsync(StatusCode.Internal, () => server.IndexArticlesAsync([new Article { Id = "during", Title = "Written during the fault" }]));

        Assert.Equal(0, Parse(await server.ScrapeMetricsAsync())["searchengine_index_writable"]);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await server.CheckHealthAsync());
        Assert.Equal("before", (await server.GetArticleAsync("before")).Id);

        File.Delete(indexPath);
        Directory.Move(movedPath, indexPath);
        Assert.Equal(1, (await server.IndexArticlesAsync([new Article { Id = "after", Title = "Written after the fault" }])).Indexed);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await server.CheckHealthAsync());
        Assert.Equal("after", (await server.GetArticleAsync("after")).Id);
    }

    private static List<StatusCode> StatusesOf(IEnumerable<CapturedLogEntry> lines, string method) =>
        [.. lines.Where(line => Equals(line.Fields["Method"], method)).Select(line => (StatusCode)line.Fields["StatusCode"]!)];

    /// <summary>The samples of a Prometheus text exposition by series (name and labels), checking each line's shape.</summary>
    private static Dictionary<string, double> Parse(string exposition)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                continue;
            }
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            samples.Add(match.Groups["series"].Value, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
        }
        return samples;
    }

    [GeneratedRegex("""^(?<series>[a-z_]+(\{[^}]*\})?) (?<value>[-+0-9.eE]+)$""")]
    private static partial Regex SampleLine();
}
