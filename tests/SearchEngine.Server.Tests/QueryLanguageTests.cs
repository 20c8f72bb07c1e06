using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>The SIMPLE query language through the Search RPC: each operator, field prefix and error.</summary>
public sealed class QueryLanguageTests(QueryIndexFixture fixture) : IClassFixture<QueryIndexFixture>
{
    private SearchServer Server => fixture.Server;

    private async Task<List<string>> IdsAsync(string query)
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = query, PageSize = 100 });
        Assert.False(response.Relaxed, $"{query} was relaxed");
        return [.. response.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task BareWordsAreAllRequired()
    {
        Assert.Equal(["qc-server"], await IdsAsync("Qualcomm chips"));
        // Each word alone matches more: only requiring both narrows it to one.
        Assert.Equal(["qc-laptop", "qc-server"], await IdsAsync("Qualcomm"));
        Assert.Equal(["intel-delay", "qc-server"], await IdsAsync("chips"));
    }

    [Fact]
    public async Task AQuotedPhraseNeedsItsWordsAdjacentAndInOrder()
    {
        Assert.Equal(["bigdata-together", "gz-b-together"], await IdsAsync("\"big data\""));
        Assert.Equal(["bigdata-apart", "bigdata-reversed", "bigdata-together", "gz-a-scattered", "gz-b-together"], await IdsAsync("big data"));
    }

    [Fact]
    public async Task AChineseRunIsAPhraseOfItsWords()
    {
        Assert.Equal(["zh-together"], await IdsAsync("贵州大数据"));
        Assert.Equal(["zh-apart", "zh-together"], await IdsAsync("贵州 大数据"));
    }

    [Theory]
    [InlineData("5G网络", "net-5g")]
    [InlineData("C919客机", "jet-together")]
    public async Task AMixedRunIsAPhraseOfItsWords(string query, string expected)
    {
        Assert.Equal([expected], await IdsAsync(query));
    }

    [Fact]
    public async Task MinusExcludesAWordAPhraseOrAGroupAndNotDoesTheSame()
    {
        Assert.Equal(["qc-server"], await IdsAsync("chips -Intel"));
        Assert.Equal(["qc-server"], await IdsAsync("chips NOT Intel"));
        Assert.Equal(["intel-delay"], await IdsAsync("chips -\"server chips\""));
        Assert.Equal(["qc-laptop"], await IdsAsync("Qualcomm -(server OR chips)"));
    }

    [Fact]
    public async Task OnlyExclusionsMatchEveryOtherArticle()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = "-Qualcomm -\"big data\"", PageSize = 100 });

        var expected = QueryArticles.All.Select(article => article.Id).Except(["qc-server", "qc-laptop", "bigdata-together", "gz-b-together"]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, response.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal));
        Assert.False(response.Relaxed);
    }

    [Fact]
    public async Task OrJoinsWordsOrGroupsAndAndRequiresBoth()
    {
        Assert.Equal(["intel-delay", "qc-laptop", "qc-server"], await IdsAsync("chips OR laptops"));
        Assert.Equal(["qc-laptop", "qc-server"], await IdsAsync("Qualcomm (chips OR processors)"));
        Assert.Equal(["intel-delay"], await IdsAsync("(Intel OR Qualcomm) AND delayed"));
        Assert.Equal(["qc-laptop", "qc-server", "zh-chip"], await IdsAsync("(Qualcomm OR 高通) (server OR 服务器 OR laptops)"));
    }

    [Theory]
    [InlineData("title:chips", "intel-delay qc-server")]
    [InlineData("title:laptops", "qc-laptop")]
    [InlineData("body:laptop", "qc-laptop")]
    [InlineData("title:(Qualcomm laptops)", "qc-laptop")]
    [InlineData("author:tan", "intel-delay qc-server")]
    [InlineData("author:\"Mei Ling Tan\"", "qc-server")]
    [InlineData("author:王小明", "zh-chip")]
    [InlineData("source:\"Reuters Test\"", "intel-delay qc-laptop")]
    [InlineData("source:reuters", "")]
    [InlineData("section:technology", "qc-laptop qc-server")]
    [InlineData("section:科技 服务器", "zh-chip")]
    [InlineData("tag:chips", "intel-delay qc-server")]
    [InlineData("tag:芯片 OR tag:food", "market zh-chip")]
    [InlineData("TAG:laptops", "qc-laptop")]
    public async Task FieldPrefixesRestrictToTheirField(string query, string expected)
    {
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), await IdsAsync(query));
    }

    [Fact]
    public async Task ATrailingStarMatchesWordsStartingWithThePrefix()
    {
        Assert.Equal(["qc-laptop", "qc-server"], await IdsAsync("qualc*"));
        Assert.Equal(["qc-laptop"], await IdsAsync("process*"));
        Assert.Equal(["intel-delay", "qc-laptop"], await IdsAsync("source:Reu*"));
    }

    [Fact]
    public async Task GuizhouBigDataRanksTheArticleWithThePhraseAboveTheScatteredOne()
    {
        var response = await Server.SearchAsync("Guizhou big data");

        Assert.Equal(["gz-b-together", "gz-a-scattered"], response.Hits.Select(hit => hit.Id));
        Assert.True(response.Hits[0].Score > response.Hits[1].Score, $"{response.Hits[0].Score} <= {response.Hits[1].Score}");
    }

    [Theory]
    [InlineData("*data", "query has a leading wildcard at position 1")]
    [InlineData("chips title:*ips", "query has a leading wildcard at position 13")]
    [InlineData("ch*ps", "query has a * inside a word at position 3")]
    [InlineData("c*", "query has the prefix c* at position 1")]
    [InlineData("big \"data", "query has an unbalanced quote: the one at position 5 is never closed")]
    [InlineData("Qualcomm (chips OR processors", "query has an unbalanced parenthesis: the one at position 10 is never closed")]
    [InlineData("chips)", "query has a closing parenthesis that was never opened at position 6")]
    [InlineData("chips ()", "query has empty parentheses at position 7")]
    [InlineData("OR chips", "query has OR with nothing before it at position 1")]
    [InlineData("chips OR", "query has OR with nothing after it at position 7")]
    [InlineData("chips AND", "query has AND with nothing after it at position 7")]
    [InlineData("chips NOT", "query has NOT with nothing after it at position 7")]
    [InlineData("chips source:", "query has the field prefix source: with nothing after it at position 7")]
    [InlineData("((((((((((((((((((chips))))))))))))))))))", "query has parentheses nested more than 16 deep at position 17")]
    public async Task SyntaxErrorsAreInvalidArgumentNamingThePosition(string query, string expected)
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(query));

        Assert.StartsWith(expected, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABackslashMakesAnOperatorCharacterLiteral()
    {
        Assert.Equal(["qc-server"], await IdsAsync("Qualcomm \\-chips"));
        Assert.Equal(["bigdata-apart", "bigdata-reversed", "bigdata-together", "gz-a-scattered", "gz-b-together"], await IdsAsync("\\\"big data"));
    }
}
