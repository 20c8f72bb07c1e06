using System.Text.RegularExpressions;
using Google.Protobuf;
using SearchEngine.Cli.Tests.Infrastructure;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Tests;

/// <summary>One server, indexed once through the CLI, shared by the read-only search tests.</summary>
public sealed class SolarCorpusFixture : IAsyncLifetime
{
    private const string Articles = """
        {"id":"solar-may","title":"Floating solar farm opens in Qingdao","body":"Panels & pontoons <on a pond>: the solar array feeds the grid.\nA second paragraph about solar output.","published_at":"2019-05-14T00:30:00Z","source":"Coast Daily"}
        {"id":"solar-july","title":"Solar output peaks in July","body":"The floating array produced a record amount of power.","published_at":"2019-07-20T10:00:00Z","source":"Grid Weekly"}
        {"id":"solar-september","title":"Second pond chosen for panels","body":"Engineers picked a second pond for more solar panels.","published_at":"2019-09-02T08:00:00Z","source":"Coast Daily"}
        {"id":"wind-june","title":"Wind turbines reach the coast","body":"Offshore turbines were installed along the coast.","published_at":"2019-06-11T09:00:00Z","source":"Grid Weekly"}
        """;

    private SearchServer? server;

    public SearchServer Server => server ?? throw new InvalidOperationException("the fixture is not initialized");

    public async ValueTask InitializeAsync()
    {
        server = await SearchServer.StartAsync();
        using var folder = new TempFolder();
        var file = folder.WriteText("solar.jsonl", Articles);
        var result = await CliRunner.RunAsync("index", file, "--server", server.ServerArgument);
        if (result.ExitCode != ExitCodes.Success)
        {
            throw new InvalidOperationException($"indexing the search corpus failed: {result}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

public sealed partial class SearchCommandTests(SolarCorpusFixture corpus) : IClassFixture<SolarCorpusFixture>
{
    private string Server => corpus.Server.ServerArgument;

    [Fact]
    public async Task Prints_ranked_hits_with_marked_titles_dates_sources_ids_and_unescaped_snippets()
    {
        var result = await CliRunner.RunAsync("search", "solar", "--server", Server);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var lines = result.Output.Split('\n');
        Assert.Matches(@"^3 hits \(took \d+ ms\)$", lines[0]);
        var hit = Array.IndexOf(lines, " 1. Floating <em>solar</em> farm opens in Qingdao");
        Assert.True(hit > 0, result.ToString());
        Assert.Equal("    2019-05-14 | Coast Daily | solar-may", lines[hit + 1]);
        // Marks stay as tags off a terminal; the escaped text between them is decoded.
        Assert.StartsWith("    Panels & pontoons <on a pond>: the <em>solar</em> array", lines[hit + 2]);
        Assert.Contains(" 2. ", result.Output);
        Assert.Contains(" 3. ", result.Output);
        Assert.DoesNotContain("wind-june", result.Output);
        Assert.DoesNotContain("\e[", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Prints_every_histogram_bucket_with_bars_scaled_to_forty()
    {
        var result = await CliRunner.RunAsync("search", "solar", "--server", Server);

        var lines = result.Output.Split('\n');
        var header = Array.FindIndex(lines, line => line.StartsWith("Hits per ", StringComparison.Ordinal));
        Assert.True(header > 0, result.ToString());
        var buckets = lines[(header + 1)..]
            .TakeWhile(line => line.Length > 0)
            .Select(line => HistogramLine().Match(line))
            .ToList();
        Assert.All(buckets, bucket => Assert.True(bucket.Success));
        Assert.Equal(3, buckets.Sum(bucket => int.Parse(bucket.Groups["count"].Value)));
        // Buckets between the first and the last hit are shown too, empty ones without a bar.
        Assert.Contains(buckets, bucket => bucket.Groups["count"].Value == "0" && bucket.Groups["bar"].Length == 0);
        Assert.Equal(40, buckets.Max(bucket => bucket.Groups["bar"].Length));
        Assert.All(buckets.Where(bucket => bucket.Groups["count"].Value != "0"), bucket => Assert.True(bucket.Groups["bar"].Length > 0));
    }

    [Fact]
    public async Task Marks_are_bold_on_a_terminal()
    {
        var result = await CliRunner.RunAsync(["search", "solar", "--server", Server], outputIsTerminal: true, errorIsTerminal: true);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains(" 1. Floating \e[1msolar\e[22m farm opens in Qingdao", result.Output);
        Assert.DoesNotContain("<em>", result.Output);
    }

    [Fact]
    public async Task Json_prints_only_the_search_response()
    {
        var result = await CliRunner.RunAsync("search", "solar", "--json", "--server", Server);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var response = JsonParser.Default.Parse<SearchResponse>(result.Output);
        Assert.Equal(3, response.TotalHits);
        Assert.Equal("solar-may", response.Hits[0].Id);
        Assert.Contains("<em>solar</em>", response.Hits[0].Highlight.Title);
        Assert.NotEmpty(response.DateHistogram);
    }

    [Fact]
    public async Task Date_range_and_sort_are_sent_to_the_server()
    {
        var july = await SearchJsonAsync("solar", "--from", "2019-07-01", "--to", "2019-08-01T00:00:00Z");
        Assert.Equal(["solar-july"], july.Hits.Select(hit => hit.Id));

        var newest = await SearchJsonAsync("solar", "--sort", "newest");
        Assert.Equal(["solar-september", "solar-july", "solar-may"], newest.Hits.Select(hit => hit.Id));
    }

    [Fact]
    public async Task Several_words_are_one_query()
    {
        var response = await SearchJsonAsync("floating", "solar", "farm");

        Assert.Equal("solar-may", Assert.Single(response.Hits).Id);
    }

    [Fact]
    public async Task Match_any_plain_text_and_filters_are_sent_to_the_server()
    {
        var any = await SearchJsonAsync("solar", "turbines", "--any");
        Assert.Equal(["solar-july", "solar-may", "solar-september", "wind-june"], any.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal));

        // Plain text: the minus is a character, not an exclusion, so both words are required.
        var plain = await SearchJsonAsync("solar", "-farm", "--plain");
        Assert.Equal(["solar-may"], plain.Hits.Select(hit => hit.Id));

        var filtered = await SearchJsonAsync("solar", "--source", "Coast Daily", "--language", "en");
        Assert.Equal(["solar-may", "solar-september"], filtered.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Says_when_the_hits_have_only_most_of_the_words()
    {
        var result = await CliRunner.RunAsync("search", "solar", "turbines", "--server", Server);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("No article has every word; these have most of them.", result.Output.Split('\n')[1]);
    }

    [Fact]
    public async Task Prints_term_facets_over_all_hits()
    {
        var result = await CliRunner.RunAsync("search", "solar", "--size", "1", "--facets", "source,section", "--server", Server);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("By source:\n    Coast Daily  2\n    Grid Weekly  1\n", result.Output);
        Assert.Contains("By section:\n    (none)  3\n", result.Output);
    }

    [Fact]
    public async Task Next_page_token_continues_the_search()
    {
        var first = await CliRunner.RunAsync("search", "solar", "--size", "2", "--server", Server);

        var token = Regex.Match(first.Output, "^next page: --page-token (\\S+)$", RegexOptions.Multiline);
        Assert.True(token.Success, first.ToString());
        var second = await SearchJsonAsync("solar", "--size", "2", "--page-token", token.Groups[1].Value);
        var firstPage = await SearchJsonAsync("solar", "--size", "2");
        Assert.Single(second.Hits);
        Assert.DoesNotContain(second.Hits[0].Id, firstPage.Hits.Select(hit => hit.Id));
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task Unbalanced_quote_is_an_invalid_argument_error()
    {
        var result = await CliRunner.RunAsync("search", "\"solar farm", "--server", Server);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("searchengine: InvalidArgument: ", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("--from", "29/09/2016", "searchengine: --from \"29/09/2016\" is not a date: use yyyy-MM-dd (midnight UTC) or RFC 3339, e.g. 2016-09-29T09:23:00+08:00")]
    [InlineData("--sort", "best", "searchengine: --sort \"best\" is not one of relevance, newest, oldest")]
    [InlineData("--size", "101", "searchengine: --size must be between 1 and 100")]
    [InlineData("--facets", "source,author", "searchengine: --facets \"author\" is not one of source, section, language, tags")]
    public async Task Bad_options_are_clear_errors(string option, string value, string message)
    {
        var result = await CliRunner.RunAsync("search", "solar", option, value, "--server", Server);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(message + "\n", result.Error);
    }

    [Fact]
    public async Task Unreachable_server_is_a_one_line_error()
    {
        var address = UnusedPort.Address();

        var result = await CliRunner.RunAsync("search", "solar", "--server", address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith($"searchengine: cannot reach the server at {address} (", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task<SearchResponse> SearchJsonAsync(params string[] arguments)
    {
        var result = await CliRunner.RunAsync(["search", .. arguments, "--json", "--server", Server]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return JsonParser.Default.Parse<SearchResponse>(result.Output);
    }

    [GeneratedRegex(@"^(?<key>\S+) +(?<count>[\d,]+)(  (?<bar>#+))?$")]
    private static partial Regex HistogramLine();
}
