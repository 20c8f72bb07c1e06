using System.Globalization;

namespace SearchEngine.Core.Facets;

/// <summary>Calendar arithmetic in one time zone: which local day an instant falls on, and when a local day starts.</summary>
internal sealed class LocalCalendar(TimeZoneInfo timeZone)
{
    public TimeZoneInfo TimeZone { get; } = timeZone;

    public DateOnly DayOf(long epochMillis) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(epochMillis), TimeZone).DateTime);

    /// <summary>
    /// The instant the local day begins: the first instant that <see cref="DayOf"/> places on it.
    /// Where a daylight-saving change skips midnight, the day begins at the first local time that
    /// exists; where midnight happens twice, at the first.
    /// </summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        var candidate = new DateTimeOffset(local, offset).ToUnixTimeMilliseconds();
        if (DayOf(candidate) == day && DayOf(candidate - 1) < day)
        {
            return new DateTimeOffset(local, offset);
        }
        // The rules TimeZoneInfo checks local times against miss some changes of a zone's
        // standard offset that its conversions do know (Kathmandu went from +05:30 to +05:45 at
        // midnight on 1986-01-01, so that day began at 00:15): find the first instant of the day
        // by bisection, with conversions only.
        var (low, high) = (candidate - MillisPerDay, candidate + MillisPerDay);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (DayOf(middle) >= day)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(low), TimeZone);
    }

    private const long MillisPerDay = 86_400_000;

    /// <summary>First day of the bucket of the given interval that contains the day.</summary>
    public static DateOnly BucketOf(DateOnly day, DateInterval interval) => interval switch
    {
        DateInterval.Day => day,
        DateInterval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        DateInterval.Month => new DateOnly(day.Year, day.Month, 1),
        DateInterval.Year => new DateOnly(day.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "a concrete interval is needed"),
    };

    public static DateOnly NextBucket(DateOnly bucketStart, DateInterval interval) => interval switch
    {
        DateInterval.Day => bucketStart.AddDays(1),
        DateInterval.Week => bucketStart.AddDays(7),
        DateInterval.Month => bucketStart.AddMonths(1),
        DateInterval.Year => bucketStart.AddYears(1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "a concrete interval is needed"),
    };

    /// <summary>How many buckets of the interval cover the days from first to last, both included.</summary>
    public static long BucketCount(DateOnly first, DateOnly last, DateInterval interval) => interval switch
    {
        DateInterval.Day => last.DayNumber - first.DayNumber + 1,
        DateInterval.Week => ((BucketOf(last, interval).DayNumber - BucketOf(first, interval).DayNumber) / 7) + 1,
        DateInterval.Month => ((last.Year - first.Year) * 12L) + last.Month - first.Month + 1,
        DateInterval.Year => last.Year - first.Year + 1,
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "a concrete interval is needed"),
    };

    public static string KeyOf(DateOnly bucketStart, DateInterval interval) => interval switch
    {
        DateInterval.Day => bucketStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateInterval.Week => string.Create(CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(bucketStart.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(bucketStart.ToDateTime(TimeOnly.MinValue)):00}"),
        DateInterval.Month => bucketStart.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DateInterval.Year => bucketStart.ToString("yyyy", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "a concrete interval is needed"),
    };
}
