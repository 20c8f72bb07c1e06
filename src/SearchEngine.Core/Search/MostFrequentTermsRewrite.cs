using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchEngine.Core.Search;

/// <summary>
/// Rewrites a prefix (or any multi-term) query to the <see cref="MaxTerms"/> indexed terms it
/// matches that occur in the most articles (ties: the alphabetically first), each scored as a
/// term. Bounds the cost and the clause count of a short prefix on a large index, and unlike
/// Lucene's top-terms rewrites (which keep the alphabetically first terms when all weigh the
/// same) keeps the expansions a reader most likely meant.
/// </summary>
internal sealed class MostFrequentTermsRewrite(int maxTerms) : MultiTermQuery.RewriteMethod
{
    public int MaxTerms { get; } = maxTerms;

    public override Query Rewrite(IndexReader reader, MultiTermQuery query)
    {
        var expansion = new BooleanQuery(disableCoord: true) { Boost = query.Boost };
        var terms = MultiFields.GetTerms(reader, query.Field);
        if (terms is null)
        {
            return expansion;
        }
        // Smallest document frequency first, and of equal ones the alphabetically last, so the
        // queue always drops the least useful candidate.
        var kept = new PriorityQueue<BytesRef, (int DocFreq, BytesRef Term)>(Comparer<(int DocFreq, BytesRef Term)>.Create(
            (a, b) => a.DocFreq != b.DocFreq ? a.DocFreq.CompareTo(b.DocFreq) : b.Term.CompareTo(a.Term)));
        var matching = GetTermsEnum(query, terms, new AttributeSource());
        while (matching.MoveNext())
        {
            var term = BytesRef.DeepCopyOf(matching.Term);
            kept.Enqueue(term, (matching.DocFreq, term));
            if (kept.Count > MaxTerms)
            {
                kept.Dequeue();
            }
        }
        var chosen = new List<BytesRef>(kept.Count);
        while (kept.Count > 0)
        {
            chosen.Add(kept.Dequeue());
        }
        chosen.Sort((a, b) => a.CompareTo(b));
        foreach (var term in chosen)
        {
            expansion.Add(new TermQuery(new Term(query.Field, term)), Occur.SHOULD);
        }
        return expansion;
    }

    public override bool Equals(object? obj) => obj is MostFrequentTermsRewrite other && other.MaxTerms == MaxTerms;

    public override int GetHashCode() => HashCode.Combine(nameof(MostFrequentTermsRewrite), MaxTerms);
}
