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

    /// <summary>Indexing buffer before Lucene flushes a segment, in MB.</summary>
    public double RamBufferSizeMb { get; set; } = 64;
}
