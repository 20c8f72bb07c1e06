namespace SearchEngine.Core.Highlighting;

/// <summary>
/// One sentence of a text: [Start, End) without the whitespace around it. <see cref="EndsBlock"/>
/// is set where SmartCn's tokenizer (which segments sentence by sentence, breaking like ICU) also
/// starts afresh: at a line break and after 。！？ or an English sentence end, but not after ；
/// or …, which end a snippet sentence only. A run of sentences up to one that ends a block can
/// therefore be analysed on its own and gives the tokens the index holds for it.
/// </summary>
internal readonly record struct Sentence(int Start, int End, bool EndsBlock);

/// <summary>Splits text into sentences at Chinese 。！？；… and English . ! ? ends and at line breaks.</summary>
internal static class SentenceSplitter
{
    private const string BlockTerminators = "。！？";
    private const string SnippetOnlyTerminators = "；…";
    private const string LatinTerminators = ".!?";
    // Closing quotes and brackets after a terminator belong to the sentence they close.
    private const string Closers = "”’\"')）」』】》]";

    public static List<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                Add(sentences, text, start, i, endsBlock: true);
                start = i + 1;
                continue;
            }
            if (!IsTerminator(c))
            {
                continue;
            }
            var end = i + 1;
            var endsBlock = BlockTerminators.Contains(c) || LatinTerminators.Contains(c);
            var latinOnly = LatinTerminators.Contains(c);
            while (end < text.Length && (IsTerminator(text[end]) || Closers.Contains(text[end])))
            {
                endsBlock |= BlockTerminators.Contains(text[end]) || LatinTerminators.Contains(text[end]);
                latinOnly &= !IsTerminator(text[end]) || LatinTerminators.Contains(text[end]);
                end++;
            }
            if (latinOnly && (IsInitial(text, i) || !EndsLatinSentence(text, end)))
            {
                i = end - 1;
                continue;
            }
            Add(sentences, text, start, end, endsBlock);
            start = end;
            i = end - 1;
        }
        Add(sentences, text, start, text.Length, endsBlock: true);
        return sentences;
    }

    private static bool IsTerminator(char c) =>
        BlockTerminators.Contains(c) || SnippetOnlyTerminators.Contains(c) || LatinTerminators.Contains(c);

    /// <summary>A full stop after a lone letter (U.S., J. Smith) marks an initial, not a sentence end.</summary>
    private static bool IsInitial(string text, int stop) =>
        text[stop] == '.' && stop > 0 && char.IsLetter(text[stop - 1]) && (stop == 1 || !char.IsLetter(text[stop - 2]));

    /// <summary>
    /// An English full stop ends a sentence only before whitespace and a word that is not
    /// lower-case: not in 3.5, U.S.A or "e.g. this".
    /// </summary>
    private static bool EndsLatinSentence(string text, int afterTerminator)
    {
        if (afterTerminator == text.Length)
        {
            return true;
        }
        if (!char.IsWhiteSpace(text[afterTerminator]))
        {
            return false;
        }
        var next = afterTerminator;
        while (next < text.Length && char.IsWhiteSpace(text[next]) && text[next] != '\n')
        {
            next++;
        }
        return next == text.Length || !char.IsLower(text[next]);
    }

    private static void Add(List<Sentence> sentences, string text, int start, int end, bool endsBlock)
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
            sentences.Add(new Sentence(start, end, endsBlock));
        }
        else if (endsBlock && sentences.Count > 0 && !sentences[^1].EndsBlock)
        {
            // "…；" then a line break: the block still ends at the line break.
            sentences[^1] = sentences[^1] with { EndsBlock = true };
        }
    }
}
