using System.Diagnostics;
using System.Globalization;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>
/// The real server process killed with SIGKILL (kill -9) at random moments while the real command
/// line streams both shared corpora into it, restarted on the same index each time: nothing
/// acknowledged is ever lost, the last run leaves every article exactly once, and Lucene's
/// CheckIndex finds nothing wrong.
/// </summary>
[Collection(nameof(DurabilityCollection))]
public sealed class CrashDurabilityTests
{
    /// <summary>Set to repeat a run's kill moments (every run prints its seed).</summary>
    public const string SeedVariable = "SEARCHENGINE_CRASH_SEED";

    private const int Crashes = 5;
    // Small batches make many commits, so that kills land before, during and after them.
    private const int BatchSize = 500;
    private const int EarliestKillMs = 1_000;
    private const int LatestKillMs = 12_000;
    private const int SampledAcknowledged = 200;
    // The whole last batch acknowledged before a kill: the articles most at risk.
    private const int LastAcknowledged = BatchSize;
    private const int SampledPerFile = 150;
    // The documented corpora: 21,578 Reuters and 19,876 xinwenlianbo records, 7 of them with neither title nor body.
    private const int ExpectedArticles = 41_447;
    private const int ExpectedRejected = 7;

    private static readonly TimeSpan CommandEndTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FinalRunTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromMinutes(1);

    private readonly Stopwatch clock = Stopwatch.StartNew();

    [Fact(Timeout = 12 * 60 * 1000)]
    public async Task Server_killed_at_random_moments_while_indexing_loses_nothing_acknowledged_and_ends_with_every_article_once()
    {
        var reuters = RepositoryPaths.RequireShared("corpora", "jsonl", "reuters.jsonl");
        var xinwenlianbo = RepositoryPaths.RequireShared("corpora", "jsonl", "xinwenlianbo.jsonl");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "stops the server with SIGTERM, which Windows does not have");
        var cancellationToken = TestContext.Current.CancellationToken;

        var corpus = CorpusRecord.ReadAll(reuters, xinwenlianbo);
        var byId = corpus.ToDictionary(record => record.Id, StringComparer.Ordinal);
        var indexable = corpus.Where(record => record.Indexable).ToList();
        var rejectedByDesign = corpus.Where(record => !record.Indexable).ToList();
        Assert.Equal(ExpectedArticles, indexable.Count);
        Assert.Equal(ExpectedRejected, rejectedByDesign.Count);
        Log($"read {corpus.Count:N0} corpus records");

        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var random = new Random(seed);
        Log($"seed {seed} (set {SeedVariable}={seed} to repeat these kill moments)");

        using var folder = new TempFolder();
        var indexPath = Path.Combine(folder.Path, "index");
        var acknowledgedLog = Path.Combine(folder.Path, "acknowledged.log");
        var lockFile = Path.Combine(indexPath, IndexFolder.LockFileName);
        string[] IndexArguments(ServerProcess server) =>
            ["index", reuters, xinwenlianbo, "--server", server.Address, "--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture), "--acknowledged-log", acknowledgedLog];

        ServerProcess? server = null;
        try
        {
            server = await StartServerAsync(1, indexPath, cancellationToken);
            for (var crash = 1; crash <= Crashes; crash++)
            {
                var killAfter = TimeSpan.FromMilliseconds(random.Next(EarliestKillMs, LatestKillMs + 1));
                var acknowledgedBefore = AcknowledgedLogFile.Read(acknowledgedLog).Count;
                await using (var command = ChildProcess.Start($"index run #{crash}", BuiltPrograms.Cli, IndexArguments(server)))
                {
                    var ended = await command.WaitForExitAsync(killAfter, cancellationToken);
                    Assert.False(ended, $"the index command ended before the kill planned {killAfter.TotalSeconds:0.000} s into the run: {command}");
                    await server.Process.KillAsync(cancellationToken);
                    var acknowledgedAtKill = AcknowledgedLogFile.Read(acknowledgedLog, commandRunning: true).Count - acknowledgedBefore;
                    Log($"kill -9 #{crash}: server pid {server.Process.Id} killed {killAfter.TotalSeconds:0.000} s into index run #{crash}, "
                        + $"{acknowledgedAtKill:N0} articles acknowledged in this run");

                    Assert.True(await command.WaitForExitAsync(CommandEndTimeout, cancellationToken), $"the index command still runs {CommandEndTimeout.TotalSeconds} s after the server died: {command}");
                    Assert.True(command.ExitCode == ExitCodes.Failure, $"the index command should fail when its server dies: {command}");
                    Log($"  index run #{crash} exited with {command.ExitCode}: {command.Error.Trim()}");
                }
                await server.DisposeAsync();
                server = null;

                // The dead server's lock file stays (nobody deletes it), and it does not keep the next server out.
                Assert.True(File.Exists(lockFile), $"{lockFile} disappeared with the killed server");
                AssertCleanIndex(indexPath, $"after kill #{crash}");

                server = await StartServerAsync(crash + 1, indexPath, cancellationToken);
                await AssertAcknowledgedPresentAsync(server, acknowledgedLog, byId, random, $"restart #{crash}", cancellationToken);
            }

            var acknowledgedBeforeLastRun = AcknowledgedLogFile.Read(acknowledgedLog).Count;
            var lastRunClock = Stopwatch.StartNew();
            await using (var lastRun = ChildProcess.Start("last index run", BuiltPrograms.Cli, IndexArguments(server)))
            {
                Assert.True(await lastRun.WaitForExitAsync(FinalRunTimeout, cancellationToken), $"the last index run did not end within {FinalRunTimeout.TotalMinutes} min: {lastRun}");
                Log($"last index run: {lastRunClock.Elapsed.TotalSeconds:0.0} s, exit code {lastRun.ExitCode}");
                AssertOnlyRejectedByDesign(lastRun, rejectedByDesign);
            }

            // Every article once: upserts by id, so the re-runs replaced what the killed runs had indexed.
            Assert.Equal(ExpectedArticles, await server.GetArticleCountAsync(cancellationToken));
            var lastRunAcknowledged = AcknowledgedLogFile.Read(acknowledgedLog)[acknowledgedBeforeLastRun..];
            Assert.True(indexable.Select(record => record.Id).SequenceEqual(lastRunAcknowledged),
                $"the last run acknowledged {lastRunAcknowledged.Count:N0} ids, not the {indexable.Count:N0} indexable ids in file order");
            await AssertAcknowledgedPresentAsync(server, acknowledgedLog, byId, random, "the last run", cancellationToken);

            foreach (var file in new[] { reuters, xinwenlianbo })
            {
                var sample = Shuffled(indexable.Where(record => record.File == file).ToArray(), random).Take(SampledPerFile);
                await AssertArticlesAsync(server, sample, $"{Path.GetFileName(file)} after the last run", cancellationToken);
            }
            foreach (var rejected in rejectedByDesign)
            {
                Assert.True(await server.FindArticleAsync(rejected.Id, cancellationToken) is null, $"{rejected.Id} has neither title nor body, yet it is in the index");
            }
            Log($"{ExpectedArticles:N0} articles; {2 * SampledPerFile} sampled articles match the corpus; the {ExpectedRejected} rejected ones are absent");

            var stopClock = Stopwatch.StartNew();
            Assert.True(await server.Process.TerminateAsync(GracefulStopTimeout, cancellationToken), $"the server did not stop within {GracefulStopTimeout.TotalSeconds} s of SIGTERM: {server.Process}");
            Assert.True(server.Process.ExitCode == 0, $"the server stopped with exit code {server.Process.ExitCode}: {server.Process}");
            Log($"server stopped gracefully in {stopClock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        Assert.True(File.Exists(lockFile), $"{lockFile} disappeared when the server stopped");
        AssertCleanIndex(indexPath, "after the graceful stop");
        var (liveDocumentsById, numDocs) = IndexFolder.CountIds(indexPath);
        var duplicated = liveDocumentsById.Where(entry => entry.Value > 1).Select(entry => $"{entry.Key} ×{entry.Value}").ToList();
        var missing = indexable.Select(record => record.Id).Where(id => !liveDocumentsById.ContainsKey(id)).ToList();
        var unexpected = liveDocumentsById.Keys.Where(id => !byId.TryGetValue(id, out var record) || !record.Indexable).ToList();
        Assert.True(duplicated.Count == 0 && missing.Count == 0 && unexpected.Count == 0 && numDocs == ExpectedArticles,
            $"the index holds {numDocs:N0} documents; duplicated: {Some(duplicated)}; missing: {Some(missing)}; unexpected: {Some(unexpected)}");
        Log($"every one of the {ExpectedArticles:N0} ids is in exactly one live document; total {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task<ServerProcess> StartServerAsync(int number, string indexPath, CancellationToken cancellationToken)
    {
        var startClock = Stopwatch.StartNew();
        var server = await ServerProcess.StartAsync($"server #{number}", indexPath, cancellationToken);
        Log($"server #{number} (pid {server.Process.Id}) SERVING at {server.Address} after {startClock.Elapsed.TotalSeconds:0.0} s");
        return server;
    }

    /// <summary>
    /// Every acknowledged id must be in the index: the count is at least the number of distinct
    /// acknowledged ids, and a random sample plus the last ones acknowledged are found with their text.
    /// </summary>
    private async Task AssertAcknowledgedPresentAsync(ServerProcess server, string acknowledgedLog, Dictionary<string, CorpusRecord> byId, Random random, string when, CancellationToken cancellationToken)
    {
        var checkClock = Stopwatch.StartNew();
        var acknowledged = AcknowledgedLogFile.Read(acknowledgedLog);
        var distinct = acknowledged.Distinct(StringComparer.Ordinal).ToArray();
        var notInCorpus = distinct.Where(id => !byId.ContainsKey(id)).ToList();
        Assert.True(notInCorpus.Count == 0, $"the acknowledged log names ids that are not in the corpora: {Some(notInCorpus)}");

        var count = await server.GetArticleCountAsync(cancellationToken);
        Assert.True(count >= distinct.Length, $"after {when} the index has {count:N0} articles but {distinct.Length:N0} distinct ids were acknowledged");
        var sample = Shuffled(distinct, random).Take(SampledAcknowledged).Concat(acknowledged.TakeLast(LastAcknowledged)).Distinct(StringComparer.Ordinal).ToList();
        await AssertArticlesAsync(server, sample.Select(id => byId[id]), $"acknowledged, checked after {when}", cancellationToken);
        Log($"  after {when}: {count:N0} articles ≥ {distinct.Length:N0} acknowledged; {sample.Count} acknowledged ids checked in {checkClock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Each record is in the index with the corpus's title and body.</summary>
    private static async Task AssertArticlesAsync(ServerProcess server, IEnumerable<CorpusRecord> records, string what, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var different = new List<string>();
        foreach (var record in records)
        {
            var article = await server.FindArticleAsync(record.Id, cancellationToken);
            if (article is null)
            {
                missing.Add(record.Id);
            }
            else if (article.Title != (record.Title ?? "") || article.Body != (record.Body ?? ""))
            {
                different.Add(record.Id);
            }
        }
        Assert.True(missing.Count == 0, $"{missing.Count} articles ({what}) are missing: {Some(missing)}");
        Assert.True(different.Count == 0, $"{different.Count} articles ({what}) differ from the corpus: {Some(different)}");
    }

    /// <summary>The run ended with exit code 2, every indexable article indexed, and exactly the records with neither title nor body rejected.</summary>
    private static void AssertOnlyRejectedByDesign(ChildProcess run, List<CorpusRecord> rejectedByDesign)
    {
        Assert.True(run.ExitCode == ExitCodes.SomeRejected, $"the last index run should end with exit code {ExitCodes.SomeRejected} (some rejected): {run}");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0 && lines[0].StartsWith(string.Create(CultureInfo.InvariantCulture, $"Indexed {ExpectedArticles:N0} articles from 2 files in "), StringComparison.Ordinal), run.ToString());
        string[] expected =
        [
            $"Rejected {ExpectedRejected} records:",
            .. rejectedByDesign.Select(record => $"  {record.File}:{record.Line}: article has neither title nor body"),
        ];
        Assert.Equal(expected, lines[1..]);
    }

    private void AssertCleanIndex(string indexPath, string when)
    {
        var checkClock = Stopwatch.StartNew();
        var (status, report) = IndexFolder.Check(indexPath);
        Assert.True(status.Clean, $"CheckIndex {when} found problems:\n{report}");
        Log($"  CheckIndex {when}: clean, {status.NumSegments} segments, {status.SegmentInfos.Sum(segment => segment.DocCount):N0} documents ({checkClock.Elapsed.TotalSeconds:0.0} s)");
    }

    private static T[] Shuffled<T>(T[] items, Random random)
    {
        var copy = (T[])items.Clone();
        random.Shuffle(copy);
        return copy;
    }

    private static string Some(IReadOnlyCollection<string> items) =>
        items.Count == 0 ? "none" : string.Join(", ", items.Take(20)) + (items.Count > 20 ? $" … ({items.Count:N0} in all)" : "");

    private void Log(string message) =>
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message}"));
}

/// <summary>The process tests run alone: they are long, time-sensitive and use the machine's cores.</summary>
[CollectionDefinition(nameof(DurabilityCollection), DisableParallelization = true)]
public sealed class DurabilityCollection;
