using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using SearchEngine.Core.Facets;
using SearchEngine.Core.Highlighting;
using SearchEngine.Core.Indexing;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Search;

/// <summary>Answers search requests and article lookups from an <see cref="ArticleIndex"/>.</summary>
public sealed class ArticleSearcher(ArticleIndex index)
{
    /// <summary>
    /// One page of hits, with the exact total and the facets over all of them. A page token
    /// continues a walk with a search-after from the previous page's last hit, on the
    /// point-in-time view the walk started on (see <see cref="PointInTimeSearchers"/>), so
    /// every page costs what the first did and the walk sees one unchanging index.
    /// </summary>
    public SearchResults Search(SearchQuery request)
    {
        var query = QueryBuilder.Build(request.Text, index.Analyzer);
        var filter = BuildFilter(request);
        var sort = SortFor(request.Sort);
        var fingerprint = PageCursor.Fingerprint(query, filter, sort);
        var cursor = string.IsNullOrEmpty(request.PageToken) ? null : PageCursor.Decode(request.PageToken, index.PageTokens, fingerprint, request.Sort);

        using var lease = AcquireView(cursor, request.Sort);
        var searcher = lease.Searcher;
        // One hit more than the page tells whether there is a next page.
        var topHits = TopFieldCollector.Create(sort, request.PageSize + 1, cursor?.After,
            fillFields: true, trackDocScores: request.Sort == SortOrder.Relevance, trackMaxScore: false, docsScoredInOrder: false);
        var histogram = new DateHistogramCollector(request.HistogramTimeZone, request.From, request.To);
        var termFacets = request.TermFacets.Fields.Select(field => new TermFacetCollector(field)).ToList();
        searcher.Search(query, filter, MultiCollector.Wrap([topHits, histogram, .. termFacets]));
        var topDocs = topHits.GetTopDocs();
        var page = topDocs.ScoreDocs.Take(request.PageSize).ToList();

        var highlighter = new SnippetHighlighter(query, searcher.IndexReader, index.Analyzer, request.Highlight);
        var hits = new List<SearchHit>(page.Count);
        foreach (var scoreDoc in page)
        {
            var article = ArticleDocument.FromDocument(searcher.Doc(scoreDoc.Doc));
            var score = request.Sort == SortOrder.Relevance ? scoreDoc.Score : 0f;
            hits.Add(new SearchHit(article, score, highlighter.MarkTitle(article.Title), highlighter.Snippets(article.Body)));
        }

        string? nextPageToken = null;
        if (topDocs.ScoreDocs.Length > request.PageSize)
        {
            var version = index.PointsInTime.Keep(searcher);
            nextPageToken = PageCursor.AfterHit(index.PointsInTime.InstanceId, version, (FieldDoc)page[^1]).Encode(index.PageTokens, fingerprint);
        }
        return new SearchResults(topDocs.TotalHits, hits, histogram.ToHistogram(request.HistogramInterval), nextPageToken)
        {
            TermFacets = [.. termFacets.Select(facet => facet.ToFacet(request.TermFacets.Size))],
        };
    }

    /// <summary>
    /// The view a page reads: the current one for a first page, the walk's own for later pages.
    /// When the walk's view has been released, a walk by date goes on in the current view (its
    /// cursor, a date and an id, means the same in any view: articles that existed all along
    /// are still neither repeated nor skipped), but a walk by relevance cannot, since scores
    /// from other statistics would not line up with its cursor.
    /// </summary>
    private SearcherLease AcquireView(PageCursor? cursor, SortOrder sort)
    {
        if (cursor is null)
        {
            return index.AcquireSearcher();
        }
        if (index.PointsInTime.TryAcquire(cursor.InstanceId, cursor.ReaderVersion) is { } pinned)
        {
            return pinned;
        }
        return sort == SortOrder.Relevance ? throw PageCursor.Expired(index.PageSnapshotKeepAlive) : index.AcquireSearcher();
    }

    /// <summary>The query and filters of a request as one Lucene query: what a search would match.</summary>
    public Query MatchingQuery(SearchQuery request)
    {
        var query = QueryBuilder.Build(request.Text, index.Analyzer);
        return BuildFilter(request) is { } filter ? new FilteredQuery(query, filter) : query;
    }

    public Article GetArticle(string id)
    {
        using var lease = index.AcquireSearcher();
        var topDocs = lease.Searcher.Search(new TermQuery(new Term(ArticleFields.Id, id)), 1);
        return topDocs.TotalHits == 0
            ? throw new ArticleNotFoundException(id)
            : ArticleDocument.FromDocument(lease.Searcher.Doc(topDocs.ScoreDocs[0].Doc));
    }

    private static Filter? BuildFilter(SearchQuery request)
    {
        var filters = new BooleanFilter();
        if (request.From is not null || request.To is not null)
        {
            filters.Add(NumericRangeFilter.NewInt64Range(ArticleFields.PublishedAt,
                request.From?.ToUnixTimeMilliseconds(), request.To?.ToUnixTimeMilliseconds(),
                minInclusive: true, maxInclusive: false), Occur.MUST);
        }
        if (request.Sources.Count > 0)
        {
            filters.Add(new TermsFilter([.. request.Sources.Select(source => new Term(ArticleFields.Source, source))]), Occur.MUST);
        }
        return filters.Clauses.Count == 0 ? null : filters;
    }

    private static Sort SortFor(SortOrder order)
    {
        var byId = new SortField(ArticleFields.Id, SortFieldType.STRING);
        if (order == SortOrder.Relevance)
        {
            return new Sort(SortField.FIELD_SCORE, byId);
        }
        var newestFirst = order == SortOrder.Newest;
        var byDate = new SortField(ArticleFields.PublishedAt, SortFieldType.INT64, newestFirst);
        // Articles without a date sort last in both directions.
        byDate.SetMissingValue(newestFirst ? long.MinValue : long.MaxValue);
        return new Sort(byDate, byId);
    }
}
