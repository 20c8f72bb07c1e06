using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Highlighting;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Highlighting;

/// <summary>The rules of issue 4 for snippets and marks, one by one, through a real index.</summary>
public sealed class SnippetRulesTests : IDisposable
{
    private readonly TestIndex test = new();

    public void Dispose() => test.Dispose();

    [Fact]
    public void A_chinese_snippet_is_whole_sentences()
    {
        test.Add(Make("a", "标题", "今天天气很好。贵州发展大数据产业，成效明显！其他地区也在学习。最后一句没有关系"));

        var snippets = Snippets("大数据", new HighlightSettings { SnippetLength = 20, SnippetCount = 1 });

        Assert.Equal(["贵州发展<em>大数据</em>产业，成效明显！"], snippets);
    }

    [Fact]
    public void A_chinese_clause_end_or_ellipsis_also_bounds_a_snippet()
    {
        test.Add(Make("a", "标题", "会议讨论了很多问题；数据安全是重点……代表们发言踊跃"));

        var snippets = Snippets("数据安全", new HighlightSettings { SnippetLength = 10, SnippetCount = 1 });

        Assert.Equal(["<em>数据安全</em>是重点……"], snippets);
    }

    [Fact]
    public void An_english_snippet_is_whole_sentences()
    {
        test.Add(Make("a", "Title", "Markets were calm on Monday. Officials said the data would be released soon. Nothing else happened that day."));

        var snippets = Snippets("data", new HighlightSettings { SnippetLength = 60, SnippetCount = 1 });

        Assert.Equal(["Officials said the <em>data</em> would be released soon."], snippets);
    }

    [Fact]
    public void Sentences_on_separate_lines_are_joined_without_a_space_only_between_chinese()
    {
        test.Add(Make("zh", "标题", "第一段讲贵州。\n第二段也讲贵州。"), Make("en", "Title", "Guizhou grows.\r\n\r\nGuizhou  builds."));

        Assert.Equal(["第一段讲<em>贵州</em>。第二段也讲<em>贵州</em>。"], Snippets("贵州"));
        Assert.Equal(["<em>Guizhou</em> grows. <em>Guizhou</em> builds."], Snippets("guizhou"));
    }

    [Fact]
    public void The_passage_showing_the_most_query_terms_comes_first()
    {
        test.Add(Make("a", "Title", "Guizhou is in the south. Many words of filler text stand here to keep the sentences apart. Guizhou built big data centres."));

        var snippets = Snippets("guizhou OR data", new HighlightSettings { SnippetLength = 40, SnippetCount = 2 });

        Assert.Equal(["<em>Guizhou</em> built big <em>data</em> centres.", "<em>Guizhou</em> is in the south."], snippets);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(47)]
    [InlineData(60)]
    public void A_long_english_sentence_is_cut_between_words_with_ellipses(int length)
    {
        const string body = "In a long report that covers many topics and goes on for quite a while, the ministry said the data showed "
            + "growth across several provinces and regions over the past year without any pause.";
        test.Add(Make("a", "Title", body));

        var snippet = Assert.Single(Snippets("data", new HighlightSettings { SnippetLength = length, SnippetCount = 1 }));

        Assert.Contains("<em>data</em>", snippet);
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        AssertCutAtTokenBoundaries(body, snippet, length);
    }

    [Fact]
    public void A_long_chinese_sentence_is_cut_between_words_never_inside_one()
    {
        const string body = "在全国各地的共同努力下经过多年的持续建设和不断完善我国的基础设施水平显著提高其中贵州大数据产业发展尤为突出"
            + "吸引了大量国内外企业前来投资兴业并带动了当地就业和经济增长";
        test.Add(Make("a", "标题", body));

        for (var length = HighlightSettings.MinSnippetLength; length <= 60; length++)
        {
            var snippet = Assert.Single(Snippets("大数据", new HighlightSettings { SnippetLength = length, SnippetCount = 1 }));

            Assert.Contains("<em>大数据</em>", snippet);
            AssertCutAtTokenBoundaries(body, snippet, length);
        }
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        const string body = "数据😀中心😀建设😀加快😀推进😀各地😀积极😀响应😀贵州😀大数据😀产业😀发展😀迅速😀效果😀明显😀前景😀广阔";
        test.Add(Make("a", "标题", body));

        for (var length = HighlightSettings.MinSnippetLength; length <= 40; length++)
        {
            var snippet = Assert.Single(Snippets("贵州", new HighlightSettings { SnippetLength = length, SnippetCount = 1 }));

            Assert.Contains("<em>贵州</em>", snippet);
            Assert.False(HasLoneSurrogate(snippet), $"\"{snippet}\" splits an emoji");
            AssertCutAtTokenBoundaries(body, snippet, length);
        }
    }

    [Fact]
    public void Query_words_that_touch_are_one_mark()
    {
        test.Add(Make("a", "大数据中心", "贵州大数据中心。"));

        var hit = SingleHit("大 数据");
        Assert.Equal("<em>大数据</em>中心", hit.MarkedTitle);
        Assert.Equal(["贵州<em>大数据</em>中心。"], hit.Snippets);
        Assert.Equal(["<em>贵州大数据</em>中心。"], SingleHit("贵州 大数据").Snippets);
    }

    [Fact]
    public void A_quoted_phrase_marks_its_occurrences_and_not_its_words_alone()
    {
        test.Add(Make("a", "Big data, big plans", "Big data is big. The data shows big gains in big data."));

        var hit = SingleHit("\"big data\"");

        Assert.Equal("<em>Big data</em>, big plans", hit.MarkedTitle);
        Assert.Equal(["<em>Big data</em> is big. The data shows big gains in <em>big data</em>."], hit.Snippets);
    }

    [Fact]
    public void A_chinese_run_marks_only_where_its_words_stand_together()
    {
        test.Add(Make("a", "大数据在贵州", "贵州的大型数据中心。贵州大数据发展。大数据在贵州。"));

        var hit = SingleHit("贵州大数据");

        Assert.Equal("大数据在贵州", hit.MarkedTitle);
        Assert.Equal(["<em>贵州大数据</em>发展。大数据在贵州。"], hit.Snippets);
    }

    [Fact]
    public void Excluded_words_are_never_marked()
    {
        // The article lacks the excluded phrase but has both its words.
        test.Add(Make("a", "Rain data", "Rain data from the bureau; heavy snow."));

        var hit = SingleHit("data -\"heavy rain\"");

        Assert.Equal("Rain <em>data</em>", hit.MarkedTitle);
        Assert.Equal(["Rain <em>data</em> from the bureau; heavy snow."], hit.Snippets);
    }

    [Fact]
    public void A_prefix_marks_the_words_it_expands_to()
    {
        test.Add(Make("a", "Chip shortage", "Chipmakers sold more chips. A microchip plant opened."));

        var hit = SingleHit("chip*");

        Assert.Equal("<em>Chip</em> shortage", hit.MarkedTitle);
        Assert.Equal(["<em>Chipmakers</em> sold more <em>chips</em>. A microchip plant opened."], hit.Snippets);
    }

    [Fact]
    public void A_word_restricted_to_the_title_is_not_marked_in_the_body()
    {
        test.Add(Make("a", "贵州数据中心", "贵州的数据中心很多。"));

        var hit = SingleHit("title:贵州 数据");

        Assert.Equal("<em>贵州数据</em>中心", hit.MarkedTitle);
        Assert.Equal(["贵州的<em>数据</em>中心很多。"], hit.Snippets);
    }

    [Fact]
    public void Boosts_and_filters_do_not_change_the_marks()
    {
        test.Add(Make("a", "Guizhou data", "Guizhou publishes data.", source: "Xinhua"));
        var plain = new BooleanQuery
        {
            { new TermQuery(new Term("body", "guizhou")), Occur.MUST },
            { new TermQuery(new Term("body", "data")), Occur.MUST },
        };
        var boosted = (BooleanQuery)plain.Clone();
        boosted.Clauses[0].Query.Boost = 3;
        var filtered = new FilteredQuery(boosted, new QueryWrapperFilter(new TermQuery(new Term("source", "Xinhua"))));

        Assert.Equal(["<em>Guizhou</em> publishes <em>data</em>."], Highlight(plain, "Guizhou publishes data."));
        Assert.Equal(Highlight(plain, "Guizhou publishes data."), Highlight(filtered, "Guizhou publishes data."));
    }

    [Fact]
    public void A_sloppy_phrase_marks_its_words_only_within_the_window()
    {
        test.Add(Make("a", "Title", "big new shiny data here. data alone."));

        Assert.Equal(["<em>big</em> new shiny <em>data</em> here. data alone."], Highlight(Phrase(3, "big", "data"), "big new shiny data here. data alone."));
    }

    [Fact]
    public void A_proximity_boost_beside_the_required_terms_adds_no_marks()
    {
        test.Add(Make("a", "Title", "Guizhou is big on data. Big data grows in Guizhou."));
        var required = new BooleanQuery
        {
            { Phrase(0, "big", "data"), Occur.MUST },
            { new TermQuery(new Term("body", "guizhou")), Occur.MUST },
        };
        var anyOf = new BooleanQuery
        {
            { Phrase(0, "big", "data"), Occur.SHOULD },
            { new TermQuery(new Term("body", "guizhou")), Occur.SHOULD },
        };

        foreach (var query in new[] { required, anyOf })
        {
            // What a ranking step may add: the query's words near each other score higher.
            query.Add(Phrase(8, "big", "data", "guizhou"), Occur.SHOULD);

            Assert.Equal(["<em>Guizhou</em> is big on data. <em>Big data</em> grows in <em>Guizhou</em>."], Highlight(query, "Guizhou is big on data. Big data grows in Guizhou."));
        }
    }

    [Fact]
    public void A_title_only_match_gives_the_chinese_lead_unmarked()
    {
        test.Add(Make("a", "贵州大数据博览会开幕", "本届博览会吸引了众多企业参展。展会持续三天。"));

        var hit = SingleHit("贵州");

        Assert.Equal("<em>贵州</em>大数据博览会开幕", hit.MarkedTitle);
        Assert.Equal(["本届博览会吸引了众多企业参展。展会持续三天。"], hit.Snippets);
    }

    [Fact]
    public void Escaping_covers_marked_and_unmarked_text_and_leaves_chinese_alone()
    {
        test.Add(Make("a", "\"Data\" & <i>贵州</i>", "A & B's \"data\" <b>贵州</b>."));

        var hit = SingleHit("data 贵州", new HighlightSettings { PreTag = "<mark>", PostTag = "</mark>" });

        Assert.Equal("&quot;<mark>Data</mark>&quot; &amp; &lt;i&gt;<mark>贵州</mark>&lt;/i&gt;", hit.MarkedTitle);
        Assert.Equal(["A &amp; B&#39;s &quot;<mark>data</mark>&quot; &lt;b&gt;<mark>贵州</mark>&lt;/b&gt;."], hit.Snippets);
    }

    private static PhraseQuery Phrase(int slop, params string[] words)
    {
        var phrase = new PhraseQuery { Slop = slop };
        foreach (var word in words)
        {
            phrase.Add(new Term("body", word));
        }
        return phrase;
    }

    private IReadOnlyList<string> Highlight(Query query, string body)
    {
        using var lease = test.Index.AcquireSearcher();
        return new SnippetHighlighter(query, lease.Searcher.IndexReader, test.Index.Analyzer, new HighlightSettings()).Snippets(body);
    }

    /// <summary>
    /// The snippet, without tags and ellipses, is a stretch of the body no longer than the
    /// length, and where it was cut (an ellipsis) it begins and ends at token boundaries outside
    /// any Latin word.
    /// </summary>
    private static void AssertCutAtTokenBoundaries(string body, string snippet, int length)
    {
        var plain = snippet.Replace("<em>", "", StringComparison.Ordinal).Replace("</em>", "", StringComparison.Ordinal);
        var text = plain.Trim('…');
        var start = body.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, $"\"{text}\" is not in the body");
        Assert.InRange(text.Length, 1, length);
        var end = start + text.Length;
        var tokens = TokenSpans(body);
        foreach (var edge in new[] { start, end })
        {
            Assert.DoesNotContain(tokens, token => token.Start < edge && edge < token.End);
            Assert.False(edge > 0 && edge < body.Length && char.IsAsciiLetterOrDigit(body[edge - 1]) && char.IsAsciiLetterOrDigit(body[edge]),
                $"\"{snippet}\" is cut inside a word");
        }
        Assert.Equal(start > 0, plain.StartsWith('…'));
        Assert.Equal(end < body.Length, plain.EndsWith('…'));
    }

    private static List<(int Start, int End)> TokenSpans(string text)
    {
        var spans = new List<(int, int)>();
        using var stream = NewsAnalyzer.Create().GetTokenStream("body", text);
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            spans.Add((offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return spans;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])))
            {
                return true;
            }
            if (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                return true;
            }
        }
        return false;
    }

    private IReadOnlyList<string> Snippets(string text, HighlightSettings? highlight = null) => SingleHit(text, highlight).Snippets;

    private SearchHit SingleHit(string text, HighlightSettings? highlight = null) =>
        Assert.Single(test.Search(new SearchQuery { Text = text, Highlight = highlight ?? new HighlightSettings() }).Hits);
}
