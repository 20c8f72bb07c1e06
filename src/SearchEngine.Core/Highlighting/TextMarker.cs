using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// Finds where a query's patterns match in the stored text of one field, with the field's
/// analyzer, as the index saw it. Only blocks of sentences that contain the needles of some
/// pattern (<see cref="Needles"/>) are analysed, since most of a long article holds no query
/// word and analysis is most of the cost of highlighting; and at most
/// <see cref="MaxAnalyzedChars"/> characters of a text. A phrase is found within a block, so
/// the rare occurrence split by a line break is not marked (a sentence end already breaks a
/// phrase, since punctuation takes a position). Built once per query; not thread-safe.
/// </summary>
internal sealed class TextMarker
{
    /// <summary>Bounds the cost of marking a very long article; matches beyond are not looked for.</summary>
    public const int MaxAnalyzedChars = 100_000;

    private readonly Analyzer analyzer;
    private readonly string field;
    private readonly IReadOnlyList<MatchPattern> patterns;
    private readonly Dictionary<string, QueryTerm>.AlternateLookup<ReadOnlySpan<char>> queryTerms;
    private readonly List<string[]>[] needleGroups;
    // Per pattern and part, the tokens of the current block that match it (reused between blocks).
    private readonly List<int>[][] occurrences;

    public TextMarker(Analyzer analyzer, string field, IReadOnlyList<MatchPattern> patterns)
    {
        this.analyzer = analyzer;
        this.field = field;
        this.patterns = patterns;
        var terms = new Dictionary<string, QueryTerm>(StringComparer.Ordinal);
        for (var p = 0; p < patterns.Count; p++)
        {
            for (var part = 0; part < patterns[p].Parts.Count; part++)
            {
                foreach (var term in patterns[p].Parts[part].Terms)
                {
                    if (!terms.TryGetValue(term, out var queryTerm))
                    {
                        terms[term] = queryTerm = new QueryTerm(term, []);
                    }
                    queryTerm.Parts.Add((p, part));
                }
            }
        }
        queryTerms = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        needleGroups = [.. patterns.Select(Needles.GroupsFor)];
        occurrences = [.. patterns.Select(pattern => pattern.Parts.Select(_ => new List<int>()).ToArray())];
    }

    public MarkedText Mark(string text)
    {
        var marked = new MarkedText(text, this);
        if (patterns.Count == 0)
        {
            return marked;
        }
        var (compacted, compactIndex) = Needles.Compact(text);
        var marks = new List<Mark>();
        var budget = MaxAnalyzedChars;
        foreach (var (start, end) in marked.Blocks)
        {
            if (budget <= 0)
            {
                break;
            }
            if (!MayMatch(compacted.AsSpan(compactIndex[start], compactIndex[end] - compactIndex[start])))
            {
                continue;
            }
            budget -= end - start;
            var tokens = Analyse(text, start, end);
            marked.SetTokens(start, tokens);
            FindMatches(tokens, marks);
        }
        marked.SetMarks(marks);
        return marked;
    }

    /// <summary>The tokens of text[start..end), for telling where a word ends.</summary>
    public List<Token> Analyse(string text, int start, int end)
    {
        var tokens = new List<Token>();
        using var stream = analyzer.GetTokenStream(field, text[start..end]);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            queryTerms.TryGetValue(new ReadOnlySpan<char>(term.Buffer, 0, term.Length), out var queryTerm);
            tokens.Add(new Token(start + offset.StartOffset, start + offset.EndOffset, position, queryTerm));
        }
        stream.End();
        return tokens;
    }

    /// <summary>Whether the compacted block holds a needle of each needle group of some pattern.</summary>
    private bool MayMatch(ReadOnlySpan<char> block)
    {
        foreach (var groups in needleGroups)
        {
            var all = true;
            foreach (var group in groups)
            {
                var any = false;
                foreach (var needle in group)
                {
                    if (block.Contains(needle, StringComparison.Ordinal))
                    {
                        any = true;
                        break;
                    }
                }
                if (!any)
                {
                    all = false;
                    break;
                }
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }

    private void FindMatches(List<Token> tokens, List<Mark> marks)
    {
        foreach (var parts in occurrences)
        {
            foreach (var list in parts)
            {
                list.Clear();
            }
        }
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens[t].QueryTerm is { } queryTerm)
            {
                foreach (var (pattern, part) in queryTerm.Parts)
                {
                    occurrences[pattern][part].Add(t);
                }
            }
        }
        for (var p = 0; p < patterns.Count; p++)
        {
            var pattern = patterns[p];
            var found = occurrences[p];
            if (found.Any(list => list.Count == 0))
            {
                continue;
            }
            if (!pattern.IsPhrase)
            {
                marks.AddRange(found[0].Select(t => Highlighting.Mark.Of(tokens[t])));
            }
            else if (pattern.Slop == 0)
            {
                FindPhrases(pattern, found, tokens, marks);
            }
            else
            {
                FindNearby(pattern, found, tokens, marks);
            }
        }
    }

    /// <summary>Each exact occurrence of a phrase is one mark, from its first word to its last (F-35, Bank of China).</summary>
    private static void FindPhrases(MatchPattern pattern, List<int>[] found, List<Token> tokens, List<Mark> marks)
    {
        var members = new List<int>(pattern.Parts.Count);
        foreach (var first in found[0])
        {
            var origin = tokens[first].Position - pattern.Parts[0].Offset;
            members.Clear();
            members.Add(first);
            for (var part = 1; part < pattern.Parts.Count; part++)
            {
                var at = found[part].FindIndex(t => tokens[t].Position == origin + pattern.Parts[part].Offset);
                if (at < 0)
                {
                    break;
                }
                members.Add(found[part][at]);
            }
            if (members.Count == pattern.Parts.Count)
            {
                marks.Add(new Mark(members.Min(t => tokens[t].Start), members.Max(t => tokens[t].End),
                    [.. members.Select(t => tokens[t].QueryTerm!.Text).Distinct(StringComparer.Ordinal)]));
            }
        }
    }

    /// <summary>
    /// A sloppy phrase matches where every part occurs with its position, less its offset, in a
    /// window of slop + 1 positions (how Lucene measures a sloppy match); each word in such a
    /// window is marked on its own, since other words may stand between them.
    /// </summary>
    private static void FindNearby(MatchPattern pattern, List<int>[] found, List<Token> tokens, List<Mark> marks)
    {
        var placed = found
            .SelectMany((list, part) => list.Select(t => (Token: t, Origin: tokens[t].Position - pattern.Parts[part].Offset, Part: part)))
            .OrderBy(occurrence => occurrence.Origin)
            .ToList();
        var marked = new HashSet<int>();
        foreach (var anchor in placed.Select(occurrence => occurrence.Origin).Distinct())
        {
            var window = placed.Where(occurrence => occurrence.Origin >= anchor && occurrence.Origin <= anchor + pattern.Slop).ToList();
            if (window.Select(occurrence => occurrence.Part).Distinct().Count() == pattern.Parts.Count)
            {
                marked.UnionWith(window.Select(occurrence => occurrence.Token));
            }
        }
        marks.AddRange(marked.Select(t => Highlighting.Mark.Of(tokens[t])));
    }

    /// <summary>A query term and the (pattern, part) pairs it can fill.</summary>
    internal sealed record QueryTerm(string Text, List<(int Pattern, int Part)> Parts);

    /// <summary>One analysed token: its characters in the text, its position in its block and the query term it is, if any.</summary>
    internal readonly record struct Token(int Start, int End, int Position, QueryTerm? QueryTerm);
}
