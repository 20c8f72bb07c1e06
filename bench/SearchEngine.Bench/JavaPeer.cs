using System.Globalization;

namespace SearchEngine.Bench;

/// <summary>The peer's own figures (timed from opening the writer to close(), JVM start and dictionary load excluded) plus the whole process's.</summary>
internal sealed record PeerResult(long Docs, double Seconds, double CpuSeconds, double DocsPerSecond, double MbPerSecond, double IndexMb, ProcessResult Process);

/// <summary>The Java Lucene 4.10 peer: <c>run.sh index FILES IDX --threads N</c>.</summary>
internal static class JavaPeer
{
    public static async Task<PeerResult> IndexAsync(Workspace workspace, IReadOnlyList<string> files, int threads)
    {
        var scratch = workspace.NewScratchFolder("peer");
        try
        {
            var process = await TimedProcess.RunAsync("bash",
                [workspace.PeerScript, "index", string.Join(',', files), Path.Combine(scratch, "index"), "--threads", threads.ToString(CultureInfo.InvariantCulture)]);
            if (process.ExitCode != 0)
            {
                throw new BenchException($"the Java peer exited with {process.ExitCode}: {process.Error.Trim()}");
            }
            var output = new KeyValueOutput(process.Output);
            return new PeerResult(
                (long)output.Number("docs"),
                output.Number("seconds"),
                output.Number("cpu_s"),
                output.Number("docs_per_s"),
                output.Number("MB_per_s"),
                output.Number("index_size_MB"),
                process);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
