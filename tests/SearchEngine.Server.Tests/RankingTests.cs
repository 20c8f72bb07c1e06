using Microsoft.Extensions.Configuration;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Hosting;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>Freshness ranking through the Search RPC with the default ranking settings.</summary>
public sealed class RankingTests(QueryIndexFixture fixture) : IClassFixture<QueryIndexFixture>
{
    private SearchServer Server => fixture.Server;

    private Task<SearchResponse> QuayAsync(Ranking ranking, string? now, SortOrder sort = SortOrder.RelevanceUnspecified) =>
        Server.SearchAsync(new SearchRequest { Query = "quay", Ranking = ranking, Now = now is null ? null : Timestamps.At(now), Sort = sort });

    [Fact]
    public async Task APinnedNowDecidesTheOrderReproducibly()
    {
        var relevance = await QuayAsync(Ranking.RelevanceUnspecified, "2024-01-02T00:00:00Z");
        var early = await QuayAsync(Ranking.RelevanceWithFreshness, "2020-01-02T00:00:00Z");
        var late = await QuayAsync(Ranking.RelevanceWithFreshness, "2024-01-02T00:00:00Z");
        var lateAgain = await QuayAsync(Ranking.RelevanceWithFreshness, "2024-01-02T00:00:00Z");

        // The older article says "quay" twice: first on relevance alone, and while it is the fresher one.
        Assert.Equal("quay-older", relevance.Hits[0].Id);
        Assert.Equal("quay-older", early.Hits[0].Id);
        Assert.Equal(["quay-newer", "quay-older", "quay-undated"], late.Hits.Select(hit => hit.Id));
        Assert.Equal(late.Hits.Select(hit => (hit.Id, hit.Score)), lateAgain.Hits.Select(hit => (hit.Id, hit.Score)));
    }

    [Fact]
    public async Task FreshnessMultipliesTheScoreByOnePlusHalfPerThirtyDaysOfAge()
    {
        // quay-newer is exactly one default half-life (30 days) old; quay-undated has no date.
        var relevance = Scores(await QuayAsync(Ranking.RelevanceUnspecified, "2024-01-31T00:00:00Z"));
        var fresh = Scores(await QuayAsync(Ranking.RelevanceWithFreshness, "2024-01-31T00:00:00Z"));

        Assert.Equal(relevance["quay-newer"] * 1.5f, fresh["quay-newer"], 4);
        Assert.Equal(relevance["quay-undated"], fresh["quay-undated"]);
    }

    [Fact]
    public async Task WithoutAPinnedNowFreshnessIsMeasuredFromTheServerClock()
    {
        var fresh = Scores(await QuayAsync(Ranking.RelevanceWithFreshness, now: null));
        var relevance = Scores(await QuayAsync(Ranking.RelevanceUnspecified, now: null));

        // Both articles are years old by now, so almost no bonus is left; the order is relevance's.
        Assert.InRange(fresh["quay-newer"] / relevance["quay-newer"], 1f, 1.01f);
        Assert.True(fresh["quay-older"] > fresh["quay-newer"]);
    }

    [Fact]
    public async Task FreshnessIsIgnoredWhenSortingByDate()
    {
        var response = await QuayAsync(Ranking.RelevanceWithFreshness, "2020-01-02T00:00:00Z", SortOrder.Oldest);

        Assert.Equal(["quay-older", "quay-newer", "quay-undated"], response.Hits.Select(hit => hit.Id));
        Assert.All(response.Hits, hit => Assert.Equal(0f, hit.Score));
    }

    private static Dictionary<string, float> Scores(SearchResponse response) => response.Hits.ToDictionary(hit => hit.Id, hit => hit.Score);
}

/// <summary>The Ranking configuration section reaches the scores; invalid values stop the server.</summary>
public sealed class RankingConfigurationTests(CustomRankingIndexFixture custom, QueryIndexFixture defaults)
    : IClassFixture<CustomRankingIndexFixture>, IClassFixture<QueryIndexFixture>
{
    [Fact]
    public async Task RankingBDecidesWhetherALongArticlePaysForItsLength()
    {
        var withDefaults = await defaults.Server.SearchAsync("wombat");
        var withoutLengthNormalisation = await custom.Server.SearchAsync("wombat");

        Assert.Equal(["wombat-short", "wombat-long"], withDefaults.Hits.Select(hit => hit.Id));
        Assert.Equal(["wombat-long", "wombat-short"], withoutLengthNormalisation.Hits.Select(hit => hit.Id));
    }

    [Fact]
    public async Task ProximityWeightZeroLeavesScatteredAndTogetherTied()
    {
        var response = await custom.Server.SearchAsync("Guizhou big data");

        Assert.Equal(["gz-a-scattered", "gz-b-together"], response.Hits.Select(hit => hit.Id));
        Assert.Equal(response.Hits[0].Score, response.Hits[1].Score);
    }

    [Fact]
    public async Task FreshnessHalfLifeAndWeightComeFromConfiguration()
    {
        // One configured half-life (a day) after publication, with weight 3: 1 + 3 × ½.
        var request = new SearchRequest { Query = "quay", Now = Timestamps.At("2024-01-02T00:00:00Z") };
        var relevance = (await custom.Server.SearchAsync(request)).Hits.Single(hit => hit.Id == "quay-newer").Score;
        request.Ranking = Ranking.RelevanceWithFreshness;
        var fresh = (await custom.Server.SearchAsync(request)).Hits.Single(hit => hit.Id == "quay-newer").Score;

        Assert.Equal(relevance * 2.5f, fresh, 4);
    }

    [Theory]
    [InlineData("Ranking:K1", "-1", "Ranking:K1 is -1")]
    [InlineData("Ranking:B", "1.5", "Ranking:B is 1.5")]
    [InlineData("Ranking:ProximityWeight", "-2", "Ranking:ProximityWeight is -2")]
    [InlineData("Ranking:FreshnessHalfLife", "00:00:00", "Ranking:FreshnessHalfLife is 00:00:00")]
    [InlineData("Ranking:FreshnessWeight", "-0.5", "Ranking:FreshnessWeight is -0.5")]
    public async Task AnOutOfRangeRankingSettingIsRefusedNamingIt(string key, string value, string expected)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build()
            .GetSection(RankingOptions.Section).Get<RankingOptions>()!;

        var exception = Assert.Throws<InvalidConfigurationException>(options.ToSettings);

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
        // The server does not come up with it (the process prints the message and exits 1; see the CLI tests).
        using var folder = new TempFolder();
        var settings = new ServerSettings(folder.Path, SampleData: "", ServerSettings.DefaultRefreshInterval, Configuration: new Dictionary<string, string?> { [key] = value });
        await Assert.ThrowsAnyAsync<Exception>(async () => await (await SearchServer.StartAsync(settings)).DisposeAsync());
    }

    [Fact]
    public void TheDefaultRankingOptionsAreValid()
    {
        Assert.Equal(new Core.Search.RankingSettings(), new RankingOptions().ToSettings());
    }
}
