using System.Diagnostics;

namespace SearchEngine.Bench;

/// <summary>
/// <c>scale</c>: for each size, a synthetic corpus (written once to the scratch folder, reused by
/// later runs with the same seed), a fresh server, ingest through the CLI, then the Search RPC
/// latency of the mixed query set on that index.
/// </summary>
internal static class ScaleCommand
{
    public static async Task RunAsync(Workspace workspace, BenchOptions options)
    {
        var sizes = options.GetIntList("sizes", [10_000, 100_000]);
        var seed = options.GetInt("seed", SyntheticCorpus.DefaultSeed);
        var config = EngineConfig.From(options);
        var queries = SearchLatency.ReadQueries(workspace.QueriesFile);
        Report.Header("scale", workspace, $"synthetic corpora (seed {seed}) in {workspace.ScratchRoot}; {queries.Count} queries of {Path.GetFileName(workspace.QueriesFile)}; ours: {config.Describe()}");
        var free = new DriveInfo(workspace.ScratchRoot).AvailableFreeSpace;
        Report.Line($"# free space in {workspace.ScratchRoot}: {free / 1e9:0.0} GB");

        var rows = new List<(int Size, GrpcIngestResult Result)>();
        List<Core.Schema.Article>? real = null;
        foreach (var size in sizes)
        {
            var corpus = Path.Combine(workspace.ScratchRoot, $"synthetic-{seed}-{size}.jsonl");
            if (!File.Exists(corpus))
            {
                real ??= Corpus.Load(workspace.CorpusFiles);
                var stopwatch = Stopwatch.StartNew();
                var bytes = SyntheticCorpus.Write(real, size, seed, corpus);
                Report.Line($"wrote {corpus}: {size:N0} articles, {bytes / 1e6:0.0} MB in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            }
            var result = await GrpcIngest.RunAsync(workspace, [corpus], config, queries);
            rows.Add((size, result));
            var search = result.Search!;
            Report.Line($"{size,9:N0}: {result.Docs:N0} docs in {result.Cli.WallSeconds:0.0} s = {result.DocsPerSecond:N0} docs/s, {result.MbPerSecond:0.00} MB/s, cpu server {result.ServerCpuSeconds:0.0} s + CLI {result.Cli.CpuSeconds:0.0} s; index {result.IndexMb:0.0} MB; peak RSS server {result.ServerPeakRssMib:0} MiB, CLI {result.Cli.PeakRssMib:0} MiB; search p50 {search.P50Ms:0.0} ms p99 {search.P99Ms:0.0} ms ({search.Failed} failed, {search.MeanTotalHits:N0} hits/query); load at ingest {result.Cli.LoadAtStart}, at search {search.LoadAtStart}");
        }

        Report.Line($"");
        Report.Line($"| articles | input MB | ingest s | docs/s | MB/s | CPU s (server + CLI) | index MB | peak RSS server MiB | peak RSS CLI MiB | search p50 ms | search p99 ms | load (ingest) |");
        Report.Line($"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (size, result) in rows)
        {
            Report.Line($"| {size:N0} | {result.InputMb:0.0} | {result.Cli.WallSeconds:0.0} | {result.DocsPerSecond:N0} | {result.MbPerSecond:0.00} | {result.ServerCpuSeconds:0} + {result.Cli.CpuSeconds:0} | {result.IndexMb:0.0} | {result.ServerPeakRssMib:0} | {result.Cli.PeakRssMib:0} | {result.Search!.P50Ms:0.0} | {result.Search.P99Ms:0.0} | {result.Cli.LoadAtStart} |");
        }
    }
}
