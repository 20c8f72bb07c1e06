using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using SearchEngine.Core.Analysis;

namespace SearchEngine.Server.Tests.SharedCorpus;

/// <summary>A token of NewsAnalyzer's analysis of a whole text, as the index saw it.</summary>
public sealed record ReferenceToken(int Start, int End, int Position, string Term);

/// <summary>One required unit of a query: a word, or the phrase a quoted or unspaced run analyses to.</summary>
/// <param name="Parts">The unit's terms with their position offsets from the first.</param>
public sealed record ReferenceUnit(IReadOnlyList<(int Offset, string Term)> Parts)
{
    /// <summary>Where the unit occurs among <paramref name="tokens"/>: the indexes of its first and last token.</summary>
    public IEnumerable<(int First, int Last)> Occurrences(IReadOnlyList<ReferenceToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Length(tokens, i) is { } length)
            {
                yield return (i, i + length - 1);
            }
        }
    }

    /// <summary>How many tokens from <paramref name="first"/> the unit covers when it occurs there; null when it does not.</summary>
    public int? Length(IReadOnlyList<ReferenceToken> tokens, int first)
    {
        if (first + Parts.Count > tokens.Count)
        {
            return null;
        }
        for (var part = 0; part < Parts.Count; part++)
        {
            var token = tokens[first + part];
            if (token.Term != Parts[part].Term || token.Position - tokens[first].Position != Parts[part].Offset)
            {
                return null;
            }
        }
        return Parts.Count;
    }
}

/// <summary>
/// What the bench queries mean, worked out independently of the engine's query code: each
/// space-separated word and each quoted phrase is a required unit, and a unit that analyses to
/// several tokens (a quoted phrase, a Chinese run, F-35) matches only where they stand together.
/// </summary>
public sealed partial class ReferenceQuery
{
    private ReferenceQuery(IReadOnlyList<ReferenceUnit> units, IReadOnlyList<string> characterUnits)
    {
        Units = units;
        CharacterUnits = characterUnits;
    }

    public IReadOnlyList<ReferenceUnit> Units { get; }

    /// <summary>
    /// Units of two or more characters that hold Chinese, as typed (folded): the engine also
    /// matches them where their characters stand together, whatever the article's word boundaries.
    /// </summary>
    public IReadOnlyList<string> CharacterUnits { get; }

    public IReadOnlySet<string> Terms => Units.SelectMany(unit => unit.Parts.Select(part => part.Term)).ToHashSet(StringComparer.Ordinal);

    public static ReferenceQuery Parse(string query, Analyzer analyzer)
    {
        var units = new List<ReferenceUnit>();
        var characterUnits = new List<string>();
        foreach (Match match in QueryUnits().Matches(query))
        {
            var text = match.Groups["phrase"].Success ? match.Groups["phrase"].Value : match.Groups["word"].Value;
            var tokens = Analyse(analyzer, text);
            if (tokens.Count > 0)
            {
                units.Add(new ReferenceUnit([.. tokens.Select(token => (token.Position - tokens[0].Position, token.Term))]));
            }
            if (CharacterBigramTokenizer.ContainsCjk(text) && text.EnumerateRunes().Count() >= 2)
            {
                characterUnits.Add(Fold(text));
            }
        }
        return new ReferenceQuery(units, characterUnits);
    }

    /// <summary>Whether the text holds a character unit where its characters stand together.</summary>
    public bool MatchesByCharacters(string text) =>
        CharacterUnits.Any(unit => Fold(text).Contains(unit, StringComparison.Ordinal));

    /// <summary>Whether the marked text is a run of character units and query terms, nothing else.</summary>
    public bool IsMadeOfCharacterUnits(string markText)
    {
        var text = Fold(markText);
        var pieces = CharacterUnits.Concat(Terms).Where(piece => piece.Length > 0).ToList();
        var reachable = new bool[text.Length + 1];
        reachable[0] = true;
        for (var i = 0; i < text.Length; i++)
        {
            if (!reachable[i])
            {
                continue;
            }
            foreach (var piece in pieces.Where(piece => string.CompareOrdinal(text, i, piece, 0, piece.Length) == 0))
            {
                reachable[i + piece.Length] = true;
            }
        }
        return reachable[^1];
    }

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Whether the token run [first, last] is made of whole unit occurrences and nothing else.</summary>
    public bool IsMadeOfUnits(IReadOnlyList<ReferenceToken> tokens, int first, int last)
    {
        var reachable = new bool[last - first + 2];
        reachable[0] = true;
        for (var i = 0; i <= last - first; i++)
        {
            if (!reachable[i])
            {
                continue;
            }
            foreach (var unit in Units)
            {
                if (unit.Length(tokens, first + i) is { } length && i + length <= last - first + 1)
                {
                    reachable[i + length] = true;
                }
            }
        }
        return reachable[^1];
    }

    public static List<ReferenceToken> Analyse(Analyzer analyzer, string text)
    {
        var tokens = new List<ReferenceToken>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new ReferenceToken(offset.StartOffset, offset.EndOffset, position, term.ToString()));
        }
        stream.End();
        return tokens;
    }

    [GeneratedRegex("\"(?<phrase>[^\"]*)\"|(?<word>[^\\s\"]+)")]
    private static partial Regex QueryUnits();
}

/// <summary>A highlighted string taken apart: its text with the tags removed and entities decoded, and where its marks are.</summary>
public sealed record MarkedString(string Text, IReadOnlyList<(int Start, int End)> Marks, bool WellFormed)
{
    public const string PreTag = "<em>";
    public const string PostTag = "</em>";

    public static MarkedString Parse(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var marks = new List<(int, int)>();
        var wellFormed = true;
        int? open = null;
        for (var i = 0; i < marked.Length;)
        {
            if (string.CompareOrdinal(marked, i, PreTag, 0, PreTag.Length) == 0)
            {
                wellFormed &= open is null;
                open = text.Length;
                i += PreTag.Length;
            }
            else if (string.CompareOrdinal(marked, i, PostTag, 0, PostTag.Length) == 0)
            {
                wellFormed &= open is not null && open < text.Length;
                marks.Add((open ?? text.Length, text.Length));
                open = null;
                i += PostTag.Length;
            }
            else if (marked[i] == '&')
            {
                var end = marked.IndexOf(';', i);
                var entity = end < 0 ? "" : marked[i..(end + 1)];
                var decoded = entity switch { "&amp;" => '&', "&lt;" => '<', "&gt;" => '>', "&quot;" => '"', "&#39;" => '\'', _ => (char?)null };
                wellFormed &= decoded is not null;
                text.Append(decoded ?? '&');
                i = decoded is null ? i + 1 : end + 1;
            }
            else
            {
                // Markup other than the tags, or a quote, would mean the text was not escaped.
                wellFormed &= marked[i] is not ('<' or '>' or '"' or '\'');
                text.Append(marked[i]);
                i++;
            }
        }
        return new MarkedString(text.ToString(), marks, wellFormed && open is null);
    }
}
