using Microsoft.Extensions.Logging.Abstractions;
using SearchEngine.Core.Indexing;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;

namespace SearchEngine.Core.Tests.Support;

/// <summary>
/// An <see cref="ArticleIndex"/> in a fresh temp folder. The background refresh is effectively
/// off (one hour), so a test sees exactly what it refreshed or committed.
/// </summary>
internal sealed class TestIndex : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly IndexSettings settings;
    private readonly TimeProvider? clock;

    /// <param name="ranking">BM25, proximity and freshness settings; the defaults when null.</param>
    /// <param name="configure">Changes to the test settings (the path and refresh interval are set already).</param>
    /// <param name="clock">Times the page walks' views; the system clock when null.</param>
    public TestIndex(RankingSettings? ranking = null, Func<IndexSettings, IndexSettings>? configure = null, TimeProvider? clock = null)
    {
        Path = System.IO.Path.Combine(folder.Path, "index");
        settings = (configure ?? (unchanged => unchanged))(new IndexSettings { Path = Path, RefreshInterval = TimeSpan.FromHours(1), Ranking = ranking ?? new RankingSettings() });
        this.clock = clock;
        Index = ArticleIndex.Open(settings, NullLogger.Instance, clock);
    }

    /// <summary>Folder of the index (a subfolder of the temp folder, created by <see cref="ArticleIndex.Open"/>).</summary>
    public string Path { get; }

    public ArticleIndex Index { get; private set; }

    public ArticleSearcher Searcher => new(Index);

    public static ArticleIndex Open(string path, RankingSettings? ranking = null) =>
        ArticleIndex.Open(new IndexSettings { Path = path, RefreshInterval = TimeSpan.FromHours(1), Ranking = ranking ?? new RankingSettings() }, NullLogger.Instance);

    /// <summary>Upserts the articles and makes them visible to searches (not committed).</summary>
    public void Add(params IEnumerable<Article> articles)
    {
        foreach (var article in articles)
        {
            Index.Upsert(article);
        }
        Index.Refresh();
    }

    /// <summary>Disposes the index and opens the same folder again.</summary>
    public void Reopen()
    {
        Index.Dispose();
        Index = ArticleIndex.Open(settings, NullLogger.Instance, clock);
    }

    public SearchResults Search(SearchQuery query) => Searcher.Search(query);

    /// <summary>Ids of the first page of hits, in order.</summary>
    public IReadOnlyList<string> Ids(string text, int pageSize = SearchQuery.MaxPageSize) =>
        [.. Search(new SearchQuery { Text = text, PageSize = pageSize }).Hits.Select(hit => hit.Article.Id)];

    public void Dispose()
    {
        Index.Dispose();
        folder.Dispose();
    }
}
