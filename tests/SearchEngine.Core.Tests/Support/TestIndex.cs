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
    private readonly RankingSettings ranking;

    public TestIndex(RankingSettings? ranking = null)
    {
        this.ranking = ranking ?? new RankingSettings();
        Path = System.IO.Path.Combine(folder.Path, "index");
        Index = Open(Path, this.ranking);
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
        Index = Open(Path, ranking);
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
