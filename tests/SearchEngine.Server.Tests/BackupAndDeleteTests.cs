using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>Backups taken while indexing goes on, deletion by query and date range, and the body size limit.</summary>
public sealed class BackupAndDeleteTests
{
    private static ServerSettings Settings(string indexPath) => new(indexPath, SampleData: "", ServerSettings.DefaultRefreshInterval);

    private static Article Story(int number, string title, string publishedAt) => new()
    {
        Id = $"story-{number:D4}",
        Title = title,
        Body = $"Report number {number} on the {title.ToLowerInvariant()}.",
        PublishedAt = Timestamps.At(publishedAt),
    };

    [Fact]
    public async Task BackupTakenDuringIndexingStartsAServerWithExactlyTheAcknowledgedArticles()
    {
        using var indexFolder = new TempFolder();
        using var backupParent = new TempFolder();
        var backupPath = Path.Combine(backupParent.Path, "backup");
        await using var server = await SearchServer.StartAsync(Settings(indexFolder.Path));
        var acknowledged = Enumerable.Range(0, 300).Select(i => Story(i, "Lighthouse restoration", "2021-05-05T10:00:00Z")).ToArray();
        Assert.Equal(300, (await server.IndexArticlesAsync(acknowledged)).Indexed);

        // A stream still open while the backup runs: its articles are not acknowledged yet.
        using var cancelLateStream = new CancellationTokenSource();
        var lateStream = Task.Run(async () =>
        {
            for (var first = 1000; ; first += 100)
            {
                cancelLateStream.Token.ThrowIfCancellationRequested();
                await server.IndexArticlesAsync(Enumerable.Range(first, 100).Select(i => Story(i, "Canal dredging", "2022-06-06T10:00:00Z")));
            }
        }, TestContext.Current.CancellationToken);
        var backup = await server.CreateBackupAsync(backupPath);
        await cancelLateStream.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lateStream);

        Assert.Equal(backupPath, backup.Path);
        Assert.True(backup.ArticleCount >= 300, $"backup holds {backup.ArticleCount} articles");
        Assert.True(backup.FileCount > 0 && backup.SizeBytes > 0);
        Assert.False(File.Exists(Path.Combine(backupPath, "write.lock")), "a backup must not carry the live index's lock");

        await using var restored = await SearchServer.StartAsync(Settings(backupPath));
        var stats = await restored.GetIndexStatsAsync();
        Assert.Equal(backup.ArticleCount, stats.ArticleCount);
        foreach (var article in acknowledged.Where((_, i) => i % 37 == 0))
        {
            Assert.Equal(article.Title, (await restored.GetArticleAsync(article.Id)).Title);
        }
        Assert.Equal(300, (await restored.SearchAsync("lighthouse")).TotalHits);
    }

    [Fact]
    public async Task BackupRefusesAFolderThatIsNotEmptyOrInsideTheIndex()
    {
        using var indexFolder = new TempFolder();
        using var occupied = new TempFolder();
        occupied.WriteText("keep.txt", "not an index");
        await using var server = await SearchServer.StartAsync(Settings(indexFolder.Path));

        var notEmpty = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => server.CreateBackupAsync(occupied.Path));
        Assert.Contains("not empty", notEmpty.Status.Detail);
        var inside = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => server.CreateBackupAsync(Path.Combine(indexFolder.Path, "copy")));
        Assert.Contains("inside the index folder", inside.Status.Detail);
        await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => server.CreateBackupAsync(""));
        Assert.Equal("not an index", File.ReadAllText(Path.Combine(occupied.Path, "keep.txt")));
    }

    [Fact]
    public async Task DeleteByQueryAndDateRangeRemovesExactlyTheMatchingArticles()
    {
        using var indexFolder = new TempFolder();
        await using var server = await SearchServer.StartAsync(Settings(indexFolder.Path));
        await server.IndexArticlesAsync(
        [
            Story(1, "Ferry timetable changes", "2019-01-10T08:00:00Z"),
            Story(2, "Ferry timetable changes", "2019-02-10T08:00:00Z"),
            Story(3, "Ferry timetable changes", "2020-03-10T08:00:00Z"),
            Story(4, "Tram timetable changes", "2019-01-20T08:00:00Z"),
        ]);

        var byQueryAndRange = await server.DeleteArticlesAsync(new DeleteArticlesRequest
        {
            Query = "ferry",
            DateRange = new DateRange { From = Timestamps.At("2019-01-01T00:00:00Z"), To = Timestamps.At("2020-01-01T00:00:00Z") },
        });

        Assert.Equal(2, byQueryAndRange.Deleted);
        Assert.Equal(["story-0003", "story-0004"], (await server.SearchAsync("timetable")).Hits.Select(hit => hit.Id).Order());

        var byRangeOnly = await server.DeleteArticlesAsync(new DeleteArticlesRequest
        {
            DateRange = new DateRange { From = Timestamps.At("2020-01-01T00:00:00Z") },
        });
        Assert.Equal(1, byRangeOnly.Deleted);
        Assert.Equal(1, (await server.GetIndexStatsAsync()).ArticleCount);
    }

    [Fact]
    public async Task DeleteRefusesAmbiguousEmptyOrMalformedSelections()
    {
        using var indexFolder = new TempFolder();
        await using var server = await SearchServer.StartAsync(Settings(indexFolder.Path));
        await server.IndexArticlesAsync([Story(1, "Bridge inspection", "2019-01-10T08:00:00Z")]);

        var both = new DeleteArticlesRequest { Query = "bridge" };
        both.Ids.Add("story-0001");
        var ambiguous = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => server.DeleteArticlesAsync(both));
        Assert.Contains("not both", ambiguous.Status.Detail);
        await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => server.DeleteArticlesAsync(new DeleteArticlesRequest()));
        var malformed = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => server.DeleteArticlesAsync(new DeleteArticlesRequest { Query = "(bridge" }));
        Assert.Contains("parenthesis", malformed.Status.Detail);
        Assert.Equal(1, (await server.GetIndexStatsAsync()).ArticleCount);
    }

    [Fact]
    public async Task AnOversizedBodyIsRejectedAloneAndTheRestOfTheStreamGoesIn()
    {
        using var indexFolder = new TempFolder();
        await using var server = await SearchServer.StartAsync(Settings(indexFolder.Path));
        var oversized = new Article { Id = "huge", Title = "Very long report", Body = new string('x', (1 << 20) + 1) };

        var response = await server.IndexArticlesAsync([Story(1, "Harbour opening", "2020-01-01T00:00:00Z"), oversized, Story(2, "Harbour closing", "2020-01-02T00:00:00Z")]);

        Assert.Equal(2, response.Indexed);
        var rejected = Assert.Single(response.Rejected);
        Assert.Equal(2, rejected.Position);
        Assert.Equal("huge", rejected.Id);
        Assert.Contains("Index:MaxArticleBytes", rejected.Reason);
    }
}
