using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SearchEngine.Contracts.V1;

namespace SearchEngine.Cli.Searching;

/// <summary>Writes a search response for a person: the hits, the date histogram and how to get the next page.</summary>
internal static class SearchPrinter
{
    private const int HistogramBarWidth = 40;
    private const string Indent = "    ";

    public static void Write(SearchResponse response, TextWriter output, bool asAnsi)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{response.TotalHits:N0} {(response.TotalHits == 1 ? "hit" : "hits")} (took {response.TookMs} ms)"));
        for (var index = 0; index < response.Hits.Count; index++)
        {
            WriteHit(response.Hits[index], index + 1, output, asAnsi);
        }
        if (response.DateHistogram.Count > 0)
        {
            output.WriteLine();
            WriteHistogram(response, output);
        }
        if (response.NextPageToken.Length > 0)
        {
            output.WriteLine();
            output.WriteLine($"next page: --page-token {response.NextPageToken}");
        }
    }

    private static void WriteHit(SearchHit hit, int rank, TextWriter output, bool asAnsi)
    {
        output.WriteLine();
        var title = hit.Highlight is { Title.Length: > 0 } ? MarkedText.Render(hit.Highlight.Title, asAnsi) : hit.Title;
        output.WriteLine($"{rank,2}. {title}");
        var details = new[] { FormatDate(hit.PublishedAt), hit.Source, hit.Id }.Where(detail => detail.Length > 0);
        output.WriteLine(Indent + string.Join(" | ", details));
        foreach (var snippet in hit.Highlight?.Snippets ?? [])
        {
            // Fragments may span paragraphs; one line each keeps the indentation readable.
            output.WriteLine(Indent + MarkedText.Render(snippet, asAnsi).ReplaceLineEndings(" ").Trim());
        }
    }

    private static void WriteHistogram(SearchResponse response, TextWriter output)
    {
        output.WriteLine($"Hits per {IntervalName(response.DateHistogramInterval)} (UTC):");
        var largest = response.DateHistogram.Max(bucket => bucket.Count);
        var keyWidth = response.DateHistogram.Max(bucket => bucket.Key.Length);
        var countWidth = response.DateHistogram.Max(bucket => FormatCount(bucket.Count).Length);
        foreach (var bucket in response.DateHistogram)
        {
            var bar = new string('#', BarLength(bucket.Count, largest));
            output.WriteLine($"{bucket.Key.PadRight(keyWidth)}  {FormatCount(bucket.Count).PadLeft(countWidth)}  {bar}".TrimEnd());
        }
    }

    /// <summary>Scaled so the largest bucket fills the width; a non-empty bucket always shows at least one mark.</summary>
    internal static int BarLength(long count, long largest) =>
        count <= 0 || largest <= 0 ? 0 : (int)Math.Max(1, Math.Round((double)count * HistogramBarWidth / largest));

    private static string IntervalName(DateInterval interval) => interval switch
    {
        DateInterval.Day => "day",
        DateInterval.Week => "week",
        DateInterval.Month => "month",
        DateInterval.Year => "year",
        _ => "interval",
    };

    private static string FormatCount(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string FormatDate(Timestamp? timestamp) =>
        timestamp is null ? "no date" : timestamp.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
