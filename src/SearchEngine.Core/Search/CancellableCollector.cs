using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchEngine.Core.Search;

/// <summary>
/// Passes every hit on to an inner collector and checks a cancellation token every
/// <see cref="CheckInterval"/> hits and at each segment, so that a search whose caller has gone
/// (deadline passed, client cancelled) stops collecting instead of running to the end.
/// </summary>
public sealed class CancellableCollector(ICollector inner, CancellationToken cancellationToken) : ICollector
{
    /// <summary>Hits collected between two looks at the token: rare enough to cost nothing measurable per hit.</summary>
    public const int CheckInterval = 1024;

    private int untilCheck = CheckInterval;

    /// <summary>Hits passed on so far.</summary>
    public long Collected { get; private set; }

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        cancellationToken.ThrowIfCancellationRequested();
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (--untilCheck == 0)
        {
            untilCheck = CheckInterval;
            cancellationToken.ThrowIfCancellationRequested();
        }
        inner.Collect(doc);
        Collected++;
    }
}
