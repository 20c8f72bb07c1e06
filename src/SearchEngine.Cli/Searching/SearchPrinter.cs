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
        if (response.Relaxed)
        {
            output.WriteLine("No article has every word; these have most of them.");
        }
        for (var index = 0; index < response.Hits.Count; index++)
        {
            WriteHit(response.Hits[index], index + 1, output, asAnsi);
        }
        if (response.DateHistogram.Count > 0)
        {
            output.WriteLine();
            WriteHistogram(response, output);
        }
        foreach (var facet in response.TermFacets)
        {
            output.WriteLine();
            WriteFacet(facet, output);
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

    private static void WriteFacet(TermFacet facet, TextWriter output)
    {
        output.WriteLine($"By {FacetName(facet.Field)}:");
        var rows = facet.Values.Select(value => (Label: value.Value, value.Count)).ToList();
        if (facet.OtherCount > 0)
        {
            rows.Add(("(other)", facet.OtherCount));
        }
        if (facet.MissingCount > 0)
        {
            rows.Add(("(none)", facet.MissingCount));
        }
        if (rows.Count == 0)
        {
            return;
        }
        var labelWidth = rows.Max(row => row.Label.Length);
        var countWidth = rows.Max(row => FormatCount(row.Count).Length);
        foreach (var (label, count) in rows)
        {
            output.WriteLine($"{Indent}{label.PadRight(labelWidth)}  {FormatCount(count).PadLeft(countWidth)}");
        }
    }

    private static string FacetName(FacetField field) => field switch
    {
        FacetField.Source => "source",
        FacetField.Section => "section",
        FacetField.Language => "language",
        FacetField.Tags => "tag",
        _ => field.ToString(),
    };

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
