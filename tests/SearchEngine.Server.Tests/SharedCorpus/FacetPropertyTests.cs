using System.Globalization;
using System.Text;
using Grpc.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Contracts.V1;
using SearchEngine.Core.Schema;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Tests.Infrastructure;
using SearchEngine.Testing;
using Engine = SearchEngine.Core.Search;
using HistogramCollector = SearchEngine.Core.Facets.DateHistogramCollector;

namespace SearchEngine.Server.Tests.SharedCorpus;

/// <summary>
/// Every facet of the Search RPC (the date histogram and the four term facets) against brute
/// force over the stored articles of the real corpora, for random queries, date ranges, sources,
/// time zones and intervals. Lucene decides only which articles the query text matches (the
/// request's text alone, through the engine's own matching query); filtering by date and source,
/// local days, buckets, their starts and keys, and every count are worked out here from stored
/// fields with <see cref="TimeZoneInfo"/> and plain calendar rules.
/// </summary>
[Collection(SharedCorpusCollection.Name)]
public sealed class FacetPropertyTests(SharedCorpusFixture fixture)
{
    private const int Cases = 120;

    // Half-hour and 45-minute offsets; New York (both changes within the Chinese corpus's years);
    // Havana, whose clocks skipped midnight on 1987-03-15, inside the Reuters corpus; Chatham,
    // where 19:00 in Beijing is just before or after local midnight depending on the season.
    private static readonly string[] Zones =
    [
        "UTC", "Asia/Shanghai", "America/New_York", "America/Havana", "Asia/Kolkata", "Asia/Kathmandu",
        "Australia/Lord_Howe", "Pacific/Chatham", "Europe/London", "America/Los_Angeles",
    ];

    private static readonly DateInterval[] Intervals =
        [DateInterval.AutoUnspecified, DateInterval.Day, DateInterval.Week, DateInterval.Month, DateInterval.Year];

    private static readonly FacetField[] FacetFields = [FacetField.Source, FacetField.Section, FacetField.Language, FacetField.Tags];

    [Fact]
    public async Task EveryFacetMatchesBruteForceForRandomQueriesOnTheRealCorpora()
    {
        SharedCorpusFixture.RequireCorpora();
        var host = fixture.Server.Services.GetRequiredService<IndexHost>();
        using var lease = host.Index.AcquireSearcher();
        var stored = StoredArticles.Load(lease.Searcher);
        Assert.Equal(41_447, stored.Count);
        var random = new Random(4_2024);
        var refused = 0;
        var outcomes = new List<string>();

        for (var i = 0; i < Cases; i++)
        {
            var (request, matches) = RandomRequest(random, host, lease.Searcher, stored);
            var description = $"case {i}: {request}";
            var expectedHistogram = ExpectedHistogram(matches, request, out var expectedInterval);
            if (expectedHistogram is null)
            {
                // The axis would need more than MaxBuckets day or week buckets: refused, naming the option.
                var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => fixture.Server.SearchAsync(request));
                Assert.Contains("date_histogram.interval", failure.Status.Detail, StringComparison.Ordinal);
                refused++;
                continue;
            }

            var response = await fixture.Server.SearchAsync(request);

            Assert.False(response.Relaxed, $"{description}: the query was relaxed, so its hits are not the text's matches");
            Assert.True(matches.Count == response.TotalHits, $"{description}: {response.TotalHits} hits, brute force finds {matches.Count}");
            AssertHistogram(expectedHistogram, expectedInterval, response, description);
            Assert.Equal(request.TermFacets.Fields, response.TermFacets.Select(facet => facet.Field));
            foreach (var facet in response.TermFacets)
            {
                var expected = ExpectedTermFacet(matches, facet.Field, request.TermFacets.Size == 0 ? 10 : request.TermFacets.Size);
                Assert.True(expected == Describe(facet), $"{description}: {facet.Field} is {Describe(facet)}, brute force counts {expected}");
            }
            if (response.NextPageToken.Length > 0 && i % 10 == 0)
            {
                // The second page counts the same hits.
                var second = await fixture.Server.SearchAsync(new SearchRequest(request) { PageToken = response.NextPageToken });
                Assert.Equal(response.DateHistogram, second.DateHistogram);
                Assert.Equal(response.TermFacets, second.TermFacets);
            }
            outcomes.Add($"{matches.Count} hits, {response.DateHistogramInterval}, {response.DateHistogram.Count} buckets");
        }

        // The generator reached the cases that matter: many hits and few, every interval chosen.
        Assert.InRange(refused, 0, Cases / 4);
        // A day axis over both corpora (1987 to the 2020s) is always too long, whatever the draws.
        var everyDay = new SearchRequest { DateHistogram = new DateHistogramOptions { Interval = DateInterval.Day } };
        var tooLong = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => fixture.Server.SearchAsync(everyDay));
        Assert.Contains("date_histogram.interval", tooLong.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(outcomes, outcome => int.Parse(outcome.Split(' ')[0], CultureInfo.InvariantCulture) > 10_000);
        Assert.Contains(outcomes, outcome => int.Parse(outcome.Split(' ')[0], CultureInfo.InvariantCulture) < 20);
        foreach (var interval in Intervals.Skip(1))
        {
            Assert.Contains(outcomes, outcome => outcome.Contains($" {interval},", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Words and Chinese runs sampled from real titles (the query only ever keeps what matches
    /// some article, so match ALL is never relaxed), with a date range, when there is one, around
    /// a matching article, and now and then a source filter that keeps that article.
    /// </summary>
    private static (SearchRequest Request, List<StoredArticle> Matches) RandomRequest(Random random, IndexHost host, IndexSearcher searcher, StoredArticles stored)
    {
        while (true)
        {
            var text = random.Next(8) == 0 ? "" : RandomText(random, stored);
            var textMatches = stored.Matching(searcher, host.Searcher.MatchingQuery(new Engine.SearchQuery { Text = text }));
            if (textMatches.Count == 0)
            {
                continue;
            }
            var witness = textMatches[random.Next(textMatches.Count)];
            var request = new SearchRequest
            {
                Query = text,
                PageSize = random.Next(1, 101),
                DateHistogram = new DateHistogramOptions { Interval = Intervals[random.Next(Intervals.Length)], TimeZone = Zones[random.Next(Zones.Length)] },
                TermFacets = new TermFacetOptions { Size = random.Next(4) == 0 ? 0 : random.Next(1, 12) },
            };
            request.TermFacets.Fields.AddRange(FacetFields.OrderBy(_ => random.Next()));
            var day = TimeSpan.FromDays(1).Ticks / TimeSpan.TicksPerMillisecond;
            DateTimeOffset? from = null;
            DateTimeOffset? to = null;
            var mode = random.Next(10);
            if (mode is >= 2 and <= 3 or >= 6)
            {
                from = witness.PublishedAt!.Value.AddMilliseconds(-random.NextInt64(0, 400 * day));
            }
            if (mode is >= 4)
            {
                to = witness.PublishedAt!.Value.AddMilliseconds(random.NextInt64(1, 400 * day));
            }
            if (random.Next(3) == 0)
            {
                // Whole UTC days, the bounds a date picker sends.
                from = from is { } f ? new DateTimeOffset(f.UtcDateTime.Date, TimeSpan.Zero) : null;
                to = to is { } t ? new DateTimeOffset(t.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) : null;
            }
            if (from is not null || to is not null)
            {
                request.DateRange = new DateRange { From = Stamp(from), To = Stamp(to) };
            }
            if (random.Next(5) == 0)
            {
                request.Sources.Add(witness.Source!);
                if (random.Next(2) == 0)
                {
                    request.Sources.Add(witness.Source == "Reuters" ? "CCTV 新闻联播" : "Reuters");
                }
            }
            var matches = textMatches.Where(article =>
                (from is null || article.PublishedAt >= from)
                && (to is null || article.PublishedAt < to)
                && (request.Sources.Count == 0 || request.Sources.Contains(article.Source))).ToList();
            return (request, matches);
        }
    }

    private static Google.Protobuf.WellKnownTypes.Timestamp? Stamp(DateTimeOffset? instant) =>
        instant is { } value ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(value) : null;

    /// <summary>One or two words of an English title (4+ letters), or one or two 2-4 character runs of a Chinese one.</summary>
    private static string RandomText(Random random, StoredArticles stored)
    {
        var title = stored[random.Next(stored.Count)].Title;
        if (string.IsNullOrEmpty(title))
        {
            return "";
        }
        var words = new List<string>();
        var latin = title.Split([' ', ',', '.', '-', '/', '\'', '"', '(', ')', ':', ';', '&', '<', '>'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 4 && word.All(char.IsAsciiLetter)).ToList();
        var han = string.Concat(title.Where(c => c is >= '\u4e00' and <= '\u9fff'));
        for (var n = random.Next(1, 3); n > 0; n--)
        {
            if (latin.Count > 0)
            {
                words.Add(latin[random.Next(latin.Count)].ToLowerInvariant());
            }
            else if (han.Length >= 2)
            {
                var length = Math.Min(han.Length, random.Next(2, 5));
                words.Add(han.Substring(random.Next(han.Length - length + 1), length));
            }
        }
        return string.Join(' ', words.Distinct());
    }

    /// <summary>
    /// The buckets the response must have, or null when the axis is too long for the interval.
    /// The axis runs over the hits' local days, widened to the local days of the range's
    /// bounds (the exclusive end's last millisecond); hits are always after 1800, so no clamping here.
    /// </summary>
    private static List<(string Key, DateTimeOffset Start, long Count)>? ExpectedHistogram(List<StoredArticle> matches, SearchRequest request, out DateInterval interval)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(request.DateHistogram.TimeZone);
        var days = matches.Where(article => article.PublishedAt is not null).Select(article => LocalDay(article.PublishedAt!.Value, zone)).ToList();
        var axis = days.ToList();
        if (request.DateRange?.From is { } from)
        {
            axis.Add(LocalDay(from.ToDateTimeOffset(), zone));
        }
        if (request.DateRange?.To is { } to)
        {
            axis.Add(LocalDay(to.ToDateTimeOffset().AddMilliseconds(-1), zone));
        }
        interval = request.DateHistogram.Interval;
        if (days.Count == 0 && (request.DateRange?.From is null || request.DateRange?.To is null))
        {
            interval = interval == DateInterval.AutoUnspecified ? DateInterval.Day : interval;
            return [];
        }
        var (first, last) = (axis.Min(), axis.Max());
        var counts = new Dictionary<DateInterval, long>
        {
            [DateInterval.Year] = last.Year - first.Year + 1,
            [DateInterval.Month] = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1,
            [DateInterval.Week] = ((Monday(last).DayNumber - Monday(first).DayNumber) / 7) + 1,
            [DateInterval.Day] = last.DayNumber - first.DayNumber + 1,
        };
        if (interval == DateInterval.AutoUnspecified)
        {
            // The coarsest with 8 to 60 buckets; else the nearest to that band by ratio, finer on a tie.
            var order = new[] { DateInterval.Year, DateInterval.Month, DateInterval.Week, DateInterval.Day };
            interval = order.Where(candidate => counts[candidate] is >= 8 and <= 60).Cast<DateInterval?>().FirstOrDefault()
                ?? order.Reverse().MinBy(candidate => counts[candidate] < 8 ? 8.0 / counts[candidate] : counts[candidate] / 60.0);
        }
        else if (counts[interval] > HistogramCollector.MaxBuckets)
        {
            return null;
        }
        var selected = interval;
        var perBucket = days.GroupBy(day => FirstDayOf(day, selected)).ToDictionary(group => group.Key, group => (long)group.Count());
        var buckets = new List<(string, DateTimeOffset, long)>();
        for (var bucket = FirstDayOf(first, interval); bucket <= last; bucket = Next(bucket, interval))
        {
            buckets.Add((KeyOf(bucket, interval), StartOfLocalDay(bucket, zone), perBucket.GetValueOrDefault(bucket)));
        }
        return buckets;
    }

    private static void AssertHistogram(List<(string Key, DateTimeOffset Start, long Count)> expected, DateInterval interval, SearchResponse response, string description)
    {
        var actual = response.DateHistogram.Select(bucket => (bucket.Key, bucket.Start.ToDateTimeOffset(), bucket.Count)).ToList();
        if (interval == response.DateHistogramInterval && expected.SequenceEqual(actual))
        {
            return;
        }
        var message = new StringBuilder($"{description}: expected {interval} with {expected.Count} buckets, got {response.DateHistogramInterval} with {actual.Count}");
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var e = i < expected.Count ? expected[i].ToString() : "-";
            var a = i < actual.Count ? actual[i].ToString() : "-";
            if (e != a)
            {
                message.Append(CultureInfo.InvariantCulture, $"\n  #{i}: expected {e}, got {a}");
            }
        }
        Assert.Fail(message.ToString());
    }

    private static string ExpectedTermFacet(List<StoredArticle> matches, FacetField field, int size)
    {
        var valuesPerArticle = matches.Select(article => field switch
        {
            FacetField.Source => article.Source is null ? [] : [article.Source],
            FacetField.Section => article.Section is null ? [] : [article.Section],
            FacetField.Language => article.Language is null ? [] : [article.Language],
            _ => article.Tags.Distinct(StringComparer.Ordinal).ToArray(),
        }).ToList();
        return BruteForceTermFacet.Describe(valuesPerArticle, size);
    }

    private static string Describe(TermFacet facet) =>
        BruteForceTermFacet.Describe(facet.Values.Select(value => (value.Value, value.Count)), facet.OtherCount, facet.MissingCount);

    private static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The first instant whose local day is <paramref name="day"/> or later, found by bisecting
    /// UTC milliseconds with nothing but conversions to local time: no reasoning about skipped or
    /// repeated local times that the engine might share.
    /// </summary>
    private static DateTimeOffset StartOfLocalDay(DateOnly day, TimeZoneInfo zone)
    {
        var nominal = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        long low = nominal - (16 * 3_600_000L);
        long high = nominal + (16 * 3_600_000L);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (LocalDay(DateTimeOffset.FromUnixTimeMilliseconds(middle), zone) >= day)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(low);
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly FirstDayOf(DateOnly day, DateInterval interval) => interval switch
    {
        DateInterval.Day => day,
        DateInterval.Week => Monday(day),
        DateInterval.Month => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    private static DateOnly Next(DateOnly bucket, DateInterval interval) => interval switch
    {
        DateInterval.Day => bucket.AddDays(1),
        DateInterval.Week => bucket.AddDays(7),
        DateInterval.Month => bucket.AddMonths(1),
        _ => bucket.AddYears(1),
    };

    /// <summary>ISO 8601: a week belongs to the year of its Thursday and is counted from that year's first Thursday.</summary>
    private static string KeyOf(DateOnly bucket, DateInterval interval)
    {
        if (interval != DateInterval.Week)
        {
            return bucket.ToString(interval switch { DateInterval.Day => "yyyy-MM-dd", DateInterval.Month => "yyyy-MM", _ => "yyyy" }, CultureInfo.InvariantCulture);
        }
        var thursday = bucket.AddDays(3);
        return string.Create(CultureInfo.InvariantCulture, $"{thursday.Year:0000}-W{((thursday.DayOfYear - 1) / 7) + 1:00}");
    }

    /// <summary>The stored fields a facet needs, read once for every live document of one searcher, by global doc id.</summary>
    private sealed class StoredArticles
    {
        private static readonly ISet<string> FacetFieldsToLoad = new HashSet<string>
        {
            ArticleFields.Id, ArticleFields.Title, ArticleFields.PublishedAt, ArticleFields.Source,
            ArticleFields.Section, ArticleFields.Language, ArticleFields.Tags,
        };

        private readonly StoredArticle?[] byDoc;
        private readonly List<StoredArticle> live;

        private StoredArticles(StoredArticle?[] byDoc)
        {
            this.byDoc = byDoc;
            live = [.. byDoc.OfType<StoredArticle>()];
        }

        public int Count => live.Count;

        public StoredArticle this[int index] => live[index];

        public static StoredArticles Load(IndexSearcher searcher)
        {
            var reader = searcher.IndexReader;
            var byDoc = new StoredArticle?[reader.MaxDoc];
            var liveDocs = MultiFields.GetLiveDocs(reader);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (liveDocs is null || liveDocs.Get(doc))
                {
                    var article = ArticleDocument.FromDocument(searcher.Doc(doc, FacetFieldsToLoad));
                    byDoc[doc] = new StoredArticle(article.Title, article.PublishedAt, article.Source, article.Section, article.Language, article.Tags);
                }
            }
            return new StoredArticles(byDoc);
        }

        /// <summary>The articles a Lucene query matches on the searcher they were loaded from.</summary>
        public List<StoredArticle> Matching(IndexSearcher searcher, Query query)
        {
            var collector = new DocIdCollector();
            searcher.Search(query, collector);
            return [.. collector.Docs.Select(doc => byDoc[doc] ?? throw new InvalidOperationException($"doc {doc} matched but is deleted"))];
        }
    }

    private sealed record StoredArticle(string? Title, DateTimeOffset? PublishedAt, string? Source, string? Section, string? Language, IReadOnlyList<string> Tags);

    /// <summary>Every matching global doc id; nothing else.</summary>
    private sealed class DocIdCollector : ICollector
    {
        private int docBase;

        public List<int> Docs { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context) => docBase = context.DocBase;

        public void Collect(int doc) => Docs.Add(docBase + doc);
    }
}
