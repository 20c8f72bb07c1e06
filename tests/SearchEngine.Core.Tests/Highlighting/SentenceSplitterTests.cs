using SearchEngine.Core.Highlighting;

namespace SearchEngine.Core.Tests.Highlighting;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Splits_chinese_after_each_terminator_keeping_closing_quotes_with_their_sentence()
    {
        const string text = "他说：“今天开会。”大家同意！真的吗？先这样；然后再说……最后一句";

        Assert.Equal(["他说：“今天开会。”", "大家同意！", "真的吗？", "先这样；", "然后再说……", "最后一句"], Texts(text));
    }

    [Fact]
    public void Only_clause_ends_leave_the_tokenizer_block_open()
    {
        // SmartCn segments sentence by sentence, breaking after 。！？ but not after ；or …: a
        // block can be analysed alone only where both agree.
        var sentences = SentenceSplitter.Split("先这样；然后……再说。下一句\n新的一行；");

        Assert.Equal([false, false, true, true, true], sentences.Select(sentence => sentence.EndsBlock));
    }

    [Fact]
    public void Splits_english_at_a_full_stop_question_or_exclamation_mark_before_a_new_sentence()
    {
        const string text = "Prices rose 3.5 pct in the U.S. economy. Did they? Yes! \"Quite so.\" And e.g. this stays whole.";

        Assert.Equal(["Prices rose 3.5 pct in the U.S. economy.", "Did they?", "Yes!", "\"Quite so.\"", "And e.g. this stays whole."], Texts(text));
    }

    [Fact]
    public void Initials_do_not_end_a_sentence()
    {
        const string text = "The U.S. Treasury and J. Smith agreed. Talks ended.";

        Assert.Equal(["The U.S. Treasury and J. Smith agreed.", "Talks ended."], Texts(text));
    }

    [Fact]
    public void A_line_break_ends_a_sentence_and_surrounding_whitespace_is_not_part_of_it()
    {
        const string text = "  First line without a stop\r\n\n  second line。 \t third\n";

        Assert.Equal(["First line without a stop", "second line。", "third"], Texts(text));
    }

    [Fact]
    public void Empty_and_blank_text_has_no_sentences()
    {
        Assert.Empty(SentenceSplitter.Split(""));
        Assert.Empty(SentenceSplitter.Split(" \n\t "));
    }

    private static List<string> Texts(string text) =>
        [.. SentenceSplitter.Split(text).Select(sentence => text[sentence.Start..sentence.End])];
}
