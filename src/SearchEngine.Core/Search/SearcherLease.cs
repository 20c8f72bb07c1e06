using Lucene.Net.Search;

namespace SearchEngine.Core.Search;

/// <summary>
/// A searcher acquired from the <see cref="SearcherManager"/> or from the page walks' point-in-time
/// views; disposing releases it, so the reader it pins can be closed once nothing uses it.
/// </summary>
public sealed class SearcherLease : IDisposable
{
    private readonly Action<IndexSearcher> release;
    private IndexSearcher? searcher;

    internal SearcherLease(SearcherManager manager)
        : this(manager.Acquire(), manager.Release)
    {
    }

    /// <param name="searcher">A searcher whose reader reference is already taken.</param>
    /// <param name="release">Gives that reference back.</param>
    internal SearcherLease(IndexSearcher searcher, Action<IndexSearcher> release)
    {
        this.searcher = searcher;
        this.release = release;
    }

    public IndexSearcher Searcher => searcher ?? throw new ObjectDisposedException(nameof(SearcherLease));

    public void Dispose()
    {
        var leased = Interlocked.Exchange(ref searcher, null);
        if (leased is not null)
        {
            release(leased);
        }
    }
}
