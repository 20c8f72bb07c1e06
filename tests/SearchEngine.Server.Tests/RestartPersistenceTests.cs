using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

public sealed class RestartPersistenceTests
{
    [Fact]
    public async Task IndexedArticlesSurviveARestartAndTheSampleIsNotLoadedOverThem()
    {
        using var indexFolder = new TempFolder();
        Article[] written =
        [
            new() { Id = "restart-1", Title = "Harbour crane replaced", Body = "The new crane lifts twice the load.", PublishedAt = Timestamps.At("2023-03-03T03:03:03Z") },
            new() { Id = "restart-2", Title = "港口新吊车投入使用", Body = "新吊车的起重能力提高一倍。" },
        ];

        await using (var first = await SearchServer.StartAsync(new ServerSettings(indexFolder.Path, SampleData: "", ServerSettings.DefaultRefreshInterval)))
        {
            Assert.Equal(2, (await first.IndexArticlesAsync(written)).Indexed);
        }

        await using var second = await SearchServer.StartAsync(new ServerSettings(indexFolder.Path, RepositoryPaths.SampleData, ServerSettings.DefaultRefreshInterval));

        Assert.Equal(2, (await second.GetIndexStatsAsync()).ArticleCount);
        Assert.Equal(written[0].Title, (await second.GetArticleAsync("restart-1")).Title);
        Assert.Equal(written[0].PublishedAt, (await second.GetArticleAsync("restart-1")).PublishedAt);
        Assert.Equal(["restart-1"], (await second.SearchAsync("crane")).Hits.Select(hit => hit.Id));
        Assert.Equal(["restart-2"], (await second.SearchAsync("吊车")).Hits.Select(hit => hit.Id));
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, () => second.GetArticleAsync("sample-001"));
    }

    [Fact]
    public async Task DeletionsSurviveARestart()
    {
        using var indexFolder = new TempFolder();
        var settings = new ServerSettings(indexFolder.Path, SampleData: "", ServerSettings.DefaultRefreshInterval);

        await using (var first = await SearchServer.StartAsync(settings))
        {
            await first.IndexArticlesAsync([new Article { Id = "kept", Title = "Kept" }, new Article { Id = "dropped", Title = "Dropped" }]);
            Assert.Equal(1, (await first.DeleteArticlesAsync("dropped")).Deleted);
        }

        await using var second = await SearchServer.StartAsync(settings);

        Assert.Equal(1, (await second.GetIndexStatsAsync()).ArticleCount);
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, () => second.GetArticleAsync("dropped"));
    }
}
