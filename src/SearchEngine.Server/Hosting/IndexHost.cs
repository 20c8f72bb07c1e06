using Microsoft.Extensions.Options;
using SearchEngine.Core.Import;
using SearchEngine.Core.Indexing;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;

namespace SearchEngine.Server.Hosting;

/// <summary>
/// Owns the one <see cref="ArticleIndex"/> of the process. The index is opened while the host
/// starts (so a locked index stops the start with a clear error); seeding an empty index with the
/// sample articles happens in the background, and the service reports NOT_SERVING until it is done.
/// </summary>
public sealed class IndexHost(IOptions<IndexOptions> options, IOptions<RankingOptions> ranking, TimeProvider clock, ILogger<IndexHost> logger) : IHostedService, IDisposable
{
    private readonly IndexOptions options = options.Value;
    private ArticleIndex? index;
    private ArticleSearcher? searcher;
    private Task preparation = Task.CompletedTask;
    private volatile bool ready;

    /// <summary>True once the index is open and searchable.</summary>
    public bool IsReady => ready;

    /// <summary>Completes when the index is ready (or its preparation failed).</summary>
    public Task Preparation => preparation;

    public ArticleIndex Index => ready && index is not null ? index : throw NotReady();

    public ArticleSearcher Searcher => ready && searcher is not null ? searcher : throw NotReady();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        index = ArticleIndex.Open(new IndexSettings
        {
            Path = options.Path,
            RefreshInterval = options.RefreshInterval,
            SearchIdleAfter = options.SearchIdleAfter,
            RamBufferSizeMb = options.RamBufferSizeMb,
            CommitInterval = options.CommitInterval,
            Ranking = ranking.Value.ToSettings(),
            PageSnapshotKeepAlive = options.PageSnapshotKeepAlive,
            MaxPageSnapshots = options.MaxPageSnapshots,
        }, logger, clock);
        searcher = new ArticleSearcher(index, clock);
        preparation = Task.Run(() => Prepare(index), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Prepare(ArticleIndex opened)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(options.SampleData) && opened.GetStatistics().ArticleCount == 0)
            {
                await LoadSample(opened, options.SampleData).ConfigureAwait(false);
            }
            ready = true;
            ServerLog.Ready(logger);
        }
        catch (Exception exception)
        {
            ServerLog.PreparationFailed(logger, exception);
        }
    }

    private async Task LoadSample(ArticleIndex opened, string folder)
    {
        if (!Directory.Exists(folder))
        {
            ServerLog.SampleFolderMissing(logger, Path.GetFullPath(folder));
            return;
        }
        ServerLog.LoadingSample(logger, Path.GetFullPath(folder));
        var loaded = 0;
        foreach (var file in ArticleFiles.Expand([folder]))
        {
            foreach (var record in ArticleFiles.Read(file, TimeZoneInfo.Utc))
            {
                var (article, reason) = record.Article is null
                    ? (null, record.Error)
                    : ArticleValidator.Normalize(record.Article, clock.GetUtcNow());
                if (article is null)
                {
                    ServerLog.SampleArticleSkipped(logger, record.File, record.Line, reason ?? "unreadable");
                    continue;
                }
                opened.Upsert(article);
                loaded++;
            }
        }
        await opened.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        ServerLog.LoadedSample(logger, loaded);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        ready = false;
        await preparation.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => index?.Dispose();

    private static IndexUnavailableException NotReady() =>
        new("the index is not ready yet (it is opening or loading the sample articles); retry shortly");
}
