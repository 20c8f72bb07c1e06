using System.Globalization;
using System.Text;
using SearchEngine.Cli.Tests.Infrastructure;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary><c>searchengine index --acknowledged-log FILE</c>: what the server committed, batch by batch.</summary>
public sealed class AcknowledgedLogTests
{
    [Fact]
    public async Task Log_gets_the_ids_the_server_accepted_in_stream_order_appended_after_a_cut_short_last_line_is_removed()
    {
        await using var server = await SearchServer.StartAsync();
        using var folder = new TempFolder();
        var file = folder.WriteText("articles.jsonl", string.Join('\n',
            Article("good-1"),
            Article("good-2"),
            """{"id":"empty-article"}""",
            """{"id":"broken","title":"Unclosed""",
            Article("good-3"),
            Article("新闻-4")) + "\n");
        // What an earlier run left, the last line cut short by a kill in the middle of a write.
        var log = folder.WriteText("acknowledged.log", "earlier-1\nearlier-2\nearli");

        // Batches of 2: [good-1, good-2], [empty-article (rejected by the server), good-3], [新闻-4]; "broken" is never sent.
        var result = await CliRunner.RunAsync("index", file, "--batch-size", "2", "--acknowledged-log", log, "--server", server.ServerArgument);

        Assert.True(result.ExitCode == ExitCodes.SomeRejected, result.ToString());
        Assert.Equal(Encoding.UTF8.GetBytes("earlier-1\nearlier-2\ngood-1\ngood-2\ngood-3\n新闻-4\n"), File.ReadAllBytes(log));

        // A second run appends the same ids again: the log records acknowledgements, not a set.
        var again = await CliRunner.RunAsync("index", file, "--batch-size", "2", "--acknowledged-log", log, "--server", server.ServerArgument);
        Assert.True(again.ExitCode == ExitCodes.SomeRejected, again.ToString());
        string[] twice = ["earlier-1", "earlier-2", "good-1", "good-2", "good-3", "新闻-4", "good-1", "good-2", "good-3", "新闻-4"];
        Assert.Equal(twice, AcknowledgedLogFile.Read(log));
        Assert.Equal(4, (await server.GetStatsAsync()).ArticleCount);
    }

    [Fact]
    public async Task Log_that_cannot_be_opened_stops_the_command_before_anything_is_sent()
    {
        using var folder = new TempFolder();
        var file = folder.WriteText("articles.jsonl", Article("good-1") + "\n");
        var log = Path.Combine(folder.Path, "no-such-folder", "acknowledged.log");

        // Nothing listens at the address: the log, opened first, is what fails.
        var result = await CliRunner.RunAsync("index", file, "--acknowledged-log", log, "--server", UnusedPort.Address());

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith($"searchengine: cannot open the acknowledged log \"{log}\": ", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task File_that_is_not_a_log_is_refused_and_left_as_it_was()
    {
        using var folder = new TempFolder();
        var file = folder.WriteText("articles.jsonl", Article("good-1") + "\n");
        var notALog = folder.WriteText("notes.txt", new string('x', 10_000));

        var result = await CliRunner.RunAsync("index", file, "--acknowledged-log", notALog, "--server", UnusedPort.Address());

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal($"searchengine: \"{notALog}\" is not an acknowledged log: its last 2,050 bytes hold no line end\n", result.Error);
        Assert.Equal(new string('x', 10_000), File.ReadAllText(notALog));
    }

    [Fact(Timeout = 3 * 60 * 1000)]
    public async Task Log_grows_batch_by_batch_while_the_command_runs_and_what_it_holds_when_the_command_is_killed_is_indexed()
    {
        // Enough batches that a loaded machine still sees the log grow before the command ends.
        const int articleCount = 10_000;
        const int batchSize = 50;
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await SearchServer.StartAsync();
        using var folder = new TempFolder();
        var ids = Enumerable.Range(1, articleCount).Select(number => string.Create(CultureInfo.InvariantCulture, $"harbour-{number:D5}")).ToList();
        var file = folder.WriteText("articles.jsonl", string.Concat(ids.Select(id => Article(id) + "\n")));
        var log = Path.Combine(folder.Path, "acknowledged.log");
        string[] arguments = ["index", file, "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture), "--acknowledged-log", log, "--server", server.ServerArgument];

        // Seen while the command was still running: the log fills during the run, not at its end.
        var seenWhileRunning = new SortedSet<int>();
        await using (var command = ChildProcess.Start("index run", BuiltPrograms.Cli, arguments))
        {
            while (seenWhileRunning.Count(count => count > 0) < 3)
            {
                var lines = AcknowledgedLogFile.Read(log, commandRunning: true).Count;
                Assert.False(command.HasExited, $"the command ended before its log was seen growing (seen: {string.Join(", ", seenWhileRunning)}): {command}");
                seenWhileRunning.Add(lines);
                await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
            }
            await command.KillAsync(cancellationToken);
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"lines seen while the command ran: {string.Join(", ", seenWhileRunning)}");

        // Whatever the log holds (less a last line a kill may have cut short) was committed, in stream order.
        var acknowledged = AcknowledgedLogFile.Read(log, commandRunning: true);
        Assert.Equal(ids.Take(acknowledged.Count), acknowledged);
        Assert.True(acknowledged.Count >= seenWhileRunning.Max);
        foreach (var id in acknowledged)
        {
            Assert.Equal(id, (await server.GetArticleAsync(id)).Id);
        }

        // The next run repairs the log's end, if the kill cut it, and appends every id.
        var rerun = await CliRunner.RunAsync(arguments);
        Assert.True(rerun.ExitCode == ExitCodes.Success, rerun.ToString());
        Assert.Equal(acknowledged.Concat(ids), AcknowledgedLogFile.Read(log));
        Assert.Equal(articleCount, (await server.GetStatsAsync()).ArticleCount);
    }

    private static string Article(string id) =>
        $$"""{"id":"{{id}}","title":"Harbour report {{id}}","body":"Cranes at berth {{id}} worked through the night.","source":"Test Wire"}""";
}
