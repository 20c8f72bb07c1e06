using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>
/// Searches given up by their caller, over an index large enough that a heavy search outlives a
/// tiny deadline: DEADLINE_EXCEEDED or CANCELLED, and the server keeps answering afterwards.
/// </summary>
public sealed class DeadlineTests(DeadlineTests.LargeIndexFixture fixture) : IClassFixture<DeadlineTests.LargeIndexFixture>
{
    private const int ArticleCount = 4_000;

    private SearchServer Server => fixture.Server;

    private SearchService.SearchServiceClient Client => new(Server.Channel);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Every article matches, with the largest page, every facet and a day histogram: the most work one search can ask for.</summary>
    private static SearchRequest Heavy => new()
    {
        Query = "harbour OR port",
        Match = MatchMode.Any,
        PageSize = 100,
        Highlight = new HighlightOptions { SnippetCount = 10, SnippetLength = 1_000 },
        DateHistogram = new DateHistogramOptions { Interval = DateInterval.Day },
        TermFacets = new TermFacetOptions { Size = 100, Fields = { FacetField.Source, FacetField.Section, FacetField.Tags } },
    };

    [Fact]
    public async Task SearchesWhoseDeadlinePassesFailWithDeadlineExceededAndTheServerStaysHealthy()
    {
        var calls = Enumerable.Range(0, 16).Select(_ => RpcAssert.FailsWithAsync(StatusCode.DeadlineExceeded,
            async () => await Client.SearchAsync(Heavy, deadline: DateTime.UtcNow.AddMilliseconds(2), cancellationToken: Cancellation)));
        await Task.WhenAll(calls);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await Server.CheckHealthAsync());
        var answered = await Client.SearchAsync(Heavy, deadline: DateTime.UtcNow.AddMinutes(1), cancellationToken: Cancellation);
        Assert.Equal(ArticleCount, answered.TotalHits);
        Assert.Equal(100, answered.Hits.Count);
    }

    [Fact]
    public async Task ASearchItsClientCancelsFailsWithCancelled()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(2));

        await RpcAssert.FailsWithAsync(StatusCode.Cancelled, async () => await Client.SearchAsync(Heavy, cancellationToken: cancellation.Token));

        Assert.Equal(ArticleCount, (await Server.SearchAsync(Heavy)).TotalHits);
    }

    /// <summary>
    /// An index of <see cref="ArticleCount"/> harbour articles spread over eleven years, served on a
    /// real socket: the in-memory test server turns the server's stream reset at the deadline into INTERNAL.
    /// </summary>
    public sealed class LargeIndexFixture : IndexServerFixture
    {
        protected override ServerSettings SettingsFor(string indexPath) =>
            new(indexPath, SampleData: "", ServerSettings.DefaultRefreshInterval, OverSocket: true);

        protected override async Task SeedAsync(SearchServer started)
        {
            var start = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var articles = Enumerable.Range(0, ArticleCount).Select(i => new Article
            {
                Id = $"harbour-{i:0000}",
                Title = i % 2 == 0 ? $"Harbour report {i}" : $"Port report {i}",
                Body = $"The harbour {(i % 2 == 0 ? "master" : "port")} logged berth {i % 97} and tide {i % 13}. " + string.Join(' ', Enumerable.Repeat("Ships waited in the harbour while the port crews worked.", 1 + (i % 5))),
                PublishedAt = Timestamp.FromDateTimeOffset(start.AddHours(i * 24)),
                Source = $"Gazette {i % 40}",
                Section = $"Section {i % 12}",
                Tags = { $"tag {i % 50}", $"tag {i % 7}" },
            });
            var response = await started.IndexArticlesAsync(articles);
            if (response.Indexed != ArticleCount)
            {
                throw new InvalidOperationException($"the large index was not fully indexed: {response}");
            }
        }
    }
}
