using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Grpc.Core;
using SearchEngine.Server.Hosting;

namespace SearchEngine.Server.Observability;

/// <summary>
/// The server's counters and their Prometheus text exposition (format 0.0.4). Request series are
/// aggregated here as calls finish; index figures are read from the index when scraped.
/// </summary>
public sealed class ServerMetrics(IndexHost host)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Upper bounds of the latency buckets, in seconds: 1 ms to 10 s.</summary>
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Method, StatusCode Status), LatencySeries> requests = new();
    private long articlesIndexed;

    /// <summary>Counts a finished call under its method and status.</summary>
    public void RecordRequest(string method, StatusCode status, TimeSpan elapsed) =>
        requests.GetOrAdd((method, status), _ => new LatencySeries()).Record(elapsed.TotalSeconds);

    /// <summary>Counts articles acknowledged by an ingest (their commit succeeded).</summary>
    public void RecordArticlesIndexed(long count) => Interlocked.Add(ref articlesIndexed, count);

    public string WriteExposition()
    {
        var text = new StringBuilder();
        var series = requests.OrderBy(entry => entry.Key.Method, StringComparer.Ordinal).ThenBy(entry => entry.Key.Status)
            .Select(entry => (Labels: $"method=\"{Escape(entry.Key.Method)}\",status=\"{StatusName(entry.Key.Status)}\"", Snapshot: entry.Value.Snapshot()))
            .ToList();

        Header(text, "searchengine_grpc_requests_total", "counter", "gRPC calls finished, by full method name and status code.");
        foreach (var (labels, snapshot) in series)
        {
            Sample(text, "searchengine_grpc_requests_total", labels, snapshot.Count);
        }

        Header(text, "searchengine_grpc_request_duration_seconds", "histogram", "Time from a call's start to its status, by method and status code; for IndexArticles it includes the client's streaming.");
        foreach (var (labels, snapshot) in series)
        {
            long cumulative = 0;
            for (var bucket = 0; bucket < LatencyBuckets.Length; bucket++)
            {
                cumulative += snapshot.BucketCounts[bucket];
                Sample(text, "searchengine_grpc_request_duration_seconds_bucket", $"{labels},le=\"{Number(LatencyBuckets[bucket])}\"", cumulative);
            }
            Sample(text, "searchengine_grpc_request_duration_seconds_bucket", $"{labels},le=\"+Inf\"", snapshot.Count);
            Sample(text, "searchengine_grpc_request_duration_seconds_sum", labels, snapshot.Sum);
            Sample(text, "searchengine_grpc_request_duration_seconds_count", labels, snapshot.Count);
        }

        Header(text, "searchengine_articles_indexed_total", "counter", "Articles acknowledged by IndexArticles since the server started; its rate is the ingest rate.");
        Sample(text, "searchengine_articles_indexed_total", null, Interlocked.Read(ref articlesIndexed));

        if (host.IsReady)
        {
            var index = host.Index;
            var (articleCount, sizeBytes) = index.GetSize();
            Header(text, "searchengine_index_articles", "gauge", "Articles visible to searches.");
            Sample(text, "searchengine_index_articles", null, articleCount);
            if (sizeBytes is { } size)
            {
                Header(text, "searchengine_index_size_bytes", "gauge", "Bytes of the index files on disk.");
                Sample(text, "searchengine_index_size_bytes", null, size);
            }
            Header(text, "searchengine_searcher_refresh_age_seconds", "gauge", "Seconds since searches last caught up with indexing; refreshes pause while nobody searches.");
            Sample(text, "searchengine_searcher_refresh_age_seconds", null, index.SearcherAge.TotalSeconds);
            Header(text, "searchengine_index_writable", "gauge", "1 while writes succeed, 0 after a failed write or commit until a commit succeeds again.");
            Sample(text, "searchengine_index_writable", null, index.CanWrite ? 1 : 0);
        }
        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string? labels, double value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>The canonical gRPC code name, e.g. INVALID_ARGUMENT, as other gRPC tooling labels it.</summary>
    public static string StatusName(StatusCode status)
    {
        var name = status.ToString();
        var upper = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                upper.Append('_');
            }
            upper.Append(char.ToUpperInvariant(name[i]));
        }
        return upper.ToString();
    }

    private sealed class LatencySeries
    {
        private readonly Lock gate = new();
        private readonly long[] bucketCounts = new long[LatencyBuckets.Length];
        private long count;
        private double sum;

        public void Record(double seconds)
        {
            var bucket = Array.FindIndex(LatencyBuckets, bound => seconds <= bound);
            lock (gate)
            {
                count++;
                sum += seconds;
                if (bucket >= 0)
                {
                    bucketCounts[bucket]++;
                }
            }
        }

        public (long Count, double Sum, long[] BucketCounts) Snapshot()
        {
            lock (gate)
            {
                return (count, sum, (long[])bucketCounts.Clone());
            }
        }
    }
}
