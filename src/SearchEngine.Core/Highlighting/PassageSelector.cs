using System.Text;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// Chooses body snippets from a text whose matches carry mark sentinels. A candidate is a run of
/// whole sentences within the target length that starts at a sentence with a match; a sentence
/// longer than the target is cut to the stretch showing the most distinct terms, at word
/// boundaries, never inside a mark or a surrogate pair. Snippets are picked greedily by the
/// query terms they add to those already shown, so together they show why the article matched.
/// </summary>
/// <param name="termKey">Maps a marked surface form to its term ("servers" and "server" are one term).</param>
internal sealed class PassageSelector(Func<string, string> termKey)
{
    private const string Ellipsis = "…";

    public IReadOnlyList<string> Select(string marked, int targetLength, int maxCount)
    {
        var sentences = Sentence.Split(marked);
        var used = new bool[sentences.Count];
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var snippets = new List<string>();
        while (snippets.Count < maxCount)
        {
            Passage? best = null;
            var bestScore = (NewTerms: 0, Terms: 0, Matches: 0);
            for (var first = 0; first < sentences.Count; first++)
            {
                if (used[first] || !sentences[first].HasMark)
                {
                    continue;
                }
                var last = ExtendWindow(sentences, used, first, targetLength);
                var passage = Cut(marked[sentences[first].Start..sentences[last].End], targetLength) with { First = first, Last = last };
                var score = (NewTerms: passage.Terms.Count(term => !shown.Contains(term)), Terms: passage.Terms.Count, passage.Matches);
                if (best is null || score.CompareTo(bestScore) > 0)
                {
                    (best, bestScore) = (passage, score);
                }
            }
            if (best is null)
            {
                break;
            }
            Array.Fill(used, true, best.First, best.Last - best.First + 1);
            shown.UnionWith(best.Terms);
            snippets.Add(best.Text);
        }
        return snippets;
    }

    /// <summary>The opening sentences of the text, within the target length.</summary>
    public string Lead(string text, int targetLength)
    {
        var sentences = Sentence.Split(text);
        if (sentences.Count == 0)
        {
            return "";
        }
        var last = ExtendWindow(sentences, new bool[sentences.Count], 0, targetLength);
        return Cut(text[sentences[0].Start..sentences[last].End], targetLength).Text;
    }

    private static int ExtendWindow(IReadOnlyList<Sentence> sentences, bool[] used, int first, int targetLength)
    {
        var last = first;
        var length = sentences[first].VisibleLength;
        while (last + 1 < sentences.Count && !used[last + 1] && length + 1 + sentences[last + 1].VisibleLength <= targetLength)
        {
            last++;
            length += 1 + sentences[last].VisibleLength;
        }
        return last;
    }

    /// <summary>
    /// Joins the window's lines and, when it is still too long, keeps the stretch of the target
    /// length that shows the most distinct terms, starting a little before one of its marks.
    /// </summary>
    private Passage Cut(string window, int targetLength)
    {
        var text = JoinLines(window);
        if (VisibleLength(text) <= targetLength)
        {
            return Measure(text, 0, text.Length);
        }
        var context = Math.Min(targetLength / 5, 30);
        var best = Measure(text, 0, RetreatToBoundary(text, 0, SkipVisible(text, 0, targetLength)));
        for (var mark = text.IndexOf(Marks.Start); mark >= 0; mark = text.IndexOf(Marks.Start, mark + 1))
        {
            var before = VisibleLength(text[..mark]);
            if (before <= context)
            {
                continue;
            }
            var start = AdvanceToBoundary(text, SkipVisible(text, 0, before - context));
            var candidate = Measure(text, start, RetreatToBoundary(text, start, SkipVisible(text, start, targetLength)));
            if ((candidate.Terms.Count, candidate.Matches).CompareTo((best.Terms.Count, best.Matches)) > 0)
            {
                best = candidate;
            }
        }
        return best;
    }

    /// <summary>The passage text[start..end) with ellipses where it was cut, and the terms it shows.</summary>
    private Passage Measure(string text, int start, int end)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var matches = 0;
        for (var mark = text.IndexOf(Marks.Start, start); mark >= 0 && mark < end; mark = text.IndexOf(Marks.Start, mark + 1))
        {
            var markEnd = text.IndexOf(Marks.End, mark);
            if (markEnd < 0 || markEnd >= end)
            {
                break;
            }
            terms.Add(termKey(text[(mark + 1)..markEnd]));
            matches++;
        }
        var builder = new StringBuilder(end - start + 2);
        if (start > 0)
        {
            builder.Append(Ellipsis);
        }
        builder.Append(text.AsSpan(start, end - start).Trim());
        if (end < text.Length)
        {
            builder.Append(Ellipsis);
        }
        return new Passage(builder.ToString(), terms, matches);
    }

    /// <summary>One line of text: a space between lines, except where Chinese meets Chinese.</summary>
    private static string JoinLines(string window)
    {
        var builder = new StringBuilder(window.Length);
        foreach (var line in window.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (builder.Length > 0 && !(IsWide(builder[^1]) && IsWide(line[0])))
            {
                builder.Append(' ');
            }
            builder.Append(line);
        }
        return builder.ToString();
    }

    private static bool IsWide(char c) => c >= '\u2E80' && !Marks.IsSentinel(c);

    private static int VisibleLength(string text) => text.Count(c => !Marks.IsSentinel(c));

    /// <summary>The index reached after <paramref name="count"/> visible characters from <paramref name="from"/>.</summary>
    private static int SkipVisible(string text, int from, int count)
    {
        var index = from;
        for (var seen = 0; index < text.Length && seen < count; index++)
        {
            if (!Marks.IsSentinel(text[index]))
            {
                seen++;
            }
        }
        return index;
    }

    /// <summary>Moves a start forward to the beginning of a word, outside any mark.</summary>
    private static int AdvanceToBoundary(string text, int index)
    {
        while (index < text.Length && (InsideWord(text, index) || InsideMark(text, index)))
        {
            index++;
        }
        return index;
    }

    /// <summary>Moves an end back to the end of a word; a mark it would split is kept whole.</summary>
    private static int RetreatToBoundary(string text, int start, int index)
    {
        if (InsideMark(text, index))
        {
            return text.IndexOf(Marks.End, index) + 1;
        }
        var candidate = index;
        while (candidate > start && InsideWord(text, candidate))
        {
            candidate--;
        }
        // A single word longer than the snippet: cut it rather than return nothing.
        return candidate > start ? candidate : index - (index < text.Length && char.IsLowSurrogate(text[index]) ? 1 : 0);
    }

    private static bool InsideWord(string text, int index) =>
        index > 0 && index < text.Length &&
        (char.IsLowSurrogate(text[index]) || (IsWordChar(text[index - 1]) && IsWordChar(text[index])));

    private static bool IsWordChar(char c) => Marks.IsSentinel(c) || (char.IsLetterOrDigit(c) && c < '\u2E80');

    private static bool InsideMark(string text, int index)
    {
        if (index <= 0)
        {
            return false;
        }
        var lastStart = text.LastIndexOf(Marks.Start, index - 1);
        return lastStart >= 0 && text.IndexOf(Marks.End, lastStart) >= index;
    }

    private sealed record Passage(string Text, IReadOnlySet<string> Terms, int Matches)
    {
        public int First { get; init; }
        public int Last { get; init; }
    }

    /// <summary>One sentence of the text: its bounds, visible length and whether it holds a mark.</summary>
    private sealed record Sentence(int Start, int End, int VisibleLength, bool HasMark)
    {
        private const string Terminators = "。！？；…!?";
        private const string Closers = "”’\"')）」』";

        public static List<Sentence> Split(string text)
        {
            var sentences = new List<Sentence>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var endsHere = c == '\n' || Terminators.Contains(c) || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
                if (!endsHere)
                {
                    continue;
                }
                var end = i + 1;
                // Closing quotes and brackets belong to the sentence they close; so does a mark's end.
                while (c != '\n' && end < text.Length && (IsCloser(text, end) || text[end] == Marks.End))
                {
                    end++;
                }
                Add(sentences, text, start, end);
                start = end;
                i = end - 1;
            }
            Add(sentences, text, start, text.Length);
            return sentences;
        }

        /// <summary>A closing quote or bracket; a straight quote only when nothing follows it directly.</summary>
        private static bool IsCloser(string text, int index) =>
            Closers.Contains(text[index]) &&
            (text[index] is not ('"' or '\'') || index + 1 == text.Length || char.IsWhiteSpace(text[index + 1]));

        private static void Add(List<Sentence> sentences, string text, int start, int end)
        {
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }
            if (start < end)
            {
                var span = text.AsSpan(start, end - start);
                sentences.Add(new Sentence(start, end, end - start - span.Count(Marks.Start) - span.Count(Marks.End), span.Contains(Marks.Start)));
            }
        }
    }
}
