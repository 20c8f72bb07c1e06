namespace SearchEngine.Core.Highlighting;

/// <summary>
/// One way a query matches text in a field: a single term (one part) or a phrase whose parts
/// must stand at their offsets, exactly (<see cref="Slop"/> 0) or within a window of that many
/// positions.
/// </summary>
internal sealed record MatchPattern(string Field, IReadOnlyList<PatternPart> Parts, int Slop)
{
    public bool IsPhrase => Parts.Count > 1;

    public IEnumerable<string> Terms => Parts.SelectMany(part => part.Terms);
}

/// <param name="Offset">Position of this part relative to the pattern's first part.</param>
/// <param name="Terms">The indexed terms that match here: one, or the expansions of a prefix.</param>
/// <param name="Needles">
/// Folded strings of which one begins the folded text of any token that analyses to one of
/// <paramref name="Terms"/> (see <see cref="Highlighting.Needles"/>).
/// </param>
internal sealed record PatternPart(int Offset, IReadOnlySet<string> Terms, IReadOnlyList<string> Needles);
