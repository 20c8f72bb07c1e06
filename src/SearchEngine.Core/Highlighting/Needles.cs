namespace SearchEngine.Core.Highlighting;

/// <summary>
/// What the text of a token must contain for the token to analyse to a given term. SmartCn keeps
/// Chinese as written and only folds Latin letters and digits (full width to ASCII, upper to lower
/// case) before the Porter stemmer rewrites the end of a word. Porter only replaces suffixes, and
/// what it puts back shares all but at most the last character with what it removed (hoping ->
/// hope, happy -> happi), so a stem without its last character is found in the folded word.
/// NeedlesTests checks this against every word of the shared corpora.
/// </summary>
internal static class Needles
{
    private const char FirstWide = '\u2E80';

    /// <summary>The needle for text that analyses to <paramref name="term"/>.</summary>
    public static string For(string term)
    {
        var folded = Fold(term);
        return folded.Length > 1 && folded.Any(c => c < FirstWide) ? folded[..^1] : folded;
    }

    /// <summary>Full-width ASCII to ASCII and lower case, one character for one, so indexes stay valid.</summary>
    public static string Fold(string text) => string.Create(text.Length, text, static (folded, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            folded[i] = char.ToLowerInvariant(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
        }
    });
}
