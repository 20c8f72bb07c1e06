using Lucene.Net.Search;

namespace SearchEngine.Core.Search;

/// <summary>
/// A searcher acquired from the <see cref="SearcherManager"/>; disposing releases it, so the
/// reader it pins can be closed once a refresh has replaced it.
/// </summary>
public sealed class SearcherLease : IDisposable
{
    private readonly SearcherManager manager;
    private IndexSearcher? searcher;

    internal SearcherLease(SearcherManager manager)
    {
        this.manager = manager;
        searcher = manager.Acquire();
    }

    public IndexSearcher Searcher => searcher ?? throw new ObjectDisposedException(nameof(SearcherLease));

    public void Dispose()
    {
        var leased = Interlocked.Exchange(ref searcher, null);
        if (leased is not null)
        {
            manager.Release(leased);
        }
    }
}
