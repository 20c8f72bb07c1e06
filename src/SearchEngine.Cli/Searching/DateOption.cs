using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SearchEngine.Cli.Searching;

/// <summary>A date option: yyyy-MM-dd (midnight UTC) or an RFC 3339 date-time.</summary>
internal static class DateOption
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd't'HH:mm:ssK",
        "yyyy-MM-dd't'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public static Option<DateTimeOffset?> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DATE",
        CustomParser = result => Parse(result, name),
    };

    /// <summary>Parses a date; a date-time without an offset is taken as UTC.</summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    private static DateTimeOffset? Parse(ArgumentResult result, string name)
    {
        var text = result.Tokens.Single().Value;
        if (TryParse(text, out var value))
        {
            return value;
        }
        result.AddError($"{name} \"{text}\" is not a date: use yyyy-MM-dd (midnight UTC) or RFC 3339, e.g. 2016-09-29T09:23:00+08:00");
        return null;
    }
}
