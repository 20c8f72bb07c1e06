namespace SearchEngine.Cli.Indexing;

/// <summary>Where a record came from: the file as the user named it (and its place among the files, for ordering) and its line.</summary>
internal sealed record RecordLocation(int FileOrder, string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
