using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// What text must contain to analyse to a query's terms: a cheap test that tells which sentences
/// need analysing at all. SmartCn keeps Chinese as written and only folds Latin letters and
/// digits (full width to ASCII, upper to lower case) before the Porter stemmer rewrites the end
/// of a word. Porter only replaces suffixes, and what it puts back shares all but at most the
/// last character with what it removed (hoping -> hope, happy -> happi), so a stem without its
/// last character begins the folded word. NeedlesTests checks this against every Latin word of
/// the shared corpora.
/// </summary>
internal static class Needles
{
    private const char FirstWide = '\u2E80';

    /// <summary>The needle for text that analyses to <paramref name="term"/>.</summary>
    public static string For(string term)
    {
        var folded = Fold(term);
        return folded.Length > 1 && !IsWide(term) ? folded[..^1] : folded;
    }

    /// <summary>
    /// What a block must contain, compacted (<see cref="Compact"/>), to hold the pattern: one
    /// needle of each group. Consecutive Chinese words of a phrase stand together in the text,
    /// with at most whitespace between them (punctuation takes a position of its own), so their
    /// needle is the words joined: 全面实施, not 全面 and 实施 anywhere in the block. A Latin
    /// word's needle is only a prefix of its text, so nothing is joined after one.
    /// </summary>
    public static List<string[]> GroupsFor(MatchPattern pattern)
    {
        if (pattern.Field is ArticleFields.TitleBigrams or ArticleFields.BodyBigrams)
        {
            // Character pairs overlap (见冰, 冰岛): joined they would spell nothing in the text.
            return [.. pattern.Parts.Select(part => part.Needles.ToArray())];
        }
        var groups = new List<string[]>();
        string? run = null;
        var runEnd = int.MinValue;
        foreach (var part in pattern.Parts)
        {
            var single = part.Terms.Count == 1 && pattern.Slop == 0 ? part.Terms.First() : null;
            if (run is not null && single is not null && part.Offset == runEnd + 1)
            {
                run += For(single);
            }
            else
            {
                Flush();
                if (single is not null)
                {
                    run = For(single);
                }
                else
                {
                    groups.Add([.. part.Needles]);
                }
            }
            if (single is null || !IsWide(single))
            {
                Flush();
            }
            runEnd = part.Offset;
        }
        Flush();
        return groups;

        void Flush()
        {
            if (run is not null)
            {
                groups.Add([run]);
                run = null;
            }
        }
    }

    /// <summary>Full-width ASCII to ASCII and lower case, one character for one, so indexes stay valid.</summary>
    public static string Fold(string text) => string.Create(text.Length, text, static (folded, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            folded[i] = Fold(source[i]);
        }
    });

    /// <summary>
    /// The text folded and without whitespace, where needles are looked for, and for each index
    /// of the text (and its end) the index in the compacted text of what follows.
    /// </summary>
    public static (string Text, int[] Index) Compact(string text)
    {
        var index = new int[text.Length + 1];
        var compacted = new char[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            index[i] = length;
            if (!char.IsWhiteSpace(text[i]))
            {
                compacted[length++] = Fold(text[i]);
            }
        }
        index[text.Length] = length;
        return (new string(compacted, 0, length), index);
    }

    private static char Fold(char c) => char.ToLowerInvariant(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c);

    private static bool IsWide(string term) => term.All(c => c >= FirstWide);
}
