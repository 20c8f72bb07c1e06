using Lucene.Net.Search;

namespace SearchEngine.Core.Search;

/// <summary>The query hits are ranked by when sorted by relevance: matching plus proximity, optionally times freshness.</summary>
public static class RelevanceScoring
{
    /// <summary>
    /// <paramref name="matching"/> decides which articles are hits; the proximity clauses only add
    /// to their scores, and freshness only scales them, so the hits are the same either way.
    /// </summary>
    public static Query Compose(Query matching, IReadOnlyList<Query> proximity, RankingMode ranking, DateTimeOffset now, RankingSettings settings)
    {
        var scored = matching;
        if (proximity.Count > 0 && settings.ProximityWeight > 0)
        {
            var withProximity = new BooleanQuery { { matching, Occur.MUST } };
            foreach (var clause in proximity)
            {
                var weighted = (Query)clause.Clone();
                weighted.Boost *= settings.ProximityWeight;
                withProximity.Add(weighted, Occur.SHOULD);
            }
            scored = withProximity;
        }
        return ranking == RankingMode.RelevanceWithFreshness
            ? new FreshnessQuery(scored, now, settings.FreshnessHalfLife, settings.FreshnessWeight)
            : scored;
    }
}
