using System.CommandLine;
using System.CommandLine.Parsing;
using SearchEngine.Core.Schema;

namespace SearchEngine.Cli.Searching;

/// <summary>A date option: yyyy-MM-dd (midnight UTC) or an RFC 3339 date-time.</summary>
internal static class DateOption
{
    public static Option<DateTimeOffset?> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DATE",
        CustomParser = result => Parse(result, name),
    };

    private static DateTimeOffset? Parse(ArgumentResult result, string name)
    {
        var text = result.Tokens.Single().Value;
        if (Rfc3339.TryParse(text, out var value))
        {
            return value;
        }
        result.AddError($"{name} \"{text}\" is not a date: use yyyy-MM-dd (midnight UTC) or RFC 3339, e.g. 2016-09-29T09:23:00+08:00");
        return null;
    }
}
