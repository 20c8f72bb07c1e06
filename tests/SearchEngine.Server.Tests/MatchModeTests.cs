using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>match ALL/ANY, relaxation announced in the response, and PLAIN query syntax.</summary>
public sealed class MatchModeTests(QueryIndexFixture fixture) : IClassFixture<QueryIndexFixture>
{
    private SearchServer Server => fixture.Server;

    private static List<string> Ids(SearchResponse response) => [.. response.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task MatchAnyNeedsOneWordAndIsNeverRelaxed()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = "Intel laptops", Match = MatchMode.Any });

        Assert.Equal(["intel-delay", "qc-laptop"], Ids(response));
        Assert.False(response.Relaxed);
    }

    [Fact]
    public async Task MatchAnyRanksArticlesWithMoreWordsFirst()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = "Qualcomm server chips", Match = MatchMode.Any });

        Assert.Equal("qc-server", response.Hits[0].Id);
        Assert.Equal(["intel-delay", "qc-laptop", "qc-server"], Ids(response));
    }

    [Fact]
    public async Task MatchAllThatFindsSomethingIsNotRelaxed()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = "Qualcomm chips" });

        Assert.Equal(["qc-server"], Ids(response));
        Assert.False(response.Relaxed);
    }

    [Fact]
    public async Task MatchAllThatFindsNothingIsRelaxedToMostOfTheWordsAndSaysSo()
    {
        // No article has all three; two of three (⌊3 × 3/4⌋) are required instead.
        var three = await Server.SearchAsync(new SearchRequest { Query = "Qualcomm chips laptops" });
        // Two words: one of them.
        var two = await Server.SearchAsync(new SearchRequest { Query = "Intel laptops" });

        Assert.True(three.Relaxed);
        Assert.Equal(["qc-laptop", "qc-server"], Ids(three));
        Assert.Equal(2, three.TotalHits);
        Assert.True(two.Relaxed);
        Assert.Equal(["intel-delay", "qc-laptop"], Ids(two));
    }

    [Fact]
    public async Task RelaxingKeepsExclusionsAndFilters()
    {
        var excluded = await Server.SearchAsync(new SearchRequest { Query = "Qualcomm chips laptops -server" });
        var filtered = await Server.SearchAsync(new SearchRequest { Query = "Qualcomm chips laptops", Sources = { "Tech Wire" } });

        Assert.True(excluded.Relaxed);
        Assert.Equal(["qc-laptop"], Ids(excluded));
        Assert.True(filtered.Relaxed);
        Assert.Equal(["qc-server"], Ids(filtered));
    }

    [Fact]
    public async Task WhenEvenTheRelaxedQueryFindsNothingTheResponseStillSaysItWasTried()
    {
        var all = await Server.SearchAsync(new SearchRequest { Query = "zebra okapi" });
        var any = await Server.SearchAsync(new SearchRequest { Query = "zebra okapi", Match = MatchMode.Any });

        Assert.True(all.Relaxed);
        Assert.Equal(0, all.TotalHits);
        Assert.False(any.Relaxed);
        Assert.Equal(0, any.TotalHits);
    }

    [Fact]
    public async Task ASingleWordIsNeverRelaxed()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = "zebra" });

        Assert.False(response.Relaxed);
        Assert.Equal(0, response.TotalHits);
    }

    [Fact]
    public async Task PlainSyntaxReadsOperatorCharactersAsText()
    {
        const string query = "\"server chips\" -Qualcomm";

        var simple = await Server.SearchAsync(new SearchRequest { Query = query });
        var plain = await Server.SearchAsync(new SearchRequest { Query = query, QuerySyntax = QuerySyntax.Plain });

        // SIMPLE excludes Qualcomm; PLAIN requires it, as one more word.
        Assert.Equal(0, simple.TotalHits);
        Assert.Equal(["qc-server"], Ids(plain));
        Assert.False(plain.Relaxed);
    }

    [Fact]
    public async Task PlainSyntaxStillMatchesAChineseRunAsAPhrase()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = "贵州大数据", QuerySyntax = QuerySyntax.Plain });

        Assert.Equal(["zh-together"], Ids(response));
    }

    [Fact]
    public async Task PlainSyntaxWithMatchAnyIsABagOfWords()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = "Intel (laptops) farmers!", QuerySyntax = QuerySyntax.Plain, Match = MatchMode.Any, PageSize = 100 });

        Assert.Equal(["bigdata-together", "intel-delay", "market", "qc-laptop"], Ids(response));
    }

    [Theory]
    [InlineData("\"unclosed quote")]
    [InlineData("*leading wildcard")]
    [InlineData("(unclosed")]
    [InlineData("closed)")]
    [InlineData("OR")]
    [InlineData("chips AND")]
    [InlineData("title:")]
    [InlineData("()")]
    [InlineData("da*ta")]
    [InlineData("c*")]
    public async Task PlainSyntaxIsNeverASyntaxError(string query)
    {
        foreach (var match in new[] { MatchMode.AllUnspecified, MatchMode.Any })
        {
            var response = await Server.SearchAsync(new SearchRequest { Query = query, QuerySyntax = QuerySyntax.Plain, Match = match });
            Assert.True(response.TotalHits >= 0);
        }
        await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(query));
    }

    [Theory]
    [InlineData("match")]
    [InlineData("query_syntax")]
    [InlineData("ranking")]
    public async Task AnUnknownEnumValueIsInvalidAndNamesItsField(string field)
    {
        var request = new SearchRequest { Query = "chips" };
        switch (field)
        {
            case "match":
                request.Match = (MatchMode)7;
                break;
            case "query_syntax":
                request.QuerySyntax = (QuerySyntax)5;
                break;
            default:
                request.Ranking = (Ranking)9;
                break;
        }

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(request));
        Assert.StartsWith($"{field} ", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("is not a known", failure.Status.Detail, StringComparison.Ordinal);
    }
}
