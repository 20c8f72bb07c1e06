using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using SearchEngine.Cli.Tests.Infrastructure;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>
/// SIGTERM while an ingest stream is still open: the stream ends with UNAVAILABLE saying how much
/// of it was committed, the server exits 0, and the index it leaves holds those articles and is clean.
/// Also scrapes /metrics from the real process over its HTTP/1.1 port.
/// </summary>
[Collection(nameof(DurabilityCollection))]
public sealed class GracefulShutdownTests
{
    private const int StreamedArticles = 40;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan VisibleTimeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 3 * 60 * 1000)]
    public async Task Sigterm_during_an_open_ingest_stream_commits_what_was_read_and_closes_the_index_cleanly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var indexPath = Path.Combine(folder.Path, "index");
        string? metricsUrl = null;
        await using var server = await ServerProcess.StartAsync("server stopped mid-stream", indexPath, cancellationToken, () => metricsUrl = UnusedPort.Address());

        using var call = server.Index.IndexArticles(cancellationToken: cancellationToken);
        for (var number = 1; number <= StreamedArticles; number++)
        {
            await call.RequestStream.WriteAsync(new Article { Id = $"pending-{number}", Title = $"Pending article {number}", Body = "Streamed but not yet acknowledged." }, cancellationToken);
        }
        // The stream stays open: the articles are indexed (searchable after a refresh) but not acknowledged.
        await WaitForArticleCountAsync(server, StreamedArticles, cancellationToken);

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(new Uri(metricsUrl!), "/metrics"), cancellationToken);
        Assert.Equal(StreamedArticles, Sample(metrics, "searchengine_index_articles"));
        Assert.True(Sample(metrics, "searchengine_grpc_requests_total{method=\"/searchengine.v1.IndexService/GetIndexStats\",status=\"OK\"}") >= 1, metrics);
        Assert.Equal(0, Sample(metrics, "searchengine_articles_indexed_total"));

        Assert.True(await server.Process.TerminateAsync(StopTimeout, cancellationToken), $"the server did not stop within {StopTimeout.TotalSeconds} s of SIGTERM: {server.Process}");
        Assert.True(server.Process.ExitCode == 0, $"the server stopped with exit code {server.Process.ExitCode}: {server.Process}");
        var ended = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Contains($"the first {StreamedArticles} articles of this stream were read and committed", ended.Status.Detail, StringComparison.Ordinal);

        var (status, report) = IndexFolder.Check(indexPath);
        Assert.True(status.Clean, $"CheckIndex after the graceful stop found problems:\n{report}");
        var (liveDocumentsById, numDocs) = IndexFolder.CountIds(indexPath);
        Assert.Equal(StreamedArticles, numDocs);
        Assert.All(Enumerable.Range(1, StreamedArticles), number => Assert.Equal(1, liveDocumentsById.GetValueOrDefault($"pending-{number}")));
    }

    private static async Task WaitForArticleCountAsync(ServerProcess server, long expected, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(VisibleTimeout);
        long count;
        while ((count = await server.GetArticleCountAsync(deadline.Token)) < expected)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
        Assert.Equal(expected, count);
    }

    private static double Sample(string exposition, string series)
    {
        var match = Regex.Match(exposition, $"^{Regex.Escape(series)} (?<value>\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no sample {series} in:\n{exposition}");
        return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }
}
