using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Search;

/// <summary>
/// Multiplies the wrapped query's score by 1 + weight × 2^(−age / halfLife), where age is how
/// long before <c>now</c> the article was published (0 for one dated after <c>now</c>). An
/// article without a date keeps its score. Reads published_at from doc values, so it costs no
/// stored-field access.
/// </summary>
internal sealed class FreshnessQuery(Query scored, DateTimeOffset now, TimeSpan halfLife, float weight) : CustomScoreQuery(scored)
{
    private readonly long nowMillis = now.ToUnixTimeMilliseconds();
    private readonly double halfLifeMillis = halfLife.TotalMilliseconds;
    private readonly float weight = weight;

    public override string Name => "freshness";

    /// <summary>The factor for an article published at <paramref name="publishedMillis"/>.</summary>
    public double Factor(long publishedMillis) =>
        1 + (weight * Math.Pow(2, -Math.Max(0, nowMillis - publishedMillis) / halfLifeMillis));

    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) => new Provider(this, context);

    public override bool Equals(object? o) =>
        base.Equals(o) && o is FreshnessQuery other && other.nowMillis == nowMillis && other.halfLifeMillis == halfLifeMillis && other.weight == weight;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), nowMillis, halfLifeMillis, weight);

    public override string ToString(string field) =>
        string.Create(CultureInfo.InvariantCulture, $"{base.ToString(field)} now={nowMillis} halfLife={halfLifeMillis}ms weight={weight}");

    private sealed class Provider(FreshnessQuery query, AtomicReaderContext context) : CustomScoreProvider(context)
    {
        private readonly NumericDocValues? publishedAt = context.AtomicReader.GetNumericDocValues(ArticleFields.PublishedAt);
        private readonly IBits? dated = context.AtomicReader.GetDocsWithField(ArticleFields.PublishedAt);

        // No value-source queries: Lucene calls the array overloads with empty arrays.
        public override float CustomScore(int doc, float subQueryScore, float[] valSrcScores) =>
            (float)(subQueryScore * FactorOf(doc));

        public override Explanation CustomExplain(int doc, Explanation subQueryExpl, Explanation[] valSrcExpls)
        {
            var factor = FactorOf(doc);
            var explanation = new Explanation((float)(subQueryExpl.Value * factor), "relevance × freshness, product of:");
            explanation.AddDetail(subQueryExpl);
            explanation.AddDetail(new Explanation((float)factor, "freshness: 1 + weight × 2^(−age / halfLife)"));
            return explanation;
        }

        private double FactorOf(int doc) =>
            publishedAt is not null && dated is not null && dated.Get(doc) ? query.Factor(publishedAt.Get(doc)) : 1;
    }
}
