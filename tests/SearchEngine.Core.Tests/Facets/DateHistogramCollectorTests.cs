using System.Globalization;
using System.Text;
using SearchEngine.Core.Facets;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using SearchEngine.Testing;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Facets;

/// <summary>
/// The date histogram of search results, checked against an independent brute-force count:
/// each matching article's bucket is computed here with <see cref="TimeZoneInfo"/> and plain
/// calendar rules, never with the production calendar helper.
/// </summary>
public sealed class DateHistogramCollectorTests(DateHistogramCollectorTests.RandomCorpus corpus)
    : IClassFixture<DateHistogramCollectorTests.RandomCorpus>, IDisposable
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo[] Zones = [TimeZoneInfo.Utc, Shanghai, NewYork, Kolkata];
    private static readonly string[] Words = ["alpha", "bravo", "delta", "golf", "hotel", "kilo", "lima", "oscar", "papa", "tango"];
    private static readonly string[] Sources = ["Xinhua", "AP", "Reuters"];
    private static readonly string[] Sections = ["world", "business", "sport", "culture", "science", "科技"];
    private static readonly string[] Languages = ["en", "zh", "fr"];
    private static readonly string[] Tags = ["usa", "china", "trade", "oil", "gold", "grain", "coffee", "ship", "acq", "earn", "jobs", "gnp", "经济", "数据"];

    private readonly TestIndex test = new();

    public void Dispose() => test.Dispose();

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 100)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_facet_matches_a_brute_force_count_of_the_hits(int seed)
    {
        var random = new Random(seed);
        var request = RandomRequest(random);

        var results = corpus.Search(request);

        var matches = corpus.Articles.Where(article => Matches(article, request)).ToList();
        var description = Describe(seed, request);
        Assert.True(matches.Count == results.TotalHits, $"{description}: {results.TotalHits} hits, brute force finds {matches.Count}");
        var days = matches.Where(article => article.PublishedAt is not null).Select(article => LocalDay(article.PublishedAt!.Value, request.HistogramTimeZone)).ToList();
        var expected = ExpectedHistogram(days, request);
        AssertHistogram(expected, results.DateHistogram, description);
        Assert.Equal(days.Count, results.DateHistogram.Buckets.Sum(bucket => bucket.Count));
        Assert.Equal(request.TermFacets.Fields, results.TermFacets.Select(facet => facet.Field));
        foreach (var facet in results.TermFacets)
        {
            var expectedFacet = ExpectedTermFacet(matches, facet.Field, request.TermFacets.Size);
            Assert.True(expectedFacet == Describe(facet), $"{description}: {facet.Field} facet is {Describe(facet)}, brute force counts {expectedFacet}");
        }
    }

    [Fact]
    public void The_random_corpus_covers_every_case_the_property_test_relies_on()
    {
        // Guards the generator: undated articles, articles on both sides of local midnights and
        // daylight-saving days, and several years of dates.
        var dated = corpus.Articles.Where(article => article.PublishedAt is not null).Select(article => article.PublishedAt!.Value).ToList();
        Assert.InRange(corpus.Articles.Count - dated.Count, 10, 100);
        Assert.True(dated.Max().Year - dated.Min().Year >= 5);
        foreach (var zone in Zones)
        {
            Assert.Contains(dated, instant => TimeZoneInfo.ConvertTime(instant, zone).TimeOfDay < TimeSpan.FromSeconds(1));
            Assert.Contains(dated, instant => TimeZoneInfo.ConvertTime(instant, zone).TimeOfDay > new TimeSpan(0, 23, 59, 59));
        }
        Assert.Contains(dated, instant => NewYork.IsAmbiguousTime(instant));
        Assert.True(corpus.SegmentCount > 1, $"{corpus.SegmentCount} segment(s): counts are never merged across segments");
        Assert.Equal(50, corpus.DeletedDocuments);
        // Every facet field has articles with and without a value, and tags come in several numbers.
        Assert.InRange(corpus.Articles.Count(article => article.Section is null), 50, 200);
        Assert.InRange(corpus.Articles.Count(article => article.Language is null), 20, 100);
        Assert.InRange(corpus.Articles.Count(article => article.Tags.Count == 0), 50, 200);
        Assert.Equal([0, 1, 2, 3, 4], corpus.Articles.Select(article => article.Tags.Count).Distinct().Order());
        Assert.True(corpus.Articles.SelectMany(article => article.Tags).Distinct().Count() > TermFacetRequest.DefaultSize);
    }

    [Fact]
    public void Empty_buckets_between_hits_are_filled_with_zero()
    {
        test.Add(
            Make("a", "news", publishedAt: Utc(2024, 1, 1, 12)),
            Make("b", "news", publishedAt: Utc(2024, 1, 4, 0)),
            Make("c", "news", publishedAt: Utc(2024, 1, 4, 23, 59, 59, 999)),
            Make("d", "news", publishedAt: Utc(2024, 5, 20)));

        var days = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, To = Utc(2024, 1, 5) });
        var months = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Month });

        Assert.Equal([("2024-01-01", 1L), ("2024-01-02", 0L), ("2024-01-03", 0L), ("2024-01-04", 2L)], days.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
        Assert.Equal([("2024-01", 3L), ("2024-02", 0L), ("2024-03", 0L), ("2024-04", 0L), ("2024-05", 1L)], months.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
        Assert.Equal([Utc(2024, 1, 1), Utc(2024, 2, 1), Utc(2024, 3, 1), Utc(2024, 4, 1), Utc(2024, 5, 1)], months.Buckets.Select(bucket => bucket.Start));
    }

    [Fact]
    public void Counts_every_hit_not_only_the_returned_page_and_skips_undated_ones()
    {
        test.Add(Enumerable.Range(0, 30).Select(i => Make($"a{i:00}", "news", publishedAt: i % 3 == 0 ? null : Utc(2024, 1, 1 + (i % 5)))));
        var first = test.Search(new SearchQuery { Text = "news", PageSize = 2, HistogramInterval = DateInterval.Day });
        var second = test.Search(new SearchQuery { Text = "news", PageSize = 2, HistogramInterval = DateInterval.Day, PageToken = first.NextPageToken });

        Assert.Equal(30, first.TotalHits);
        Assert.Equal(20, first.DateHistogram.Buckets.Sum(bucket => bucket.Count));
        Assert.Equal([4L, 4L, 4L, 4L, 4L], first.DateHistogram.Buckets.Select(bucket => bucket.Count));
        Assert.Equal(first.DateHistogram, second.DateHistogram with { Buckets = first.DateHistogram.Buckets });
        Assert.Equal(first.DateHistogram.Buckets, second.DateHistogram.Buckets);
    }

    [Fact]
    public void No_dated_hits_give_no_buckets_and_auto_reports_days()
    {
        test.Add(Make("undated", "news"), Make("dated", "other", publishedAt: Utc(2024, 1, 1)));

        var auto = Histogram(new SearchQuery { Text = "news" });
        var month = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Month });
        var nothing = Histogram(new SearchQuery { Text = "zulu", HistogramInterval = DateInterval.Year });

        Assert.Equal(new DateHistogram(DateInterval.Day, []), auto with { Buckets = [] });
        Assert.Empty(auto.Buckets);
        Assert.Equal(DateInterval.Month, month.Interval);
        Assert.Empty(month.Buckets);
        Assert.Equal(DateInterval.Year, nothing.Interval);
        Assert.Empty(nothing.Buckets);
    }

    [Theory]
    [InlineData("1900-01-01", "2024-06-01", DateInterval.Year, 125)]
    [InlineData("2014-06-01", "2024-06-01", DateInterval.Year, 11)]
    [InlineData("2017-12-31", "2024-01-01", DateInterval.Year, 8)]
    // No interval gives 8 to 60: 7 years are nearer the band (8/7) than 84 months (84/60).
    [InlineData("2018-01-01", "2024-12-31", DateInterval.Year, 7)]
    // ... but 66 months (66/60) are nearer than 6 years (8/6), and 61 months nearer than 6 years.
    [InlineData("2018-01-01", "2023-06-30", DateInterval.Month, 66)]
    [InlineData("2019-01-15", "2024-01-15", DateInterval.Month, 61)]
    [InlineData("2019-01-15", "2023-12-15", DateInterval.Month, 60)]
    [InlineData("2024-01-31", "2024-08-01", DateInterval.Month, 8)]
    [InlineData("2024-01-01", "2024-07-31", DateInterval.Week, 31)]
    [InlineData("2024-01-01", "2024-02-19", DateInterval.Week, 8)]
    [InlineData("2024-01-01", "2024-02-18", DateInterval.Day, 49)]
    [InlineData("2024-03-10", "2024-03-10", DateInterval.Day, 1)]
    public void Auto_picks_the_coarsest_interval_with_8_to_60_buckets_or_the_nearest(string first, string last, DateInterval expected, int buckets)
    {
        test.Add(
            Make("first", "news", publishedAt: DateTimeOffset.Parse(first + "T12:00:00Z", CultureInfo.InvariantCulture)),
            Make("last", "news", publishedAt: DateTimeOffset.Parse(last + "T12:00:00Z", CultureInfo.InvariantCulture)));

        var histogram = Histogram(new SearchQuery { Text = "news" });

        Assert.Equal(expected, histogram.Interval);
        Assert.Equal(buckets, histogram.Buckets.Count);
    }

    [Fact]
    public void Auto_looks_at_local_days_of_the_time_zone()
    {
        // In UTC the hits span 2017-01-01 .. 2024-12-31, eight years. In New York the first hit
        // is still on 2016-12-31 (nine years); in Shanghai the last is already 2025-01-01.
        test.Add(
            Make("first", "news", publishedAt: Utc(2017, 1, 1, 3)),
            Make("last", "news", publishedAt: Utc(2024, 12, 31, 20)));

        Assert.Equal(["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"],
            Histogram(new SearchQuery { Text = "news", HistogramTimeZone = NewYork }).Buckets.Select(bucket => bucket.Key));
        Assert.Equal(9, Histogram(new SearchQuery { Text = "news", HistogramTimeZone = Shanghai }).Buckets.Count);
        Assert.Equal(8, Histogram(new SearchQuery { Text = "news" }).Buckets.Count);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Asia/Shanghai")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public void Consecutive_hits_either_side_of_a_local_midnight_land_in_their_own_days(string zoneId)
    {
        // Hits are collected in index order; articles added one after the other straddling
        // midnights, exactly on them and a millisecond before, catch a stale cached day.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var midnight = LocalMidnight(new DateOnly(2024, 3, 10), zone);
        var next = LocalMidnight(new DateOnly(2024, 3, 11), zone);
        test.Add(
            Make("a", "news", publishedAt: midnight.AddMilliseconds(-1)),
            Make("b", "news", publishedAt: midnight),
            Make("c", "news", publishedAt: midnight.AddMilliseconds(-1)),
            Make("d", "news", publishedAt: next.AddMilliseconds(-1)),
            Make("e", "news", publishedAt: next),
            Make("f", "news", publishedAt: midnight.AddHours(12)),
            Make("g", "news", publishedAt: next));

        var histogram = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, HistogramTimeZone = zone });

        Assert.Equal([("2024-03-09", 2L), ("2024-03-10", 3L), ("2024-03-11", 2L)], histogram.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
        Assert.Equal([midnight, next], histogram.Buckets.Skip(1).Select(bucket => bucket.Start));
    }

    [Fact]
    public void New_york_days_around_the_spring_change_start_at_local_midnight_and_one_lasts_23_hours()
    {
        test.Add(
            Make("sat-last-ms", "news", publishedAt: Utc(2024, 3, 10, 4, 59, 59, 999)),
            Make("sun-midnight", "news", publishedAt: Utc(2024, 3, 10, 5)),
            Make("sun-after-change", "news", publishedAt: Utc(2024, 3, 10, 7, 30)),
            Make("sun-last-ms", "news", publishedAt: Utc(2024, 3, 11, 3, 59, 59, 999)),
            Make("mon-midnight", "news", publishedAt: Utc(2024, 3, 11, 4)));

        var histogram = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, HistogramTimeZone = NewYork });

        Assert.Equal(
            [
                ("2024-03-09", "2024-03-09T00:00:00.0000000-05:00", 1L),
                ("2024-03-10", "2024-03-10T00:00:00.0000000-05:00", 3L),
                ("2024-03-11", "2024-03-11T00:00:00.0000000-04:00", 1L),
            ],
            histogram.Buckets.Select(bucket => (bucket.Key, bucket.Start.ToString("O", CultureInfo.InvariantCulture), bucket.Count)));
        Assert.Equal(Utc(2024, 3, 10, 5), histogram.Buckets[1].Start);
        Assert.Equal(Utc(2024, 3, 11, 4), histogram.Buckets[2].Start);
        Assert.Equal(TimeSpan.FromHours(23), histogram.Buckets[2].Start - histogram.Buckets[1].Start);
    }

    [Fact]
    public void New_york_days_around_the_autumn_change_start_at_local_midnight_and_one_lasts_25_hours()
    {
        test.Add(
            Make("sat-last-ms", "news", publishedAt: Utc(2024, 11, 3, 3, 59, 59, 999)),
            Make("sun-midnight", "news", publishedAt: Utc(2024, 11, 3, 4)),
            Make("first-1-30", "news", publishedAt: Utc(2024, 11, 3, 5, 30)),
            Make("second-1-30", "news", publishedAt: Utc(2024, 11, 3, 6, 30)),
            Make("sun-last-ms", "news", publishedAt: Utc(2024, 11, 4, 4, 59, 59, 999)),
            Make("mon-midnight", "news", publishedAt: Utc(2024, 11, 4, 5)));

        var histogram = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, HistogramTimeZone = NewYork });

        Assert.Equal(
            [
                ("2024-11-02", "2024-11-02T00:00:00.0000000-04:00", 1L),
                ("2024-11-03", "2024-11-03T00:00:00.0000000-04:00", 4L),
                ("2024-11-04", "2024-11-04T00:00:00.0000000-05:00", 1L),
            ],
            histogram.Buckets.Select(bucket => (bucket.Key, bucket.Start.ToString("O", CultureInfo.InvariantCulture), bucket.Count)));
        Assert.Equal(TimeSpan.FromHours(25), histogram.Buckets[2].Start - histogram.Buckets[1].Start);
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_starts_at_its_first_local_time_and_a_repeated_midnight_counts_once()
    {
        // Havana moves clocks from 00:00 to 01:00 on 2024-03-10 and from 01:00 back to 00:00 on 2024-11-03.
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");
        test.Add(
            Make("mar-09-last-ms", "news", publishedAt: Utc(2024, 3, 10, 4, 59, 59, 999)),
            Make("mar-10-first", "news", publishedAt: Utc(2024, 3, 10, 5)),
            Make("nov-02-last-ms", "news", publishedAt: Utc(2024, 11, 3, 3, 59, 59, 999)),
            Make("nov-03-first-midnight", "news", publishedAt: Utc(2024, 11, 3, 4)),
            Make("nov-03-second-00-30", "news", publishedAt: Utc(2024, 11, 3, 5, 30)),
            Make("nov-04-midnight", "news", publishedAt: Utc(2024, 11, 4, 5)));

        var march = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, HistogramTimeZone = havana, From = Utc(2024, 3, 9, 12), To = Utc(2024, 3, 10, 12) });
        var november = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, HistogramTimeZone = havana, From = Utc(2024, 11, 2, 12), To = Utc(2024, 11, 4, 12) });

        Assert.Equal(
            [("2024-03-09", "2024-03-09T00:00:00.0000000-05:00", 1L), ("2024-03-10", "2024-03-10T01:00:00.0000000-04:00", 1L)],
            march.Buckets.Select(bucket => (bucket.Key, bucket.Start.ToString("O", CultureInfo.InvariantCulture), bucket.Count)));
        Assert.Equal(
            [
                ("2024-11-02", "2024-11-02T00:00:00.0000000-04:00", 1L),
                ("2024-11-03", "2024-11-03T00:00:00.0000000-04:00", 2L),
                ("2024-11-04", "2024-11-04T00:00:00.0000000-05:00", 1L),
            ],
            november.Buckets.Select(bucket => (bucket.Key, bucket.Start.ToString("O", CultureInfo.InvariantCulture), bucket.Count)));
    }

    [Fact]
    public void A_day_that_begins_after_a_change_of_standard_offset_starts_at_its_first_instant()
    {
        // Kathmandu moved from +05:30 to +05:45 at midnight on 1986-01-01: 00:00 to 00:15 never
        // happened, so 1986 began at 00:15 local, 18:30 UTC; 18:20 UTC was still 23:50 on 1985-12-31.
        var kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");
        test.Add(
            Make("last-of-1985", "news", publishedAt: Utc(1985, 12, 31, 18, 20)),
            Make("first-of-1986", "news", publishedAt: Utc(1985, 12, 31, 18, 30)),
            Make("later-1986", "news", publishedAt: Utc(1986, 1, 1, 18, 29)));

        var days = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, HistogramTimeZone = kathmandu });
        var years = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Year, HistogramTimeZone = kathmandu });

        Assert.Equal(
            [
                ("1985-12-31", "1985-12-31T00:00:00.0000000+05:30", 1L),
                ("1986-01-01", "1986-01-01T00:15:00.0000000+05:45", 1L),
                ("1986-01-02", "1986-01-02T00:00:00.0000000+05:45", 1L),
            ],
            days.Buckets.Select(bucket => (bucket.Key, bucket.Start.ToString("O", CultureInfo.InvariantCulture), bucket.Count)));
        Assert.Equal(Utc(1985, 12, 31, 18, 30), years.Buckets[1].Start);
    }

    [Fact]
    public void Half_hour_and_eight_hour_offsets_move_the_day_boundary()
    {
        test.Add(
            Make("kolkata-last-ms", "news", publishedAt: Utc(2024, 1, 1, 18, 29, 59, 999)),
            Make("kolkata-midnight", "news", publishedAt: Utc(2024, 1, 1, 18, 30)),
            Make("shanghai-midnight", "news", publishedAt: Utc(2024, 1, 2, 16)));

        var kolkata = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, HistogramTimeZone = Kolkata });
        var shanghai = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day, HistogramTimeZone = Shanghai });

        Assert.Equal([("2024-01-01", 1L), ("2024-01-02", 2L)], kolkata.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.FromHours(5.5)), kolkata.Buckets[1].Start);
        Assert.Equal(TimeSpan.FromHours(5.5), kolkata.Buckets[1].Start.Offset);
        Assert.Equal([("2024-01-02", 2L), ("2024-01-03", 1L)], shanghai.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
        Assert.Equal(Utc(2024, 1, 1, 16), shanghai.Buckets[0].Start);
    }

    [Fact]
    public void Weeks_are_iso_weeks_starting_on_monday_with_the_iso_week_year_in_the_key()
    {
        test.Add(
            Make("sun-2021-01-03", "news", publishedAt: Utc(2021, 1, 3, 12)),
            Make("mon-2021-01-04", "news", publishedAt: Utc(2021, 1, 4, 12)),
            Make("mon-2024-12-30", "news", publishedAt: Utc(2024, 12, 30, 12)),
            Make("sun-2025-01-05", "news", publishedAt: Utc(2025, 1, 5, 12)),
            Make("mon-2019-12-30", "news", publishedAt: Utc(2019, 12, 30, 12)));

        var early = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Week, To = Utc(2021, 1, 5) });
        var late = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Week, From = Utc(2024, 12, 30) });
        var turn = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Week, To = Utc(2020, 1, 1) });

        Assert.Equal(("2020-W53", Utc(2020, 12, 28), 1L), (early.Buckets[^2].Key, early.Buckets[^2].Start, early.Buckets[^2].Count));
        Assert.Equal(("2021-W01", Utc(2021, 1, 4), 1L), (early.Buckets[^1].Key, early.Buckets[^1].Start, early.Buckets[^1].Count));
        Assert.Equal(("2020-W01", Utc(2019, 12, 30), 1L), (early.Buckets[0].Key, early.Buckets[0].Start, early.Buckets[0].Count));
        // 2020 has 53 ISO weeks: 2020-W01 .. 2020-W53, then 2021-W01.
        Assert.Equal(54, early.Buckets.Count);
        Assert.Equal([("2025-W01", 2L)], late.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
        Assert.Equal(Utc(2024, 12, 30), late.Buckets[0].Start);
        Assert.Equal([("2020-W01", 1L)], turn.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
    }

    [Fact]
    public void Week_buckets_in_new_york_start_at_monday_local_midnight_across_a_change()
    {
        test.Add(
            Make("sun-before-change", "news", publishedAt: Utc(2024, 3, 10, 4)),
            Make("sun-of-change", "news", publishedAt: Utc(2024, 3, 10, 12)),
            Make("mon-after", "news", publishedAt: Utc(2024, 3, 11, 12)));

        var histogram = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Week, HistogramTimeZone = NewYork });

        Assert.Equal(
            [("2024-W10", "2024-03-04T00:00:00.0000000-05:00", 2L), ("2024-W11", "2024-03-11T00:00:00.0000000-04:00", 1L)],
            histogram.Buckets.Select(bucket => (bucket.Key, bucket.Start.ToString("O", CultureInfo.InvariantCulture), bucket.Count)));
    }

    [Fact]
    public void Month_and_year_keys_and_starts_are_local()
    {
        test.Add(Make("a", "news", publishedAt: Utc(2023, 12, 31, 17)), Make("b", "news", publishedAt: Utc(2024, 2, 29, 15)));

        var months = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Month, HistogramTimeZone = Shanghai });
        var years = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Year, HistogramTimeZone = Shanghai });

        Assert.Equal([("2024-01", 1L), ("2024-02", 1L)], months.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), months.Buckets[0].Start);
        Assert.Equal(TimeSpan.FromHours(8), months.Buckets[0].Start.Offset);
        Assert.Equal([("2024", 2L)], years.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
    }

    [Fact]
    public void The_date_range_widens_the_axis_to_its_bounds()
    {
        test.Add(
            Make("march", "news", publishedAt: Utc(2024, 3, 15)),
            Make("may", "news", publishedAt: Utc(2024, 5, 2)),
            Make("outside", "news", publishedAt: Utc(2025, 2, 1)));
        var year2024 = new SearchQuery { Text = "news", From = Utc(2024, 1, 1), To = Utc(2025, 1, 1), HistogramInterval = DateInterval.Month };

        var months = Histogram(year2024);
        var auto = Histogram(year2024 with { HistogramInterval = DateInterval.Auto });
        var fromOnly = Histogram(year2024 with { To = null, HistogramInterval = DateInterval.Year });

        Assert.Equal(
            ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"],
            months.Buckets.Select(bucket => bucket.Key));
        Assert.Equal([0L, 0L, 1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L], months.Buckets.Select(bucket => bucket.Count));
        // The axis, not the two hits seven weeks apart, decides the automatic interval: 12 months.
        Assert.Equal(DateInterval.Month, auto.Interval);
        Assert.Equal(months.Buckets, auto.Buckets);
        // Only the given bound widens: from 2024 up to the last hit.
        Assert.Equal([("2024", 2L), ("2025", 1L)], fromOnly.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
    }

    [Fact]
    public void The_exclusive_end_of_the_range_ends_the_axis_at_the_bucket_of_its_last_instant_in_the_time_zone()
    {
        test.Add(Make("a", "news", publishedAt: Utc(2024, 3, 10, 12)));
        // 2024-04-01 local midnight in New York: the last instant of the range is still in March.
        var request = new SearchQuery
        {
            Text = "news",
            From = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
            To = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.FromHours(-4)),
            HistogramInterval = DateInterval.Month,
            HistogramTimeZone = NewYork,
        };

        var newYork = Histogram(request);
        var utc = Histogram(request with { HistogramTimeZone = TimeZoneInfo.Utc });

        Assert.Equal([("2024-01", 0L), ("2024-02", 0L), ("2024-03", 1L)], newYork.Buckets.Select(bucket => (bucket.Key, bucket.Count)));
        Assert.Equal(request.From, newYork.Buckets[0].Start);
        // In UTC the same range starts on 2024-01-01 05:00 and ends on 2024-04-01 03:59:59.999.
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04"], utc.Buckets.Select(bucket => bucket.Key));
    }

    [Fact]
    public void A_range_without_hits_still_gives_its_empty_axis_when_both_bounds_are_given()
    {
        test.Add(Make("a", "news", publishedAt: Utc(2020, 1, 1)));

        var bothBounds = Histogram(new SearchQuery { Text = "news", From = Utc(2024, 1, 1), To = Utc(2024, 1, 8), HistogramInterval = DateInterval.Day });
        var oneBound = Histogram(new SearchQuery { Text = "news", From = Utc(2024, 1, 1), HistogramInterval = DateInterval.Day });
        var auto = Histogram(new SearchQuery { Text = "news", From = Utc(2024, 1, 1), To = Utc(2024, 1, 8) });

        Assert.Equal(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06", "2024-01-07"], bothBounds.Buckets.Select(bucket => bucket.Key));
        Assert.All(bothBounds.Buckets, bucket => Assert.Equal(0, bucket.Count));
        Assert.Empty(oneBound.Buckets);
        Assert.Equal(DateInterval.Day, auto.Interval);
        Assert.Equal(7, auto.Buckets.Count);
    }

    [Fact]
    public void A_day_histogram_over_centuries_of_date_range_is_refused_and_auto_stays_within_the_cap()
    {
        test.Add(Make("a", "news", publishedAt: Utc(2024, 1, 1)));
        var centuries = new SearchQuery { Text = "news", From = Utc(1900, 1, 1), To = Utc(2100, 1, 1), HistogramInterval = DateInterval.Day };

        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(centuries));
        var auto = Histogram(centuries with { HistogramInterval = DateInterval.Auto });
        // Bounds beyond the dates an article may carry (1800 on) or the calendar can show are clamped.
        var everything = Histogram(new SearchQuery { Text = "news", From = DateTimeOffset.MinValue, To = DateTimeOffset.MaxValue, HistogramTimeZone = Shanghai });

        Assert.Equal("date_histogram.interval", exception.Field);
        Assert.Contains("date_range", exception.Message, StringComparison.Ordinal);
        Assert.Contains("1900-01-01 to 2099-12-31", exception.Message, StringComparison.Ordinal);
        Assert.Equal((DateInterval.Year, 200), (auto.Interval, auto.Buckets.Count));
        Assert.Equal(DateInterval.Year, everything.Interval);
        Assert.Equal(("1800", "9998"), (everything.Buckets[0].Key, everything.Buckets[^1].Key));
        Assert.InRange(everything.Buckets.Count, 1, DateHistogramCollector.MaxBuckets);
        Assert.Equal(1, everything.Buckets.Sum(bucket => bucket.Count));
    }

    [Theory]
    [InlineData(DateInterval.Day)]
    [InlineData(DateInterval.Week)]
    public void Too_many_buckets_is_an_invalid_request(DateInterval interval)
    {
        test.Add(Make("old", "news", publishedAt: Utc(1800, 1, 1)), Make("new", "news", publishedAt: Utc(2025, 1, 1)));

        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(new SearchQuery { Text = "news", HistogramInterval = interval }));

        Assert.Equal("date_histogram.interval", exception.Field);
        Assert.Contains(DateHistogramCollector.MaxBuckets.ToString(CultureInfo.InvariantCulture), exception.Message);
        Assert.Equal(226, Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Year }).Buckets.Count);
        Assert.Equal(DateInterval.Year, Histogram(new SearchQuery { Text = "news" }).Interval);
        Assert.Equal(2701, Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Month, HistogramTimeZone = Shanghai }).Buckets.Count);
    }

    [Fact]
    public void Exactly_the_maximum_number_of_buckets_is_allowed()
    {
        var first = Utc(2000, 1, 1, 12);
        test.Add(
            Make("first", "news", publishedAt: first),
            Make("last-allowed", "news", publishedAt: first.AddDays(DateHistogramCollector.MaxBuckets - 1)),
            Make("one-too-far", "other", publishedAt: first.AddDays(DateHistogramCollector.MaxBuckets)));

        var allowed = Histogram(new SearchQuery { Text = "news", HistogramInterval = DateInterval.Day });

        Assert.Equal(DateHistogramCollector.MaxBuckets, allowed.Buckets.Count);
        Assert.Throws<InvalidRequestException>(() => test.Search(new SearchQuery { HistogramInterval = DateInterval.Day }));
    }

    private DateHistogram Histogram(SearchQuery query) => test.Search(query).DateHistogram;

    private static SearchQuery RandomRequest(Random random)
    {
        var zone = Zones[random.Next(Zones.Length)];
        var text = random.Next(10) switch
        {
            < 4 => "",
            < 8 => Words[random.Next(Words.Length)],
            8 => $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}",
            _ => $"{Words[random.Next(Words.Length)]} -{Words[random.Next(Words.Length)]}",
        };
        IReadOnlyList<string> sources = random.Next(10) < 7 ? [] : [.. Sources.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Sources[0])];
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        switch (random.Next(5))
        {
            case 0:
                break;
            case 1:
                from = RandomInstant(random, zone);
                break;
            case 2:
                to = RandomInstant(random, zone);
                break;
            default:
                from = RandomInstant(random, zone);
                to = from.Value.AddMilliseconds(random.NextInt64(1, random.Next(2) == 0 ? 40L * 86_400_000 : 4L * 365 * 86_400_000));
                break;
        }
        var interval = (DateInterval)random.Next(5);
        var facets = new TermFacetRequest
        {
            Fields = [.. Enum.GetValues<TermFacetField>().OrderBy(_ => random.Next()).Take(random.Next(5))],
            Size = random.Next(3) == 0 ? TermFacetRequest.DefaultSize : random.Next(1, 6),
        };
        return new SearchQuery { Text = text, Sources = sources, From = from, To = to, HistogramTimeZone = zone, HistogramInterval = interval, PageSize = 1, TermFacets = facets };
    }

    /// <summary>Half of the time a local midnight of the zone (a typical bound), otherwise any millisecond.</summary>
    private static DateTimeOffset RandomInstant(Random random, TimeZoneInfo zone)
    {
        var start = Utc(2018, 6, 1);
        var instant = start.AddMilliseconds(random.NextInt64(0, (long)(Utc(2026, 1, 1) - start).TotalMilliseconds));
        return random.Next(2) == 0 ? instant : LocalMidnight(DateOnly.FromDateTime(instant.UtcDateTime), zone);
    }

    private static bool Matches(Article article, SearchQuery request)
    {
        var words = (article.Title + " " + article.Body).ToLowerInvariant().Split(' ');
        var terms = request.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return terms.All(term => term.StartsWith('-') ? !words.Contains(term[1..]) : words.Contains(term))
            && (request.Sources.Count == 0 || (article.Source is not null && request.Sources.Contains(article.Source)))
            && (request.From is null || (article.PublishedAt is { } at && at >= request.From))
            && (request.To is null || (article.PublishedAt is { } before && before < request.To));
    }

    private static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>Midnight of the day in the zone (none of the zones here skips or repeats midnight in these years).</summary>
    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        Assert.False(zone.IsInvalidTime(local) || zone.IsAmbiguousTime(local), $"midnight of {day} in {zone.Id} is not a single instant");
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The axis runs over the hits' days and the request's range (its last instant is just before `to`).</summary>
    private static List<ExpectedBucket> ExpectedHistogram(List<DateOnly> days, SearchQuery request)
    {
        var zone = request.HistogramTimeZone;
        var axisDays = days.ToList();
        if (days.Count == 0 && (request.From is null || request.To is null))
        {
            return [];
        }
        if (request.From is { } from)
        {
            axisDays.Add(LocalDay(from, zone));
        }
        if (request.To is { } to)
        {
            axisDays.Add(LocalDay(to.AddMilliseconds(-1), zone));
        }
        var (first, last) = (axisDays.Min(), axisDays.Max());
        var interval = request.HistogramInterval == DateInterval.Auto ? ExpectedAutoInterval(first, last) : request.HistogramInterval;
        var counts = days.GroupBy(day => FirstDayOfBucket(day, interval)).ToDictionary(group => group.Key, group => (long)group.Count());
        var buckets = new List<ExpectedBucket>();
        for (var bucket = FirstDayOfBucket(first, interval); bucket <= last; bucket = interval switch
        {
            DateInterval.Day => bucket.AddDays(1),
            DateInterval.Week => bucket.AddDays(7),
            DateInterval.Month => bucket.AddMonths(1),
            _ => bucket.AddYears(1),
        })
        {
            buckets.Add(new ExpectedBucket(interval, KeyOf(bucket, interval), LocalMidnight(bucket, zone), counts.GetValueOrDefault(bucket)));
        }
        return buckets;
    }

    /// <summary>The coarsest interval with 8 to 60 buckets, else the one nearest that band by ratio (finer on a tie).</summary>
    private static DateInterval ExpectedAutoInterval(DateOnly first, DateOnly last)
    {
        (DateInterval Interval, int Count)[] candidates =
        [
            (DateInterval.Year, last.Year - first.Year + 1),
            (DateInterval.Month, ((last.Year - first.Year) * 12) + last.Month - first.Month + 1),
            (DateInterval.Week, ((Monday(last).DayNumber - Monday(first).DayNumber) / 7) + 1),
            (DateInterval.Day, last.DayNumber - first.DayNumber + 1),
        ];
        var inBand = candidates.Where(candidate => candidate.Count is >= 8 and <= 60).ToList();
        if (inBand.Count > 0)
        {
            return inBand[0].Interval;
        }
        return candidates.Reverse().MinBy(candidate => candidate.Count < 8 ? 8.0 / candidate.Count : candidate.Count / 60.0).Interval;
    }

    /// <summary>The facet counted from the articles themselves: distinct tags per article, values by count then ordinal.</summary>
    private static string ExpectedTermFacet(List<Article> matches, TermFacetField field, int size)
    {
        var valuesPerArticle = matches.Select(article => field switch
        {
            TermFacetField.Source => article.Source is null ? [] : [article.Source],
            TermFacetField.Section => article.Section is null ? [] : [article.Section],
            TermFacetField.Language => article.Language is null ? [] : [article.Language],
            _ => article.Tags.Distinct(StringComparer.Ordinal).ToArray(),
        }).ToList();
        return BruteForceTermFacet.Describe(valuesPerArticle, size);
    }

    private static string Describe(TermFacet facet) =>
        BruteForceTermFacet.Describe(facet.Values.Select(value => (value.Value, value.Count)), facet.OtherCount, facet.MissingCount);

    private static DateOnly Monday(DateOnly day) => day.AddDays(day.DayOfWeek == DayOfWeek.Sunday ? -6 : DayOfWeek.Monday - day.DayOfWeek);

    private static DateOnly FirstDayOfBucket(DateOnly day, DateInterval interval) => interval switch
    {
        DateInterval.Day => day,
        DateInterval.Week => Monday(day),
        DateInterval.Month => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    /// <summary>ISO 8601 week of a Monday: the week belongs to the year of its Thursday, and counts from that year's first Thursday.</summary>
    private static string KeyOf(DateOnly bucket, DateInterval interval)
    {
        if (interval != DateInterval.Week)
        {
            return bucket.ToString(interval switch { DateInterval.Day => "yyyy-MM-dd", DateInterval.Month => "yyyy-MM", _ => "yyyy" }, CultureInfo.InvariantCulture);
        }
        var thursday = bucket.AddDays(3);
        var week = ((thursday.DayOfYear - 1) / 7) + 1;
        return $"{thursday.Year:0000}-W{week:00}";
    }

    private static void AssertHistogram(List<ExpectedBucket> expected, DateHistogram actual, string description)
    {
        var expectedInterval = expected.Count > 0 ? expected[0].Interval : actual.Interval;
        var same = expectedInterval == actual.Interval
            && expected.Count == actual.Buckets.Count
            && expected.Zip(actual.Buckets).All(pair => pair.First.Key == pair.Second.Key
                && pair.First.Count == pair.Second.Count
                && pair.First.Start == pair.Second.Start
                && pair.First.Start.Offset == pair.Second.Start.Offset);
        if (same)
        {
            return;
        }
        var message = new StringBuilder($"{description}: expected {expectedInterval} with {expected.Count} buckets, got {actual.Interval} with {actual.Buckets.Count}");
        for (var i = 0; i < Math.Max(expected.Count, actual.Buckets.Count); i++)
        {
            var e = i < expected.Count ? $"{expected[i].Key} {expected[i].Start:O} {expected[i].Count}" : "-";
            var a = i < actual.Buckets.Count ? $"{actual.Buckets[i].Key} {actual.Buckets[i].Start:O} {actual.Buckets[i].Count}" : "-";
            if (e != a)
            {
                message.Append(CultureInfo.InvariantCulture, $"\n  #{i}: expected {e}, got {a}");
            }
        }
        Assert.Fail(message.ToString());
    }

    private static string Describe(int seed, SearchQuery request) => string.Create(CultureInfo.InvariantCulture,
        $"seed {seed}: text \"{request.Text}\", sources [{string.Join(",", request.Sources)}], from {request.From:O}, to {request.To:O}, {request.HistogramTimeZone.Id}, {request.HistogramInterval}, facets [{string.Join(",", request.TermFacets.Fields)}] size {request.TermFacets.Size}");

    private sealed record ExpectedBucket(DateInterval Interval, string Key, DateTimeOffset Start, long Count);

    /// <summary>
    /// ~500 seeded-random articles over 2018-2025: some undated, some without source, many
    /// within a millisecond of a local midnight of one of the zones or on a New York
    /// daylight-saving day, where bucketing mistakes show; random sections, languages and
    /// zero to four tags (some missing), for the term facets.
    /// </summary>
    public sealed class RandomCorpus : IDisposable
    {
        private readonly TestIndex test = new();

        public RandomCorpus()
        {
            var random = new Random(20240310);
            var firstVersions = Enumerable.Range(0, 500).Select(i => RandomArticle(random, i)).ToList();
            // Five batches, each refreshed on its own, make five segments whose ordinals differ;
            // then a tenth of the articles are replaced, leaving deleted documents behind.
            foreach (var batch in firstVersions.Chunk(100))
            {
                test.Add(batch);
            }
            var replacements = firstVersions.Where((_, i) => i % 10 == 3).Select(article => RandomArticle(random, int.Parse(article.Id[1..], CultureInfo.InvariantCulture))).ToList();
            test.Add(replacements);
            var replaced = replacements.ToDictionary(article => article.Id, StringComparer.Ordinal);
            Articles = [.. firstVersions.Select(article => replaced.GetValueOrDefault(article.Id, article))];
            using var lease = test.Index.AcquireSearcher();
            SegmentCount = lease.Searcher.IndexReader.Leaves.Count;
            DeletedDocuments = lease.Searcher.IndexReader.NumDeletedDocs;
        }

        public IReadOnlyList<Article> Articles { get; }

        public int SegmentCount { get; }

        public int DeletedDocuments { get; }

        public SearchResults Search(SearchQuery query) => test.Search(query);

        public void Dispose() => test.Dispose();

        private static Article RandomArticle(Random random, int i)
        {
            var words = Words.OrderBy(_ => random.Next()).Take(3).ToArray();
            var title = char.ToUpperInvariant(words[0][0]) + words[0][1..] + " report";
            var source = random.Next(4) < 3 ? Sources[random.Next(Sources.Length)] : null;
            return Make($"a{i:000}", title, string.Join(' ', words[1..]), RandomDate(random), source) with
            {
                Section = random.Next(4) == 0 ? null : Sections[random.Next(Sections.Length)],
                Language = random.Next(10) == 0 ? null : Languages[random.Next(Languages.Length)],
                // Skewed towards the first tags so that counts differ, with ties among the rare ones.
                Tags = [.. Enumerable.Range(0, random.Next(5)).Select(_ => Tags[Math.Min(random.Next(Tags.Length), random.Next(Tags.Length))]).Distinct()],
            };
        }

        private static DateTimeOffset? RandomDate(Random random)
        {
            var start = Utc(2018, 1, 1);
            var span = (long)(Utc(2025, 12, 31) - start).TotalMilliseconds;
            switch (random.Next(20))
            {
                case 0:
                    return null;
                case < 10:
                    return start.AddMilliseconds(random.NextInt64(span));
                case < 16:
                    {
                        var zone = Zones[random.Next(Zones.Length)];
                        var day = DateOnly.FromDateTime(start.AddMilliseconds(random.NextInt64(span)).UtcDateTime);
                        long[] nudges = [-1, 0, 1, -1000, 1000, 59 * 60_000];
                        return LocalMidnight(day, zone).AddMilliseconds(nudges[random.Next(nudges.Length)]);
                    }
                default:
                    {
                        // Somewhere from two hours before to two hours after a New York change day.
                        var year = random.Next(2018, 2026);
                        var march = new DateOnly(year, 3, 1);
                        var november = new DateOnly(year, 11, 1);
                        var day = random.Next(2) == 0
                            ? march.AddDays(((7 - (int)march.DayOfWeek) % 7) + 7)
                            : november.AddDays((7 - (int)november.DayOfWeek) % 7);
                        return LocalMidnight(day, NewYork).AddMilliseconds(random.NextInt64(-2 * 3_600_000L, 27 * 3_600_000L));
                    }
            }
        }
    }
}
