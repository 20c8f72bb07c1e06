using System.Globalization;

namespace SearchEngine.Core.Search;

/// <summary>How relevance is scored: BM25 parameters, proximity and freshness.</summary>
public sealed record RankingSettings
{
    /// <summary>BM25 term-frequency saturation: higher lets repeated words count for longer.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>BM25 length normalisation, from 0 (none) to 1 (full).</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>
    /// Multiplies the scores of the proximity clauses (neighbouring query words standing close
    /// together, see <see cref="QueryBuilder.ProximitySlop"/>); 0 turns proximity off.
    /// </summary>
    public float ProximityWeight { get; init; } = 1f;

    /// <summary>Age at which an article's freshness bonus has halved.</summary>
    public TimeSpan FreshnessHalfLife { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The freshness bonus of an article published at <c>now</c>: its score is multiplied by 1 + this.</summary>
    public float FreshnessWeight { get; init; } = 1f;

    /// <summary>The first setting out of range, named as in configuration, or null when all are valid.</summary>
    public string? Problem() =>
        !float.IsFinite(K1) || K1 < 0 ? Invariant($"Ranking:K1 is {K1}; it must be 0 or more (1.2 is usual)")
        : !float.IsFinite(B) || B is < 0 or > 1 ? Invariant($"Ranking:B is {B}; it must be between 0 and 1 (0.75 is usual)")
        : !float.IsFinite(ProximityWeight) || ProximityWeight < 0 ? Invariant($"Ranking:ProximityWeight is {ProximityWeight}; it must be 0 (off) or more")
        : FreshnessHalfLife <= TimeSpan.Zero ? Invariant($"Ranking:FreshnessHalfLife is {FreshnessHalfLife}; it must be positive, e.g. 30.00:00:00")
        : !float.IsFinite(FreshnessWeight) || FreshnessWeight < 0 ? Invariant($"Ranking:FreshnessWeight is {FreshnessWeight}; it must be 0 or more")
        : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
