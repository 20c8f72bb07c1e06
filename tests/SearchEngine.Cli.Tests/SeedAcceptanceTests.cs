using System.Globalization;
using Google.Protobuf;
using SearchEngine.Cli.Tests.Infrastructure;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Tests;

/// <summary>
/// The acceptance scenario: a server with the shipped sample articles, the first seed page indexed
/// through the CLI, and searches that must find that page first.
/// </summary>
public sealed class SeedAcceptanceTests
{
    private const string SeedTitle = "Guizhou pitches big data to Silicon Valley";

    [Fact]
    public async Task Seed_page_indexed_through_the_cli_is_found_first_among_the_sample_articles()
    {
        var seed = RepositoryPaths.RequireShared("seeds", "000_27802ad57b1ff9a1.txt");
        await using var server = await SearchServer.StartAsync(RepositoryPaths.SampleData);
        Assert.True((await server.GetStatsAsync()).ArticleCount > 0, "the sample articles were not loaded");

        var indexed = await CliRunner.RunAsync("index", seed, "--server", server.ServerArgument);
        Assert.True(indexed.ExitCode == ExitCodes.Success, indexed.ToString());

        var bigData = await SearchAsync(server, "Guizhou big data");
        var seedHit = AssertSeedFirst(bigData, "Guizhou big data");
        Assert.Equal(SeedTitle, seedHit.Title);
        Assert.Equal("2016-09-29", seedHit.PublishedAt.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal("CHANG JUN", (await server.GetArticleAsync(seedHit.Id)).Author);

        var chips = await SearchAsync(server, "Qualcomm server chips");
        var chipsHit = AssertSeedFirst(chips, "Qualcomm server chips");
        Assert.True(chipsHit.Highlight.Snippets.Any(snippet => snippet.Contains("<em>Qualcomm</em>", StringComparison.Ordinal)),
            "no snippet marks Qualcomm:\n" + string.Join("\n", chipsHit.Highlight.Snippets));

        // "Phelps puts spotlight on cupping" is in the page's headline list, not in the story.
        var phelps = await SearchAsync(server, "Phelps cupping");
        Assert.DoesNotContain(phelps.Hits, hit => hit.Id == seedHit.Id);
    }

    private static async Task<SearchResponse> SearchAsync(SearchServer server, string query)
    {
        var result = await CliRunner.RunAsync("search", query, "--json", "--server", server.ServerArgument);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return JsonParser.Default.Parse<SearchResponse>(result.Output);
    }

    /// <summary>The seed's hit, asserted to rank first; on failure the message lists the competing ids and scores.</summary>
    private static SearchHit AssertSeedFirst(SearchResponse response, string query)
    {
        var ranking = string.Join(", ", response.Hits.Select(hit => string.Create(CultureInfo.InvariantCulture, $"{hit.Id} \"{hit.Title}\" {hit.Score:0.###}")));
        Assert.True(response.Hits.Count > 0 && response.Hits[0].Title == SeedTitle, $"\"{query}\" does not rank the seed first: {ranking}");
        return response.Hits[0];
    }
}
