using System.Diagnostics;
using System.Text;
using Lucene.Net.Analysis;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Schema;

namespace SearchEngine.Bench;

internal sealed record AnalysisResult(int Docs, double Seconds, double CpuSeconds, long Tokens, double TextMb);

/// <summary>
/// Analysis only, as the Java peer's <c>analyze</c>: every title and body through the engine's
/// analyzer (reset / incrementToken* / end), records split over the threads, no index.
/// </summary>
internal static class AnalysisCeiling
{
    public static AnalysisResult Measure(IReadOnlyList<Article> articles, int threads)
    {
        using var analyzer = NewsAnalyzer.Create();
        // SmartCn loads its dictionaries on first use; like the peer, keep that out of the timing.
        CountTokens(analyzer, "title", "预热 warm-up");
        var textBytes = articles.Sum(article => (long)Encoding.UTF8.GetByteCount(article.Title ?? "") + Encoding.UTF8.GetByteCount(article.Body ?? ""));
        var tokens = new long[threads];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            long count = 0;
            // Interleaved shares, so that each thread gets both languages.
            for (var i = thread; i < articles.Count; i += threads)
            {
                count += CountTokens(analyzer, ArticleFields.Title, articles[i].Title) + CountTokens(analyzer, ArticleFields.Body, articles[i].Body);
            }
            tokens[thread] = count;
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new AnalysisResult(articles.Count, seconds, cpu, tokens.Sum(), textBytes / 1e6);
    }

    public static long CountTokens(Analyzer analyzer, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        using var stream = analyzer.GetTokenStream(field, text);
        stream.Reset();
        long count = 0;
        while (stream.IncrementToken())
        {
            count++;
        }
        stream.End();
        return count;
    }
}
