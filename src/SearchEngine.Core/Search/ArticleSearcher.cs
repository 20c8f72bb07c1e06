using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using SearchEngine.Core.Facets;
using SearchEngine.Core.Highlighting;
using SearchEngine.Core.Indexing;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Search;

/// <summary>Answers search requests and article lookups from an <see cref="ArticleIndex"/>.</summary>
/// <param name="clock">The time freshness is measured from when a request does not pin <see cref="SearchQuery.Now"/>.</param>
public sealed class ArticleSearcher(ArticleIndex index, TimeProvider? clock = null)
{
    /// <summary>
    /// One page of hits, with the exact total and the facets over all of them. A page token
    /// continues a walk with a search-after from the previous page's last hit, on the
    /// point-in-time view the walk started on (see <see cref="PointInTimeSearchers"/>), so
    /// every page costs what the first did and the walk sees one unchanging index. The walk
    /// also keeps the first page's clock, so freshness scores do not drift between pages.
    /// Cancelling <paramref name="cancellationToken"/> stops the search with an
    /// <see cref="OperationCanceledException"/> while it collects hits or marks snippets.
    /// </summary>
    public SearchResults Search(SearchQuery request, CancellationToken cancellationToken = default)
    {
        var built = QueryBuilder.Build(request, index.Analyzer);
        var filter = BuildFilter(request);
        var sort = SortFor(request.Sort);
        var binding = $"{request.Ranking} {request.Now?.ToUnixTimeMilliseconds()}";
        var fingerprint = PageCursor.Fingerprint(built.Matching, filter, sort, binding);
        var cursor = string.IsNullOrEmpty(request.PageToken) ? null : PageCursor.Decode(request.PageToken, index.PageTokens, fingerprint, request.Sort);
        var now = cursor is not null ? DateTimeOffset.FromUnixTimeMilliseconds(cursor.NowMillis) : request.Now ?? (clock ?? TimeProvider.System).GetUtcNow();

        using var lease = AcquireView(cursor, request.Sort);
        var searcher = lease.Searcher;
        // One hit more than the page tells whether there is a next page.
        var topHits = TopFieldCollector.Create(sort, request.PageSize + 1, cursor?.After,
            fillFields: true, trackDocScores: request.Sort == SortOrder.Relevance, trackMaxScore: false, docsScoredInOrder: false);
        var histogram = new DateHistogramCollector(request.HistogramTimeZone, request.From, request.To);
        var termFacets = request.TermFacets.Fields.Select(field => new TermFacetCollector(field)).ToList();
        // Relaxing is announced in the response, and only ever tried when the strict query has no
        // hit; on a walk's own view every page decides the same way.
        var relaxed = built.Relaxed is not null && !AnyHitCollector.HasHit(searcher, built.Matching, filter);
        var query = relaxed ? built.Relaxed! : built.Matching;
        var scored = request.Sort == SortOrder.Relevance
            ? RelevanceScoring.Compose(query, built.Proximity, request.Ranking, now, index.Ranking)
            : query;
        searcher.Search(scored, filter, new CancellableCollector(MultiCollector.Wrap([topHits, histogram, .. termFacets]), cancellationToken));
        var topDocs = topHits.GetTopDocs();
        var page = topDocs.ScoreDocs.Take(request.PageSize).ToList();

        var highlighter = new SnippetHighlighter(query, searcher.IndexReader, index.Analyzer, request.Highlight);
        var hits = new List<SearchHit>(page.Count);
        foreach (var scoreDoc in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var article = ArticleDocument.FromDocument(searcher.Doc(scoreDoc.Doc));
            var score = request.Sort == SortOrder.Relevance ? scoreDoc.Score : 0f;
            hits.Add(new SearchHit(article, score, highlighter.MarkTitle(article.Title), highlighter.Snippets(article.Body)));
        }

        string? nextPageToken = null;
        if (topDocs.ScoreDocs.Length > request.PageSize)
        {
            var version = index.PointsInTime.Keep(searcher);
            nextPageToken = PageCursor.AfterHit(index.PointsInTime.InstanceId, version, (FieldDoc)page[^1], now.ToUnixTimeMilliseconds())
                .Encode(index.PageTokens, fingerprint);
        }
        return new SearchResults(topDocs.TotalHits, hits, histogram.ToHistogram(request.HistogramInterval), nextPageToken)
        {
            Relaxed = relaxed,
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
        var query = QueryBuilder.Build(request, index.Analyzer).Matching;
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
        AddExactFilter(filters, ArticleFields.Source, request.Sources);
        AddExactFilter(filters, ArticleFields.Language, request.Languages);
        AddExactFilter(filters, ArticleFields.Section, request.Sections);
        AddExactFilter(filters, ArticleFields.Tags, request.Tags);
        return filters.Clauses.Count == 0 ? null : filters;
    }

    /// <summary>Keeps articles with any of the values in the exact field; no values, no restriction.</summary>
    private static void AddExactFilter(BooleanFilter filters, string field, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            filters.Add(new TermsFilter([.. values.Select(value => new Term(field, value))]), Occur.MUST);
        }
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
