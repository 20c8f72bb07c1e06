using System.Globalization;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Import;

/// <summary>
/// Reads a news page saved as plain text (a title line, a dateline, a byline, the story
/// paragraphs, then the site's headline lists) into one article.
/// </summary>
public static class TextPageReader
{
    private const string NoStoryError = "no story text found";
    private const string BylinePrefix = "By ";

    private static readonly string[] DatePrefixes = ["Updated:", "Published:"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    private static readonly string[] BylineNameEnds = [" in ", "(", ","];

    // Headings of the page furniture that follows the story.
    private static readonly HashSet<string> FurnitureHeadings = new(StringComparer.OrdinalIgnoreCase)
    {
        "Most Viewed",
        "Editor's Picks",
        "Today's Top News",
        "Top News",
        "Related Stories",
        "Latest News",
        "US Weekly",
    };

    /// <summary>Reads the page at <paramref name="path"/>; its dates are local times in <paramref name="timeZone"/>.</summary>
    public static ImportRecord Read(string path, TimeZoneInfo timeZone) =>
        Parse(File.ReadAllText(path), path, timeZone);

    /// <summary>Parses a page's text; <paramref name="fileName"/> labels the record.</summary>
    public static ImportRecord Parse(string text, string fileName, TimeZoneInfo timeZone)
    {
        var lines = text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToList();
        if (lines.Count == 0)
        {
            return new ImportRecord(fileName, 1, null, NoStoryError);
        }

        var title = lines[0];
        DateTimeOffset? publishedAt = null;
        string? author = null;
        var paragraphs = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (IsFurnitureStart(line))
            {
                break;
            }
            if (IsLayoutResidue(line))
            {
                continue;
            }
            // Dateline and byline only count above the story, so a paragraph opening
            // with "By contrast, ..." stays in the body.
            if (paragraphs.Count == 0 && publishedAt is null && TryParseDateLine(line, timeZone, out var date))
            {
                publishedAt = date;
            }
            else if (paragraphs.Count == 0 && author is null && line.StartsWith(BylinePrefix, StringComparison.Ordinal))
            {
                author = BylineName(line);
            }
            else
            {
                paragraphs.Add(line);
            }
        }
        if (paragraphs.Count == 0)
        {
            return new ImportRecord(fileName, 1, null, NoStoryError);
        }

        var article = new Article
        {
            Id = StableId(title, publishedAt),
            Title = title,
            Body = string.Join('\n', paragraphs),
            PublishedAt = publishedAt,
            Author = author,
        };
        return new ImportRecord(fileName, 1, article, null);
    }

    private static bool IsFurnitureStart(string line) =>
        line.StartsWith("- ", StringComparison.Ordinal) || FurnitureHeadings.Contains(line);

    /// <summary>Pipe-only separator lines and photo captions, which the page marks with a trailing pipe.</summary>
    private static bool IsLayoutResidue(string line) => line.EndsWith('|');

    private static bool TryParseDateLine(string line, TimeZoneInfo timeZone, out DateTimeOffset publishedAt)
    {
        publishedAt = default;
        var prefix = DatePrefixes.FirstOrDefault(candidate => line.StartsWith(candidate, StringComparison.OrdinalIgnoreCase));
        if (prefix is null
            || !DateTime.TryParseExact(line[prefix.Length..].Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var localTime))
        {
            return false;
        }
        publishedAt = new DateTimeOffset(localTime, timeZone.GetUtcOffset(localTime));
        return true;
    }

    /// <summary>"By NAME in City(Agency)" gives NAME.</summary>
    private static string? BylineName(string line)
    {
        var name = line[BylinePrefix.Length..];
        foreach (var end in BylineNameEnds)
        {
            var position = name.IndexOf(end, StringComparison.Ordinal);
            if (position >= 0)
            {
                name = name[..position];
            }
        }
        name = name.Trim();
        return name.Length == 0 ? null : name;
    }

    /// <summary>Derived from the content, so importing the same page again replaces the earlier copy.</summary>
    private static string StableId(string title, DateTimeOffset? publishedAt) =>
        StableIds.From("page-", StableIds.TitleAndDate(title, publishedAt));
}
