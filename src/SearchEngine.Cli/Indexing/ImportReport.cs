using System.Globalization;

namespace SearchEngine.Cli.Indexing;

/// <summary>Collects what could not be indexed and writes the closing summary.</summary>
internal sealed class ImportReport
{
    private readonly List<(RecordLocation Location, string Reason)> rejectedRecords = [];
    private readonly List<(string File, string Reason)> unreadableFiles = [];

    public bool HasProblems => rejectedRecords.Count > 0 || unreadableFiles.Count > 0;

    public void RejectRecord(RecordLocation location, string reason) => rejectedRecords.Add((location, reason));

    public void RejectFile(string file, string reason) => unreadableFiles.Add((file, reason));

    public void WriteSummary(TextWriter output, long indexed, int fileCount, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var rate = seconds > 0 ? indexed / seconds : 0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Indexed {Count(indexed, "article")} from {Count(fileCount, "file")} in {seconds:0.0} s ({rate:N0} articles/s)."));
        if (rejectedRecords.Count > 0)
        {
            output.WriteLine($"Rejected {Count(rejectedRecords.Count, "record")}:");
            // Local rejections are known at once and the server's only when its batch ends: file order reads better.
            foreach (var (location, reason) in rejectedRecords.OrderBy(rejection => rejection.Location.FileOrder).ThenBy(rejection => rejection.Location.Line))
            {
                output.WriteLine($"  {location}: {reason}");
            }
        }
        if (unreadableFiles.Count > 0)
        {
            output.WriteLine($"Could not read {Count(unreadableFiles.Count, "file")}:");
            foreach (var (file, reason) in unreadableFiles)
            {
                output.WriteLine($"  {file}: {reason}");
            }
        }
    }

    private static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
