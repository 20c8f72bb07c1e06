using System.Globalization;

namespace SearchEngine.Core.Schema;

/// <summary>Parses the date-times people and feeds write: RFC 3339 and its common relaxations.</summary>
public static class Rfc3339
{
    // T, t or a space between date and time, optional fraction; a missing offset is taken as
    // UTC; a bare date is midnight UTC.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd't'HH:mm:ssK",
        "yyyy-MM-dd't'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
