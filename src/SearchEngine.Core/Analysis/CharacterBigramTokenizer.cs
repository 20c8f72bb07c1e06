using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchEngine.Core.Analysis;

/// <summary>
/// Splits text into overlapping pairs of CJK characters and digits (a lone one stays a
/// unigram) and runs of other letters, lower-cased and folded from full width. A phrase of
/// these tokens matches exactly where the query's characters stand together, wherever the word
/// segmenter would have cut: 见冰岛总统 is found inside 会见冰岛总统 although SmartCn reads 会见 as
/// one word, and 4项举措 inside 24项举措. Everything else (spaces, punctuation, symbols) separates tokens.
/// The first and last character of a run are also emitted alone, at the position of the pair they
/// belong to, because a query cut beside punctuation leaves them alone: 评】携手 finds 【央视快评】携手.
/// </summary>
public sealed class CharacterBigramTokenizer : Tokenizer
{
    private const int MaxRunLength = 255;

    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private readonly IPositionIncrementAttribute positionIncrement;
    private readonly List<(string Text, int Start, int End, int PositionIncrement)> tokens = [];
    private int next;
    private int finalOffset;

    public CharacterBigramTokenizer(TextReader input) : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
        positionIncrement = AddAttribute<IPositionIncrementAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        tokens.Clear();
        next = 0;
        finalOffset = CorrectOffset(text.Length);
        Split(text, tokens);
    }

    public override bool IncrementToken()
    {
        if (next >= tokens.Count)
        {
            return false;
        }
        ClearAttributes();
        var (text, start, end, increment) = tokens[next++];
        term.SetEmpty().Append(text);
        offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        positionIncrement.PositionIncrement = increment;
        return true;
    }

    public override void End()
    {
        base.End();
        offset.SetOffset(finalOffset, finalOffset);
    }

    /// <summary>Whether the text holds a character this tokenizer pairs (Han, kana, Hangul).</summary>
    public static bool ContainsCjk(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                return true;
            }
        }
        return false;
    }

    private static void Split(string text, List<(string, int, int, int)> tokens)
    {
        var run = new List<(string Character, int Start)>();
        var word = new StringBuilder();
        var wordStart = 0;

        void EndCjkRun()
        {
            if (run.Count == 0)
            {
                return;
            }
            var (first, firstStart) = run[0];
            tokens.Add((first, firstStart, firstStart + first.Length, 1));
            for (var i = 0; i + 1 < run.Count; i++)
            {
                var (second, secondStart) = run[i + 1];
                tokens.Add((run[i].Character + second, run[i].Start, secondStart + second.Length, i == 0 ? 0 : 1));
            }
            if (run.Count > 1)
            {
                var (last, lastStart) = run[^1];
                tokens.Add((last, lastStart, lastStart + last.Length, 0));
            }
            run.Clear();
        }

        void EndWord(int end)
        {
            if (word.Length is > 0 and <= MaxRunLength)
            {
                tokens.Add((word.ToString(), wordStart, end, 1));
            }
            word.Clear();
        }

        var index = 0;
        while (index < text.Length)
        {
            // A lone surrogate decodes as U+FFFD (consumed 1), which separates tokens.
            Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed);
            var folded = FoldWidth(rune);
            if (IsCjk(folded) || Rune.IsDigit(folded))
            {
                EndWord(index);
                run.Add((folded.ToString(), index));
            }
            else if (Rune.IsLetterOrDigit(folded))
            {
                EndCjkRun();
                if (word.Length == 0)
                {
                    wordStart = index;
                }
                word.Append(Rune.ToLowerInvariant(folded).ToString());
            }
            else
            {
                EndCjkRun();
                EndWord(index);
            }
            index += consumed;
        }
        EndCjkRun();
        EndWord(text.Length);
    }

    /// <summary>Full-width ASCII (Ａ, ９) to its ASCII form, as SmartCn folds it for words.</summary>
    private static Rune FoldWidth(Rune rune) =>
        rune.Value is >= 0xFF01 and <= 0xFF5E ? new Rune(rune.Value - 0xFEE0) : rune;

    private static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0x3400 and <= 0x4DBF => true,   // CJK Extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,   // CJK Compatibility Ideographs
        >= 0x20000 and <= 0x3FFFF => true, // CJK Extensions B and later
        _ => false,
    };
}
