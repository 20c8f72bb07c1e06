using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>
/// Walking a query's pages through the Search RPC while IndexArticles and DeleteArticles change
/// the index between every two pages: the walk sees the articles that existed when it began,
/// each once, in order, with the same total on every page.
/// </summary>
public sealed class PagingDuringIngestTests : IAsyncLifetime
{
    private const int SeedCount = 250;
    private const int PageSize = 9;

    private readonly TempFolder indexFolder = new();
    private SearchServer? server;

    private SearchServer Server => server ?? throw new InvalidOperationException("not started");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await SearchServer.StartAsync(new ServerSettings(indexFolder.Path, SampleData: "", RefreshInterval: TimeSpan.FromMilliseconds(100)));
        var seeded = await server.IndexArticlesAsync(Enumerable.Range(0, SeedCount).Select(i => Harbour($"seed-{i:000}", i, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i * 37 % 500))));
        Assert.Equal(SeedCount, seeded.Indexed);
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        indexFolder.Dispose();
    }

    [Theory]
    [InlineData(SortOrder.RelevanceUnspecified)]
    [InlineData(SortOrder.Newest)]
    public async Task AWalkDuringAnIngestNeitherRepeatsNorSkipsAnArticleThatExistedWhenItBegan(SortOrder sort)
    {
        var request = new SearchRequest { Query = "harbour", Sort = sort, PageSize = PageSize };
        using var batchAcknowledged = new SemaphoreSlim(0);
        using var walkDone = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        // The walk begins with its first page; only then does the ingest start changing the index.
        var pages = new List<SearchResponse> { await Server.SearchAsync(request) };
        request.PageToken = pages[0].NextPageToken;
        var ingest = Task.Run(() => IngestUntilCancelled(batchAcknowledged, walkDone.Token), Cancellation);

        int batches;
        try
        {
            // Each next page is read only after another batch has changed the index.
            Assert.True(await batchAcknowledged.WaitAsync(TimeSpan.FromSeconds(30), Cancellation), "the ingest stalled");
            while (request.PageToken.Length > 0)
            {
                var page = await Server.SearchAsync(request);
                pages.Add(page);
                request.PageToken = page.NextPageToken;
                Assert.True(await batchAcknowledged.WaitAsync(TimeSpan.FromSeconds(30), Cancellation), "the ingest stalled");
            }
        }
        finally
        {
            await walkDone.CancelAsync();
            batches = await ingest;
        }

        var walked = pages.SelectMany(page => page.Hits).ToList();
        Assert.Equal(Enumerable.Range(0, SeedCount).Select(i => $"seed-{i:000}"), walked.Select(hit => hit.Id).Order(StringComparer.Ordinal));
        Assert.All(pages, page => Assert.Equal(SeedCount, page.TotalHits));
        Assert.Equal((SeedCount + PageSize - 1) / PageSize, pages.Count);
        Assert.True(batches >= pages.Count, $"only {batches} batches for {pages.Count} pages");
        if (sort == SortOrder.Newest)
        {
            Assert.All(walked.Zip(walked.Skip(1)), pair => Assert.True(
                pair.First.PublishedAt.ToDateTimeOffset() > pair.Second.PublishedAt.ToDateTimeOffset()
                || (pair.First.PublishedAt.Equals(pair.Second.PublishedAt) && string.CompareOrdinal(pair.First.Id, pair.Second.Id) < 0),
                $"{pair.First.Id} before {pair.Second.Id}"));
        }
        else
        {
            Assert.All(walked.Zip(walked.Skip(1)), pair => Assert.True(
                pair.First.Score > pair.Second.Score || (pair.First.Score == pair.Second.Score && string.CompareOrdinal(pair.First.Id, pair.Second.Id) < 0),
                $"{pair.First.Id} ({pair.First.Score}) before {pair.Second.Id} ({pair.Second.Score})"));
            // The ingest moved BM25's statistics: searched now, articles of the walk score differently.
            var now = await Server.SearchAsync(new SearchRequest { Query = "harbour", PageSize = 100 });
            Assert.True(now.TotalHits > SeedCount + 100, $"the index did not grow: {now.TotalHits}");
            var scoresNow = now.Hits.ToDictionary(hit => hit.Id, hit => hit.Score);
            Assert.Contains(walked, hit => scoresNow.TryGetValue(hit.Id, out var score) && score != hit.Score);
        }
    }

    /// <summary>
    /// Batches of new matching articles (with other lengths and term counts, so idf and the
    /// average length move), rewrites of seed articles and deletions of others, one call each,
    /// until the walk is done. Returns how many batches were acknowledged.
    /// </summary>
    private async Task<int> IngestUntilCancelled(SemaphoreSlim acknowledged, CancellationToken stop)
    {
        var batch = 0;
        while (!stop.IsCancellationRequested)
        {
            var articles = Enumerable.Range(0, 20).Select(i => Harbour($"new-{batch:000}-{i:00}", 3 + i + batch, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(batch * 20 + i))).ToList();
            articles.Add(Harbour($"seed-{batch % SeedCount:000}", 7 * batch, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(batch)));
            var response = await Server.IndexArticlesAsync(articles);
            Assert.Equal(articles.Count, response.Indexed);
            if (batch % 5 == 4)
            {
                await Server.DeleteArticlesAsync($"seed-{SeedCount - 1 - batch:000}");
            }
            batch++;
            acknowledged.Release();
        }
        return batch;
    }

    /// <summary>A "harbour" article whose term count and length vary with <paramref name="shape"/>, so scores spread out.</summary>
    private static Article Harbour(string id, int shape, DateTimeOffset publishedAt) => new()
    {
        Id = id,
        Title = shape % 4 == 0 ? "Harbour report" : "Port report",
        Body = string.Join(' ', Enumerable.Repeat("harbour", 1 + (shape % 6))) + " " + string.Join(' ', Enumerable.Repeat("tide", shape % 11)),
        PublishedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(publishedAt),
        Source = "Harbour Gazette",
    };
}
