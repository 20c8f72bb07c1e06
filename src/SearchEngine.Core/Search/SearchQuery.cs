using SearchEngine.Core.Facets;

namespace SearchEngine.Core.Search;

/// <summary>Order of the hits; every order breaks ties by id so that pages are stable.</summary>
public enum SortOrder
{
    Relevance,
    Newest,
    Oldest,
}

/// <summary>Whether every top-level term of the query is required.</summary>
public enum MatchMode
{
    /// <summary>Every term or group must match; when none does, the search is retried requiring most of them.</summary>
    All,
    /// <summary>Any term may match; never relaxed.</summary>
    Any,
}

/// <summary>How the query text is read.</summary>
public enum QuerySyntax
{
    /// <summary>The query language: phrases, exclusions, OR, groups, field prefixes, prefix*.</summary>
    Simple,
    /// <summary>Every character literal: the text is only words.</summary>
    Plain,
}

/// <summary>How hits sorted by relevance are scored.</summary>
public enum RankingMode
{
    /// <summary>BM25 with title weight and proximity.</summary>
    Relevance,
    /// <summary>Relevance multiplied by a recency factor measured from <see cref="SearchQuery.Now"/>.</summary>
    RelevanceWithFreshness,
}

/// <summary>A validated search request.</summary>
public sealed record SearchQuery
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 1_000;

    /// <summary>User query text; empty matches every article.</summary>
    public string Text { get; init; } = "";
    public int PageSize { get; init; } = DefaultPageSize;
    /// <summary>Cursor from the previous page's <see cref="SearchResults.NextPageToken"/>.</summary>
    public string? PageToken { get; init; }
    /// <summary>Inclusive lower bound on published_at.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Exclusive upper bound on published_at.</summary>
    public DateTimeOffset? To { get; init; }
    public SortOrder Sort { get; init; } = SortOrder.Relevance;
    /// <summary>Exact source names; empty means any source.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>Exact language codes; empty means any language.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>Exact section names; empty means any section.</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];
    /// <summary>Exact tags, any of which qualifies an article; empty means no tag restriction.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public MatchMode Match { get; init; } = MatchMode.All;
    public QuerySyntax Syntax { get; init; } = QuerySyntax.Simple;
    public RankingMode Ranking { get; init; } = RankingMode.Relevance;
    /// <summary>The instant freshness is measured from; null means the searcher's clock at search time.</summary>
    public DateTimeOffset? Now { get; init; }
    public HighlightSettings Highlight { get; init; } = new();
    public DateInterval HistogramInterval { get; init; } = DateInterval.Auto;
    public TimeZoneInfo HistogramTimeZone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>Term facets counted over all hits; none by default.</summary>
    public TermFacetRequest TermFacets { get; init; } = new();
}

/// <summary>How matched terms are marked.</summary>
public sealed record HighlightSettings
{
    public const int DefaultSnippetLength = 150;
    public const int MinSnippetLength = 20;
    public const int MaxSnippetLength = 1_000;
    public const int DefaultSnippetCount = 2;
    public const int MaxSnippetCount = 10;

    public string PreTag { get; init; } = "<em>";
    public string PostTag { get; init; } = "</em>";
    public int SnippetLength { get; init; } = DefaultSnippetLength;
    public int SnippetCount { get; init; } = DefaultSnippetCount;
}
