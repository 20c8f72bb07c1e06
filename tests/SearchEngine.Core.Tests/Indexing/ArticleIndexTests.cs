using System.Reflection;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging.Abstractions;
using SearchEngine.Core.Indexing;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;
using LuceneDirectory = Lucene.Net.Store.FSDirectory;

namespace SearchEngine.Core.Tests.Indexing;

public sealed class ArticleIndexTests : IDisposable
{
    private readonly TestIndex test = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => test.Dispose();

    [Fact]
    public void Upsert_replaces_the_article_with_the_same_id()
    {
        test.Add(Make("a", "First version", "alpha", Utc(2020, 1, 1), "Xinhua"), Make("b", "Other", "bravo"));
        test.Add(Make("a", "Second version", "delta", Utc(2021, 2, 2)));

        var article = test.Searcher.GetArticle("a");

        Assert.Equal("Second version", article.Title);
        Assert.Equal("delta", article.Body);
        Assert.Equal(Utc(2021, 2, 2), article.PublishedAt);
        Assert.Null(article.Source);
        Assert.Equal(2, test.Search(new SearchQuery()).TotalHits);
        Assert.Empty(test.Ids("alpha"));
        Assert.Equal(["a"], test.Ids("delta"));
    }

    [Fact]
    public void Stores_every_field_of_an_article_and_gives_it_back_unchanged()
    {
        var article = new Article
        {
            Id = "full",
            Title = "贵州大数据 Guizhou",
            Body = "Line one\nLine two",
            PublishedAt = new DateTimeOffset(2024, 3, 10, 8, 30, 15, 123, TimeSpan.Zero),
            Source = "Xinhua",
            Url = "https://example.com/a?b=c&d=e",
            Language = "zh",
            Author = "李明",
            Section = "Economy",
            Tags = ["tech", "贵州"],
        };
        test.Add(article);

        var stored = test.Searcher.GetArticle("full");

        Assert.Equal(article with { Tags = [] }, stored with { Tags = [] });
        Assert.Equal(article.Tags, stored.Tags);
    }

    [Fact]
    public void Get_article_of_an_unknown_id_throws_not_found()
    {
        test.Add(Make("a", "Title"));

        var exception = Assert.Throws<ArticleNotFoundException>(() => test.Searcher.GetArticle("missing"));

        Assert.Equal("missing", exception.Id);
    }

    [Fact]
    public async Task Delete_returns_how_many_of_the_ids_existed_and_removes_them()
    {
        test.Add(Make("a", "alpha"), Make("b", "bravo"), Make("c", "charlie"));

        var deleted = await test.Index.DeleteAsync(["a", "c", "missing", "a"], Cancellation);

        Assert.Equal(2, deleted);
        Assert.Equal(["b"], test.Ids(""));
        Assert.Equal(0, await test.Index.DeleteAsync(["a", "c"], Cancellation));
    }

    [Fact]
    public async Task Delete_counts_an_article_upserted_but_not_yet_refreshed()
    {
        test.Index.Upsert(Make("fresh", "alpha"));

        Assert.Equal(1, await test.Index.DeleteAsync(["fresh"], Cancellation));
        Assert.Empty(test.Ids(""));
    }

    [Fact]
    public async Task Delete_is_durable_without_a_separate_commit()
    {
        test.Add(Make("a", "alpha"), Make("b", "bravo"));
        await test.Index.CommitAsync(Cancellation);

        await test.Index.DeleteAsync(["a"], Cancellation);

        Assert.Equal(1, CommittedDocumentCount());
    }

    [Fact]
    public async Task Commit_writes_the_changes_to_disk_before_the_index_is_closed()
    {
        test.Add(Make("a", "alpha"), Make("b", "bravo"));
        Assert.Equal(0, CommittedDocumentCount());

        await test.Index.CommitAsync(Cancellation);

        Assert.Equal(2, CommittedDocumentCount());
    }

    [Fact]
    public async Task Committed_articles_survive_closing_and_reopening_the_index()
    {
        test.Add(Make("a", "Guizhou pitches big data", "贵州大数据", Utc(2024, 3, 10), "Xinhua"), Make("b", "bravo"));
        await test.Index.CommitAsync(Cancellation);

        test.Reopen();

        Assert.Equal(2, test.Search(new SearchQuery()).TotalHits);
        Assert.Equal(["a"], test.Ids("贵州大数据"));
        Assert.Equal("Xinhua", test.Searcher.GetArticle("a").Source);
    }

    [Fact]
    public async Task Concurrent_commits_all_complete_and_every_article_is_durable()
    {
        const int writers = 16;
        const int articlesPerWriter = 5;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < articlesPerWriter; i++)
            {
                test.Index.Upsert(Make($"w{writer}-{i}", $"writer {writer} article {i}"));
                await test.Index.CommitAsync(Cancellation);
            }
        }, Cancellation)));

        Assert.Equal(writers * articlesPerWriter, CommittedDocumentCount());
        test.Reopen();
        Assert.Equal(writers * articlesPerWriter, test.Search(new SearchQuery()).TotalHits);
    }

    [Fact]
    public async Task A_commit_covered_by_another_callers_commit_returns_only_once_its_article_is_searchable()
    {
        // CommitAsync promises that acknowledged articles are searchable when the caller hears
        // back. Three callers: A commits; B and C queue behind it; the first of them to get its
        // turn commits for both, so the other does not commit again. Refreshes are held back by a
        // refresh listener, so that other caller cannot see its article unless CommitAsync waits
        // for a refresh before returning to it. B and C must ask while A still commits, which
        // depends on thread timing: an attempt where A's commit reached the disk first proves
        // nothing and is repeated.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var fresh = new TestIndex();
            var outcome = await CoveredCommitScenario(fresh);
            if (outcome is { } promiseKept)
            {
                Assert.True(promiseKept, "CommitAsync returned to a covered caller before its article was searchable");
                return;
            }
        }
        Assert.Fail("in 5 attempts, A's commit always finished before B and C asked to commit");
    }

    [Fact]
    public void Upserts_become_visible_on_refresh_not_before()
    {
        test.Index.Upsert(Make("a", "alpha"));
        Assert.Equal(0, test.Search(new SearchQuery()).TotalHits);

        test.Index.Refresh();

        Assert.Equal(["a"], test.Ids("alpha"));
    }

    [Fact]
    public void Statistics_of_an_empty_index_have_no_dates()
    {
        var statistics = test.Index.GetStatistics();

        Assert.Equal(0, statistics.ArticleCount);
        Assert.Null(statistics.OldestPublishedAt);
        Assert.Null(statistics.NewestPublishedAt);
    }

    [Fact]
    public async Task Statistics_count_live_articles_and_date_range_ignoring_deleted_replaced_and_undated_ones()
    {
        test.Add(
            Make("oldest-deleted", "x", publishedAt: Utc(1999, 1, 1)),
            Make("replaced", "x", publishedAt: Utc(2000, 1, 1)),
            Make("old", "x", publishedAt: Utc(2010, 5, 6, 7, 8, 9, 10)),
            Make("undated", "x"),
            Make("new", "x", publishedAt: Utc(2024, 3, 10, 23, 59, 59, 999)),
            Make("newest-deleted", "x", publishedAt: Utc(2025, 1, 1)));
        test.Add(Make("replaced", "x", publishedAt: Utc(2015, 1, 1)));
        await test.Index.DeleteAsync(["oldest-deleted", "newest-deleted"], Cancellation);

        var statistics = test.Index.GetStatistics();

        Assert.Equal(4, statistics.ArticleCount);
        Assert.Equal(Utc(2010, 5, 6, 7, 8, 9, 10), statistics.OldestPublishedAt);
        Assert.Equal(Utc(2024, 3, 10, 23, 59, 59, 999), statistics.NewestPublishedAt);
        Assert.True(statistics.SizeBytes > 0, $"size is {statistics.SizeBytes}");
    }

    [Fact]
    public void Statistics_of_only_undated_articles_have_no_dates()
    {
        test.Add(Make("a", "x"), Make("b", "y"));

        var statistics = test.Index.GetStatistics();

        Assert.Equal(2, statistics.ArticleCount);
        Assert.Null(statistics.OldestPublishedAt);
        Assert.Null(statistics.NewestPublishedAt);
    }

    [Fact]
    public async Task Statistics_size_is_the_size_of_the_index_files()
    {
        // Random letters: stored fields are compressed, repeated text would shrink to nothing.
        var random = new Random(7);
        test.Add(Enumerable.Range(0, 50).Select(i => Make($"a{i}", $"title {i}", new string([.. Enumerable.Range(0, 200).Select(_ => (char)random.Next('a', 'z' + 1))]))));
        await test.Index.CommitAsync(Cancellation);

        var statistics = test.Index.GetStatistics();
        var onDisk = new DirectoryInfo(test.Path).EnumerateFiles().Sum(file => file.Length);

        Assert.Equal(onDisk, statistics.SizeBytes);
        Assert.True(statistics.SizeBytes > 50 * 200, $"size is {statistics.SizeBytes}");
    }

    [Fact]
    public async Task A_second_index_on_the_same_folder_fails_with_index_locked_naming_the_folder()
    {
        test.Add(Make("a", "alpha"));
        await test.Index.CommitAsync(Cancellation);
        var lockFile = Path.Combine(test.Path, "write.lock");
        Assert.True(File.Exists(lockFile));

        var exception = Assert.Throws<IndexLockedException>(() => TestIndex.Open(test.Path));

        Assert.Contains(Path.GetFullPath(test.Path), exception.Message);
        Assert.True(File.Exists(lockFile), "the failed open deleted write.lock");
        // The first index still owns the folder and keeps working.
        test.Add(Make("b", "bravo"));
        await test.Index.CommitAsync(Cancellation);
        Assert.Equal(2, CommittedDocumentCount());
        Assert.Throws<IndexLockedException>(() => TestIndex.Open(test.Path));
    }

    [Fact]
    public void The_folder_can_be_opened_again_once_the_first_index_is_closed()
    {
        test.Add(Make("a", "alpha"));

        test.Reopen();

        Assert.Equal(["a"], test.Ids("alpha"));
    }

    [Fact]
    public void Dispose_commits_pending_changes_and_can_be_called_twice()
    {
        test.Index.Upsert(Make("a", "alpha"));

        test.Index.Dispose();
        test.Index.Dispose();

        Assert.Equal(1, CommittedDocumentCount());
        test.Reopen();
        Assert.Equal(["a"], test.Ids("alpha"));
    }

    /// <summary>
    /// Runs A, B and C as described above. False when CommitAsync returned to B or C before its
    /// article was searchable; true when it did not; null when that proves nothing because A's
    /// commit was done before C asked (so B and C may each have committed for itself).
    /// </summary>
    private static async Task<bool?> CoveredCommitScenario(TestIndex index)
    {
        var manager = (SearcherManager)typeof(ArticleIndex)
            .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Single(field => field.FieldType == typeof(SearcherManager))
            .GetValue(index.Index)!;
        await index.Index.CommitAsync(Cancellation);
        var generationBefore = LastCommitGeneration(index.Path);
        // Pending documents, so that A's commit is still running when B and C ask.
        const int ballast = 2_000;
        foreach (var i in Enumerable.Range(0, ballast))
        {
            index.Index.Upsert(Make($"ballast-{i}", $"ballast {i}", new string('x', 100)));
        }
        using var refreshes = new HeldRefreshes();
        manager.AddListener(refreshes);
        Task a, b, c;
        bool? outcome;
        try
        {
            index.Index.Upsert(Make("a", "alpha"));
            // A takes the commit gate before CommitAsync returns to us.
            a = index.Index.CommitAsync(Cancellation);
            index.Index.Upsert(Make("b", "bravo"));
            b = index.Index.CommitAsync(Cancellation);
            index.Index.Upsert(Make("c", "charlie"));
            c = index.Index.CommitAsync(Cancellation);
            var aStillCommitting = LastCommitGeneration(index.Path) == generationBefore;

            // Once b and c are on disk, a covered caller either returns at once (without a
            // refresh) or waits for one.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (CommittedDocumentCount(index.Path, whileCommitting: true) < ballast + 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10, Cancellation);
            }
            await Task.WhenAny(Task.WhenAll(b, c), Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation));
            // Returning unsearchable breaks the promise whatever the timing; waiting proves the
            // promise kept only if one of B and C really was covered by the other's commit.
            var returnedUnsearchable = new[] { (Task: b, Id: "b"), (Task: c, Id: "c") }
                .Where(caller => caller.Task.IsCompleted && !IsSearchable(index, caller.Id))
                .Select(caller => caller.Id)
                .ToList();
            outcome = returnedUnsearchable.Count > 0 ? false : aStillCommitting ? true : null;
        }
        finally
        {
            refreshes.Release();
        }
        await Task.WhenAll(a, b, c);
        manager.RemoveListener(refreshes);

        Assert.All(new[] { "a", "b", "c" }, id => Assert.True(IsSearchable(index, id), $"{id} is not searchable after every commit returned"));
        Assert.Equal(ballast + 3, CommittedDocumentCount(index.Path));
        return outcome;
    }

    private static bool IsSearchable(TestIndex index, string id)
    {
        using var lease = index.Index.AcquireSearcher();
        return lease.Searcher.Search(new TermQuery(new Term(ArticleFields.Id, id)), 1).TotalHits == 1;
    }

    private static long LastCommitGeneration(string path)
    {
        using var directory = LuceneDirectory.Open(path);
        return SegmentInfos.GetLastCommitGeneration(directory);
    }

    /// <summary>Documents in the last commit on disk, read independently of the writer.</summary>
    private int CommittedDocumentCount() => CommittedDocumentCount(test.Path);

    /// <summary>
    /// Documents in the last commit on disk. Lucene 4 writes segments_N in place, so while a
    /// commit is being written a reader may fail: <paramref name="whileCommitting"/> reports -1 then.
    /// </summary>
    [Fact]
    public async Task Articles_waiting_in_an_open_stream_are_committed_within_the_commit_interval()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "index");
        using var index = ArticleIndex.Open(new IndexSettings { Path = path, RefreshInterval = TimeSpan.FromHours(1), CommitInterval = TimeSpan.FromMilliseconds(200) }, NullLogger.Instance);

        index.Upsert(Make("pending-1", title: "Orchard harvest"));
        index.Upsert(Make("pending-2", title: "Orchard frost"));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (CommittedDocumentCount(path, whileCommitting: true) != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Equal(2, CommittedDocumentCount(path));
    }

    [Fact]
    public async Task A_search_after_an_idle_spell_refreshes_first_and_sees_articles_older_than_the_refresh_interval()
    {
        using var folder = new TempFolder();
        // Idle from the start: the background refresh never runs, so only the search itself can refresh.
        using var index = ArticleIndex.Open(new IndexSettings
        {
            Path = Path.Combine(folder.Path, "index"),
            RefreshInterval = TimeSpan.FromMilliseconds(100),
            SearchIdleAfter = TimeSpan.Zero,
        }, NullLogger.Instance);
        index.Upsert(Make("quiet-1", title: "Lighthouse keeper"));

        await Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation);

        Assert.Equal(1, new ArticleSearcher(index).Search(new SearchQuery { Text = "lighthouse" }, TestContext.Current.CancellationToken).TotalHits);
    }

    [Fact]
    public async Task A_backup_is_a_complete_index_of_the_last_commit()
    {
        test.Add(Make("kept-1", title: "Glacier survey"), Make("kept-2", title: "Glacier retreat"));
        using var target = new TempFolder();
        var backupPath = Path.Combine(target.Path, "copy");

        var backup = await test.Index.CreateBackupAsync(backupPath, TestContext.Current.CancellationToken);
        test.Index.Upsert(Make("after-backup", title: "Glacier melt"));

        Assert.Equal(2, backup.ArticleCount);
        Assert.Equal(2, CommittedDocumentCount(backupPath));
        using var restored = ArticleIndex.Open(new IndexSettings { Path = backupPath }, NullLogger.Instance);
        Assert.Equal(2, restored.GetStatistics().ArticleCount);
        var check = new CheckIndex(LuceneDirectory.Open(backupPath)).DoCheckIndex();
        Assert.True(check.Clean, "CheckIndex found problems in the backup");
    }

    private static int CommittedDocumentCount(string path, bool whileCommitting = false)
    {
        try
        {
            using var directory = LuceneDirectory.Open(path);
            if (!DirectoryReader.IndexExists(directory))
            {
                return 0;
            }
            using var reader = DirectoryReader.Open(directory);
            return reader.NumDocs;
        }
        catch (IOException) when (whileCommitting)
        {
            return -1;
        }
    }

    /// <summary>Blocks every searcher refresh until released.</summary>
    private sealed class HeldRefreshes : ReferenceManager.IRefreshListener, IDisposable
    {
        private readonly ManualResetEventSlim released = new();

        public void Release() => released.Set();

        public void BeforeRefresh() => Assert.True(released.Wait(TimeSpan.FromSeconds(30)), "refreshes were never released");

        public void AfterRefresh(bool didRefresh)
        {
        }

        public void Dispose() => released.Dispose();
    }
}
