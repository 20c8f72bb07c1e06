using System.Text.Json;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>
/// A client outside the process, over a real socket, that knows the services only through
/// reflection: `buf curl` against the server with the shipped sample loaded.
/// </summary>
public sealed class BufCurlTests(SocketSampleIndexFixture fixture) : IClassFixture<SocketSampleIndexFixture>
{
    private Uri Address => fixture.Server.SocketAddress ?? throw new InvalidOperationException("the fixture serves over a socket");

    [Fact]
    public async Task SearchThroughReflectionReturnsMarkedHitsAndAHistogram()
    {
        var result = await Curl("searchengine.v1.SearchService/Search", """{"query":"Guizhou big data"}""");

        using var response = JsonDocument.Parse(result.StandardOutput);
        var root = response.RootElement;
        // protojson writes int64 as strings.
        var totalHits = long.Parse(root.GetProperty("totalHits").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var hits = root.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.Equal(totalHits, hits.Count);
        Assert.Contains(hits, hit => hit.GetProperty("id").GetString() == "sample-001");
        var snippets = hits.SelectMany(hit => hit.GetProperty("highlight").GetProperty("snippets").EnumerateArray()).Select(snippet => snippet.GetString()!).ToList();
        Assert.Contains(snippets, snippet => snippet.Contains("<em>", StringComparison.Ordinal) && snippet.Contains("</em>", StringComparison.Ordinal));
        var buckets = root.GetProperty("dateHistogram").EnumerateArray().ToList();
        Assert.NotEmpty(buckets);
        Assert.All(buckets, bucket => Assert.Matches(@"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$", bucket.GetProperty("key").GetString()));
        Assert.Equal(totalHits, buckets.Sum(bucket => bucket.TryGetProperty("count", out var count) ? long.Parse(count.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : 0));
        Assert.StartsWith("DATE_INTERVAL_", root.GetProperty("dateHistogramInterval").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListMethodsShowsBothServices()
    {
        var result = await RunBuf("--list-methods", Address.ToString());

        var methods = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("searchengine.v1.SearchService/Search", methods);
        Assert.Contains("searchengine.v1.SearchService/GetArticle", methods);
        Assert.Contains("searchengine.v1.IndexService/IndexArticles", methods);
        Assert.Contains("searchengine.v1.IndexService/DeleteArticles", methods);
        Assert.Contains("searchengine.v1.IndexService/GetIndexStats", methods);
    }

    [Fact]
    public async Task HealthCheckIsServing()
    {
        var result = await Curl("grpc.health.v1.Health/Check", "{}");

        using var response = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("SERVING", response.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InvalidRequestReportsInvalidArgument()
    {
        var result = await BufCli.RunAsync("curl", "--protocol", "grpc", "--http2-prior-knowledge",
            "--data", """{"query":"\"big data"}""", new Uri(Address, "searchengine.v1.SearchService/Search").ToString());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("invalid_argument", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("unbalanced quote", result.StandardError, StringComparison.Ordinal);
    }

    private Task<CommandResult> Curl(string method, string json) =>
        RunBuf("--data", json, new Uri(Address, method).ToString());

    private static async Task<CommandResult> RunBuf(params string[] arguments)
    {
        var result = await BufCli.RunAsync(["curl", "--protocol", "grpc", "--http2-prior-knowledge", .. arguments]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
