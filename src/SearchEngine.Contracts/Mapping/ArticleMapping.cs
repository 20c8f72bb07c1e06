using Google.Protobuf.WellKnownTypes;
using Contract = SearchEngine.Contracts.V1;
using Engine = SearchEngine.Core.Schema;

namespace SearchEngine.Contracts.Mapping;

/// <summary>Converts articles between the wire contract and the engine; absent fields travel as "".</summary>
public static class ArticleMapping
{
    /// <summary>The engine's article, or why the wire article cannot become one.</summary>
    public static (Engine.Article? Article, string? Reason) ToCore(Contract.Article article)
    {
        DateTimeOffset? publishedAt = null;
        if (article.PublishedAt is { } timestamp)
        {
            if (!TryToDateTimeOffset(timestamp, out var value))
            {
                return (null, "published_at is not a valid timestamp");
            }
            publishedAt = value;
        }
        return (new Engine.Article
        {
            Id = article.Id,
            Title = article.Title,
            Body = article.Body,
            PublishedAt = publishedAt,
            Source = article.Source,
            Url = article.Url,
            Language = article.Language,
            Author = article.Author,
            Section = article.Section,
            Tags = [.. article.Tags],
        }, null);
    }

    public static Contract.Article ToContract(Engine.Article article)
    {
        var result = new Contract.Article
        {
            Id = article.Id,
            Title = article.Title ?? "",
            Body = article.Body ?? "",
            PublishedAt = ToTimestamp(article.PublishedAt),
            Source = article.Source ?? "",
            Url = article.Url ?? "",
            Language = article.Language ?? "",
            Author = article.Author ?? "",
            Section = article.Section ?? "",
        };
        result.Tags.AddRange(article.Tags);
        return result;
    }

    public static Timestamp? ToTimestamp(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    /// <summary>Converts a wire timestamp, refusing values outside the range the protobuf spec allows.</summary>
    public static bool TryToDateTimeOffset(Timestamp timestamp, out DateTimeOffset value)
    {
        try
        {
            value = timestamp.ToDateTimeOffset();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }
}
