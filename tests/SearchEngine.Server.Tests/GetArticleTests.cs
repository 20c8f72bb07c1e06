using Grpc.Core;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

public sealed class GetArticleTests(CuratedIndexFixture fixture) : IClassFixture<CuratedIndexFixture>
{
    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task ReturnsTheWholeArticleAsIndexed()
    {
        var article = await Server.GetArticleAsync(CuratedArticles.FullySpecified.Id);

        Assert.Equal(CuratedArticles.FullySpecified, article);
        Assert.Equal(["ferries", "winter", "timetable"], article.Tags);
        Assert.Equal("Mei Ling Tan", article.Author);
        Assert.Equal("transport", article.Section);
    }

    [Fact]
    public async Task ArticleWithoutADateComesBackWithoutOne()
    {
        var article = await Server.GetArticleAsync("lighthouse-undated-a");

        Assert.Null(article.PublishedAt);
        Assert.Equal("en", article.Language);
    }

    [Fact]
    public async Task UnknownIdIsNotFound()
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.NotFound, () => Server.GetArticleAsync("no-such-article"));

        Assert.Contains("no-such-article", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task MissingIdIsInvalid(string id)
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.GetArticleAsync(id));

        Assert.Contains("id", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CuratedIndexStatisticsCountEveryArticleAndSpanTheirDates()
    {
        var stats = await Server.GetIndexStatsAsync();

        Assert.Equal(CuratedArticles.All.Count, stats.ArticleCount);
        Assert.Equal(Timestamps.At("2016-09-29T03:00:00Z"), stats.OldestPublishedAt);
        Assert.Equal(Timestamps.At("2021-05-01T02:00:00Z"), stats.NewestPublishedAt);
        Assert.True(stats.SizeBytes > 0, $"size_bytes is {stats.SizeBytes}");
    }
}
