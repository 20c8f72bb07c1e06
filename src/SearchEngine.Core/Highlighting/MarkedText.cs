using System.Globalization;
using System.Text;

namespace SearchEngine.Core.Highlighting;

/// <summary>A marked stretch of text: [Start, End) and the query terms it shows.</summary>
internal sealed record Mark(int Start, int End, IReadOnlyList<string> Terms)
{
    public static Mark Of(TextMarker.Token token) => new(token.Start, token.End, [token.QueryTerm!.Text]);
}

/// <summary>
/// A text with its sentences, the blocks of sentences the analyzer sees separately, the tokens
/// of the blocks analysed so far and the marks found in them. Tells where a snippet may be cut
/// and renders any stretch as escaped HTML with the marks in tags.
/// </summary>
internal sealed class MarkedText
{
    private const char FirstWide = '\u2E80';

    private readonly TextMarker marker;
    private readonly List<(int Start, int End)> blocks = [];
    private readonly Dictionary<int, List<TextMarker.Token>> tokensByBlockStart = [];
    private List<Mark> marks = [];

    public MarkedText(string text, TextMarker marker)
    {
        Text = text;
        this.marker = marker;
        Sentences = SentenceSplitter.Split(text);
        var first = 0;
        for (var i = 0; i < Sentences.Count; i++)
        {
            if (Sentences[i].EndsBlock || i == Sentences.Count - 1)
            {
                blocks.Add((Sentences[first].Start, Sentences[i].End));
                first = i + 1;
            }
        }
    }

    public string Text { get; }

    public IReadOnlyList<Sentence> Sentences { get; }

    /// <summary>Runs of sentences that SmartCn segments independently of the text around them.</summary>
    public IReadOnlyList<(int Start, int End)> Blocks => blocks;

    /// <summary>The marks in text order, adjacent ones joined.</summary>
    public IReadOnlyList<Mark> Marks => marks;

    public void SetTokens(int blockStart, List<TextMarker.Token> tokens) => tokensByBlockStart[blockStart] = tokens;

    /// <summary>
    /// Keeps the marks in text order, joining those that overlap or touch, so that adjacent
    /// matched words are one mark (大 + 数据 is 大数据). Words apart are marked apart, unless
    /// they are one phrase occurrence, which arrives here as one mark already.
    /// </summary>
    public void SetMarks(List<Mark> found)
    {
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var joined = new List<Mark>(found.Count);
        foreach (var mark in found)
        {
            if (joined.Count > 0 && mark.Start <= joined[^1].End)
            {
                var previous = joined[^1];
                joined[^1] = new Mark(previous.Start, Math.Max(previous.End, mark.End), [.. previous.Terms.Union(mark.Terms, StringComparer.Ordinal)]);
            }
            else
            {
                joined.Add(mark);
            }
        }
        marks = joined;
    }

    /// <summary>The marks lying wholly inside [start, end).</summary>
    public IEnumerable<Mark> MarksWithin(int start, int end)
    {
        for (var i = LastStartingAtOrBefore(marks, start - 1, mark => mark.Start) + 1; i < marks.Count && marks[i].End <= end; i++)
        {
            yield return marks[i];
        }
    }

    /// <summary>
    /// Whether a snippet may begin or end at <paramref name="index"/>: not inside a surrogate
    /// pair, a Latin word, a token of the analyzer (a Chinese word) or a mark.
    /// </summary>
    public bool CanCut(int index)
    {
        if (index <= 0 || index >= Text.Length)
        {
            return true;
        }
        if (char.IsLowSurrogate(Text[index]) && char.IsHighSurrogate(Text[index - 1]))
        {
            return false;
        }
        if (IsLatinWordChar(Text[index - 1]) && IsLatinWordChar(Text[index]))
        {
            return false;
        }
        if (InsideMark(index))
        {
            return false;
        }
        var tokens = TokensAround(index);
        var before = tokens.FindLastIndex(token => token.Start < index);
        return before < 0 || tokens[before].End <= index;
    }

    private static bool IsLatinWordChar(char c) =>
        c < FirstWide && (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark);

    /// <summary>The tokens of the block holding the index, analysed now if they were not needed for marking.</summary>
    private List<TextMarker.Token> TokensAround(int index)
    {
        var block = LastStartingAtOrBefore(blocks, index, block => block.Start);
        if (block < 0 || index >= blocks[block].End)
        {
            return [];
        }
        var (start, end) = blocks[block];
        if (!tokensByBlockStart.TryGetValue(start, out var tokens))
        {
            tokens = marker.Analyse(Text, start, end);
            tokensByBlockStart[start] = tokens;
        }
        return tokens;
    }

    private bool InsideMark(int index)
    {
        var mark = LastStartingAtOrBefore(marks, index - 1, mark => mark.Start);
        return mark >= 0 && index < marks[mark].End;
    }

    /// <summary>The last item, in a list sorted by start, whose start is at or before the index; -1 if none.</summary>
    private static int LastStartingAtOrBefore<T>(IReadOnlyList<T> items, int index, Func<T, int> start)
    {
        var (low, high, found) = (0, items.Count - 1, -1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (start(items[middle]) <= index)
            {
                (found, low) = (middle, middle + 1);
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }

    /// <summary>
    /// Characters a reader sees in [start, end) once whitespace is collapsed as
    /// <see cref="Render"/> collapses it.
    /// </summary>
    public int VisibleLength(int start, int end)
    {
        var length = 0;
        for (var i = start; i < end;)
        {
            if (char.IsWhiteSpace(Text[i]))
            {
                var runEnd = WhitespaceRunEnd(i);
                length += CollapsedWhitespace(i, runEnd).Length;
                i = runEnd;
            }
            else
            {
                length++;
                i++;
            }
        }
        return length;
    }

    /// <summary>The index <paramref name="count"/> visible characters after <paramref name="start"/>, at most <paramref name="limit"/>.</summary>
    public int IndexAfterVisible(int start, int count, int limit)
    {
        var i = start;
        for (var seen = 0; i < limit && seen < count;)
        {
            if (char.IsWhiteSpace(Text[i]))
            {
                var runEnd = Math.Min(WhitespaceRunEnd(i), limit);
                seen += CollapsedWhitespace(i, runEnd).Length;
                i = runEnd;
            }
            else
            {
                seen++;
                i++;
            }
        }
        return i;
    }

    /// <summary>
    /// [start, end) HTML-escaped with the marks in the tags. With <paramref name="collapseWhitespace"/>
    /// each run of whitespace becomes one space, or nothing where a line break stands between two
    /// Chinese characters, so a snippet reads as one line.
    /// </summary>
    public string Render(int start, int end, string preTag, string postTag, bool collapseWhitespace)
    {
        var builder = new StringBuilder(end - start + 16);
        var at = start;
        // Marks do not overlap: only the last one starting before the stretch can reach into it.
        for (var i = Math.Max(0, LastStartingAtOrBefore(marks, start - 1, mark => mark.Start)); i < marks.Count && marks[i].Start < end; i++)
        {
            var mark = marks[i];
            if (mark.End <= start)
            {
                continue;
            }
            var markStart = Math.Max(mark.Start, start);
            var markEnd = Math.Min(mark.End, end);
            AppendText(builder, at, markStart, collapseWhitespace);
            builder.Append(preTag);
            AppendText(builder, markStart, markEnd, collapseWhitespace);
            builder.Append(postTag);
            at = markEnd;
        }
        AppendText(builder, at, end, collapseWhitespace);
        return builder.ToString();
    }

    private void AppendText(StringBuilder builder, int start, int end, bool collapseWhitespace)
    {
        for (var i = start; i < end;)
        {
            if (collapseWhitespace && char.IsWhiteSpace(Text[i]))
            {
                var runEnd = Math.Min(WhitespaceRunEnd(i), end);
                builder.Append(CollapsedWhitespace(i, runEnd));
                i = runEnd;
                continue;
            }
            HtmlText.AppendEscaped(builder, Text[i]);
            i++;
        }
    }

    private int WhitespaceRunEnd(int start)
    {
        var end = start;
        while (end < Text.Length && char.IsWhiteSpace(Text[end]))
        {
            end++;
        }
        return end;
    }

    private string CollapsedWhitespace(int start, int end)
    {
        var lineBreak = Text.AsSpan(start, end - start).IndexOfAny('\n', '\r') >= 0;
        var betweenWide = start > 0 && end < Text.Length && Text[start - 1] >= FirstWide && Text[end] >= FirstWide;
        return lineBreak && betweenWide ? "" : " ";
    }
}
