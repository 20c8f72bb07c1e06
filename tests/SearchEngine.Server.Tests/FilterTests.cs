using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>The exact-value filters (sources, languages, sections, tags) and the date range, alone and together.</summary>
public sealed class FilterTests(QueryIndexFixture fixture) : IClassFixture<QueryIndexFixture>
{
    private SearchServer Server => fixture.Server;

    private async Task<List<string>> IdsAsync(SearchRequest request)
    {
        request.PageSize = 100;
        var response = await Server.SearchAsync(request);
        Assert.Equal(response.Hits.Count, response.TotalHits);
        return [.. response.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal)];
    }

    private static List<string> Expected(Func<Article, bool> keep) =>
        [.. QueryArticles.All.Where(keep).Select(article => article.Id).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task LanguagesKeepArticlesInAnyOfThem()
    {
        Assert.Equal(Expected(article => article.Language == "zh"), await IdsAsync(new SearchRequest { Languages = { "zh" } }));
        Assert.Equal(QueryArticles.All.Count, (await IdsAsync(new SearchRequest { Languages = { "zh", "en" } })).Count);
        Assert.Empty(await IdsAsync(new SearchRequest { Languages = { "ZH" } }));
    }

    [Fact]
    public async Task SectionsKeepArticlesFiledUnderAnyOfThem()
    {
        Assert.Equal(["market", "qc-laptop", "qc-server"], await IdsAsync(new SearchRequest { Sections = { "technology", "city" } }));
        Assert.Empty(await IdsAsync(new SearchRequest { Sections = { "Technology" } }));
    }

    [Fact]
    public async Task TagsKeepArticlesCarryingAnyOfThem()
    {
        Assert.Equal(["intel-delay", "market", "qc-server"], await IdsAsync(new SearchRequest { Tags = { "chips", "food" } }));
        Assert.Equal(["zh-chip"], await IdsAsync(new SearchRequest { Tags = { "芯片" } }));
    }

    [Fact]
    public async Task SourcesKeepArticlesFromAnyOfThem()
    {
        Assert.Equal(["intel-delay", "qc-laptop", "qc-server"], await IdsAsync(new SearchRequest { Sources = { "Reuters Test", "Tech Wire" } }));
    }

    [Fact]
    public async Task FiltersCombineWithEachOtherTheDateRangeAndTheQuery()
    {
        var request = new SearchRequest
        {
            Query = "chips OR processors OR 芯片",
            Languages = { "en", "zh" },
            Sections = { "technology", "business", "科技" },
            Tags = { "chips", "laptops", "芯片" },
            Sources = { "Reuters Test", "Tech Wire", "新华社测试" },
            DateRange = new DateRange { From = Timestamps.At("2024-01-01T00:00:00Z"), To = Timestamps.At("2024-05-15T00:00:00Z") },
        };

        Assert.Equal(["qc-server", "zh-chip"], await IdsAsync(request));
        request.DateRange = null;
        Assert.Equal(["intel-delay", "qc-laptop", "qc-server", "zh-chip"], await IdsAsync(request));
        request.Tags.Remove("laptops");
        Assert.Equal(["intel-delay", "qc-server", "zh-chip"], await IdsAsync(request));
        request.Languages.Remove("zh");
        Assert.Equal(["intel-delay", "qc-server"], await IdsAsync(request));
    }

    [Theory]
    [InlineData("sources")]
    [InlineData("languages")]
    [InlineData("sections")]
    [InlineData("tags")]
    public async Task AnEmptyFilterValueIsInvalidAndNamesItsPlace(string field)
    {
        var request = new SearchRequest { Query = "chips" };
        Values(request, field).Add(["chips", ""]);

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(request));
        Assert.StartsWith($"{field}[1] is empty", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sources")]
    [InlineData("languages")]
    [InlineData("sections")]
    [InlineData("tags")]
    public async Task AFilterOfMoreThanAHundredValuesIsInvalid(string field)
    {
        var request = new SearchRequest { Query = "chips" };
        Values(request, field).Add(Enumerable.Range(0, 101).Select(i => $"value-{i}"));
        var atLimit = new SearchRequest { Query = "chips" };
        Values(atLimit, field).Add(Enumerable.Range(0, 100).Select(i => $"value-{i}"));

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(request));
        Assert.StartsWith($"{field} has 101 values; at most 100", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await Server.SearchAsync(atLimit)).TotalHits);
    }

    [Fact]
    public async Task AnInvalidNowIsInvalid()
    {
        var request = new SearchRequest { Query = "quay", Now = new Timestamp { Seconds = 0, Nanos = -1 } };

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(request));
        Assert.StartsWith("now is not a valid timestamp", failure.Status.Detail, StringComparison.Ordinal);
    }

    private static Google.Protobuf.Collections.RepeatedField<string> Values(SearchRequest request, string field) => field switch
    {
        "sources" => request.Sources,
        "languages" => request.Languages,
        "sections" => request.Sections,
        _ => request.Tags,
    };
}
