using System.Globalization;

namespace SearchEngine.Bench;

/// <summary>
/// <c>ingest</c>: on xinwenlianbo + reuters, interleaved rounds of (1) the analysis ceiling on
/// two threads in a fresh process, (2) the Java peer with two threads, (3) our CLI → gRPC →
/// server → committed; then the medians and the two target ratios.
/// </summary>
internal static class IngestCommand
{
    private const double PeerTarget = 1.0;
    private const double CeilingTarget = 0.8;

    public static async Task RunAsync(Workspace workspace, BenchOptions options)
    {
        var files = workspace.CorpusFiles;
        var runs = options.GetInt("runs", 2);
        var skipPeer = options.GetBool("skip-peer");
        var config = EngineConfig.From(options);
        var inputMb = Corpus.InputMb(files);
        Report.Header("ingest", workspace, $"{string.Join(" + ", files.Select(Path.GetFileName))}, {inputMb:0.00} MB; {runs} interleaved rounds; ours: {config.Describe()}");

        var ceilings = new List<KeyValueOutput>();
        var peers = new List<PeerResult>();
        var ours = new List<GrpcIngestResult>();
        for (var round = 1; round <= runs; round++)
        {
            var analysis = await TimedProcess.RunAsync("dotnet", [Workspace.BenchDll, "analyze", "--threads", "2"]);
            if (analysis.ExitCode != 0)
            {
                throw new BenchException($"the analyze pass exited with {analysis.ExitCode}: {analysis.Error.Trim()}");
            }
            var ceiling = new KeyValueOutput(analysis.Output);
            ceilings.Add(ceiling);
            Report.Line($"round {round} ceiling  {ceiling.Number("docs"),6:0} docs {ceiling.Number("seconds"),7:0.00} s {ceiling.Number("docs_per_s"),6:0} docs/s {ceiling.Number("MB_per_s"),5:0.00} MB/s cpu {ceiling.Number("cpu_s"),6:0.0} s  load {analysis.LoadAtStart}");
            if (!skipPeer)
            {
                var peer = await JavaPeer.IndexAsync(workspace, files, threads: 2);
                peers.Add(peer);
                Report.Line($"round {round} java     {peer.Docs,6} docs {peer.Seconds,7:0.00} s {peer.DocsPerSecond,6:0} docs/s {peer.MbPerSecond,5:0.00} MB/s cpu {peer.CpuSeconds,6:0.0} s  (process: {peer.Process.WallSeconds:0.0} s wall, {peer.Process.CpuSeconds:0.0} s cpu, peak RSS {peer.Process.PeakRssMib:0} MiB) index {peer.IndexMb:0.0} MB  load {peer.Process.LoadAtStart}");
            }
            var our = await GrpcIngest.RunAsync(workspace, files, config, searchQueries: null);
            ours.Add(our);
            Report.Line($"round {round} ours     {our.Docs,6} docs {our.Cli.WallSeconds,7:0.00} s {our.DocsPerSecond,6:0} docs/s {our.MbPerSecond,5:0.00} MB/s cpu {our.CpuSeconds,6:0.0} s  (server {our.ServerCpuSeconds:0.0} s + CLI {our.Cli.CpuSeconds:0.0} s; peak RSS server {our.ServerPeakRssMib:0} MiB, CLI {our.Cli.PeakRssMib:0} MiB) index {our.IndexMb:0.0} MB  load {our.Cli.LoadAtStart}");
        }

        var ceilingDocsPerSecond = Stats.Median(ceilings.Select(c => c.Number("docs_per_s")));
        var ourDocsPerSecond = Stats.Median(ours.Select(o => o.DocsPerSecond));
        Report.Line($"");
        Report.Line($"Medians of {runs} runs ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, load now {Machine.LoadAverage()}):");
        Report.Line($"| measurement | docs/s | MB/s | seconds | CPU s | peak RSS MiB | index MB |");
        Report.Line($"|---|---:|---:|---:|---:|---:|---:|");
        Report.Line($"| analysis ceiling, 2 threads (in memory, no index) | {ceilingDocsPerSecond:N0} | {Stats.Median(ceilings.Select(c => c.Number("MB_per_s"))):0.00} | {Stats.Median(ceilings.Select(c => c.Number("seconds"))):0.00} | {Stats.Median(ceilings.Select(c => c.Number("cpu_s"))):0.0} | – | – |");
        if (peers.Count > 0)
        {
            Report.Line($"| Java Lucene 4.10 peer, 2 threads (its timed span) | {Stats.Median(peers.Select(p => p.DocsPerSecond)):N0} | {Stats.Median(peers.Select(p => p.MbPerSecond)):0.00} | {Stats.Median(peers.Select(p => p.Seconds)):0.00} | {Stats.Median(peers.Select(p => p.CpuSeconds)):0.0} | {Stats.Median(peers.Select(p => p.Process.PeakRssMib)):0} | {Stats.Median(peers.Select(p => p.IndexMb)):0.0} |");
        }
        Report.Line($"| ours: CLI → gRPC → server → committed | {ourDocsPerSecond:N0} | {Stats.Median(ours.Select(o => o.MbPerSecond)):0.00} | {Stats.Median(ours.Select(o => o.Cli.WallSeconds)):0.00} | {Stats.Median(ours.Select(o => o.CpuSeconds)):0.0} | server {Stats.Median(ours.Select(o => o.ServerPeakRssMib)):0}, CLI {Stats.Median(ours.Select(o => o.Cli.PeakRssMib)):0} | {Stats.Median(ours.Select(o => o.IndexMb)):0.0} |");
        Report.Line($"");
        if (peers.Count > 0)
        {
            var peerDocsPerSecond = Stats.Median(peers.Select(p => p.DocsPerSecond));
            PrintRatio("ours / Java peer (docs/s)", ourDocsPerSecond / peerDocsPerSecond, PeerTarget);
        }
        PrintRatio("ours / our 2-core analysis ceiling (docs/s)", ourDocsPerSecond / ceilingDocsPerSecond, CeilingTarget);
        // On a loaded machine wall time follows the neighbours; CPU seconds per run follow the work.
        var ourCpu = Stats.Median(ours.Select(o => o.CpuSeconds));
        if (peers.Count > 0)
        {
            Report.Line($"CPU seconds, Java peer / ours: {Stats.Median(peers.Select(p => p.CpuSeconds)) / ourCpu:0.00}× (the docs/s ratio if wall time followed CPU)");
        }
        Report.Line($"CPU seconds, analysis ceiling / ours: {Stats.Median(ceilings.Select(c => c.Number("cpu_s"))) / ourCpu:0.00}×");
    }

    private static void PrintRatio(string name, double ratio, double target) =>
        Report.Line($"{name}: {ratio:0.00}× (target ≥ {target.ToString("0.0", CultureInfo.InvariantCulture)}×: {(ratio >= target ? "met" : "NOT met")})");
}
