using System.Globalization;

namespace SearchEngine.Core.Highlighting;

/// <summary>A stretch of a text chosen as a snippet; cut sides get an ellipsis.</summary>
internal readonly record struct Passage(int Start, int End, bool CutBefore, bool CutAfter);

/// <summary>
/// Chooses snippets from a marked text. A candidate is a run of whole sentences within the
/// target length that starts at a sentence with a mark; a sentence longer than the target is cut
/// to the stretch showing the most distinct terms, where <see cref="MarkedText.CanCut"/> allows.
/// Snippets are picked greedily by the query terms they add to those already shown, so the best
/// comes first and together they show why the article matched.
/// </summary>
internal static class PassageSelector
{
    private const string Clauses = "，、；：,;:";

    public static List<Passage> Select(MarkedText text, int targetLength, int maxCount)
    {
        var sentences = text.Sentences;
        var hasMark = sentences.Select(sentence => text.MarksWithin(sentence.Start, sentence.End).Any()).ToArray();
        var used = new bool[sentences.Count];
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var passages = new List<Passage>();
        while (passages.Count < maxCount)
        {
            (Passage Passage, int First, int Last)? best = null;
            var bestScore = (NewTerms: 0, Terms: 0, Marks: 0);
            for (var first = 0; first < sentences.Count; first++)
            {
                if (used[first] || !hasMark[first])
                {
                    continue;
                }
                var last = ExtendWindow(text, used, first, targetLength);
                var passage = last == first && text.VisibleLength(sentences[first].Start, sentences[first].End) > targetLength
                    ? Cut(text, sentences[first], targetLength)
                    : new Passage(sentences[first].Start, sentences[last].End, CutBefore: false, CutAfter: false);
                var marks = text.MarksWithin(passage.Start, passage.End).ToList();
                var terms = marks.SelectMany(mark => mark.Terms).ToHashSet(StringComparer.Ordinal);
                var score = (NewTerms: terms.Count(term => !shown.Contains(term)), Terms: terms.Count, Marks: marks.Count);
                if (best is null || score.CompareTo(bestScore) > 0)
                {
                    (best, bestScore) = ((passage, first, last), score);
                }
            }
            if (best is not { } chosen)
            {
                break;
            }
            Array.Fill(used, true, chosen.First, chosen.Last - chosen.First + 1);
            shown.UnionWith(text.MarksWithin(chosen.Passage.Start, chosen.Passage.End).SelectMany(mark => mark.Terms));
            passages.Add(chosen.Passage);
        }
        return passages;
    }

    /// <summary>The opening sentences of the text within the target length, or the first one cut to it.</summary>
    public static Passage? Lead(MarkedText text, int targetLength)
    {
        var sentences = text.Sentences;
        if (sentences.Count == 0)
        {
            return null;
        }
        var first = sentences[0];
        if (text.VisibleLength(first.Start, first.End) > targetLength)
        {
            var end = EndWithin(text, first.Start, first.End, targetLength);
            return new Passage(first.Start, end, CutBefore: false, CutAfter: end < first.End);
        }
        var last = ExtendWindow(text, new bool[sentences.Count], 0, targetLength);
        return new Passage(first.Start, sentences[last].End, CutBefore: false, CutAfter: false);
    }

    /// <summary>The last sentence of the longest run from <paramref name="first"/> that fits the target length.</summary>
    private static int ExtendWindow(MarkedText text, bool[] used, int first, int targetLength)
    {
        var sentences = text.Sentences;
        var last = first;
        while (last + 1 < sentences.Count && !used[last + 1] &&
            text.VisibleLength(sentences[first].Start, sentences[last + 1].End) <= targetLength)
        {
            last++;
        }
        return last;
    }

    /// <summary>
    /// The stretch of a long sentence, at most the target length, that shows the most distinct
    /// terms and marks: from the sentence start, or from a little before one of its marks.
    /// </summary>
    private static Passage Cut(MarkedText text, Sentence sentence, int targetLength)
    {
        var context = Math.Min(targetLength / 5, 30);
        var starts = text.MarksWithin(sentence.Start, sentence.End)
            .Select(mark => StartBefore(text, sentence, mark.Start, context))
            .Prepend(sentence.Start)
            .Distinct();
        Passage? best = null;
        var bestScore = (Terms: 0, Marks: 0);
        foreach (var start in starts)
        {
            var end = EndWithin(text, start, sentence.End, targetLength);
            var marks = text.MarksWithin(start, end).ToList();
            var score = (Terms: marks.SelectMany(mark => mark.Terms).Distinct(StringComparer.Ordinal).Count(), Marks: marks.Count);
            if (best is null || score.CompareTo(bestScore) > 0)
            {
                (best, bestScore) = (new Passage(start, end, start > sentence.Start, end < sentence.End), score);
            }
        }
        return best!.Value;
    }

    /// <summary>
    /// Where to begin so that about <paramref name="context"/> characters precede a mark: after
    /// the last clause punctuation in that stretch if there is one, else at the first place a cut
    /// is allowed; never before the sentence.
    /// </summary>
    private static int StartBefore(MarkedText text, Sentence sentence, int markStart, int context)
    {
        var start = markStart;
        for (var seen = 0; start > sentence.Start && seen < context; seen++)
        {
            start--;
            if (char.IsLowSurrogate(text.Text[start]) && start > sentence.Start)
            {
                start--;
            }
        }
        var clause = text.Text.AsSpan(start, markStart - start).LastIndexOfAny(Clauses);
        if (clause >= 0)
        {
            start += clause + 1;
        }
        while (start < markStart && (!text.CanCut(start) || char.IsWhiteSpace(text.Text[start]) || IsTrailingPunctuation(text.Text[start])))
        {
            start++;
        }
        return start;
    }

    /// <summary>Punctuation that closes or separates, which a snippet should not begin with; opening quotes and brackets may.</summary>
    private static bool IsTrailingPunctuation(char c) =>
        char.IsPunctuation(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.OpenPunctuation or UnicodeCategory.InitialQuotePunctuation);

    /// <summary>
    /// The end of a stretch from <paramref name="start"/> of at most the target length: the limit
    /// itself when a cut is allowed there, else the last allowed cut before it, preferring the end
    /// of a clause in the last third. A single word longer than the target is cut rather than
    /// dropped, but never inside a surrogate pair.
    /// </summary>
    private static int EndWithin(MarkedText text, int start, int sentenceEnd, int targetLength)
    {
        var limit = text.IndexAfterVisible(start, targetLength, sentenceEnd);
        if (limit >= sentenceEnd)
        {
            return sentenceEnd;
        }
        var lastThird = text.IndexAfterVisible(start, targetLength * 2 / 3, sentenceEnd);
        var clause = text.Text.AsSpan(lastThird, limit - lastThird).LastIndexOfAny(Clauses);
        if (clause >= 0 && text.CanCut(lastThird + clause + 1))
        {
            return lastThird + clause + 1;
        }
        var end = limit;
        while (end > start && !text.CanCut(end))
        {
            end--;
        }
        if (end == start)
        {
            end = char.IsLowSurrogate(text.Text[limit]) ? limit - 1 : limit;
        }
        while (end > start && char.IsWhiteSpace(text.Text[end - 1]))
        {
            end--;
        }
        return end;
    }
}
