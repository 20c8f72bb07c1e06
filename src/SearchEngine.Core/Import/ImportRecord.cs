using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Import;

/// <summary>One record read from a file: either an <see cref="Article"/> or the reason it could not be read.</summary>
/// <param name="File">The file the record came from, as it was named to the reader.</param>
/// <param name="Line">The 1-based line the record starts on (1 for a text page).</param>
public sealed record ImportRecord(string File, int Line, Article? Article, string? Error);
