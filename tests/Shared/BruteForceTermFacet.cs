namespace SearchEngine.Testing;

/// <summary>
/// A term facet counted the plain way, from each matching article's values, in the form the
/// facet tests compare: the top values by count then value, the count of the rest, and the
/// articles with no value.
/// </summary>
public static class BruteForceTermFacet
{
    /// <param name="valuesPerArticle">Each matching article's distinct values for the field (empty when it has none).</param>
    public static string Describe(IReadOnlyList<string[]> valuesPerArticle, int size)
    {
        var counts = valuesPerArticle.SelectMany(values => values).GroupBy(value => value, StringComparer.Ordinal)
            .Select(group => (Value: group.Key, Count: (long)group.Count()))
            .OrderByDescending(pair => pair.Count).ThenBy(pair => pair.Value, StringComparer.Ordinal).ToList();
        return Describe(counts.Take(size), counts.Skip(size).Sum(pair => pair.Count), valuesPerArticle.Count(values => values.Length == 0));
    }

    /// <summary>The same form for a facet the service returned.</summary>
    public static string Describe(IEnumerable<(string Value, long Count)> values, long other, long missing) =>
        $"[{string.Join(", ", values.Select(pair => $"{pair.Value}={pair.Count}"))}] other={other} missing={missing}";
}
