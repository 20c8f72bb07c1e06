using System.Text.RegularExpressions;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests.SharedCorpus;

/// <summary>The real corpora (41,454 records) through the gRPC API: ingest outcome, Chinese search, date filters, paging.</summary>
[Collection(SharedCorpusCollection.Name)]
public sealed class SharedCorpusTests(SharedCorpusFixture fixture)
{
    private const int XinwenlianboRecords = 19_876;
    private const int ReutersRecords = 21_578;
    private const string NeitherTitleNorBody = "neither title nor body";

    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task EveryRecordIsSentAndOnlyTheSevenEmptyOnesAreRejected()
    {
        SharedCorpusFixture.RequireCorpora();
        var xinwenlianbo = fixture.Ingest(SharedCorpusFixture.XinwenlianboFile);
        var reuters = fixture.Ingest(SharedCorpusFixture.ReutersFile);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Ingested {xinwenlianbo.Sent.Count + reuters.Sent.Count:N0} articles through IndexArticles in {fixture.IngestDuration.TotalSeconds:F1} s");

        Assert.Empty(xinwenlianbo.Unreadable);
        Assert.Empty(reuters.Unreadable);
        Assert.Equal(XinwenlianboRecords, xinwenlianbo.Sent.Count);
        Assert.Equal(ReutersRecords, reuters.Sent.Count);
        Assert.Equal(41_447, xinwenlianbo.Response.Indexed + reuters.Response.Indexed);
        Assert.Equal([25L, 338L, 851L, 1000L, 13792L, 17959L], xinwenlianbo.Response.Rejected.Select(rejected => rejected.Position));
        Assert.Equal(
            ["xwlb-20220925-10", "xwlb-20221018-17", "xwlb-20221121-02", "xwlb-20221202-02", "xwlb-20250528-10", "xwlb-20260327-03"],
            xinwenlianbo.Response.Rejected.Select(rejected => rejected.Id));
        var reutersRejected = Assert.Single(reuters.Response.Rejected);
        Assert.Equal(12793, reutersRejected.Position);
        Assert.Equal("reuters-12793", reutersRejected.Id);
        Assert.All(xinwenlianbo.Response.Rejected.Append(reutersRejected),
            rejected => Assert.Contains(NeitherTitleNorBody, rejected.Reason, StringComparison.Ordinal));
        // Positions are line numbers because every line of the files is a record.
        Assert.Equal(xinwenlianbo.Sent.Select(article => (long)article.Line), Enumerable.Range(1, XinwenlianboRecords).Select(line => (long)line));

        var stats = await Server.GetIndexStatsAsync();
        Assert.Equal(41_447, stats.ArticleCount);
        var dates = IndexedArticles().Select(article => article.PublishedAt!.Value).ToList();
        Assert.Equal(dates.Min(), stats.OldestPublishedAt.ToDateTimeOffset());
        Assert.Equal(dates.Max(), stats.NewestPublishedAt.ToDateTimeOffset());
    }

    [Theory]
    [InlineData("贵州 大数据", "贵州|大数据")]
    // 数字经济 is the phrase 数字 经济: it is marked whole, never a half of it.
    [InlineData("数字经济", "数字经济")]
    public async Task ChineseQueriesFindChineseArticlesWithTheTermsMarked(string query, string markedTextPattern)
    {
        SharedCorpusFixture.RequireCorpora();

        var response = await Server.SearchAsync(new SearchRequest { Query = query, PageSize = 20 });

        Assert.InRange(response.TotalHits, 20, 10_000);
        Assert.All(response.Hits, hit =>
        {
            Assert.Equal("zh", hit.Language);
            Assert.Equal("CCTV 新闻联播", hit.Source);
            var marked = Regex.Matches(hit.Highlight.Title + string.Concat(hit.Highlight.Snippets), "<em>(.*?)</em>").Select(match => match.Groups[1].Value).ToList();
            Assert.NotEmpty(marked);
            // Every mark covers query terms and nothing else.
            Assert.All(marked, text => Assert.Empty(Regex.Replace(text, markedTextPattern, "")));
        });
    }

    [Fact]
    public async Task DateRangeOfAYearReturnsOnlyThatYear()
    {
        SharedCorpusFixture.RequireCorpora();
        var from = Timestamps.At("2024-01-01T00:00:00Z");
        var to = Timestamps.At("2025-01-01T00:00:00Z");
        var expectedCount = IndexedArticles().Count(article => article.PublishedAt?.UtcDateTime.Year == 2024);
        Assert.InRange(expectedCount, 1_000, 10_000);

        foreach (var sort in new[] { SortOrder.Newest, SortOrder.Oldest, SortOrder.RelevanceUnspecified })
        {
            var request = new SearchRequest
            {
                PageSize = 100,
                Sort = sort,
                DateRange = new DateRange { From = from, To = to },
                DateHistogram = new DateHistogramOptions { Interval = DateInterval.Month },
            };
            for (var page = 0; page < 3; page++)
            {
                var response = await Server.SearchAsync(request);
                Assert.Equal(expectedCount, response.TotalHits);
                Assert.Equal(100, response.Hits.Count);
                Assert.All(response.Hits, hit => Assert.Equal(2024, hit.PublishedAt.ToDateTimeOffset().Year));
                Assert.Equal(12, response.DateHistogram.Count);
                Assert.All(response.DateHistogram, bucket => Assert.StartsWith("2024-", bucket.Key, StringComparison.Ordinal));
                Assert.Equal(response.TotalHits, response.DateHistogram.Sum(bucket => bucket.Count));
                request.PageToken = response.NextPageToken;
            }
        }
    }

    [Theory]
    [InlineData("oil")]
    [InlineData("经济")]
    [InlineData("")]
    public async Task HistogramCountsSumToTotalHitsWhenEveryHitHasADate(string query)
    {
        SharedCorpusFixture.RequireCorpora();

        var response = await Server.SearchAsync(query);

        Assert.True(response.TotalHits > 100, $"{query} has only {response.TotalHits} hits");
        Assert.Equal(response.TotalHits, response.DateHistogram.Sum(bucket => bucket.Count));
    }

    [Theory]
    [InlineData("coffee", SortOrder.RelevanceUnspecified)]
    [InlineData("coffee", SortOrder.Newest)]
    [InlineData("贵州", SortOrder.RelevanceUnspecified)]
    public async Task PagingVisitsEveryHitExactlyOnce(string query, SortOrder sort)
    {
        SharedCorpusFixture.RequireCorpora();

        var pages = await Paging.WalkAllPagesAsync(Server, new SearchRequest { Query = query, Sort = sort, PageSize = 100 });

        var totalHits = pages[0].TotalHits;
        Assert.InRange(totalHits, 150, 1_000);
        var ids = pages.SelectMany(page => page.Hits).Select(hit => hit.Id).ToList();
        Assert.Equal(totalHits, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((int)Math.Ceiling(totalHits / 100.0), pages.Count);
        if (sort == SortOrder.Newest)
        {
            var dates = pages.SelectMany(page => page.Hits).Select(hit => hit.PublishedAt.ToDateTimeOffset()).ToList();
            Assert.Equal(dates.OrderDescending(), dates);
        }
        else
        {
            var scores = pages.SelectMany(page => page.Hits).Select(hit => hit.Score).ToList();
            Assert.Equal(scores.OrderDescending(), scores);
        }
    }

    /// <summary>What was sent minus what was rejected.</summary>
    private IEnumerable<SentArticle> IndexedArticles()
    {
        var ingests = new[] { fixture.Ingest(SharedCorpusFixture.XinwenlianboFile), fixture.Ingest(SharedCorpusFixture.ReutersFile) };
        var rejected = ingests.SelectMany(ingest => ingest.Response.Rejected).Select(article => article.Id).ToHashSet(StringComparer.Ordinal);
        return ingests.SelectMany(ingest => ingest.Sent).Where(article => !rejected.Contains(article.Id));
    }
}
