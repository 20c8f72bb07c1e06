using System.Diagnostics;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Core.Indexing;
using SearchEngine.Core.Schema;
using Contract = SearchEngine.Contracts.V1;

namespace SearchEngine.Bench;

/// <summary>
/// <c>breakdown</c>: where an ingest's time goes, stage by stage in one process on the real
/// corpora: JSON parse, the wire round trip (mapping + protobuf both ways), analysis alone, and
/// the engine's own indexing path (ParallelUpserter → IndexWriter → commit) without gRPC.
/// </summary>
internal static class BreakdownCommand
{
    public static async Task RunAsync(Workspace workspace, BenchOptions options)
    {
        var threads = options.GetInt("threads", 2);
        var ramMb = options.GetInt("ram-mb", 64);
        Report.Header("breakdown", workspace, $"in-process, {threads} threads for analysis and indexing, RAM buffer {ramMb} MB");

        var (articles, parse) = Timed(() => Corpus.Load(workspace.CorpusFiles));
        Print("JSON parse (JsonlArticleReader, 1 thread)", articles.Count, parse);

        var (bytes, wire) = Timed(() =>
        {
            long total = 0;
            foreach (var article in articles)
            {
                var message = ArticleMapping.ToContract(article).ToByteArray();
                total += message.Length;
                _ = ArticleMapping.ToCore(Contract.Article.Parser.ParseFrom(message));
            }
            return total;
        });
        Print($"wire round trip (map + protobuf, {bytes / 1e6:0.0} MB, 1 thread)", articles.Count, wire);

        var analysis = AnalysisCeiling.Measure(articles, threads);
        Print($"analysis only ({threads} threads)", articles.Count, new Cost(analysis.Seconds, analysis.CpuSeconds));

        var indexPath = workspace.NewScratchFolder("breakdown");
        try
        {
            var indexing = await TimedAsync(async () =>
            {
                using var index = ArticleIndex.Open(new IndexSettings { Path = indexPath, RamBufferSizeMb = ramMb }, NullLogger.Instance);
                await using (var upserter = new ParallelUpserter(index, threads))
                {
                    foreach (var article in articles)
                    {
                        await upserter.AddAsync(article, CancellationToken.None);
                    }
                    await upserter.CompleteAsync();
                }
                await index.CommitAsync(CancellationToken.None);
            });
            Print($"engine indexing, no gRPC (ParallelUpserter({threads}) + commit, index {Machine.FolderBytes(indexPath) / 1e6:0.0} MB)", articles.Count, indexing);
            Report.Line($"=> IndexWriter beyond analysis: {indexing.Seconds - analysis.Seconds:0.00} s wall, {indexing.CpuSeconds - analysis.CpuSeconds:0.0} CPU s");
        }
        finally
        {
            Directory.Delete(indexPath, recursive: true);
        }
    }

    private static void Print(string stage, int docs, Cost cost) =>
        Report.Line($"{stage,-90} {cost.Seconds,7:0.00} s {docs / cost.Seconds,8:N0} docs/s  CPU {cost.CpuSeconds,6:0.0} s  load {Machine.LoadAverage()}");

    private static (T Value, Cost Cost) Timed<T>(Func<T> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var value = action();
        return (value, new Cost(stopwatch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
    }

    private static async Task<Cost> TimedAsync(Func<Task> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await action();
        return new Cost(stopwatch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private sealed record Cost(double Seconds, double CpuSeconds);
}
