using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests.SharedCorpus;

/// <summary>Every one of the 41,447 articles of the real corpora walked page by page, to the last.</summary>
[Collection(SharedCorpusCollection.Name)]
public sealed class DeepPagingTests(SharedCorpusFixture fixture)
{
    [Fact]
    public async Task WalkingEveryPageOfTheWholeIndexVisitsEachArticleOnceInOrder()
    {
        SharedCorpusFixture.RequireCorpora();
        var rejected = new[] { SharedCorpusFixture.XinwenlianboFile, SharedCorpusFixture.ReutersFile }
            .SelectMany(file => fixture.Ingest(file).Response.Rejected).Select(article => article.Id).ToHashSet(StringComparer.Ordinal);
        var expected = new[] { SharedCorpusFixture.XinwenlianboFile, SharedCorpusFixture.ReutersFile }
            .SelectMany(file => fixture.Ingest(file).Sent)
            .Where(article => !rejected.Contains(article.Id))
            .OrderBy(article => article.PublishedAt!.Value.ToUnixTimeMilliseconds()).ThenBy(article => article.Id, StringComparer.Ordinal)
            .Select(article => article.Id).ToList();

        var pages = await Paging.WalkAllPagesAsync(fixture.Server, new SearchRequest { Sort = SortOrder.Oldest, PageSize = 100 });

        Assert.Equal(415, pages.Count);
        Assert.All(pages, page => Assert.Equal(expected.Count, page.TotalHits));
        Assert.Equal(expected, pages.SelectMany(page => page.Hits).Select(hit => hit.Id));
        // A measurement to read, not a check: the server time of the first and the last pages.
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"took_ms: first 20 pages mean {pages.Take(20).Average(page => page.TookMs):F1}, last 20 pages mean {pages.TakeLast(20).Average(page => page.TookMs):F1}, all {pages.Sum(page => page.TookMs)} ms for {pages.Count} pages");
    }
}
