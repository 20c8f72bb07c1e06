using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Tests.Support;

internal static class Articles
{
    public static Article Make(string id, string? title = null, string? body = null, DateTimeOffset? publishedAt = null, string? source = null) =>
        new() { Id = id, Title = title, Body = body, PublishedAt = publishedAt, Source = source };

    /// <summary>A UTC instant, for readable test data.</summary>
    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
}
