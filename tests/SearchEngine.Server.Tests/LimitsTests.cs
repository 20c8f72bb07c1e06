using Google.Rpc;
using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>
/// Every request limit through the gRPC API: refused with INVALID_ARGUMENT, a message naming the
/// limit and a google.rpc.BadRequest field violation; an oversized message with RESOURCE_EXHAUSTED.
/// </summary>
public sealed class LimitsTests(SampleIndexFixture fixture) : IClassFixture<SampleIndexFixture>
{
    private SearchServer Server => fixture.Server;

    public static TheoryData<string> Limits => new(["query length", "clauses", "prefixes", "prefix length", "page size", "snippet count", "snippet length", "term facet size", "filter values"]);

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task AValueOverTheLimitIsRefusedWithAFieldViolationNamingTheLimit(string limit)
    {
        var (request, field, message) = OverTheLimit(limit);

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(request));

        Assert.Contains(message, failure.Status.Detail, StringComparison.Ordinal);
        var badRequest = failure.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        var violation = Assert.Single(badRequest.FieldViolations);
        Assert.Equal(field, violation.Field);
        Assert.Equal(failure.Status.Detail, violation.Description);
    }

    [Fact]
    public async Task ARequestWithEveryLimitReachedButNotPassedIsAnswered()
    {
        // 191 words, 8 prefixes and guizhou: 200 clauses.
        var words = string.Join(' ', Enumerable.Range(0, 200 - 8 - 1).Select(i => $"w{i}"));
        var prefixes = string.Join(' ', Enumerable.Range(0, 8).Select(i => $"g{i}*"));
        var request = new SearchRequest
        {
            Query = $"{words} {prefixes} guizhou",
            Match = MatchMode.Any,
            PageSize = 100,
            Highlight = new HighlightOptions { SnippetCount = 10, SnippetLength = 1_000 },
            TermFacets = new TermFacetOptions { Size = 100, Fields = { FacetField.Source, FacetField.Section, FacetField.Language, FacetField.Tags } },
        };
        request.Sources.AddRange(Enumerable.Range(0, 100).Select(i => $"source {i}"));
        request.Sources[0] = "China Daily Sample";
        Assert.InRange(request.Query.Length, 800, 1_000);

        var response = await Server.SearchAsync(request);

        Assert.Contains(response.Hits, hit => hit.Id == "sample-001");
    }

    [Fact]
    public async Task ASearchMessageOverTheSizeLimitIsRefusedWithResourceExhausted()
    {
        var request = new SearchRequest { Query = "guizhou" };
        // Valid on its own except for its size: filter values are not limited in length, the message is.
        request.Tags.Add(new string('t', 64 * 1024));

        var failure = await RpcAssert.FailsWithAsync(StatusCode.ResourceExhausted, () => Server.SearchAsync(request));

        Assert.Contains("exceeds the maximum configured message size", failure.Status.Detail, StringComparison.Ordinal);
        Assert.NotEmpty((await Server.SearchAsync("guizhou")).Hits);
    }

    private static (SearchRequest Request, string Field, string Message) OverTheLimit(string limit)
    {
        var request = new SearchRequest { Query = "guizhou" };
        switch (limit)
        {
            case "query length":
                request.Query = new string('a', 1_001);
                return (request, "query", "query is 1001 characters long; at most 1000 are allowed");
            case "clauses":
                request.Query = string.Join(' ', Enumerable.Range(0, 201).Select(i => $"w{i}"));
                return (request, "query", "query has 201 words and phrases; at most 200 are allowed");
            case "prefixes":
                request.Query = string.Join(' ', Enumerable.Range(0, 9).Select(i => $"g{i}*"));
                return (request, "query", "query has 9 prefix words (word*); at most 8 are allowed");
            case "prefix length":
                request.Query = "g*";
                return (request, "query", "a prefix needs at least 2 characters before the *");
            case "page size":
                request.PageSize = 101;
                return (request, "page_size", "page_size is 101; it must be between 0 (meaning 10) and 100");
            case "snippet count":
                request.Highlight = new HighlightOptions { SnippetCount = 11 };
                return (request, "highlight.snippet_count", "highlight.snippet_count is 11; it must be between 0 (meaning 2) and 10");
            case "snippet length":
                request.Highlight = new HighlightOptions { SnippetLength = 1_001 };
                return (request, "highlight.snippet_length", "between 20 and 1000");
            case "term facet size":
                request.TermFacets = new TermFacetOptions { Size = 101, Fields = { FacetField.Source } };
                return (request, "term_facets.size", "term_facets.size is 101; it must be between 0 (meaning 10) and 100");
            default:
                request.Sources.AddRange(Enumerable.Range(0, 101).Select(i => $"source {i}"));
                return (request, "sources", "sources has 101 values; at most 100 are allowed");
        }
    }
}
