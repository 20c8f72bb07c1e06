using SearchEngine.Contracts.V1;

namespace SearchEngine.Server.Tests.Infrastructure;

internal static class Paging
{
    /// <summary>Follows next_page_token from the first page to the last and returns every page.</summary>
    public static async Task<IReadOnlyList<SearchResponse>> WalkAllPagesAsync(SearchServer server, SearchRequest firstPage, int maxPages = 10_000)
    {
        var pages = new List<SearchResponse>();
        var request = firstPage.Clone();
        while (true)
        {
            var page = await server.SearchAsync(request);
            pages.Add(page);
            if (page.NextPageToken.Length == 0)
            {
                return pages;
            }
            Assert.True(pages.Count < maxPages, $"more than {maxPages} pages: the token never ran out");
            request.PageToken = page.NextPageToken;
        }
    }
}
