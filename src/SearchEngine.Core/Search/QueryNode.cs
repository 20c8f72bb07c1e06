namespace SearchEngine.Core.Search;

/// <summary>
/// A parsed query, before analysis. <see cref="Position"/> is the 0-based UTF-16 index in the
/// query text where the node starts, for error messages.
/// </summary>
public abstract record QueryNode(int Position);

/// <summary>The field a word or phrase is restricted to; <see cref="Default"/> is title or body.</summary>
public enum QueryField
{
    Default,
    Title,
    Body,
    Author,
    Source,
    Section,
    Tag,
}

/// <summary>A bare word; with <paramref name="IsPrefix"/> it stood before a trailing <c>*</c> (not included).</summary>
public sealed record WordNode(string Text, QueryField Field, bool IsPrefix, int Position) : QueryNode(Position);

/// <summary>A quoted phrase, its quotes removed.</summary>
public sealed record PhraseNode(string Text, QueryField Field, int Position) : QueryNode(Position);

/// <summary>An exclusion: <c>-word</c>, <c>-"phrase"</c>, <c>-(group)</c> or <c>NOT …</c>.</summary>
public sealed record NotNode(QueryNode Operand, int Position) : QueryNode(Position);

/// <summary>Alternatives joined by <c>OR</c>: any of them matches.</summary>
public sealed record OrNode(IReadOnlyList<QueryNode> Alternatives, int Position) : QueryNode(Position);

/// <summary>Operands joined by <c>AND</c>: all of them are required whatever the match mode.</summary>
public sealed record AndNode(IReadOnlyList<QueryNode> Operands, int Position) : QueryNode(Position);

/// <summary>
/// Items written side by side (the whole query, or the inside of parentheses): all required
/// under <see cref="MatchMode.All"/>, any under <see cref="MatchMode.Any"/>.
/// </summary>
public sealed record SequenceNode(IReadOnlyList<QueryNode> Items, int Position) : QueryNode(Position);
