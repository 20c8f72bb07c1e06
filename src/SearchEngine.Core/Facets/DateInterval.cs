namespace SearchEngine.Core.Facets;

/// <summary>Bucket width of a date histogram; <see cref="Auto"/> picks one from the span of the hits.</summary>
public enum DateInterval
{
    Auto,
    Day,
    Week,
    Month,
    Year,
}
