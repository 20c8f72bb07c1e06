using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Search;

/// <summary>A cancelled search stops collecting instead of running over every matching article.</summary>
public sealed class CancellationTests : IDisposable
{
    private const int ArticleCount = 5_000;

    private readonly TestIndex test = new();

    public CancellationTests() =>
        test.Add(Enumerable.Range(0, ArticleCount).Select(i => Make($"a-{i:0000}", $"harbour report {i}", $"the harbour opened berth {i % 37}")));

    public void Dispose() => test.Dispose();

    [Fact]
    public void The_collector_stops_within_one_check_interval_of_the_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var counter = new CountingCollector(cancelAfter: 10, cancellation);
        var collector = new CancellableCollector(counter, cancellation.Token);

        using var lease = test.Index.AcquireSearcher();
        Assert.Throws<OperationCanceledException>(() => lease.Searcher.Search(new MatchAllDocsQuery(), collector));

        Assert.InRange(counter.Collected, 10, CancellableCollector.CheckInterval);
        Assert.True(counter.Collected < ArticleCount, $"collected {counter.Collected} of {ArticleCount}");
    }

    [Fact]
    public void An_uncancelled_collector_passes_every_hit_on()
    {
        var counter = new CountingCollector(cancelAfter: int.MaxValue, cancellation: null);
        var collector = new CancellableCollector(counter, CancellationToken.None);

        using var lease = test.Index.AcquireSearcher();
        lease.Searcher.Search(new MatchAllDocsQuery(), collector);

        Assert.Equal(ArticleCount, counter.Collected);
        Assert.Equal(ArticleCount, collector.Collected);
    }

    [Fact]
    public void A_search_with_a_cancelled_token_throws_and_the_searcher_keeps_answering()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => test.Searcher.Search(new SearchQuery { Text = "harbour" }, cancellation.Token));

        Assert.Equal(ArticleCount, test.Search(new SearchQuery { Text = "harbour" }).TotalHits);
    }

    /// <summary>Counts hits and cancels the token once it has seen <c>cancelAfter</c> of them.</summary>
    private sealed class CountingCollector(int cancelAfter, CancellationTokenSource? cancellation) : ICollector
    {
        public int Collected { get; private set; }

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
        }

        public void Collect(int doc)
        {
            if (++Collected == cancelAfter)
            {
                cancellation?.Cancel();
            }
        }
    }
}
