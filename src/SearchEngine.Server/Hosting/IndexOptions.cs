namespace SearchEngine.Server.Hosting;

/// <summary>The <c>Index</c> configuration section.</summary>
public sealed class IndexOptions
{
    public const string Section = "Index";

    /// <summary>Folder of the Lucene index, relative to the working directory unless absolute.</summary>
    public string Path { get; set; } = "index-data/index";

    /// <summary>Folder of *.jsonl articles loaded when the index is empty at start; empty disables it.</summary>
    public string SampleData { get; set; } = "index-data/sample";

    /// <summary>How soon indexed articles become searchable without a commit.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this long without a search, background refreshes pause until the next search.</summary>
    public TimeSpan SearchIdleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Indexing buffer before Lucene flushes a segment, in MB.</summary>
    public double RamBufferSizeMb { get; set; } = 64;

    /// <summary>Largest article body accepted, in UTF-8 bytes; larger ones are rejected one by one.</summary>
    public int MaxArticleBytes { get; set; } = SearchEngine.Core.Schema.ArticleValidator.DefaultMaxBodyBytes;

    /// <summary>Longest time indexed articles wait for a commit while a stream is still open.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a page walk's point-in-time view is kept after its last page.</summary>
    public TimeSpan PageSnapshotKeepAlive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most point-in-time views of page walks held at once.</summary>
    public int MaxPageSnapshots { get; set; } = 64;
}
