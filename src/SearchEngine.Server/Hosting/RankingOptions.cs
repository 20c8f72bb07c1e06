using SearchEngine.Core.Search;

namespace SearchEngine.Server.Hosting;

/// <summary>The <c>Ranking</c> configuration section: how relevance is scored.</summary>
public sealed class RankingOptions
{
    public const string Section = "Ranking";

    private static readonly RankingSettings Defaults = new();

    /// <summary>BM25 k1: term-frequency saturation.</summary>
    public float K1 { get; set; } = Defaults.K1;

    /// <summary>BM25 b: document-length normalisation, 0 to 1.</summary>
    public float B { get; set; } = Defaults.B;

    /// <summary>Weight of the proximity bonus for query words standing together; 0 turns it off.</summary>
    public float ProximityWeight { get; set; } = Defaults.ProximityWeight;

    /// <summary>Age at which the freshness bonus has halved.</summary>
    public TimeSpan FreshnessHalfLife { get; set; } = Defaults.FreshnessHalfLife;

    /// <summary>Freshness bonus of an article published at <c>now</c> (its score is multiplied by 1 + this).</summary>
    public float FreshnessWeight { get; set; } = Defaults.FreshnessWeight;

    /// <summary>The engine's settings; <see cref="InvalidConfigurationException"/> naming the first setting out of range.</summary>
    public RankingSettings ToSettings()
    {
        var settings = new RankingSettings
        {
            K1 = K1,
            B = B,
            ProximityWeight = ProximityWeight,
            FreshnessHalfLife = FreshnessHalfLife,
            FreshnessWeight = FreshnessWeight,
        };
        return settings.Problem() is { } problem ? throw new InvalidConfigurationException(problem) : settings;
    }
}

/// <summary>A configuration value the server cannot start with; the message names the setting.</summary>
public sealed class InvalidConfigurationException(string message) : Exception(message);
