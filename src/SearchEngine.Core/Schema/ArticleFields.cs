namespace SearchEngine.Core.Schema;

/// <summary>Lucene field names of an article document.</summary>
public static class ArticleFields
{
    /// <summary>Exact id: indexed as one term (upsert key), stored, sorted doc values (tie-break).</summary>
    public const string Id = "id";
    /// <summary>Analysed headline, stored.</summary>
    public const string Title = "title";
    /// <summary>Analysed body, stored.</summary>
    public const string Body = "body";
    /// <summary>
    /// CJK character pairs of the title (not stored; only on articles with CJK text), so a
    /// Chinese query matches wherever its characters stand together, whatever the word boundaries.
    /// </summary>
    public const string TitleBigrams = "title_bigrams";
    /// <summary>CJK character pairs of the body, as <see cref="TitleBigrams"/>.</summary>
    public const string BodyBigrams = "body_bigrams";
    /// <summary>Epoch milliseconds (UTC): numeric range terms, doc values and a stored copy.</summary>
    public const string PublishedAt = "published_at";
    /// <summary>Exact source name: one term, stored, sorted doc values (term facet).</summary>
    public const string Source = "source";
    /// <summary>Stored only.</summary>
    public const string Url = "url";
    /// <summary>Language code: one term, stored, sorted doc values (term facet).</summary>
    public const string Language = "language";
    /// <summary>Analysed byline (searched with author:), stored.</summary>
    public const string Author = "author";
    /// <summary>Section: one term, stored, sorted doc values (term facet).</summary>
    public const string Section = "section";
    /// <summary>Tags: one term per tag, stored, sorted-set doc values (term facet).</summary>
    public const string Tags = "tags";

    /// <summary>The analysed fields a free-text query searches, with their boosts.</summary>
    public static readonly IReadOnlyDictionary<string, float> SearchedFieldBoosts = new Dictionary<string, float>
    {
        [Title] = 2f,
        [Body] = 1f,
    };
}
