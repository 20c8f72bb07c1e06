using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchEngine.Core.Indexing;

/// <summary>
/// One index on disk: the single long-lived <see cref="IndexWriter"/>, the near-real-time
/// <see cref="SearcherManager"/> refreshed in the background, and group commits.
/// </summary>
public sealed class ArticleIndex : IDisposable
{
    private readonly LuceneDirectory directory;
    private readonly IndexWriter writer;
    private readonly SearcherManager searcherManager;
    private readonly Timer refreshTimer;
    private readonly Timer commitTimer;
    private readonly SnapshotDeletionPolicy snapshots;
    private readonly ILogger logger;
    private readonly SemaphoreSlim commitGate = new(1, 1);
    private readonly TimeSpan refreshInterval;
    private readonly TimeSpan searchIdleAfter;
    private long lastSearchTimestamp;
    private long lastRefreshTimestamp;
    private long commitRequests;
    private long committedRequests;
    private volatile bool lastWriteFailed;
    private int disposed;

    private ArticleIndex(string path, LuceneDirectory directory, IndexWriter writer, SnapshotDeletionPolicy snapshots, Analyzer analyzer, IndexSettings settings, PageTokenSigner pageTokens, TimeProvider clock, ILogger logger)
    {
        Path = path;
        this.directory = directory;
        this.writer = writer;
        this.snapshots = snapshots;
        this.logger = logger;
        Analyzer = analyzer;
        refreshInterval = settings.RefreshInterval;
        searchIdleAfter = settings.SearchIdleAfter;
        Ranking = settings.Ranking;
        searcherManager = new SearcherManager(writer, applyAllDeletes: true, new ArticleSearcherFactory(writer.Config.Similarity));
        lastRefreshTimestamp = Stopwatch.GetTimestamp();
        lastSearchTimestamp = lastRefreshTimestamp;
        PageSnapshotKeepAlive = settings.PageSnapshotKeepAlive;
        PointsInTime = new PointInTimeSearchers(settings.PageSnapshotKeepAlive, settings.MaxPageSnapshots, clock);
        PageTokens = pageTokens;
        refreshTimer = new Timer(_ => RefreshInBackground(), null, settings.RefreshInterval, settings.RefreshInterval);
        commitTimer = new Timer(_ => CommitInBackground(), null, settings.CommitInterval, settings.CommitInterval);
    }

    /// <summary>Absolute folder of the index.</summary>
    public string Path { get; }

    /// <summary>The analyzer the index was written with; use it for queries and highlighting too.</summary>
    public Analyzer Analyzer { get; }

    /// <summary>How searches of this index score relevance.</summary>
    public RankingSettings Ranking { get; }

    /// <summary>The views page walks read; see <see cref="PointInTimeSearchers"/>.</summary>
    internal PointInTimeSearchers PointsInTime { get; }

    internal TimeSpan PageSnapshotKeepAlive { get; }

    /// <summary>Signs and checks page tokens with this index's key.</summary>
    internal PageTokenSigner PageTokens { get; }

    /// <summary>Opens (or creates) the index; fails with <see cref="IndexLockedException"/> when another process writes to it.</summary>
    /// <param name="clock">Times the keep-alive of page walks' views; the system clock when null.</param>
    public static ArticleIndex Open(IndexSettings settings, ILogger logger, TimeProvider? clock = null)
    {
        if (settings.Ranking.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }
        var path = System.IO.Path.GetFullPath(settings.Path);
        System.IO.Directory.CreateDirectory(path);
        var directory = FSDirectory.Open(new DirectoryInfo(path), new ExclusiveFileLockFactory(path));
        var analyzer = NewsAnalyzer.Create();
        try
        {
            // Snapshots pin a commit's files while a backup copies them; the policy keeps only
            // the last commit otherwise.
            var snapshots = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
            var config = new IndexWriterConfig(NewsAnalyzer.Version, analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = settings.RamBufferSizeMb,
                // BM25 writes the same length norms whatever k1 and b are, so changing them
                // needs no re-indexing; searchers score with the writer's.
                Similarity = new BM25Similarity(settings.Ranking.K1, settings.Ranking.B),
                IndexDeletionPolicy = snapshots,
            };
            var writer = new IndexWriter(directory, config);
            if (!DirectoryReader.IndexExists(directory))
            {
                // A first, empty commit: the index is valid on disk from the start and can be backed up.
                writer.Commit();
            }
            PageTokenSigner pageTokens;
            try
            {
                // Read (or made) only once the writer holds the index lock.
                pageTokens = PageTokenSigner.LoadOrCreate(path);
            }
            catch
            {
                writer.Dispose();
                throw;
            }
            var index = new ArticleIndex(path, directory, writer, snapshots, analyzer, settings, pageTokens, clock ?? TimeProvider.System, logger);
            IndexLog.Opened(logger, path, writer.NumDocs);
            index.WarnAboutArticlesWithoutFacetValues();
            return index;
        }
        catch (LockObtainFailedException exception)
        {
            analyzer.Dispose();
            directory.Dispose();
            throw new IndexLockedException(path, exception);
        }
        catch
        {
            analyzer.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Adds the article or replaces the one with the same id. Durable only after <see cref="CommitAsync"/>.</summary>
    public void Upsert(Article article)
    {
        try
        {
            writer.UpdateDocument(new Term(ArticleFields.Id, article.Id), ArticleDocument.ToDocument(article));
        }
        catch (IOException)
        {
            // A new segment opens its files with its first document, so a full disk can fail here first.
            lastWriteFailed = true;
            throw;
        }
    }

    /// <summary>Deletes the articles with these ids and commits; returns how many existed.</summary>
    public async Task<int> DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        searcherManager.MaybeRefreshBlocking();
        var existing = 0;
        using (var lease = AcquireSearcher())
        {
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                existing += lease.Searcher.Search(new TermQuery(new Term(ArticleFields.Id, id)), 1).TotalHits > 0 ? 1 : 0;
            }
        }
        writer.DeleteDocuments([.. ids.Select(id => new Term(ArticleFields.Id, id))]);
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return existing;
    }

    /// <summary>Deletes every article the query matches and commits; returns how many matched.</summary>
    public async Task<int> DeleteMatchingAsync(Query query, CancellationToken cancellationToken)
    {
        searcherManager.MaybeRefreshBlocking();
        int matching;
        using (var lease = AcquireSearcher())
        {
            var counter = new TotalHitCountCollector();
            lease.Searcher.Search(query, counter);
            matching = counter.TotalHits;
        }
        writer.DeleteDocuments(query);
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return matching;
    }

    /// <summary>
    /// Commits, then copies the files of that commit into an empty folder while indexing goes
    /// on (the snapshot keeps merges from deleting them meanwhile). The folder is a complete
    /// index: a server pointed at it starts with exactly the articles acknowledged before the call.
    /// </summary>
    public async Task<IndexBackup> CreateBackupAsync(string targetPath, CancellationToken cancellationToken)
    {
        var target = System.IO.Path.GetFullPath(targetPath);
        if (target == Path || target.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidRequestException("path", $"backup path {target} is inside the index folder {Path}");
        }
        if (System.IO.Directory.Exists(target) && System.IO.Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InvalidRequestException("path", $"backup path {target} is not empty; give a new or empty folder");
        }
        if (File.Exists(target))
        {
            throw new InvalidRequestException("path", $"backup path {target} is a file; give a new or empty folder");
        }
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        var commit = snapshots.Snapshot();
        try
        {
            System.IO.Directory.CreateDirectory(target);
            long bytes = 0;
            foreach (var file in commit.FileNames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var source = System.IO.Path.Combine(Path, file);
                await Task.Run(() => File.Copy(source, System.IO.Path.Combine(target, file)), cancellationToken).ConfigureAwait(false);
                bytes += new FileInfo(source).Length;
            }
            using var copy = FSDirectory.Open(target);
            using var reader = DirectoryReader.Open(copy);
            return new IndexBackup(target, reader.NumDocs, commit.FileNames.Count, bytes);
        }
        finally
        {
            snapshots.Release(commit);
            writer.DeleteUnusedFiles();
        }
    }

    /// <summary>
    /// Makes every change made before this call durable. Concurrent callers share commits: a
    /// caller whose changes were covered by a commit that started after its request returns
    /// without committing again.
    /// </summary>
    public Task CommitAsync(CancellationToken cancellationToken) => CommitAsync(refreshAfter: true, cancellationToken);

    private async Task CommitAsync(bool refreshAfter, CancellationToken cancellationToken)
    {
        var request = Interlocked.Increment(ref commitRequests);
        await commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A commit that started after this request already covers its changes: skip the commit, not the refresh.
            if (Volatile.Read(ref committedRequests) < request)
            {
                var covered = Volatile.Read(ref commitRequests);
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    await Task.Run(writer.Commit, CancellationToken.None).ConfigureAwait(false);
                }
                catch
                {
                    lastWriteFailed = true;
                    throw;
                }
                lastWriteFailed = false;
                Volatile.Write(ref committedRequests, covered);
                IndexLog.Committed(logger, stopwatch.ElapsedMilliseconds);
            }
        }
        finally
        {
            commitGate.Release();
        }
        if (refreshAfter)
        {
            // Acknowledged articles should be searchable as soon as the caller hears back.
            Refresh();
        }
    }

    /// <summary>
    /// Leases the current searcher; dispose the lease when the request is done. After a quiet
    /// spell the background refresh has paused (see <see cref="IndexSettings.SearchIdleAfter"/>),
    /// so a searcher older than the refresh interval is refreshed first: a search never sees
    /// the index as it was more than one refresh interval ago.
    /// </summary>
    public SearcherLease AcquireSearcher()
    {
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref lastSearchTimestamp, now);
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref lastRefreshTimestamp), now) > refreshInterval)
        {
            Refresh();
        }
        return new(searcherManager);
    }

    /// <summary>
    /// False from a failed write or commit (e.g. a full or missing disk) until a later commit
    /// succeeds; a writer that closed itself after a fatal error fails every commit, so it stays false.
    /// </summary>
    public bool CanWrite => !lastWriteFailed;

    /// <summary>How long ago the searcher last caught up with the writer; it grows while nobody searches.</summary>
    public TimeSpan SearcherAge => Stopwatch.GetElapsedTime(Volatile.Read(ref lastRefreshTimestamp));

    /// <summary>
    /// Searchable article count and bytes on disk, cheaply enough to read on every metrics scrape:
    /// unlike <see cref="GetStatistics"/> it does not walk the dates nor count as search activity.
    /// </summary>
    /// <remarks>The size is null while the folder cannot be listed (e.g. its disk is gone).</remarks>
    public (int ArticleCount, long? SizeBytes) GetSize()
    {
        var searcher = searcherManager.Acquire();
        try
        {
            long? size;
            try
            {
                size = directory.ListAll().Sum(SafeFileLength);
            }
            catch (IOException)
            {
                size = null;
            }
            return (searcher.IndexReader.NumDocs, size);
        }
        finally
        {
            searcherManager.Release(searcher);
        }
    }

    /// <summary>Makes every change so far visible to new searches now.</summary>
    public void Refresh()
    {
        var started = Stopwatch.GetTimestamp();
        searcherManager.MaybeRefreshBlocking();
        Volatile.Write(ref lastRefreshTimestamp, started);
    }

    public IndexStatistics GetStatistics()
    {
        using var lease = AcquireSearcher();
        var reader = lease.Searcher.IndexReader;
        long? oldest = null;
        long? newest = null;
        foreach (var leaf in reader.Leaves)
        {
            var values = leaf.AtomicReader.GetNumericDocValues(ArticleFields.PublishedAt);
            var hasValue = leaf.AtomicReader.GetDocsWithField(ArticleFields.PublishedAt);
            if (values is null || hasValue is null)
            {
                continue;
            }
            var liveDocs = leaf.AtomicReader.LiveDocs;
            for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
            {
                if ((liveDocs is null || liveDocs.Get(doc)) && hasValue.Get(doc))
                {
                    var millis = values.Get(doc);
                    oldest = oldest is null ? millis : Math.Min(oldest.Value, millis);
                    newest = newest is null ? millis : Math.Max(newest.Value, millis);
                }
            }
        }
        return new IndexStatistics(
            reader.NumDocs,
            oldest is { } o ? DateTimeOffset.FromUnixTimeMilliseconds(o) : null,
            newest is { } n ? DateTimeOffset.FromUnixTimeMilliseconds(n) : null,
            directory.ListAll().Sum(SafeFileLength));
    }

    private long SafeFileLength(string file)
    {
        try
        {
            return directory.FileLength(file);
        }
        catch (FileNotFoundException)
        {
            // A merge may delete a file between listing and measuring it.
            return 0;
        }
    }

    private async void CommitInBackground()
    {
        try
        {
            // After a failed commit, retry even without new changes, so that health recovers once the disk does.
            if (lastWriteFailed || writer.HasUncommittedChanges())
            {
                // Nobody waits on this commit, so it leaves refreshing to the refresh timer.
                await CommitAsync(refreshAfter: false, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // The index is closing; Dispose commits what is left.
        }
        catch (Exception exception)
        {
            IndexLog.BackgroundCommitFailed(logger, exception);
        }
    }

    /// <summary>
    /// Keeps searches fresh while people search. While nobody has searched for
    /// <see cref="IndexSettings.SearchIdleAfter"/>, a refresh would only flush tiny segments for
    /// later merging (a fifth of the CPU of a bulk ingest), so it waits for the next search.
    /// </summary>
    private void RefreshInBackground()
    {
        var now = Stopwatch.GetTimestamp();
        try
        {
            // Page walks' views expire on this timer whether or not anyone searches.
            PointsInTime.ReleaseExpired();
            if (Stopwatch.GetElapsedTime(Volatile.Read(ref lastSearchTimestamp), now) <= searchIdleAfter && searcherManager.MaybeRefresh())
            {
                Volatile.Write(ref lastRefreshTimestamp, now);
            }
        }
        catch (ObjectDisposedException)
        {
            // The index is closing.
        }
        catch (Exception exception)
        {
            IndexLog.RefreshFailed(logger, exception);
        }
    }

    /// <summary>
    /// Articles indexed before sources, sections, languages and tags got doc values count as
    /// missing in term facets until they are indexed again; say so once, at open.
    /// </summary>
    private void WarnAboutArticlesWithoutFacetValues()
    {
        using var lease = AcquireSearcher();
        var without = lease.Searcher.IndexReader.Leaves
            .Where(leaf => leaf.AtomicReader.FieldInfos.FieldInfo(ArticleFields.Source) is { HasDocValues: false })
            .Sum(leaf => leaf.AtomicReader.NumDocs);
        if (without > 0)
        {
            IndexLog.ArticlesWithoutFacetValues(logger, without);
        }
    }

    /// <summary>Commits what is pending and closes the writer, waiting for merges.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        refreshTimer.Dispose();
        commitTimer.Dispose();
        // Wait for a commit in flight before the writer goes.
        commitGate.Wait();
        PointsInTime.Dispose();
        searcherManager.Dispose();
        writer.Dispose();
        Analyzer.Dispose();
        directory.Dispose();
        commitGate.Dispose();
        IndexLog.Closed(logger, Path);
    }

    /// <summary>Gives every searcher the writer's similarity, so scores use BM25 as indexed.</summary>
    private sealed class ArticleSearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
