using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>
/// IndexArticles and DeleteArticles against an index whose background refresh never comes in time:
/// what a test finds right after a write, the write's own commit made searchable.
/// Each test writes its own ids and words, so the order the tests run in does not matter.
/// </summary>
public sealed class IndexArticlesTests(WritableIndexFixture fixture) : IClassFixture<WritableIndexFixture>
{
    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task CountsIndexedArticlesAndRejectsInvalidOnesByPosition()
    {
        var response = await Server.IndexArticlesAsync(
        [
            new Article { Id = "counts-1", Title = "Quokka census begins" },
            new Article { Title = "An article without an id", Body = "Quokka text." },
            new Article { Id = "counts-2", Body = "Quokka numbers rose on the island." },
            new Article { Id = "counts-empty", Title = "   ", Body = "", Source = "Nobody" },
            new Article { Id = "counts-ancient", Title = "Quokka first described", PublishedAt = Timestamps.At("1799-12-31T23:59:59Z") },
            new Article { Id = "counts-3", Title = "Quokka census ends", PublishedAt = Timestamps.At("1800-06-01T00:00:00Z") },
        ]);

        Assert.Equal(3, response.Indexed);
        Assert.Equal([2L, 4L, 5L], response.Rejected.Select(rejected => rejected.Position));
        Assert.Equal(["", "counts-empty", "counts-ancient"], response.Rejected.Select(rejected => rejected.Id));
        Assert.Contains("no id", response.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("neither title nor body", response.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("1800", response.Rejected[2].Reason, StringComparison.Ordinal);

        var found = await Server.SearchAsync(new SearchRequest { Query = "quokka", PageSize = 100 });
        Assert.Equal(["counts-1", "counts-2", "counts-3"], found.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal));
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, () => Server.GetArticleAsync("counts-ancient"));
    }

    [Theory]
    [InlineData("long", "512")]
    [InlineData("control", "control characters")]
    public async Task UnusableIdIsRejected(string kind, string expectedReason)
    {
        var id = kind == "long" ? new string('i', 513) : "bell\u0007id";

        var response = await Server.IndexArticlesAsync([new Article { Id = id, Title = "Lemur troop relocated" }]);

        Assert.Equal(0, response.Indexed);
        var rejected = Assert.Single(response.Rejected);
        Assert.Equal(id, rejected.Id);
        Assert.Contains(expectedReason, rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await Server.SearchAsync("lemur")).TotalHits);
    }

    [Fact]
    public async Task DayHistogramWiderThanTenThousandBucketsIsInvalid()
    {
        await Server.IndexArticlesAsync(
        [
            new Article { Id = "zebu-1900", Title = "Zebu herd counted", PublishedAt = Timestamps.At("1900-01-01T00:00:00Z") },
            new Article { Id = "zebu-2000", Title = "Zebu herd recounted", PublishedAt = Timestamps.At("2000-01-01T00:00:00Z") },
        ]);

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.SearchAsync(new SearchRequest
        {
            Query = "zebu",
            DateHistogram = new DateHistogramOptions { Interval = DateInterval.Day },
        }));
        var weekly = await Server.SearchAsync(new SearchRequest { Query = "zebu", DateHistogram = new DateHistogramOptions { Interval = DateInterval.Week } });

        Assert.Contains("10000", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, weekly.DateHistogram.Sum(bucket => bucket.Count));
    }

    [Fact]
    public async Task TimestampOutsideTheProtobufRangeIsRejected()
    {
        // One second past 9999-12-31T23:59:59Z.
        var response = await Server.IndexArticlesAsync([new Article { Id = "far-future", Title = "Gecko found", PublishedAt = new Timestamp { Seconds = 253_402_300_800 } }]);

        var rejected = Assert.Single(response.Rejected);
        Assert.Equal("far-future", rejected.Id);
        Assert.Contains("published_at", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArticleDatedInTheFutureIsRejected()
    {
        var response = await Server.IndexArticlesAsync(
            [new Article { Id = "future-1", Title = "Tomorrow's news", PublishedAt = Timestamps.At("2999-01-01T00:00:00Z") }]);

        Assert.Equal(0, response.Indexed);
        var rejected = Assert.Single(response.Rejected);
        Assert.Equal(1, rejected.Position);
        Assert.Equal("future-1", rejected.Id);
    }

    [Fact]
    public async Task EmptyStreamIndexesNothing()
    {
        var response = await Server.IndexArticlesAsync([]);

        Assert.Equal(0, response.Indexed);
        Assert.Empty(response.Rejected);
    }

    [Fact]
    public async Task AcknowledgedArticlesAreSearchableAtOnce()
    {
        await Server.IndexArticlesAsync([new Article { Id = "at-once-1", Title = "Axolotl sanctuary opens", Body = "The axolotl pools are open daily." }]);

        var response = await Server.SearchAsync("axolotl");

        Assert.Equal(["at-once-1"], response.Hits.Select(hit => hit.Id));
        Assert.Equal("Axolotl sanctuary opens", (await Server.GetArticleAsync("at-once-1")).Title);
    }

    [Fact]
    public async Task IndexingAnExistingIdReplacesTheArticle()
    {
        var before = (await Server.GetIndexStatsAsync()).ArticleCount;

        await Server.IndexArticlesAsync([new Article { Id = "upsert-1", Title = "Pangolin rescue planned", Body = "First version." }]);
        var second = await Server.IndexArticlesAsync(
        [
            new Article { Id = "upsert-1", Title = "Narwhal rescue planned", Body = "Second version." },
            new Article { Id = "upsert-1", Title = "Narwhal rescue completed", Body = "Third version." },
        ]);

        Assert.Equal(2, second.Indexed);
        Assert.Equal(before + 1, (await Server.GetIndexStatsAsync()).ArticleCount);
        Assert.Equal(0, (await Server.SearchAsync("pangolin")).TotalHits);
        var narwhal = await Server.SearchAsync("narwhal");
        Assert.Equal(["upsert-1"], narwhal.Hits.Select(hit => hit.Id));
        Assert.Equal("Narwhal rescue completed", narwhal.Hits[0].Title);
    }

    [Fact]
    public async Task PaddedIdIsRejectedRatherThanStoredUnderAnIdTheClientNeverSent()
    {
        var response = await Server.IndexArticlesAsync(
        [
            new Article { Id = "padded-1", Title = "Ibis colony counted" },
            new Article { Id = "  padded-1  ", Title = "Ibis colony recounted" },
        ]);

        Assert.Equal(1, response.Indexed);
        var rejected = Assert.Single(response.Rejected);
        Assert.Equal(2, rejected.Position);
        Assert.Contains("leading or trailing whitespace", rejected.Reason);
        Assert.Equal("Ibis colony counted", (await Server.GetArticleAsync("padded-1")).Title);
    }

    [Fact]
    public async Task DeleteCountsOnlyExistingArticlesAndIgnoresUnknownIds()
    {
        await Server.IndexArticlesAsync(
        [
            new Article { Id = "delete-a", Title = "Okapi calf born" },
            new Article { Id = "delete-b", Title = "Okapi calf named" },
            new Article { Id = "delete-c", Title = "Okapi calf thrives" },
        ]);
        var before = (await Server.GetIndexStatsAsync()).ArticleCount;

        var response = await Server.DeleteArticlesAsync("delete-a", "delete-b", "delete-unknown");

        Assert.Equal(2, response.Deleted);
        Assert.Equal(before - 2, (await Server.GetIndexStatsAsync()).ArticleCount);
        Assert.Equal(["delete-c"], (await Server.SearchAsync("okapi")).Hits.Select(hit => hit.Id));
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, () => Server.GetArticleAsync("delete-a"));
    }

    [Fact]
    public async Task DeletingTheSameIdTwiceInOneCallCountsItOnce()
    {
        await Server.IndexArticlesAsync([new Article { Id = "delete-twice", Title = "Tapir spotted" }]);

        var response = await Server.DeleteArticlesAsync("delete-twice", "delete-twice");

        Assert.Equal(1, response.Deleted);
        Assert.Equal(0, (await Server.DeleteArticlesAsync("delete-twice")).Deleted);
    }

    [Fact]
    public async Task DeleteWithoutIdsIsInvalid()
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.DeleteArticlesAsync());

        Assert.Contains("ids", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteOfMoreThanTenThousandIdsIsInvalid()
    {
        var ids = Enumerable.Range(0, 10_001).Select(i => $"bulk-{i}").ToArray();

        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.DeleteArticlesAsync(ids));

        Assert.Contains("10001", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteWithAnEmptyIdIsInvalid()
    {
        var failure = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => Server.DeleteArticlesAsync("delete-x", ""));

        Assert.Contains("ids[1]", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatisticsFollowWrites()
    {
        var before = await Server.GetIndexStatsAsync();

        await Server.IndexArticlesAsync(
        [
            // The earliest date accepted.
            new Article { Id = "stats-old", Title = "Earliest dispatch", PublishedAt = Timestamps.At("1800-01-01T00:00:00Z") },
            new Article { Id = "stats-undated", Title = "Undated dispatch" },
        ]);
        var after = await Server.GetIndexStatsAsync();

        Assert.Equal(before.ArticleCount + 2, after.ArticleCount);
        Assert.Equal(Timestamps.At("1800-01-01T00:00:00Z"), after.OldestPublishedAt);
        Assert.True(after.SizeBytes > 0, $"size_bytes is {after.SizeBytes}");
    }
}
