namespace SearchEngine.Server.Observability;

/// <summary>The <c>Metrics</c> configuration section.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public const string DefaultUrl = "http://127.0.0.1:5001";

    /// <summary>
    /// Extra HTTP/1.1 endpoint where Prometheus scrapes <c>/metrics</c> (the gRPC endpoint speaks
    /// only HTTP/2, which a scraper cannot use over cleartext); empty disables it.
    /// </summary>
    public string Url { get; set; } = DefaultUrl;
}

/// <summary>The slow-query setting of the <c>Search</c> configuration section.</summary>
public sealed class SlowQueryOptions
{
    public const string Section = "Search";

    /// <summary>A search that takes at least this long is logged as a warning with its query.</summary>
    public TimeSpan SlowQueryThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
