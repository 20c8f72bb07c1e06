using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Bench;

/// <summary>Latency of the Search RPC as one client sees it (highlighting and date histogram included, the defaults).</summary>
internal sealed record SearchLatencyResult(int Failed, double P50Ms, double P99Ms, double MeanTotalHits, string LoadAtStart);

internal static class SearchLatency
{
    /// <summary>One untimed warm-up pass over the queries, then one timed pass, one query at a time.</summary>
    public static async Task<SearchLatencyResult> MeasureAsync(GrpcChannel channel, IReadOnlyList<string> queries)
    {
        var client = new SearchService.SearchServiceClient(channel);
        foreach (var query in queries)
        {
            await TrySearchAsync(client, query);
        }
        var load = Machine.LoadAverage();
        var latencies = new List<double>(queries.Count);
        var failed = 0;
        long totalHits = 0;
        foreach (var query in queries)
        {
            var stopwatch = Stopwatch.StartNew();
            var response = await TrySearchAsync(client, query);
            var elapsed = stopwatch.Elapsed.TotalMilliseconds;
            if (response is null)
            {
                failed++;
                continue;
            }
            latencies.Add(elapsed);
            totalHits += response.TotalHits;
        }
        latencies.Sort();
        return new SearchLatencyResult(
            failed,
            Stats.Percentile(latencies, 50),
            Stats.Percentile(latencies, 99),
            latencies.Count > 0 ? (double)totalHits / latencies.Count : double.NaN,
            load);
    }

    /// <summary>The queries of a file: one a line, blank lines and #-comments skipped (as the peer reads them).</summary>
    public static IReadOnlyList<string> ReadQueries(string path) =>
        [.. File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))];

    private static async Task<SearchResponse?> TrySearchAsync(SearchService.SearchServiceClient client, string query)
    {
        try
        {
            return await client.SearchAsync(new SearchRequest { Query = query });
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.InvalidArgument)
        {
            return null;
        }
    }
}
