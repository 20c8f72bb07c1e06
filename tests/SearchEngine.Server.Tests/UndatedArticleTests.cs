using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>How an article without published_at fares among the dated "lighthouse" articles of <see cref="CuratedArticles"/>.</summary>
public sealed class UndatedArticleTests(CuratedIndexFixture fixture) : IClassFixture<CuratedIndexFixture>
{
    private const string Query = "lighthouse";
    private const int DatedLighthouseArticles = 5;
    private static readonly string[] UndatedIds = ["lighthouse-undated-a", "lighthouse-undated-b"];

    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task ArticlesWithoutADateAreCountedInTotalsButNotInTheHistogram()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = Query, DateHistogram = new DateHistogramOptions { Interval = DateInterval.Month } });

        Assert.Equal(CuratedArticles.Lighthouse.Count, response.TotalHits);
        Assert.Equal(DatedLighthouseArticles, response.DateHistogram.Sum(bucket => bucket.Count));
    }

    [Fact]
    public async Task CountsSumToTotalHitsWhenEveryHitHasADate()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = Query,
            DateRange = new DateRange { From = Timestamps.At("1900-01-01T00:00:00Z") },
        });

        Assert.Equal(DatedLighthouseArticles, response.TotalHits);
        Assert.Equal(response.TotalHits, response.DateHistogram.Sum(bucket => bucket.Count));
    }

    [Theory]
    [InlineData(SortOrder.Newest, "lighthouse-5")]
    [InlineData(SortOrder.Oldest, "lighthouse-1")]
    public async Task DateSortsPutArticlesWithoutADateLast(SortOrder sort, string expectedFirst)
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = Query, Sort = sort });

        Assert.Equal(expectedFirst, response.Hits[0].Id);
        // Last in both directions, between themselves by id.
        Assert.Equal(UndatedIds, response.Hits.TakeLast(2).Select(hit => hit.Id));
        Assert.All(response.Hits.TakeLast(2), hit => Assert.Null(hit.PublishedAt));
    }

    [Theory]
    [InlineData(SortOrder.Newest)]
    [InlineData(SortOrder.Oldest)]
    public async Task PagingByDateWalksThroughTheUndatedArticles(SortOrder sort)
    {
        var onePage = await Server.SearchAsync(new SearchRequest { Query = Query, Sort = sort, PageSize = 100 });

        var pages = await Paging.WalkAllPagesAsync(Server, new SearchRequest { Query = Query, Sort = sort, PageSize = 1 });

        Assert.Equal(CuratedArticles.Lighthouse.Count, pages.Count);
        Assert.Equal(onePage.Hits.Select(hit => hit.Id), pages.Select(page => Assert.Single(page.Hits).Id));
    }

    [Fact]
    public async Task DateRangeNeverMatchesTheUndatedArticle()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = Query,
            DateRange = new DateRange { To = Timestamps.At("2100-01-01T00:00:00Z") },
        });

        Assert.Equal(DatedLighthouseArticles, response.TotalHits);
        Assert.DoesNotContain(response.Hits, hit => UndatedIds.Contains(hit.Id));
    }
}
