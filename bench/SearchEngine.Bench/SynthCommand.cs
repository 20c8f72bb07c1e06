using System.Diagnostics;

namespace SearchEngine.Bench;

/// <summary><c>synth --size N --out FILE</c>: writes a synthetic corpus (see <see cref="SyntheticCorpus"/>).</summary>
internal static class SynthCommand
{
    public static void Run(Workspace workspace, BenchOptions options)
    {
        var size = options.GetInt("size", 0);
        var output = options.Get("out") ?? throw new BenchException("synth needs --out FILE.jsonl");
        if (size < 1)
        {
            throw new BenchException("synth needs --size N (N ≥ 1)");
        }
        var stopwatch = Stopwatch.StartNew();
        var bytes = SyntheticCorpus.Write(Corpus.Load(workspace.CorpusFiles), size, options.GetInt("seed", SyntheticCorpus.DefaultSeed), output);
        Report.Line($"wrote {size:N0} articles, {bytes / 1e6:0.0} MB to {output} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }
}
