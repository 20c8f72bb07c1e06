using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>Walking next_page_token over the shipped sample, and tokens that must be refused.</summary>
public sealed class PagingTests(SampleIndexFixture fixture) : IClassFixture<SampleIndexFixture>
{
    // Every sample article; and a text query whose hits have many different scores.
    private const string MatchAll = "";
    private const string ScoredQuery = "data OR city OR 数据 OR 城市";

    private SearchServer Server => fixture.Server;

    public static TheoryData<string, SortOrder, int> Walks()
    {
        var walks = new TheoryData<string, SortOrder, int>();
        foreach (var query in new[] { MatchAll, ScoredQuery })
        {
            foreach (var sort in new[] { SortOrder.RelevanceUnspecified, SortOrder.Newest })
            {
                foreach (var pageSize in new[] { 1, 3, 7 })
                {
                    walks.Add(query, sort, pageSize);
                }
            }
        }
        return walks;
    }

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task WalkingTheTokensVisitsEveryHitOnceInOrder(string query, SortOrder sort, int pageSize)
    {
        var onePage = await Server.SearchAsync(new SearchRequest { Query = query, Sort = sort, PageSize = 100 });
        Assert.InRange(onePage.TotalHits, 8, 100);

        var pages = await Paging.WalkAllPagesAsync(Server, new SearchRequest { Query = query, Sort = sort, PageSize = pageSize });

        var walked = pages.SelectMany(page => page.Hits).Select(hit => hit.Id).ToList();
        Assert.Equal(onePage.Hits.Select(hit => hit.Id), walked);
        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal((int)Math.Ceiling(onePage.TotalHits / (double)pageSize), pages.Count);
        Assert.All(pages, page => Assert.Equal(onePage.TotalHits, page.TotalHits));
        Assert.All(pages.SkipLast(1), page => Assert.Equal(pageSize, page.Hits.Count));
    }

    [Fact]
    public async Task LastPageHasNoToken()
    {
        var response = await Server.SearchAsync(new SearchRequest { PageSize = SampleArticles.Count });

        Assert.Equal(SampleArticles.Count, response.Hits.Count);
        Assert.Empty(response.NextPageToken);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AQ")]
    [InlineData("%%%")]
    public async Task GarbageTokenIsInvalid(string token)
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument,
            () => Server.SearchAsync(new SearchRequest { Query = "data", PageToken = token }));

        Assert.Contains("page_token", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedTokenWithAlteredBytesIsInvalid()
    {
        var request = new SearchRequest { Query = "data", PageSize = 2 };
        var token = (await Server.SearchAsync(request)).NextPageToken;
        Assert.NotEmpty(token);
        // Flip a bit of the view the token names, and one of the last id (to jump ahead): the signature no longer fits.
        foreach (var position in new[] { 3, Convert.FromBase64String(Base64Padded(token)).Length - 20 })
        {
            var forged = Convert.FromBase64String(Base64Padded(token));
            forged[position] ^= 0x01;

            var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument,
                () => Server.SearchAsync(new SearchRequest(request) { PageToken = Base64Url(forged) }));
            Assert.Equal("page_token is not valid: it was not issued by this index or has been altered; start again without a page_token", failure.Status.Detail);
        }
    }

    [Theory]
    [InlineData("query")]
    [InlineData("sort")]
    [InlineData("sources")]
    [InlineData("date_range")]
    public async Task TokenReusedWithAnotherQueryFilterOrSortIsInvalid(string changedField)
    {
        var original = new SearchRequest { Query = "data", PageSize = 2 };
        var token = (await Server.SearchAsync(original)).NextPageToken;
        Assert.NotEmpty(token);
        var changed = new SearchRequest(original) { PageToken = token };
        switch (changedField)
        {
            case "query":
                changed.Query = "city";
                break;
            case "sort":
                changed.Sort = SortOrder.Newest;
                break;
            case "sources":
                changed.Sources.Add("Tech Wire Sample");
                break;
            default:
                changed.DateRange = new DateRange { From = Timestamps.At("2018-01-01T00:00:00Z") };
                break;
        }

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(changed));
        Assert.Contains("different query", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenSurvivesAChangeOfPageSize()
    {
        var all = await Server.SearchAsync(new SearchRequest { Query = ScoredQuery, PageSize = 100 });
        var first = await Server.SearchAsync(new SearchRequest { Query = ScoredQuery, PageSize = 2 });

        var next = await Server.SearchAsync(new SearchRequest { Query = ScoredQuery, PageSize = 5, PageToken = first.NextPageToken });

        Assert.Equal(all.Hits.Skip(2).Take(5).Select(hit => hit.Id), next.Hits.Select(hit => hit.Id));
    }

    private static string Base64Padded(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
