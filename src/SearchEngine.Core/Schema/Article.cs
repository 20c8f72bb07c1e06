namespace SearchEngine.Core.Schema;

/// <summary>A news article as the engine indexes and stores it.</summary>
public sealed record Article
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public string? Body { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }
    public string? Author { get; init; }
    public string? Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}
