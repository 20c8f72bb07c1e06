using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>Term facets and the widened histogram axis through the Search RPC, over <see cref="CuratedArticles"/>.</summary>
public sealed class TermFacetTests(CuratedIndexFixture fixture) : IClassFixture<CuratedIndexFixture>
{
    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task FacetsCountEveryHitInRequestOrderWithOtherAndMissing()
    {
        var request = new SearchRequest
        {
            Query = "lighthouse",
            PageSize = 1,
            TermFacets = new TermFacetOptions { Size = 1, Fields = { FacetField.Section, FacetField.Source, FacetField.Language } },
        };

        var response = await Server.SearchAsync(request);

        Assert.Single(response.Hits);
        Assert.Equal([FacetField.Section, FacetField.Source, FacetField.Language], response.TermFacets.Select(facet => facet.Field));
        var section = response.TermFacets[0];
        Assert.Empty(section.Values);
        Assert.Equal((0L, 7L), (section.OtherCount, section.MissingCount));
        var source = response.TermFacets[1];
        // 3 Harbour Gazette, 2 Coastal Wire; the two undated articles have no source.
        Assert.Equal([("Harbour Gazette", 3L)], source.Values.Select(value => (value.Value, value.Count)));
        Assert.Equal((2L, 2L), (source.OtherCount, source.MissingCount));
        // A missing language is detected on the way in, so every article has one.
        var language = response.TermFacets[2];
        Assert.Equal([("en", 7L)], language.Values.Select(value => (value.Value, value.Count)));
        Assert.Equal((0L, 0L), (language.OtherCount, language.MissingCount));
    }

    [Fact]
    public async Task TagsCountOncePerArticleWithTiesInValueOrder()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "ferry OR lighthouse",
            TermFacets = new TermFacetOptions { Size = 2, Fields = { FacetField.Tags, FacetField.Section } },
        });

        var tags = response.TermFacets[0];
        Assert.Equal([("ferries", 1L), ("timetable", 1L)], tags.Values.Select(value => (value.Value, value.Count)));
        // "winter" is the other tag occurrence; the seven lighthouse articles carry no tags.
        Assert.Equal((1L, 7L), (tags.OtherCount, tags.MissingCount));
        Assert.Equal([("transport", 1L)], response.TermFacets[1].Values.Select(value => (value.Value, value.Count)));
    }

    [Fact]
    public async Task EveryPageCarriesTheSameFacets()
    {
        var request = new SearchRequest
        {
            Query = "lighthouse",
            PageSize = 2,
            TermFacets = new TermFacetOptions { Fields = { FacetField.Source } },
        };

        var pages = await Paging.WalkAllPagesAsync(Server, request);

        Assert.Equal(4, pages.Count);
        Assert.All(pages, page => Assert.Equal(pages[0].TermFacets, page.TermFacets));
        Assert.Equal([("Harbour Gazette", 3L), ("Coastal Wire", 2L)], pages[0].TermFacets[0].Values.Select(value => (value.Value, value.Count)));
    }

    [Fact]
    public async Task NoFacetsWhenNoneAreAsked()
    {
        var response = await Server.SearchAsync("lighthouse");

        Assert.Empty(response.TermFacets);
    }

    [Theory]
    [InlineData("unspecified", "term_facets.fields")]
    [InlineData("duplicate", "term_facets.fields")]
    [InlineData("unknown", "term_facets.fields")]
    [InlineData("negative size", "term_facets.size")]
    [InlineData("size over 100", "term_facets.size")]
    public async Task InvalidFacetRequestsAreRefusedNamingTheField(string mistake, string field)
    {
        var options = new TermFacetOptions { Fields = { FacetField.Source } };
        switch (mistake)
        {
            case "unspecified":
                options.Fields.Add(FacetField.Unspecified);
                break;
            case "duplicate":
                options.Fields.Add(FacetField.Source);
                break;
            case "unknown":
                options.Fields.Add((FacetField)99);
                break;
            case "negative size":
                options.Size = -1;
                break;
            default:
                options.Size = 101;
                break;
        }

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument,
            () => Server.SearchAsync(new SearchRequest { Query = "lighthouse", TermFacets = options }));

        Assert.StartsWith(field, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SizeOf100IsAllowed()
    {
        var response = await Server.SearchAsync(new SearchRequest { TermFacets = new TermFacetOptions { Size = 100, Fields = { FacetField.Tags } } });

        Assert.Equal(3, response.TermFacets[0].Values.Count);
    }

    [Fact]
    public async Task TheDateRangeWidensTheHistogramToItsBounds()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "lighthouse",
            DateRange = new DateRange { From = Timestamps.At("2016-01-01T00:00:00Z"), To = Timestamps.At("2018-01-01T00:00:00Z") },
            DateHistogram = new DateHistogramOptions { Interval = DateInterval.Month },
        });

        Assert.Equal(24, response.DateHistogram.Count);
        Assert.Equal(("2016-01", "2017-12"), (response.DateHistogram[0].Key, response.DateHistogram[^1].Key));
        Assert.Equal(5, response.DateHistogram.Sum(bucket => bucket.Count));
    }

    [Fact]
    public async Task ADayHistogramOverCenturiesIsRefused()
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(new SearchRequest
        {
            Query = "lighthouse",
            DateRange = new DateRange { From = Timestamps.At("1900-01-01T00:00:00Z") },
            DateHistogram = new DateHistogramOptions { Interval = DateInterval.Day },
        }));

        Assert.Contains("date_histogram.interval", failure.Status.Detail, StringComparison.Ordinal);
    }
}
