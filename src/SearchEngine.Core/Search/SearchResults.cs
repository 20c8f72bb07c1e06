using SearchEngine.Core.Facets;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Search;

/// <summary>One page of hits with the exact total and the histogram over all hits.</summary>
public sealed record SearchResults(long TotalHits, IReadOnlyList<SearchHit> Hits, DateHistogram DateHistogram, string? NextPageToken)
{
    /// <summary>True when match ALL found nothing and these are the hits of the relaxed query (most of the terms).</summary>
    public bool Relaxed { get; init; }

    /// <summary>One facet per requested field, in request order, counted over all hits.</summary>
    public IReadOnlyList<TermFacet> TermFacets { get; init; } = [];
}

/// <param name="Article">The stored article (body included, for callers that want it).</param>
/// <param name="Score">BM25 score; 0 when sorted by date.</param>
/// <param name="MarkedTitle">The whole title, HTML-escaped, matches marked.</param>
/// <param name="Snippets">Body fragments, HTML-escaped, matches marked, best first.</param>
public sealed record SearchHit(Article Article, float Score, string MarkedTitle, IReadOnlyList<string> Snippets);
