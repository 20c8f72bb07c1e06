using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Tests.Analysis;

/// <summary>
/// Golden token lists of the analysis chain (in the manner of Lucene's TestSmartChineseAnalyzer):
/// term, start and end offset, position increment, and the final offset. A change here changes
/// what every existing index contains, so it must be deliberate (and needs a re-index).
/// </summary>
public sealed class NewsAnalyzerTests : IDisposable
{
    private readonly Analyzer analyzer = NewsAnalyzer.Create();

    public void Dispose() => analyzer.Dispose();

    [Fact]
    public void Segments_a_chinese_sentence_into_words_and_drops_the_full_stop()
    {
        // The sentence of Lucene's own SmartCn test, with the same expectations.
        AssertTokens("我购买了道具和服装。",
            ("我", 0, 1, 1), ("购买", 1, 3, 1), ("了", 3, 4, 1), ("道具", 4, 6, 1), ("和", 6, 7, 1), ("服装", 7, 9, 1));
    }

    [Fact]
    public void Splits_big_data_into_big_and_data_because_the_dictionary_lacks_the_compound()
    {
        // 大数据 is not in SmartCn's dictionary: it becomes 大 + 数据, and the query 贵州大数据
        // relies on a phrase of the three words (see ArticleSearcherTests).
        AssertTokens("贵州大数据", ("贵州", 0, 2, 1), ("大", 2, 3, 1), ("数据", 3, 5, 1));
    }

    [Fact]
    public void Keeps_a_dictionary_word_whole_even_when_it_contains_shorter_words()
    {
        AssertTokens("中华人民共和国", ("中华人民共和国", 0, 7, 1));
        // 贵州省 is one word, so 贵州 alone does not match it.
        AssertTokens("贵州省大数据产业", ("贵州省", 0, 3, 1), ("大", 3, 4, 1), ("数据", 4, 6, 1), ("产业", 6, 8, 1));
    }

    [Fact]
    public void Lower_cases_and_porter_stems_english()
    {
        AssertTokens("Guizhou pitches big data", ("guizhou", 0, 7, 1), ("pitch", 8, 15, 1), ("big", 16, 19, 1), ("data", 20, 24, 1));
    }

    [Fact]
    public void Drops_english_stop_words_and_stems_as_porter_does()
    {
        // "The" goes and leaves a position gap, so a phrase still knows a word stood there. Porter
        // maps "easily" to "easili" and leaves the irregular "ran" alone; what matters is that
        // queries get the same stems.
        AssertTokens("The Running runs ran easily", ("run", 4, 11, 2), ("run", 12, 16, 1), ("ran", 17, 20, 1), ("easili", 21, 27, 1));
    }

    [Fact]
    public void Drops_the_s_of_a_possessive_and_checks_stop_words_before_stemming()
    {
        // SmartCn splits "computer's" at the apostrophe; the lone "s" says nothing. "this" is a
        // stop word, but its stem "thi" would not be one: stop words must go before stemming.
        AssertTokens("this computer's memory", ("comput", 5, 13, 2), ("memori", 16, 22, 3));
    }

    [Fact]
    public void Keeps_chinese_function_words_that_look_like_nothing_in_the_english_list()
    {
        AssertTokens("我和你", ("我", 0, 1, 1), ("和", 1, 2, 1), ("你", 2, 3, 1));
    }

    [Fact]
    public void Reads_english_between_chinese_words()
    {
        AssertTokens("我购买 Tests 了道具和服装",
            ("我", 0, 1, 1), ("购买", 1, 3, 1), ("test", 4, 9, 1), ("了", 10, 11, 1), ("道具", 11, 13, 1), ("和", 13, 14, 1), ("服装", 14, 16, 1));
    }

    [Fact]
    public void Folds_full_width_latin_letters_and_digits()
    {
        AssertTokens("我购买 Ｔｅｓｔｓ 了道具和服装",
            ("我", 0, 1, 1), ("购买", 1, 3, 1), ("test", 4, 9, 1), ("了", 10, 11, 1), ("道具", 11, 13, 1), ("和", 13, 14, 1), ("服装", 14, 16, 1));
        AssertTokens("Ｃ９１９客机", ("c", 0, 1, 1), ("919", 1, 4, 1), ("客机", 4, 6, 1));
    }

    [Fact]
    public void Splits_a_letter_digit_model_name_into_letters_and_digits()
    {
        // 5G and C919 become two tokens each; a query for them is a phrase of the same tokens.
        AssertTokens("5G网络", ("5", 0, 1, 1), ("g", 1, 2, 1), ("网络", 2, 4, 1));
        AssertTokens("C919客机", ("c", 0, 1, 1), ("919", 1, 4, 1), ("客机", 4, 6, 1));
        AssertTokens("华为Mate60手机", ("华为", 0, 2, 1), ("mate", 2, 6, 1), ("60", 6, 8, 1), ("手机", 8, 10, 1));
    }

    [Fact]
    public void Splits_a_brand_missing_from_the_dictionary_into_single_characters()
    {
        // 高通 (Qualcomm) is not a dictionary word: it is indexed as 高 + 通, findable as a phrase.
        AssertTokens("Qualcomm高通", ("qualcomm", 0, 8, 1), ("高", 8, 9, 1), ("通", 9, 10, 1));
    }

    [Fact]
    public void Drops_chinese_punctuation_but_leaves_a_position_gap_for_it()
    {
        // Each removed punctuation mark still takes a position, so a phrase does not run across it.
        AssertTokens("“贵州”大数据，产业！", ("贵州", 1, 3, 2), ("大", 4, 5, 2), ("数据", 5, 7, 1), ("产业", 8, 10, 2));
    }

    [Fact]
    public void Drops_english_punctuation_but_not_whitespace_positions()
    {
        AssertTokens("The Quick BROWN foxes, jumping!", ("quick", 4, 9, 2), ("brown", 10, 15, 1), ("fox", 16, 21, 1), ("jump", 23, 30, 2));
        AssertTokens("你好，世界！Hello, World!", ("你好", 0, 2, 1), ("世界", 3, 5, 2), ("hello", 6, 11, 2), ("world", 13, 18, 2));
    }

    [Fact]
    public void Splits_dates_and_numbers_written_in_chinese()
    {
        AssertTokens("新华社北京3月10日电",
            ("新华社", 0, 3, 1), ("北京", 3, 5, 1), ("3", 5, 6, 1), ("月", 6, 7, 1), ("10", 7, 9, 1), ("日", 9, 10, 1), ("电", 10, 11, 1));
    }

    [Fact]
    public void Produces_nothing_for_punctuation_only_text()
    {
        AssertTokens("。，！？“”", []);
    }

    [Fact]
    public void Does_not_split_an_emoji_into_lone_surrogate_tokens()
    {
        // A lone surrogate is indexed as U+FFFD, so every emoji would become the same two
        // terms and a query for one emoji would match articles with any other.
        var tokens = Analyze("贵州😀大数据🎉");

        Assert.Contains(tokens, token => token.Term == "贵州");
        Assert.All(tokens, token => Assert.False(HasLoneSurrogate(token.Term), $"token [{token.Start},{token.End}) is a lone surrogate"));
    }

    [Fact]
    public void Analyzes_the_same_text_the_same_way_in_every_field_and_on_reuse()
    {
        var inTitle = Analyze("贵州大数据 Guizhou pitches big data", "title");
        var inBody = Analyze("贵州大数据 Guizhou pitches big data", "body");
        var again = Analyze("贵州大数据 Guizhou pitches big data", "body");

        Assert.Equal(inTitle, inBody);
        Assert.Equal(inBody, again);
        Assert.Equal(["贵州", "大", "数据", "guizhou", "pitch", "big", "data"], inBody.Select(token => token.Term));
    }

    [Fact]
    public void Pairs_chinese_characters_in_the_bigram_fields_across_word_boundaries_with_the_run_edges_alone()
    {
        AssertBigrams("会见冰岛总统",
            ("会", 0, 1, 1), ("会见", 0, 2, 0), ("见冰", 1, 3, 1), ("冰岛", 2, 4, 1), ("岛总", 3, 5, 1), ("总统", 4, 6, 1), ("统", 5, 6, 0));
    }

    [Fact]
    public void Pairs_digits_like_characters_keeps_a_lone_one_and_latin_words_whole_in_the_bigram_fields()
    {
        AssertBigrams("增长5.2% 的 C919客机",
            ("增", 0, 1, 1), ("增长", 0, 2, 0), ("长5", 1, 3, 1), ("5", 2, 3, 0), ("2", 4, 5, 1), ("的", 7, 8, 1), ("c", 9, 10, 1),
            ("9", 10, 11, 1), ("91", 10, 12, 0), ("19", 11, 13, 1), ("9客", 12, 14, 1), ("客机", 13, 15, 1), ("机", 14, 15, 0));
        AssertBigrams("24项 NATO", ("2", 0, 1, 1), ("24", 0, 2, 0), ("4项", 1, 3, 1), ("项", 2, 3, 0), ("nato", 4, 8, 1));
    }

    [Fact]
    public void Folds_full_width_and_pairs_kana_hangul_and_surrogate_pair_ideographs()
    {
        AssertBigrams("Ｃ９１９", ("c", 0, 1, 1), ("9", 1, 2, 1), ("91", 1, 3, 0), ("19", 2, 4, 1), ("9", 3, 4, 0));
        AssertBigrams("タワー", ("タ", 0, 1, 1), ("タワ", 0, 2, 0), ("ワー", 1, 3, 1), ("ー", 2, 3, 0));
        AssertBigrams("서울", ("서", 0, 1, 1), ("서울", 0, 2, 0), ("울", 1, 2, 0));
        // 𠀀 (U+20000) is two UTF-16 code units; a pair never splits it.
        AssertBigrams("𠀀中", ("𠀀", 0, 2, 1), ("𠀀中", 0, 3, 0), ("中", 2, 3, 0));
    }

    [Fact]
    public void Separates_at_punctuation_and_emoji_in_the_bigram_fields()
    {
        AssertBigrams("贵州，大数据😀产",
            ("贵", 0, 1, 1), ("贵州", 0, 2, 0), ("州", 1, 2, 0), ("大", 3, 4, 1), ("大数", 3, 5, 0), ("数据", 4, 6, 1), ("据", 5, 6, 0), ("产", 8, 9, 1));
    }

    [Fact]
    public void Knows_which_text_needs_bigrams()
    {
        Assert.True(CharacterBigramTokenizer.ContainsCjk("Guizhou 大数据"));
        Assert.True(CharacterBigramTokenizer.ContainsCjk("𠀀"));
        Assert.False(CharacterBigramTokenizer.ContainsCjk("Guizhou big data, ＡＢＣ"));
        Assert.False(CharacterBigramTokenizer.ContainsCjk(null));
    }

    private void AssertBigrams(string text, params (string Term, int Start, int End, int PositionIncrement)[] expected)
    {
        var actual = Analyze(text, ArticleFields.BodyBigrams, out var finalOffset);

        Assert.Equal(expected.Select(e => new Token(e.Term, e.Start, e.End, e.PositionIncrement)), actual);
        Assert.Equal(text.Length, finalOffset);
        Assert.Equal(actual, Analyze(text, ArticleFields.TitleBigrams));
    }

    private void AssertTokens(string text, params (string Term, int Start, int End, int PositionIncrement)[] expected)
    {
        var actual = Analyze(text, "body", out var finalOffset);

        Assert.Equal(expected.Select(e => new Token(e.Term, e.Start, e.End, e.PositionIncrement)), actual);
        Assert.Equal(text.Length, finalOffset);
        // Offsets must point at the text the term came from (the highlighter relies on it).
        Assert.All(actual, token => Assert.InRange(token.End, token.Start + 1, text.Length));
    }

    private List<Token> Analyze(string text, string field = "body") => Analyze(text, field, out _);

    private List<Token> Analyze(string text, string field, out int finalOffset)
    {
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var tokens = new List<Token>();
        while (stream.IncrementToken())
        {
            tokens.Add(new Token(term.ToString(), offset.StartOffset, offset.EndOffset, position.PositionIncrement));
        }
        stream.End();
        finalOffset = offset.EndOffset;
        return tokens;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private sealed record Token(string Term, int Start, int End, int PositionIncrement);
}
