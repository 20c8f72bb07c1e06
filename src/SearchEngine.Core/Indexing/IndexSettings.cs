using SearchEngine.Core.Search;

namespace SearchEngine.Core.Indexing;

/// <summary>How the index is opened and kept fresh.</summary>
public sealed record IndexSettings
{
    /// <summary>Folder of the Lucene index; created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>How soon new articles become searchable without waiting for a commit.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After this long without a search the background refresh pauses, and the next search
    /// refreshes before it runs. Bulk ingest then skips the per-second refreshes nobody reads.
    /// </summary>
    public TimeSpan SearchIdleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Documents buffered in memory before Lucene flushes a segment. 64 MB keeps segments few
    /// and flushes rare on news-sized documents without holding much of the heap.
    /// </summary>
    public double RamBufferSizeMb { get; init; } = 64;

    /// <summary>
    /// Longest time an indexed article waits for a commit when nobody asks for one (a long
    /// stream still open): bounds what a crash can lose of unacknowledged work.
    /// </summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>BM25 parameters (also given to the writer), proximity and freshness.</summary>
    public RankingSettings Ranking { get; init; } = new();

    /// <summary>
    /// How long the point-in-time view of a page walk is kept after its last page. A walk by
    /// relevance must fetch its next page within this time; walks by date go on without it.
    /// </summary>
    public TimeSpan PageSnapshotKeepAlive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most point-in-time views held at once (the least recently used goes first). Views differ
    /// only while articles are being indexed, at most one per refresh; each pins the segment
    /// files it reads until released.
    /// </summary>
    public int MaxPageSnapshots { get; init; } = 64;
}
