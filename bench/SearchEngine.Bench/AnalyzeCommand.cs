using System.Diagnostics;
using System.Globalization;

namespace SearchEngine.Bench;

/// <summary>
/// <c>analyze</c>: the analysis ceiling in this process, printed as "key value" lines (the ingest
/// command runs it as a fresh process, so every pass starts with a cold JIT, like the peer's).
/// </summary>
internal static class AnalyzeCommand
{
    public static void Run(Workspace workspace, BenchOptions options)
    {
        var files = options.Get("files")?.Split(',') ?? [.. workspace.CorpusFiles];
        var threads = options.GetInt("threads", 2);
        var parse = Stopwatch.StartNew();
        var articles = Corpus.Load(files);
        var parseSeconds = parse.Elapsed.TotalSeconds;
        var result = AnalysisCeiling.Measure(articles, threads);
        var inputMb = Corpus.InputMb(files);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            docs          {result.Docs}
            threads       {threads}
            json_parse_s  {parseSeconds:0.00} (not included below)
            seconds       {result.Seconds:0.00}
            cpu_s         {result.CpuSeconds:0.00}
            tokens        {result.Tokens}
            input_MB      {inputMb:0.00}
            text_MB       {result.TextMb:0.00}
            docs_per_s    {result.Docs / result.Seconds:0}
            MB_per_s      {inputMb / result.Seconds:0.00} (input JSONL MB; text MB/s {result.TextMb / result.Seconds:0.00})
            tokens_per_s  {result.Tokens / result.Seconds:0}
            """));
    }
}
