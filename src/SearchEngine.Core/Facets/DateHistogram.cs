namespace SearchEngine.Core.Facets;

/// <summary>Hit counts over time, oldest bucket first, with empty buckets between the first and last.</summary>
public sealed record DateHistogram(DateInterval Interval, IReadOnlyList<DateBucket> Buckets)
{
    public static DateHistogram Empty(DateInterval interval) => new(interval == DateInterval.Auto ? DateInterval.Day : interval, []);
}

/// <param name="Start">First instant of the bucket: local midnight of its first day.</param>
/// <param name="Key">Calendar label in the histogram's time zone: 2016, 2016-09, 2016-W39 or 2016-09-29.</param>
/// <param name="Count">Hits published within the bucket.</param>
public sealed record DateBucket(DateTimeOffset Start, string Key, long Count);
