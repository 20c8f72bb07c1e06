using System.Text;

namespace SearchEngine.Core.Schema;

/// <summary>Checks an incoming article and normalises what can be repaired.</summary>
public static class ArticleValidator
{
    public const int MaxIdLength = 512;

    /// <summary>Default limit on the UTF-8 size of a body: 1 MiB, far above any news story.</summary>
    public const int DefaultMaxBodyBytes = 1 << 20;

    /// <summary>The earliest publication date an article may carry.</summary>
    public static readonly DateTimeOffset EarliestDate = new(1800, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Returns the article ready to index (control characters removed, blank fields dropped,
    /// language detected when absent), or the reason it cannot be indexed.
    /// </summary>
    public static (Article? Article, string? Reason) Normalize(Article article, DateTimeOffset now, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        var id = article.Id;
        if (string.IsNullOrWhiteSpace(id))
        {
            return (null, "article has no id");
        }
        if (id != id.Trim())
        {
            // Trimming would store an id the client never sent, and its lookups would miss.
            return (null, "id has leading or trailing whitespace");
        }
        if (id.Length > MaxIdLength)
        {
            return (null, $"id is longer than {MaxIdLength} characters");
        }
        if (id.Any(char.IsControl))
        {
            return (null, "id contains control characters");
        }
        if (article.Body is { } rawBody && Encoding.UTF8.GetByteCount(rawBody) is var bodyBytes && bodyBytes > maxBodyBytes)
        {
            return (null, $"body is {bodyBytes:N0} bytes; the limit is {maxBodyBytes:N0} (Index:MaxArticleBytes)");
        }
        var title = Clean(article.Title, keepNewlines: false);
        var body = Clean(article.Body, keepNewlines: true);
        if (title is null && body is null)
        {
            return (null, "article has neither title nor body");
        }
        if (article.PublishedAt is { } publishedAt && (publishedAt < EarliestDate || publishedAt > now.AddDays(1)))
        {
            return (null, $"published_at {publishedAt:O} is outside 1800-01-01 .. now + 1 day");
        }
        var normalized = article with
        {
            Id = id,
            Title = title,
            Body = body,
            Source = Clean(article.Source, keepNewlines: false),
            Url = Clean(article.Url, keepNewlines: false),
            Language = Clean(article.Language, keepNewlines: false) ?? LanguageDetector.Detect(title, body),
            Author = Clean(article.Author, keepNewlines: false),
            Section = Clean(article.Section, keepNewlines: false),
            Tags = [.. article.Tags.Select(tag => Clean(tag, keepNewlines: false)).OfType<string>().Distinct(StringComparer.Ordinal)],
        };
        return (normalized, null);
    }

    /// <summary>Removes control characters (keeping line breaks in bodies) and trims; blank becomes null.</summary>
    private static string? Clean(string? value, bool keepNewlines)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == '\n' && keepNewlines)
            {
                builder.Append(c);
            }
            else if (c is '\t' or '\n' or '\r')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }
        var cleaned = builder.ToString().Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }
}
