using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchEngine.Core.Search;

namespace SearchEngine.Core.Indexing;

/// <summary>
/// The point-in-time views that page walks read. A first page that has a next page keeps the
/// searcher it ran on here, under its reader version; the token names that version, and later
/// pages lease the very same searcher: same documents, same doc ids, same BM25 statistics, so
/// a relevance walk neither repeats nor skips an article whatever is indexed meanwhile, and
/// every page reports the same total and facets. A view is released when no page has used it
/// for <c>keepAlive</c>, or when more than <c>capacity</c> views are held (least recently used
/// first): each pins the segment files it reads, which merges would otherwise delete.
/// Views live in memory, so a restart releases them all; <see cref="InstanceId"/> tells a token
/// from an earlier process apart even where reader versions repeat.
/// </summary>
internal sealed class PointInTimeSearchers : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, View> views = [];
    private readonly TimeSpan keepAlive;
    private readonly int capacity;
    private readonly TimeProvider clock;
    private bool disposed;

    public PointInTimeSearchers(TimeSpan keepAlive, int capacity, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(keepAlive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.keepAlive = keepAlive;
        this.capacity = capacity;
        this.clock = clock;
    }

    /// <summary>Random for each opening of the index.</summary>
    public long InstanceId { get; } = Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>Keeps the leased searcher's view (or refreshes its use if already kept) and returns its version.</summary>
    public long Keep(IndexSearcher searcher)
    {
        var version = ((DirectoryReader)searcher.IndexReader).Version;
        List<IndexReader> released;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var now = clock.GetUtcNow();
            if (views.TryGetValue(version, out var view))
            {
                view.LastUsed = now;
            }
            else
            {
                // The caller's lease holds a reference, so this one cannot fail.
                searcher.IndexReader.IncRef();
                views[version] = new View(searcher, now);
            }
            released = TakeReleasable(now);
        }
        Release(released);
        return version;
    }

    /// <summary>Leases the view a token names, or null when it has been released (or was never kept by this process).</summary>
    public SearcherLease? TryAcquire(long instanceId, long version)
    {
        if (instanceId != InstanceId)
        {
            return null;
        }
        SearcherLease? lease = null;
        List<IndexReader> released;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var now = clock.GetUtcNow();
            released = TakeReleasable(now);
            if (views.TryGetValue(version, out var view) && view.Searcher.IndexReader.TryIncRef())
            {
                view.LastUsed = now;
                lease = new SearcherLease(view.Searcher, searcher => searcher.IndexReader.DecRef());
            }
        }
        Release(released);
        return lease;
    }

    /// <summary>Releases the views whose keep-alive has run out.</summary>
    public void ReleaseExpired()
    {
        List<IndexReader> released;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            released = TakeReleasable(clock.GetUtcNow());
        }
        Release(released);
    }

    /// <summary>How many views are held now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return views.Count;
            }
        }
    }

    public void Dispose()
    {
        List<IndexReader> released;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
            released = [.. views.Values.Select(view => view.Searcher.IndexReader)];
            views.Clear();
        }
        Release(released);
    }

    private List<IndexReader> TakeReleasable(DateTimeOffset now)
    {
        var releasable = views.Where(pair => now - pair.Value.LastUsed >= keepAlive).Select(pair => pair.Key).ToList();
        var excess = views.Count - releasable.Count - capacity;
        if (excess > 0)
        {
            releasable.AddRange(views.Where(pair => !releasable.Contains(pair.Key)).OrderBy(pair => pair.Value.LastUsed).Take(excess).Select(pair => pair.Key));
        }
        var readers = new List<IndexReader>(releasable.Count);
        foreach (var version in releasable)
        {
            readers.Add(views[version].Searcher.IndexReader);
            views.Remove(version);
        }
        return readers;
    }

    /// <summary>Outside the lock: the last reference closes the reader, which may touch the disk.</summary>
    private static void Release(List<IndexReader> readers)
    {
        foreach (var reader in readers)
        {
            reader.DecRef();
        }
    }

    private sealed class View(IndexSearcher searcher, DateTimeOffset lastUsed)
    {
        public IndexSearcher Searcher { get; } = searcher;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }
}
