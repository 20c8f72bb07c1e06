namespace SearchEngine.Bench;

/// <summary>Dispatches the bench commands; see bench/README.md for what each measures.</summary>
internal static class BenchApp
{
    private const string Usage = """
        usage: SearchEngine.Bench COMMAND [options]
          ingest    [--runs 2] [--server-arg ARG]... [--server-env K=V]... [--cli-arg ARG]... [--label TEXT] [--skip-peer true]
                    analysis ceiling (2 threads), our gRPC ingest and the Java peer (2 threads), interleaved; medians + ratios
          scale     [--sizes 10000,100000,1000000] [--seed 20261128] [--server-arg ARG]... [--server-env K=V]... [--cli-arg ARG]...
                    synthetic corpora: docs/s, index size, peak RSS of server and CLI, search p50/p99
          analyze   [--threads 2] [--files A.jsonl,B.jsonl]    analysis-only throughput in this process (machine-readable)
          breakdown [--threads 2]                              in-process split: JSON parse, wire mapping, analysis, IndexWriter
          synth     --size N --out FILE.jsonl [--seed 20261128] write a synthetic corpus
          relevance [--part all|cacm|known-item] [--seed 20261128] [--server-arg ARG]...
                    CACM MAP/P@30 and Chinese known-item success through the Search RPC
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            var options = BenchOptions.Parse(args.Skip(1));
            var workspace = Workspace.Locate();
            switch (args[0])
            {
                case "ingest":
                    await IngestCommand.RunAsync(workspace, options);
                    return 0;
                case "scale":
                    await ScaleCommand.RunAsync(workspace, options);
                    return 0;
                case "analyze":
                    AnalyzeCommand.Run(workspace, options);
                    return 0;
                case "breakdown":
                    await BreakdownCommand.RunAsync(workspace, options);
                    return 0;
                case "relevance":
                    await RelevanceCommand.RunAsync(workspace, options);
                    return 0;
                case "synth":
                    SynthCommand.Run(workspace, options);
                    return 0;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (BenchException exception)
        {
            await Console.Error.WriteLineAsync($"bench: {exception.Message}");
            return 1;
        }
    }
}
