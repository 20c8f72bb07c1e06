using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchEngine.Core.Facets;

/// <summary>
/// Counts the values of one field over every collected hit from its doc values (sorted for
/// single-valued fields, sorted-set for tags). Within a segment the counts are kept per ordinal
/// in an int array; when the collector moves on, the segment's non-zero counts are merged by
/// value, because ordinals mean nothing across segments.
/// </summary>
public sealed class TermFacetCollector(TermFacetField facetField) : ICollector
{
    private readonly string luceneField = facetField.LuceneField();
    private readonly Dictionary<string, long> totals = new(StringComparer.Ordinal);
    private readonly BytesRef scratch = new();
    private SortedDocValues? singleValues;
    private SortedSetDocValues? multiValues;
    private int[] segmentCounts = [];
    private int segmentValueCount;
    private bool segmentHasCounts;
    private long missing;

    public TermFacetField Field => facetField;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        MergeSegmentCounts();
        var reader = context.AtomicReader;
        singleValues = null;
        multiValues = null;
        if (facetField.IsMultiValued())
        {
            multiValues = reader.GetSortedSetDocValues(luceneField);
            segmentValueCount = checked((int)(multiValues?.ValueCount ?? 0));
        }
        else
        {
            singleValues = reader.GetSortedDocValues(luceneField);
            segmentValueCount = singleValues?.ValueCount ?? 0;
        }
        if (segmentCounts.Length < segmentValueCount)
        {
            segmentCounts = new int[segmentValueCount];
        }
    }

    public void Collect(int doc)
    {
        if (singleValues is not null)
        {
            var ord = singleValues.GetOrd(doc);
            if (ord < 0)
            {
                missing++;
                return;
            }
            segmentCounts[ord]++;
            segmentHasCounts = true;
        }
        else if (multiValues is not null)
        {
            multiValues.SetDocument(doc);
            var ord = multiValues.NextOrd();
            if (ord == SortedSetDocValues.NO_MORE_ORDS)
            {
                missing++;
                return;
            }
            do
            {
                segmentCounts[ord]++;
            }
            while ((ord = multiValues.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS);
            segmentHasCounts = true;
        }
        else
        {
            // No document of this segment has a value for the field.
            missing++;
        }
    }

    /// <summary>The <paramref name="size"/> most frequent values (ties by ordinal order of the value) and what the rest add up to.</summary>
    public TermFacet ToFacet(int size)
    {
        MergeSegmentCounts();
        var ranked = totals.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var top = ranked.Take(size).Select(pair => new FacetValue(pair.Key, pair.Value)).ToList();
        var other = ranked.Skip(size).Sum(pair => pair.Value);
        return new TermFacet(facetField, top, other, missing);
    }

    private void MergeSegmentCounts()
    {
        if (!segmentHasCounts)
        {
            return;
        }
        for (var ord = 0; ord < segmentValueCount; ord++)
        {
            var count = segmentCounts[ord];
            if (count == 0)
            {
                continue;
            }
            if (singleValues is not null)
            {
                singleValues.LookupOrd(ord, scratch);
            }
            else
            {
                multiValues!.LookupOrd(ord, scratch);
            }
            var value = scratch.Utf8ToString();
            totals[value] = totals.GetValueOrDefault(value) + count;
            segmentCounts[ord] = 0;
        }
        segmentHasCounts = false;
    }
}
