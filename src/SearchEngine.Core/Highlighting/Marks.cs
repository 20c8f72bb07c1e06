namespace SearchEngine.Core.Highlighting;

/// <summary>
/// Matches are marked with two private-use characters while snippets are chosen and cut, so
/// that lengths count only visible text and a cut never falls inside a mark; the configured
/// tags replace them at the very end.
/// </summary>
internal static class Marks
{
    public const char Start = '\uE000';
    public const char End = '\uE001';

    public static bool IsSentinel(char c) => c is Start or End;

    public static string Strip(string text) =>
        text.AsSpan().IndexOfAny(Start, End) < 0 ? text : string.Concat(text.Where(c => !IsSentinel(c)));

    /// <summary>Escapes the text and puts in the tags; adjacent marks (大 + 数据) become one.</summary>
    public static string Render(string marked, string preTag, string postTag) => HtmlText.Escape(marked)
        .Replace(string.Concat(End, Start), "", StringComparison.Ordinal)
        .Replace(Start.ToString(), preTag, StringComparison.Ordinal)
        .Replace(End.ToString(), postTag, StringComparison.Ordinal);
}
