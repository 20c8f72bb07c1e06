using SearchEngine.Core.Search;

namespace SearchEngine.Core.Tests.Search;

/// <summary>The SIMPLE query language read into nodes, and its errors; PLAIN read literally.</summary>
public sealed class QueryLanguageTests
{
    private static WordNode Word(string text, int position, QueryField field = QueryField.Default, bool prefix = false) => new(text, field, prefix, position);

    private static IReadOnlyList<QueryNode> Items(string text) => QueryLanguage.ParseSimple(text).Items;

    [Fact]
    public void Bare_words_are_items_of_the_top_level_sequence()
    {
        Assert.Equal([Word("Guizhou", 0), Word("big", 8), Word("data", 13)], Items("Guizhou big  data"));
        Assert.Equal([Word("贵州大数据", 0)], Items("贵州大数据"));
        Assert.Empty(Items("   "));
    }

    [Fact]
    public void A_quoted_phrase_is_one_node_without_its_quotes()
    {
        var items = Items("\"big data\" Guizhou");

        Assert.Equal(new PhraseNode("big data", QueryField.Default, 0), items[0]);
        Assert.Equal(Word("Guizhou", 11), items[1]);
    }

    [Fact]
    public void A_leading_minus_excludes_a_word_a_phrase_or_a_group()
    {
        var items = Items("data -big -\"small data\" -(a b)");

        Assert.Equal(Word("data", 0), items[0]);
        Assert.Equal(Word("big", 6), Assert.IsType<NotNode>(items[1]).Operand);
        Assert.Equal(new PhraseNode("small data", QueryField.Default, 11), Assert.IsType<NotNode>(items[2]).Operand);
        var group = Assert.IsType<SequenceNode>(Assert.IsType<NotNode>(items[3]).Operand);
        Assert.Equal([Word("a", 26), Word("b", 28)], group.Items);
    }

    [Fact]
    public void A_minus_inside_a_word_or_standing_alone_is_literal()
    {
        Assert.Equal([Word("COVID-19", 0)], Items("COVID-19"));
        Assert.Equal([Word("a", 0), Word("-", 2), Word("b", 4)], Items("a - b"));
    }

    [Fact]
    public void Or_binds_tighter_than_words_side_by_side()
    {
        var items = Items("chips OR processors Qualcomm");

        var or = Assert.IsType<OrNode>(items[0]);
        Assert.Equal([Word("chips", 0), Word("processors", 9)], or.Alternatives);
        Assert.Equal(Word("Qualcomm", 20), items[1]);
    }

    [Fact]
    public void Parentheses_group_and_and_binds_looser_than_or()
    {
        var items = Items("(chips OR processors) AND Qualcomm OR Intel");

        var and = Assert.IsType<AndNode>(Assert.Single(items));
        var group = Assert.IsType<SequenceNode>(and.Operands[0]);
        Assert.IsType<OrNode>(Assert.Single(group.Items));
        Assert.Equal([Word("Qualcomm", 26), Word("Intel", 38)], Assert.IsType<OrNode>(and.Operands[1]).Alternatives);
    }

    [Fact]
    public void Not_as_a_word_excludes_like_a_minus()
    {
        var not = Assert.IsType<NotNode>(Items("data NOT big")[1]);

        Assert.Equal(Word("big", 9), not.Operand);
    }

    [Fact]
    public void Lower_case_or_and_not_are_ordinary_words()
    {
        Assert.Equal([Word("war", 0), Word("or", 4), Word("peace", 7), Word("and", 13), Word("not", 17)], Items("war or peace and not"));
    }

    [Fact]
    public void Field_prefixes_restrict_a_word_a_phrase_or_a_group()
    {
        var items = Items("title:chips Author:\"Mei Ling\" tag:(ai robots) source:Xinhua section:tech body:data");

        Assert.Equal(Word("chips", 6, QueryField.Title), items[0]);
        Assert.Equal(new PhraseNode("Mei Ling", QueryField.Author, 19), items[1]);
        Assert.Equal([Word("ai", 35, QueryField.Tag), Word("robots", 38, QueryField.Tag)], Assert.IsType<SequenceNode>(items[2]).Items);
        Assert.Equal(Word("Xinhua", 53, QueryField.Source), items[3]);
        Assert.Equal(Word("tech", 68, QueryField.Section), items[4]);
        Assert.Equal(Word("data", 78, QueryField.Body), items[5]);
    }

    [Fact]
    public void An_unknown_prefix_is_part_of_the_word()
    {
        Assert.Equal([Word("foo:bar", 0), Word("https://example.com", 8)], Items("foo:bar https://example.com"));
    }

    [Fact]
    public void A_trailing_star_makes_a_prefix()
    {
        Assert.Equal([Word("comp", 0, prefix: true), Word("数据", 12, QueryField.Title, prefix: true)], Items("comp* title:数据*"));
    }

    [Fact]
    public void A_backslash_makes_the_next_character_literal()
    {
        Assert.Equal([Word("big", 0), Word("\"data", 4), Word("*star", 11), Word("title:x", 18), Word("OR", 27)], Items("big \\\"data \\*star title\\:x \\OR"));
        Assert.Equal(new PhraseNode("say \"hi\"", QueryField.Default, 0), Assert.Single(Items("\"say \\\"hi\\\"\"")));
    }

    [Theory]
    [InlineData("\"big data", "an unbalanced quote: the one at position 1 is never closed")]
    [InlineData("big \"data", "the one at position 5")]
    [InlineData("(big data", "an unbalanced parenthesis: the one at position 1 is never closed")]
    [InlineData("贵州 (大数据 OR 5G", "the one at position 4")]
    [InlineData("(big \"data)\"", "the one at position 1")]
    [InlineData("big data)", "a closing parenthesis that was never opened at position 9")]
    [InlineData("*data", "a leading wildcard at position 1")]
    [InlineData("big title:*data", "a leading wildcard at position 11")]
    [InlineData("-*", "a leading wildcard at position 2")]
    [InlineData("da*ta", "a * inside a word at position 3")]
    [InlineData("a* big", "the prefix a* at position 1")]
    [InlineData("数*", "the prefix 数* at position 1")]
    [InlineData("big title:", "the field prefix title: with nothing after it at position 5")]
    [InlineData("OR data", "OR with nothing before it at position 1")]
    [InlineData("data OR", "OR with nothing after it at position 6")]
    [InlineData("data OR OR big", "OR with nothing after it at position 6")]
    [InlineData("(OR data)", "OR with nothing before it at position 2")]
    [InlineData("big AND", "AND with nothing after it at position 5")]
    [InlineData("AND", "AND with nothing before it at position 1")]
    [InlineData("data NOT", "NOT with nothing after it at position 6")]
    [InlineData("(data NOT)", "NOT with nothing after it at position 7")]
    [InlineData("big ( )", "empty parentheses at position 5")]
    [InlineData("😀 \"a", "the one at position 3")]
    public void Syntax_errors_name_what_and_where(string text, string expected)
    {
        var exception = Assert.Throws<InvalidRequestException>(() => QueryLanguage.ParseSimple(text));

        Assert.Equal("query", exception.Field);
        Assert.StartsWith("query has ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_is_limited()
    {
        var deepest = new string('(', QueryLanguage.MaxDepth) + "a" + new string(')', QueryLanguage.MaxDepth);
        Assert.Single(Items(deepest));

        var exception = Assert.Throws<InvalidRequestException>(() => QueryLanguage.ParseSimple("(" + deepest + ")"));
        Assert.Contains($"nested more than {QueryLanguage.MaxDepth} deep at position {QueryLanguage.MaxDepth + 1}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_is_only_words_whatever_it_contains()
    {
        var plain = QueryLanguage.ParsePlain("\"big (data -x OR title: *wild\\ )");

        Assert.Equal(
            [Word("\"big", 0), Word("(data", 5), Word("-x", 11), Word("OR", 14), Word("title:", 17), Word("*wild\\", 24), Word(")", 31)],
            plain.Items);
    }

    [Theory]
    [InlineData("abc", 2, 3)]
    [InlineData("😀x", 2, 2)]
    [InlineData("a😀😀b", 5, 4)]
    public void Columns_count_a_surrogate_pair_as_one_character(string text, int index, int column)
    {
        Assert.Equal(column, QueryLanguage.Column(text, index));
    }
}
