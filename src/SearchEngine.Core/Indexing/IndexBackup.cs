namespace SearchEngine.Core.Indexing;

/// <summary>A consistent copy of one commit of the index.</summary>
public sealed record IndexBackup(string Path, int ArticleCount, int FileCount, long SizeBytes);
