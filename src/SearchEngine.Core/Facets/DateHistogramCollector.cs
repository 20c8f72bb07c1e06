using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Facets;

/// <summary>
/// Counts every collected hit per local calendar day of its published_at doc value; hits
/// without a date are not counted. Day counts roll up exactly into weeks, months and years of
/// the same time zone, so one pass serves every interval, including the automatic one.
/// </summary>
public sealed class DateHistogramCollector : ICollector
{
    /// <summary>More buckets than this is an unreadable chart and a huge response: a user error.</summary>
    public const int MaxBuckets = 10_000;

    /// <summary>The automatic interval aims for a bucket count in this band.</summary>
    public const int MinAutoBuckets = 8;
    public const int MaxAutoBuckets = 60;

    // Requested bounds widen the axis only within the dates an article can carry (the validator
    // refuses anything before 1800) and within what the calendar can represent in every zone.
    private static readonly long EarliestAxisInstant = ArticleValidator.EarliestDate.ToUnixTimeMilliseconds();
    private static readonly long LatestAxisInstant = new DateTimeOffset(9998, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly LocalCalendar calendar;
    private readonly DateOnly? axisFrom;
    private readonly DateOnly? axisTo;
    private readonly Dictionary<DateOnly, long> dayCounts = [];
    private NumericDocValues? values;
    private IBits? hasValue;

    // The day of the last hit and its bounds: hits arrive in index order, which is mostly date
    // order for news, so most lookups skip the time-zone conversion.
    private long cachedDayStart = long.MaxValue;
    private long cachedDayEnd = long.MinValue;
    private DateOnly cachedDay;

    /// <param name="timeZone">The zone whose local midnights are the bucket edges.</param>
    /// <param name="from">Inclusive lower bound of the request's date range: the axis starts no later than its bucket.</param>
    /// <param name="to">Exclusive upper bound of the request's date range: the axis ends no earlier than the bucket of its last instant.</param>
    public DateHistogramCollector(TimeZoneInfo timeZone, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        calendar = new LocalCalendar(timeZone);
        axisFrom = from is { } start ? AxisDay(start.ToUnixTimeMilliseconds()) : null;
        axisTo = to is { } end ? AxisDay(end.ToUnixTimeMilliseconds() - 1) : null;
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        values = context.AtomicReader.GetNumericDocValues(ArticleFields.PublishedAt);
        hasValue = context.AtomicReader.GetDocsWithField(ArticleFields.PublishedAt);
    }

    public void Collect(int doc)
    {
        if (values is null || hasValue is null || !hasValue.Get(doc))
        {
            return;
        }
        var millis = values.Get(doc);
        if (millis < cachedDayStart || millis >= cachedDayEnd)
        {
            cachedDay = calendar.DayOf(millis);
            cachedDayStart = calendar.StartOf(cachedDay).ToUnixTimeMilliseconds();
            cachedDayEnd = calendar.StartOf(cachedDay.AddDays(1)).ToUnixTimeMilliseconds();
        }
        dayCounts[cachedDay] = dayCounts.GetValueOrDefault(cachedDay) + 1;
    }

    /// <summary>
    /// The histogram at the requested interval (or the chosen one for <see cref="DateInterval.Auto"/>).
    /// The axis runs from the earlier of the first hit and the range's start to the later of the
    /// last hit and the range's end, every bucket present, empty ones with 0; with no dated hit
    /// there is an axis only when the range has both bounds.
    /// </summary>
    public DateHistogram ToHistogram(DateInterval interval)
    {
        var first = Earliest(dayCounts.Count == 0 ? null : dayCounts.Keys.Min(), axisFrom);
        var last = Latest(dayCounts.Count == 0 ? null : dayCounts.Keys.Max(), axisTo);
        if (first is not { } firstDay || last is not { } lastDay || (dayCounts.Count == 0 && (axisFrom is null || axisTo is null)))
        {
            return DateHistogram.Empty(interval);
        }
        if (interval == DateInterval.Auto)
        {
            interval = ChooseInterval(firstDay, lastDay);
        }
        else if (LocalCalendar.BucketCount(firstDay, lastDay, interval) > MaxBuckets)
        {
            throw new InvalidRequestException("date_histogram.interval",
                $"date_histogram.interval is too fine: a {interval.ToString().ToLowerInvariant()} histogram from {firstDay:yyyy-MM-dd} to {lastDay:yyyy-MM-dd} (the hits and the requested date_range) would have more than {MaxBuckets} buckets; choose a coarser interval or a narrower date_range");
        }
        var bucketCounts = new Dictionary<DateOnly, long>();
        foreach (var (day, count) in dayCounts)
        {
            var bucket = LocalCalendar.BucketOf(day, interval);
            bucketCounts[bucket] = bucketCounts.GetValueOrDefault(bucket) + count;
        }
        var buckets = new List<DateBucket>();
        for (var bucket = LocalCalendar.BucketOf(firstDay, interval); bucket <= lastDay; bucket = LocalCalendar.NextBucket(bucket, interval))
        {
            buckets.Add(new DateBucket(calendar.StartOf(bucket), LocalCalendar.KeyOf(bucket, interval), bucketCounts.GetValueOrDefault(bucket)));
        }
        return new DateHistogram(interval, buckets);
    }

    /// <summary>
    /// The coarsest of year, month, week and day whose bucket count lies within
    /// [<see cref="MinAutoBuckets"/>, <see cref="MaxAutoBuckets"/>]. When none does (days give
    /// fewer than 8; or months give 61 to 95 while years give fewer than 8; or years give more
    /// than 60), the one whose count is nearest the band by ratio, the finer on a tie (a single
    /// day of hits is one day, not one year): 7 years rather than 84 months, 66 months rather
    /// than 6 years.
    /// </summary>
    internal static DateInterval ChooseInterval(DateOnly first, DateOnly last)
    {
        var best = DateInterval.Year;
        var bestDistance = double.MaxValue;
        foreach (var candidate in new[] { DateInterval.Year, DateInterval.Month, DateInterval.Week, DateInterval.Day })
        {
            var count = LocalCalendar.BucketCount(first, last, candidate);
            if (count > MaxBuckets)
            {
                continue;
            }
            double distance = count < MinAutoBuckets ? (double)MinAutoBuckets / count
                : count > MaxAutoBuckets ? (double)count / MaxAutoBuckets
                : 1;
            if (distance == 1)
            {
                return candidate;
            }
            if (distance <= bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return best;
    }

    private DateOnly AxisDay(long epochMillis) => calendar.DayOf(Math.Clamp(epochMillis, EarliestAxisInstant, LatestAxisInstant));

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
