using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>Chinese queries over <see cref="CuratedArticles.ChineseContiguous"/> and <see cref="CuratedArticles.ChineseScattered"/>.</summary>
public sealed class ChineseSearchTests(CuratedIndexFixture fixture) : IClassFixture<CuratedIndexFixture>
{
    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task RunWithoutSpacesMustOccurAsWritten()
    {
        var response = await Server.SearchAsync("贵州大数据");

        var hit = Assert.Single(response.Hits);
        Assert.Equal(CuratedArticles.ChineseContiguous.Id, hit.Id);
        Assert.Equal(1, response.TotalHits);
    }

    [Fact]
    public async Task SpaceSeparatedTermsMayStandApart()
    {
        // Proves that the scattered article does hold every word, so only adjacency kept it out above.
        var response = await Server.SearchAsync("贵州 大数据");

        Assert.Equal(
            [CuratedArticles.ChineseContiguous.Id, CuratedArticles.ChineseScattered.Id],
            response.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ChineseTermsAreMarkedInTitleAndSnippets()
    {
        var response = await Server.SearchAsync("贵州 大数据");

        // Adjacent matches merge into one mark; apart, each term gets its own.
        var contiguous = Assert.Single(response.Hits, hit => hit.Id == CuratedArticles.ChineseContiguous.Id);
        Assert.Equal("<em>贵州大数据</em>产业加快发展", contiguous.Highlight.Title);
        Assert.Contains(contiguous.Highlight.Snippets, snippet => snippet.Contains("<em>贵州大数据</em>产业", StringComparison.Ordinal));
        var scattered = Assert.Single(response.Hits, hit => hit.Id == CuratedArticles.ChineseScattered.Id);
        var scatteredSnippets = string.Join("\n", scattered.Highlight.Snippets);
        Assert.Contains("<em>贵州</em>多个景区", scatteredSnippets, StringComparison.Ordinal);
        Assert.Contains("谈到了<em>大数据</em>在", scatteredSnippets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageIsDetectedWhenTheArticleDoesNotSayIt()
    {
        var response = await Server.SearchAsync("贵州");

        Assert.Equal(2, response.Hits.Count);
        Assert.All(response.Hits, hit => Assert.Equal("zh", hit.Language));
    }

    [Fact]
    public async Task ChineseTermCombinesWithAnEnglishFilter()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "数据",
            DateRange = new DateRange { From = Timestamps.At("2021-04-01T00:00:00Z") },
        });

        Assert.Equal([CuratedArticles.ChineseScattered.Id], response.Hits.Select(hit => hit.Id));
    }
}
