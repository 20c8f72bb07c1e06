using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Facets;

/// <summary>A field whose values can be counted over all hits.</summary>
public enum TermFacetField
{
    Source,
    Section,
    Language,
    /// <summary>Several values per article; an article counts once under each of its distinct tags.</summary>
    Tags,
}

/// <summary>Which term facets to count, and how many values each returns.</summary>
public sealed record TermFacetRequest
{
    public const int DefaultSize = 10;
    public const int MaxSize = 100;

    /// <summary>Distinct fields, in the order their facets are returned.</summary>
    public IReadOnlyList<TermFacetField> Fields { get; init; } = [];

    /// <summary>Most values returned per field, largest counts first.</summary>
    public int Size { get; init; } = DefaultSize;
}

/// <summary>Value counts of one field over every hit.</summary>
/// <param name="Values">The most frequent values, largest count first, ties in ordinal order of the value.</param>
/// <param name="OtherCount">Counts of the values not in <paramref name="Values"/>: hits for a single-valued field, tag occurrences for tags.</param>
/// <param name="MissingCount">Hits without any value for the field.</param>
public sealed record TermFacet(TermFacetField Field, IReadOnlyList<FacetValue> Values, long OtherCount, long MissingCount);

/// <param name="Count">Hits carrying the value.</param>
public sealed record FacetValue(string Value, long Count);

internal static class TermFacetFields
{
    public static string LuceneField(this TermFacetField field) => field switch
    {
        TermFacetField.Source => ArticleFields.Source,
        TermFacetField.Section => ArticleFields.Section,
        TermFacetField.Language => ArticleFields.Language,
        TermFacetField.Tags => ArticleFields.Tags,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a facet field"),
    };

    public static bool IsMultiValued(this TermFacetField field) => field == TermFacetField.Tags;
}
