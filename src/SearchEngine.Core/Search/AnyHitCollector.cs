using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchEngine.Core.Search;

/// <summary>Answers whether a query has any hit, stopping at the first one instead of scoring them all.</summary>
internal sealed class AnyHitCollector : ICollector
{
    public bool Found { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public static bool HasHit(IndexSearcher searcher, Query query, Filter? filter)
    {
        var collector = new AnyHitCollector();
        searcher.Search(query, filter, collector);
        return collector.Found;
    }

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        if (Found)
        {
            // The searcher skips a segment whose collector declines it.
            throw new CollectionTerminatedException();
        }
    }

    public void Collect(int doc)
    {
        Found = true;
        throw new CollectionTerminatedException();
    }
}
