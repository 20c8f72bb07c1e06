using System.IO.Compression;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using SearchEngine.Cli.Tests.Infrastructure;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Tests;

public sealed class IndexCommandTests
{
    private const string GoodArticle1 = """{"id":"good-1","title":"Harbour cranes return to work","body":"Dock workers restarted the cranes after the storm.","published_at":"2020-01-02T03:04:05Z","source":"Test Wire"}""";
    private const string GoodArticle2 = """{"id":"good-2","title":"Ferry timetable extended","body":"Evening ferries now run until midnight.","published_at":"2020-01-03","source":"Test Wire"}""";
    private const string GoodArticle3 = """{"id":"good-3","title":"Night market moves to the pier","body":"Stalls reopen on the pier this weekend.","source":"Test Wire"}""";

    // A page in the shape of a scraped news site: title, dateline, byline, layout residue, story, then headline lists.
    private const string TextPage = """
        Floating solar farm starts feeding the grid
        Updated: 2019-05-14 08:30
        By LI MEI in Qingdao(Xinhua)
        |
        |||||||||
        A solar farm built on pontoons over a disused fish pond began supplying power to the city grid on Tuesday, its operator said.
        Workers check panels on the pond in Qingdao on Monday. Photo / for the test |
        The operator expects the array to cover the yearly needs of about 20,000 homes, and plans a second pond next spring.
        "Water keeps the panels cool, so they produce more in summer," said the site manager.
        - Coastal rail line opens a new station
        - Museum shows restored river maps
        Most Viewed
        Tea harvest begins early in the hills
        """;

    [Fact]
    public async Task Jsonl_with_bad_records_indexes_the_good_ones_and_names_each_bad_record_by_file_and_line()
    {
        await using var server = await SearchServer.StartAsync();
        using var folder = new TempFolder();
        var file = folder.WriteText("articles.jsonl", string.Join('\n',
            GoodArticle1,
            GoodArticle2,
            """{"id":"broken","title":"Unclosed""",
            """{"title":"An article without an id","body":"Its id is missing."}""",
            """{"id":"bad-date","title":"Dated badly","published_at":"last Tuesday"}""",
            "",
            """{"id":"empty-article"}""",
            GoodArticle3) + "\n");

        // Batches of 2 put the server's rejections in later batches: their positions must still map back to lines.
        var result = await CliRunner.RunAsync("index", file, "--batch-size", "2", "--server", server.ServerArgument);

        Assert.True(result.ExitCode == ExitCodes.SomeRejected, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^Indexed 3 articles from 1 file in \d+\.\d s \([\d,]+ articles/s\)\.$", lines[0]);
        Assert.Equal("Rejected 4 records:", lines[1]);
        Assert.Collection(lines[2..],
            line => Assert.StartsWith($"  {file}:3: malformed JSON", line),
            line => Assert.Matches($@"^  {Escape(file)}:4: .*\bid\b", line),
            line => Assert.Equal($"  {file}:5: published_at \"last Tuesday\" is not an RFC 3339 date", line),
            line => Assert.Matches($@"^  {Escape(file)}:7: .*neither title nor body", line));
        Assert.Equal("", result.Error);

        var stats = await CliRunner.RunAsync("stats", "--server", server.ServerArgument);
        Assert.Equal(ExitCodes.Success, stats.ExitCode);
        Assert.Contains("Articles:      3\n", stats.Output);
        Assert.Equal(3, (await server.GetStatsAsync()).ArticleCount);
    }

    [Fact]
    public async Task Text_page_indexed_twice_is_one_article_with_its_dateline_read_in_the_given_time_zone()
    {
        await using var server = await SearchServer.StartAsync();
        using var folder = new TempFolder();
        var page = folder.WriteText("solar-farm.txt", TextPage);

        for (var run = 1; run <= 2; run++)
        {
            var result = await CliRunner.RunAsync("index", page, "--time-zone", "Asia/Shanghai", "--server", server.ServerArgument);
            Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
            Assert.StartsWith("Indexed 1 article from 1 file in ", result.Output);
        }

        Assert.Equal(1, (await server.GetStatsAsync()).ArticleCount);
        var hit = Assert.Single((await server.SearchAsync(new SearchRequest { Query = "pontoons" })).Hits);
        var article = await server.GetArticleAsync(hit.Id);
        Assert.Equal("Floating solar farm starts feeding the grid", article.Title);
        Assert.Equal("LI MEI", article.Author);
        // 08:30 in Shanghai (UTC+8) is 00:30 UTC.
        Assert.Equal(Timestamp.FromDateTimeOffset(new DateTimeOffset(2019, 5, 14, 0, 30, 0, TimeSpan.Zero)), article.PublishedAt);
        Assert.DoesNotContain("Most Viewed", article.Body);
        Assert.DoesNotContain("Photo / for the test", article.Body);
    }

    [Fact]
    public async Task Folder_with_a_corrupt_gzip_file_reports_that_file_and_indexes_the_others()
    {
        await using var server = await SearchServer.StartAsync();
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "a-good.jsonl.gz"), Gzip(GoodArticle1 + "\n" + GoodArticle2 + "\n"));
        File.WriteAllText(Path.Combine(folder.Path, "b-corrupt.jsonl.gz"), "this is not gzip data");
        folder.WriteText("c-more.jsonl", GoodArticle3 + "\n");
        folder.WriteText("notes.md", "not an article file, so not read");

        var result = await CliRunner.RunAsync("index", folder.Path, "--server", server.ServerArgument);

        Assert.True(result.ExitCode == ExitCodes.SomeRejected, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Indexed 3 articles from 3 files in ", lines[0]);
        Assert.Equal("Could not read 1 file:", lines[1]);
        Assert.StartsWith($"  {Path.Combine(folder.Path, "b-corrupt.jsonl.gz")}: corrupt compressed data", lines[2]);
        Assert.Equal(3, lines.Length);
        Assert.Equal(3, (await server.GetStatsAsync()).ArticleCount);
    }

    [Fact]
    public async Task Missing_path_is_a_clear_one_line_error()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "no-such-file.jsonl");

        var result = await CliRunner.RunAsync("index", missing, "--server", UnusedPort.Address());

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal($"searchengine: \"{missing}\" is neither a file nor a folder\n", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Unknown_time_zone_is_a_clear_error()
    {
        using var folder = new TempFolder();
        var page = folder.WriteText("page.txt", TextPage);

        var result = await CliRunner.RunAsync("index", page, "--time-zone", "Mars/Olympus_Mons", "--server", UnusedPort.Address());

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("searchengine: --time-zone \"Mars/Olympus_Mons\" is not a known IANA time zone (e.g. UTC, Asia/Shanghai, America/New_York)\n", result.Error);
    }

    [Fact]
    public async Task Unreachable_server_is_a_one_line_error_without_a_stack_trace()
    {
        using var folder = new TempFolder();
        var file = folder.WriteText("articles.jsonl", GoodArticle1 + "\n");
        var address = UnusedPort.Address();

        var result = await CliRunner.RunAsync("index", file, "--server", address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith($"searchengine: cannot reach the server at {address} (", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Batch_size_below_one_is_refused()
    {
        var result = await CliRunner.RunAsync("index", ".", "--batch-size", "0");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("searchengine: --batch-size must be at least 1\n", result.Error);
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static byte[] Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return compressed.ToArray();
    }
}
