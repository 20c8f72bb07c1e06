using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>The date histogram over the "lighthouse" articles of <see cref="CuratedArticles"/>.</summary>
public sealed class DateHistogramTests(CuratedIndexFixture fixture) : IClassFixture<CuratedIndexFixture>
{
    private const string Query = "lighthouse";
    private const int DatedLighthouseArticles = 5;

    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task DayBucketsAreLabelledByDateAndCoverTheSpanWithoutGaps()
    {
        var response = await SearchWithHistogram(DateInterval.Day);

        Assert.Equal(DateInterval.Day, response.DateHistogramInterval);
        // 2016-09-29 .. 2017-01-02 inclusive: 2 + 31 + 30 + 31 + 2 days.
        Assert.Equal(96, response.DateHistogram.Count);
        Assert.Equal(("2016-09-29", 2L), KeyAndCount(response.DateHistogram[0]));
        Assert.Equal(Timestamps.At("2016-09-29T00:00:00Z"), response.DateHistogram[0].Start);
        Assert.Equal(("2017-01-02", 1L), KeyAndCount(response.DateHistogram[^1]));
        Assert.Equal(
            [("2016-09-29", 2L), ("2016-10-03", 1L), ("2017-01-01", 1L), ("2017-01-02", 1L)],
            response.DateHistogram.Where(bucket => bucket.Count > 0).Select(KeyAndCount));
        AssertConsecutive(response.DateHistogram);
    }

    [Fact]
    public async Task WeekBucketsUseIsoWeeksStartingOnMonday()
    {
        var response = await SearchWithHistogram(DateInterval.Week);

        Assert.Equal(DateInterval.Week, response.DateHistogramInterval);
        // 2016-W39 .. 2016-W52 and 2017-W01; Sunday 2017-01-01 still belongs to 2016-W52.
        Assert.Equal(15, response.DateHistogram.Count);
        Assert.Equal(Timestamps.At("2016-09-26T00:00:00Z"), response.DateHistogram[0].Start);
        Assert.Equal(
            [("2016-W39", 2L), ("2016-W40", 1L), ("2016-W52", 1L), ("2017-W01", 1L)],
            response.DateHistogram.Where(bucket => bucket.Count > 0).Select(KeyAndCount));
        AssertConsecutive(response.DateHistogram);
    }

    [Fact]
    public async Task MonthBucketsIncludeEmptyMonthsBetweenHits()
    {
        var response = await SearchWithHistogram(DateInterval.Month);

        Assert.Equal(
            [("2016-09", 2L), ("2016-10", 1L), ("2016-11", 0L), ("2016-12", 0L), ("2017-01", 2L)],
            response.DateHistogram.Select(KeyAndCount));
        Assert.Equal(Timestamps.At("2016-11-01T00:00:00Z"), response.DateHistogram[2].Start);
    }

    [Fact]
    public async Task YearBucketsAreLabelledByYear()
    {
        var response = await SearchWithHistogram(DateInterval.Year);

        Assert.Equal([("2016", 3L), ("2017", 2L)], response.DateHistogram.Select(KeyAndCount));
        Assert.Equal(Timestamps.At("2017-01-01T00:00:00Z"), response.DateHistogram[1].Start);
    }

    [Fact]
    public async Task AutomaticIntervalIsTheCoarsestWithAtLeastEightBuckets()
    {
        // The hits span 2 years, 5 months and 15 ISO weeks.
        var response = await SearchWithHistogram(DateInterval.AutoUnspecified);

        Assert.Equal(DateInterval.Week, response.DateHistogramInterval);
        Assert.Equal("2016-W39", response.DateHistogram[0].Key);
    }

    [Fact]
    public async Task TimeZoneMovesAnEveningArticleToTheNextLocalDay()
    {
        var request = new SearchRequest
        {
            Query = Query,
            DateRange = new DateRange { From = Timestamps.At("2016-09-29T00:00:00Z"), To = Timestamps.At("2016-09-30T00:00:00Z") },
            DateHistogram = new DateHistogramOptions { Interval = DateInterval.Day, TimeZone = "Asia/Shanghai" },
        };

        var inShanghai = await Server.SearchAsync(request);
        request.DateHistogram.TimeZone = "";
        var inUtc = await Server.SearchAsync(request);

        Assert.Equal([("2016-09-29", 2L)], inUtc.DateHistogram.Select(KeyAndCount));
        Assert.Equal([("2016-09-29", 1L), ("2016-09-30", 1L)], inShanghai.DateHistogram.Select(KeyAndCount));
        Assert.Equal(Timestamps.At("2016-09-28T16:00:00Z"), inShanghai.DateHistogram[0].Start);
        Assert.Equal(Timestamps.At("2016-09-29T16:00:00Z"), inShanghai.DateHistogram[1].Start);
    }

    [Fact]
    public async Task DayStartsAtLocalMidnightAcrossTheEndOfDaylightSaving()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "bagel",
            DateHistogram = new DateHistogramOptions { Interval = DateInterval.Day, TimeZone = "America/New_York" },
        });

        Assert.Equal([("2016-11-05", 1L), ("2016-11-06", 1L)], response.DateHistogram.Select(KeyAndCount));
        Assert.Equal(Timestamps.At("2016-11-05T04:00:00Z"), response.DateHistogram[0].Start);
        Assert.Equal(Timestamps.At("2016-11-06T04:00:00Z"), response.DateHistogram[1].Start);
    }

    [Fact]
    public async Task DayWhoseMidnightIsSkippedStartsAtItsFirstLocalTime()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "samba",
            DateHistogram = new DateHistogramOptions { Interval = DateInterval.Day, TimeZone = "America/Sao_Paulo" },
        });

        var bucket = Assert.Single(response.DateHistogram);
        Assert.Equal(("2018-11-04", 1L), KeyAndCount(bucket));
        // 01:00 at UTC-2 (summer time); 00:00 did not exist that day.
        Assert.Equal(Timestamps.At("2018-11-04T03:00:00Z"), bucket.Start);
    }

    [Fact]
    public async Task HistogramCoversAllHitsNotOnlyThePage()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = Query,
            PageSize = 1,
            DateHistogram = new DateHistogramOptions { Interval = DateInterval.Year },
        });

        Assert.Single(response.Hits);
        Assert.Equal(DatedLighthouseArticles, response.DateHistogram.Sum(bucket => bucket.Count));
    }

    private Task<SearchResponse> SearchWithHistogram(DateInterval interval) =>
        Server.SearchAsync(new SearchRequest { Query = Query, DateHistogram = new DateHistogramOptions { Interval = interval } });

    private static (string Key, long Count) KeyAndCount(DateBucket bucket) => (bucket.Key, bucket.Count);

    private static void AssertConsecutive(IReadOnlyList<DateBucket> buckets) =>
        Assert.All(buckets.Zip(buckets.Skip(1)), pair => Assert.True(pair.First.Start < pair.Second.Start, $"{pair.First.Key} is not before {pair.Second.Key}"));
}
