using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>Search over the shipped sample: defaults, filters, sort orders and request validation.</summary>
public sealed class SearchTests(SampleIndexFixture fixture) : IClassFixture<SampleIndexFixture>
{
    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task QueryAloneReturnsMarkedHitsTotalsAndHistogram()
    {
        var response = await Server.SearchAsync("Guizhou big data");

        Assert.InRange(response.TotalHits, 1, 10);
        Assert.Equal(response.TotalHits, response.Hits.Count);
        Assert.Empty(response.NextPageToken);
        var pilotZone = Assert.Single(response.Hits, hit => hit.Id == "sample-001");
        Assert.Contains("<em>Guizhou</em>", pilotZone.Highlight.Title, StringComparison.Ordinal);
        Assert.Equal("China Daily Sample", pilotZone.Source);
        Assert.Equal("en", pilotZone.Language);
        Assert.Equal(Timestamps.At("2016-03-01T02:15:00Z"), pilotZone.PublishedAt);
        Assert.All(response.Hits, hit =>
        {
            Assert.True(hit.Score > 0, $"{hit.Id} has score {hit.Score}");
            Assert.Contains(hit.Highlight.Snippets, snippet => snippet.Contains("<em>", StringComparison.Ordinal));
        });
        Assert.Equal(response.Hits.Select(hit => hit.Score).OrderDescending(), response.Hits.Select(hit => hit.Score));
        Assert.NotEmpty(response.DateHistogram);
        Assert.NotEqual(DateInterval.AutoUnspecified, response.DateHistogramInterval);
        Assert.Equal(response.TotalHits, response.DateHistogram.Sum(bucket => bucket.Count));
    }

    [Fact]
    public async Task PageSizeZeroMeansTen()
    {
        var response = await Server.SearchAsync(new SearchRequest { PageSize = 0 });

        Assert.Equal(SampleArticles.Count, response.TotalHits);
        Assert.Equal(10, response.Hits.Count);
        Assert.NotEmpty(response.NextPageToken);
    }

    [Fact]
    public async Task PageSizeOfAHundredIsTheMaximum()
    {
        var largest = await Server.SearchAsync(new SearchRequest { PageSize = 100 });
        Assert.Equal(SampleArticles.Count, largest.Hits.Count);

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(new SearchRequest { PageSize = 101 }));
        Assert.Contains("page_size", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyQueryMatchesEveryArticle()
    {
        var response = await Server.SearchAsync(new SearchRequest { PageSize = 100 });

        Assert.Equal(SampleArticles.All.Select(article => article.Id).Order(), response.Hits.Select(hit => hit.Id).Order());
    }

    [Fact]
    public async Task DateRangeIncludesItsStartAndExcludesItsEnd()
    {
        // sample-021 is published at exactly `from`, sample-023 at exactly `to`.
        var from = DateTimeOffset.Parse("2020-05-18T01:15:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse("2020-11-18T07:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var response = await Server.SearchAsync(new SearchRequest
        {
            PageSize = 100,
            DateRange = new DateRange { From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to) },
        });

        var expected = SampleArticles.All.Where(article => article.PublishedAt >= from && article.PublishedAt < to).Select(article => article.Id).Order().ToList();
        Assert.Contains("sample-021", expected);
        Assert.DoesNotContain("sample-023", expected);
        Assert.Equal(expected, response.Hits.Select(hit => hit.Id).Order());
        Assert.Equal(expected.Count, response.TotalHits);
    }

    [Fact]
    public async Task OpenEndedDateRangeKeepsEverythingAfterItsStart()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            PageSize = 100,
            DateRange = new DateRange { From = Timestamps.At("2025-01-01T00:00:00Z") },
        });

        var expected = SampleArticles.All.Where(article => article.PublishedAt?.Year >= 2025).Select(article => article.Id).Order();
        Assert.Equal(expected, response.Hits.Select(hit => hit.Id).Order());
    }

    [Theory]
    [InlineData("2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z")]
    [InlineData("2021-01-01T00:00:00Z", "2020-01-01T00:00:00Z")]
    public async Task DateRangeWhoseStartIsNotBeforeItsEndIsInvalid(string from, string to)
    {
        var request = new SearchRequest { DateRange = new DateRange { From = Timestamps.At(from), To = Timestamps.At(to) } };

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(request));
        Assert.Contains("date_range", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SortOrder.Newest)]
    [InlineData(SortOrder.Oldest)]
    public async Task DateSortsOrderByPublicationTime(SortOrder sort)
    {
        var response = await Server.SearchAsync(new SearchRequest { PageSize = 100, Sort = sort });

        var byDate = sort == SortOrder.Newest
            ? SampleArticles.All.OrderByDescending(article => article.PublishedAt).ThenBy(article => article.Id, StringComparer.Ordinal)
            : SampleArticles.All.OrderBy(article => article.PublishedAt).ThenBy(article => article.Id, StringComparer.Ordinal);
        Assert.Equal(byDate.Select(article => article.Id), response.Hits.Select(hit => hit.Id));
        Assert.All(response.Hits, hit => Assert.Equal(0f, hit.Score));
    }

    [Fact]
    public async Task SourcesFilterKeepsOnlyTheNamedSources()
    {
        var request = new SearchRequest { PageSize = 100, Sources = { "Tech Wire Sample", "CCTV Sample" } };

        var response = await Server.SearchAsync(request);

        var expected = SampleArticles.All.Where(article => article.Source is "Tech Wire Sample" or "CCTV Sample").Select(article => article.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, response.Hits.Select(hit => hit.Id).Order());
    }

    [Fact]
    public async Task SourcesFilterIsCaseSensitive()
    {
        var response = await Server.SearchAsync(new SearchRequest { Sources = { "tech wire sample" } });

        Assert.Equal(0, response.TotalHits);
        Assert.Empty(response.Hits);
    }

    [Fact]
    public async Task CustomHighlightTagsReplaceEm()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "Guizhou",
            Highlight = new HighlightOptions { PreTag = "[[", PostTag = "]]" },
        });

        var pilotZone = Assert.Single(response.Hits, hit => hit.Id == "sample-001");
        Assert.StartsWith("[[Guizhou]] opens", pilotZone.Highlight.Title, StringComparison.Ordinal);
        Assert.Contains(pilotZone.Highlight.Snippets, snippet => snippet.Contains("[[Guizhou]]", StringComparison.Ordinal));
        Assert.All(response.Hits, hit =>
        {
            Assert.DoesNotContain("<em>", hit.Highlight.Title, StringComparison.Ordinal);
            Assert.DoesNotContain(hit.Highlight.Snippets, snippet => snippet.Contains("<em>", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task ScriptTagInBodyComesBackEscaped()
    {
        var response = await Server.SearchAsync("script");

        var report = Assert.Single(response.Hits, hit => hit.Id == "sample-022");
        Assert.Contains(report.Highlight.Snippets, snippet => snippet.Contains("&lt;<em>script</em>&gt;", StringComparison.Ordinal));
        Assert.All(response.Hits, hit => Assert.DoesNotContain(hit.Highlight.Snippets, snippet => snippet.Contains("<script", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task UnknownTimeZoneIsInvalid()
    {
        var request = new SearchRequest { Query = "data", DateHistogram = new DateHistogramOptions { TimeZone = "Mars/Olympus_Mons" } };

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(request));
        Assert.Contains("Mars/Olympus_Mons", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"big data", "unbalanced quote")]
    [InlineData("Guizhou \"big data", "unbalanced quote")]
    [InlineData("(big data", "unbalanced parenthesis")]
    [InlineData("(Guizhou OR (big data)", "unbalanced parenthesis")]
    [InlineData("big data)", "never opened")]
    public async Task UnbalancedQueryIsInvalidWithAReadableMessage(string query, string expectedMessage)
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(query));

        Assert.Contains(expectedMessage, failure.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AND")]
    [InlineData("big AND")]
    [InlineData("OR OR")]
    [InlineData("title:")]
    [InlineData("*data")]
    [InlineData("[2016 TO")]
    [InlineData("data^")]
    [InlineData("data~x")]
    [InlineData("\\")]
    [InlineData("!")]
    [InlineData("title:(")]
    [InlineData("/unterminated")]
    public async Task OddQueriesAreAnsweredOrRefusedButNeverInternal(string query)
    {
        var failure = await Record.ExceptionAsync(() => Server.SearchAsync(query));

        if (failure is not null)
        {
            var rpcFailure = Assert.IsType<RpcException>(failure);
            Assert.True(rpcFailure.StatusCode == StatusCode.InvalidArgument, $"{rpcFailure.StatusCode}: {rpcFailure.Status.Detail}");
            Assert.StartsWith("query", rpcFailure.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("page_size")]
    [InlineData("sources")]
    [InlineData("sort")]
    [InlineData("highlight.snippet_length")]
    [InlineData("highlight.snippet_count")]
    [InlineData("highlight")]
    [InlineData("date_histogram.interval")]
    [InlineData("date_range.from")]
    public async Task OutOfRangeOptionIsInvalidAndNamesItsField(string field)
    {
        var request = new SearchRequest { Query = "data" };
        switch (field)
        {
            case "page_size":
                request.PageSize = -1;
                break;
            case "sources":
                request.Sources.Add("");
                break;
            case "sort":
                request.Sort = (SortOrder)7;
                break;
            case "highlight.snippet_length":
                request.Highlight = new HighlightOptions { SnippetLength = 19 };
                break;
            case "highlight.snippet_count":
                request.Highlight = new HighlightOptions { SnippetCount = 11 };
                break;
            case "highlight":
                request.Highlight = new HighlightOptions { PreTag = new string('x', 101) };
                break;
            case "date_histogram.interval":
                request.DateHistogram = new DateHistogramOptions { Interval = (DateInterval)9 };
                break;
            default:
                request.DateRange = new DateRange { From = new Timestamp { Seconds = 0, Nanos = -1 } };
                break;
        }

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(request));
        Assert.StartsWith(field, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DayHistogramOfTenYearsIsAnswered()
    {
        // The sample spans about 3,500 days, under the 10,000-bucket limit.
        var response = await Server.SearchAsync(new SearchRequest { DateHistogram = new DateHistogramOptions { Interval = DateInterval.Day } });

        Assert.InRange(response.DateHistogram.Count, 3_000, 4_000);
        Assert.Equal(SampleArticles.Count, response.DateHistogram.Sum(bucket => bucket.Count));
    }

    [Fact]
    public async Task OverlongQueryIsInvalid()
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(new string('a', 1_001)));

        Assert.Contains("at most 1000", failure.Status.Detail, StringComparison.Ordinal);
    }
}
