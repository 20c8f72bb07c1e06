namespace SearchEngine.Core.Indexing;

/// <summary>What the searchable index holds.</summary>
public sealed record IndexStatistics(long ArticleCount, DateTimeOffset? OldestPublishedAt, DateTimeOffset? NewestPublishedAt, long SizeBytes);
