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

    private readonly LocalCalendar calendar;
    private readonly Dictionary<DateOnly, long> dayCounts = [];
    private NumericDocValues? values;
    private IBits? hasValue;

    // The day of the last hit and its bounds: hits arrive in index order, which is mostly date
    // order for news, so most lookups skip the time-zone conversion.
    private long cachedDayStart = long.MaxValue;
    private long cachedDayEnd = long.MinValue;
    private DateOnly cachedDay;

    public DateHistogramCollector(TimeZoneInfo timeZone) => calendar = new LocalCalendar(timeZone);

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

    /// <summary>The histogram at the requested interval (or the chosen one for <see cref="DateInterval.Auto"/>).</summary>
    public DateHistogram ToHistogram(DateInterval interval)
    {
        if (dayCounts.Count == 0)
        {
            return DateHistogram.Empty(interval);
        }
        var first = dayCounts.Keys.Min();
        var last = dayCounts.Keys.Max();
        if (interval == DateInterval.Auto)
        {
            interval = ChooseInterval(first, last);
        }
        var bucketCounts = new Dictionary<DateOnly, long>();
        foreach (var (day, count) in dayCounts)
        {
            var bucket = LocalCalendar.BucketOf(day, interval);
            bucketCounts[bucket] = bucketCounts.GetValueOrDefault(bucket) + count;
        }
        var buckets = new List<DateBucket>();
        for (var bucket = LocalCalendar.BucketOf(first, interval); bucket <= last; bucket = LocalCalendar.NextBucket(bucket, interval))
        {
            if (buckets.Count == MaxBuckets)
            {
                throw new InvalidRequestException("date_histogram.interval",
                    $"a {interval.ToString().ToLowerInvariant()} histogram of these hits ({first:yyyy-MM-dd} to {last:yyyy-MM-dd}) would have more than {MaxBuckets} buckets; choose a coarser interval or a narrower date_range");
            }
            buckets.Add(new DateBucket(calendar.StartOf(bucket), LocalCalendar.KeyOf(bucket, interval), bucketCounts.GetValueOrDefault(bucket)));
        }
        return new DateHistogram(interval, buckets);
    }

    /// <summary>The coarsest interval that gives at least 8 buckets; days when nothing does.</summary>
    private static DateInterval ChooseInterval(DateOnly first, DateOnly last)
    {
        const int minimumBuckets = 8;
        foreach (var candidate in new[] { DateInterval.Year, DateInterval.Month, DateInterval.Week })
        {
            var count = 0;
            for (var bucket = LocalCalendar.BucketOf(first, candidate); bucket <= last && count < minimumBuckets; bucket = LocalCalendar.NextBucket(bucket, candidate))
            {
                count++;
            }
            if (count >= minimumBuckets)
            {
                return candidate;
            }
        }
        return DateInterval.Day;
    }
}
