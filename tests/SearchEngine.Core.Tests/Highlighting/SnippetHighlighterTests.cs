using System.Text.RegularExpressions;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Highlighting;

public sealed partial class SnippetHighlighterTests : IDisposable
{
    private readonly TestIndex test = new();

    public void Dispose() => test.Dispose();

    [Fact]
    public void Marks_every_match_in_the_whole_title()
    {
        var title = "Data first: Guizhou pitches big data to investors, " + string.Join(' ', Enumerable.Repeat("filler words", 30)) + " and ends with data";
        test.Add(Make("a", title, "Body without the word."));

        var hit = SingleHit("data");

        Assert.Equal("<em>Data</em> first: Guizhou pitches big <em>data</em> to investors, " + string.Join(' ', Enumerable.Repeat("filler words", 30)) + " and ends with <em>data</em>",
            hit.MarkedTitle);
    }

    [Fact]
    public void Marks_stemmed_variants_of_the_query_term()
    {
        test.Add(Make("a", "Guizhou pitches big data"));

        Assert.Equal("Guizhou <em>pitches</em> big data", SingleHit("pitching").MarkedTitle);
    }

    [Fact]
    public void Returns_the_unmarked_title_when_only_the_body_matched()
    {
        test.Add(Make("a", "Weather report", "Rain with data from the bureau."));

        var hit = SingleHit("data");

        Assert.Equal("Weather report", hit.MarkedTitle);
        Assert.Equal(["Rain with <em>data</em> from the bureau."], hit.Snippets);
    }

    [Fact]
    public void An_article_without_title_or_body_gets_empty_marks()
    {
        test.Add(Make("title-only", "Big data"), Make("body-only", body: "big data"));

        var hits = test.Search(new SearchQuery { Text = "data" }).Hits.ToDictionary(hit => hit.Article.Id);

        Assert.Empty(hits["title-only"].Snippets);
        Assert.Equal("", hits["body-only"].MarkedTitle);
        Assert.Equal(["big <em>data</em>"], hits["body-only"].Snippets);
    }

    [Fact]
    public void Uses_the_configured_tags_verbatim()
    {
        test.Add(Make("a", "Guizhou pitches big data", "Big data everywhere."));
        var highlight = new HighlightSettings { PreTag = "<mark class=\"hit\">", PostTag = "</mark>" };

        var hit = Assert.Single(test.Search(new SearchQuery { Text = "data", Highlight = highlight }).Hits);

        Assert.Equal("Guizhou pitches big <mark class=\"hit\">data</mark>", hit.MarkedTitle);
        Assert.Equal(["Big <mark class=\"hit\">data</mark> everywhere."], hit.Snippets);
        var plain = Assert.Single(test.Search(new SearchQuery { Text = "data", Highlight = new HighlightSettings { PreTag = "[[", PostTag = "]]" } }).Hits);
        Assert.Equal("Guizhou pitches big [[data]]", plain.MarkedTitle);
    }

    [Fact]
    public void Escapes_html_in_title_and_body_so_only_the_tags_are_markup()
    {
        test.Add(Make("a", "<script>alert(1)</script> data & \"more\"", "Profit & loss <b>data</b> for 'Q1' <img src=x onerror=alert(1)>"));

        var hit = SingleHit("data");

        Assert.Contains("&lt;script&gt;", hit.MarkedTitle);
        Assert.Contains("<em>data</em> &amp; ", hit.MarkedTitle);
        Assert.DoesNotContain("<script>", hit.MarkedTitle);
        var snippet = Assert.Single(hit.Snippets);
        Assert.Contains("Profit &amp; loss &lt;b&gt;<em>data</em>&lt;", snippet);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", snippet);
        // Once the configured tags are taken out, no markup is left.
        foreach (var marked in new[] { hit.MarkedTitle, snippet })
        {
            var withoutTags = marked.Replace("<em>", "", StringComparison.Ordinal).Replace("</em>", "", StringComparison.Ordinal);
            Assert.DoesNotContain('<', withoutTags);
            Assert.DoesNotContain('>', withoutTags);
        }
    }

    [Fact]
    public void Escapes_html_in_a_title_that_does_not_match()
    {
        test.Add(Make("a", "<b>Tom & Jerry</b>", "data"));

        Assert.Equal("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;", SingleHit("data").MarkedTitle);
    }

    [Fact]
    public void Leaves_chinese_and_emoji_as_characters_rather_than_character_references()
    {
        // Only HTML's special characters need escaping. Numeric references would make Chinese
        // unreadable to API clients that do not decode HTML, and would turn an emoji into two
        // references to lone surrogates, which an HTML parser replaces with U+FFFD.
        test.Add(
            Make("matched", "贵州大数据 café 😀 'quoted'", "贵州大数据 café 😀"),
            Make("unmatched", "Zulu 贵州 café 😀", "贵州 café 😀 & more"));

        var matched = SingleHit("贵州大数据");
        var unmatched = SingleHit("zulu");

        Assert.Equal("<em>贵州大数据</em> café 😀 &#39;quoted&#39;", matched.MarkedTitle);
        Assert.Equal(["<em>贵州大数据</em> café 😀"], matched.Snippets);
        Assert.Equal("<em>Zulu</em> 贵州 café 😀", unmatched.MarkedTitle);
        Assert.Equal(["贵州 café 😀 &amp; more"], unmatched.Snippets);
    }

    [Fact]
    public void Marks_chinese_words_of_the_query_in_title_and_body_as_one_mark_where_adjacent()
    {
        test.Add(Make("a", "贵州大数据产业发展迅速", "新华社贵阳电 贵州大数据博览会今天开幕，数据显示贵州发展很快。"));

        var hit = SingleHit("贵州大数据");

        Assert.Equal("<em>贵州大数据</em>产业发展迅速", hit.MarkedTitle);
        // The phrase is marked where it stands together; its words elsewhere are not.
        Assert.Equal(["新华社贵阳电 <em>贵州大数据</em>博览会今天开幕，数据显示贵州发展很快。"], hit.Snippets);
    }

    [Fact]
    public void Marks_separate_query_words_separately_unless_they_touch()
    {
        test.Add(Make("a", "5G网络 and 贵州 news: 贵州网络", "Qualcomm高通 5G"));

        var hit = SingleHit("5G 贵州 高通");

        Assert.Equal("<em>5G</em>网络 and <em>贵州</em> news: <em>贵州</em>网络", hit.MarkedTitle);
        Assert.Equal(["Qualcomm<em>高通</em> <em>5G</em>"], hit.Snippets);
    }

    [Fact]
    public void Private_use_characters_are_plain_text_and_cannot_forge_a_mark()
    {
        test.Add(Make("a", "data \uE000forged\uE001 \uE001\uE000", "data \uE000forged\uE001"));

        var hit = SingleHit("data");

        Assert.Equal("<em>data</em> \uE000forged\uE001 \uE001\uE000", hit.MarkedTitle);
        Assert.Equal(["<em>data</em> \uE000forged\uE001"], hit.Snippets);
    }

    [Fact]
    public void A_title_only_match_gives_the_body_lead_unmarked_and_cut_between_words()
    {
        var body = "Officials in Guizhou said on Monday that the province would expand its computing centres, "
            + "adding servers for cloud customers across the region over the next five years.";
        test.Add(Make("a", "Guizhou pitches big data", body));
        var highlight = new HighlightSettings { SnippetLength = 60 };

        var hit = SingleHit("pitches", highlight);

        Assert.Equal("Guizhou <em>pitches</em> big data", hit.MarkedTitle);
        var lead = Assert.Single(hit.Snippets);
        Assert.Equal("Officials in Guizhou said on Monday that the province would…", lead);
        AssertIsLeadOf(body, lead, highlight.SnippetLength);
    }

    [Fact]
    public void The_lead_is_not_cut_inside_a_surrogate_pair()
    {
        // No space or sentence end before the limit, and the limit falls between the two halves
        // of an emoji: the cut moves before the emoji rather than keep half of it.
        var body = "贵州省委宣传部消息称今年全省接待游客人数创新高😀数据中心建设也在加快推进";
        var emoji = body.IndexOf("😀", StringComparison.Ordinal);
        var highlight = new HighlightSettings { SnippetLength = emoji + 1 };
        Assert.True(char.IsLowSurrogate(body[highlight.SnippetLength]));
        test.Add(Make("a", "Guizhou tourism", body));

        var lead = Assert.Single(SingleHit("tourism", highlight).Snippets);

        Assert.Equal(body[..emoji] + "…", lead);
        AssertIsLeadOf(body, lead, highlight.SnippetLength);
    }

    [Fact]
    public void A_lead_keeps_a_whole_emoji_that_fits()
    {
        var body = "贵州省委宣传部消息称今年全省接待游客人数创新高😀数据中心建设也在加快推进";
        var afterEmoji = body.IndexOf("😀", StringComparison.Ordinal) + 2;
        test.Add(Make("a", "Guizhou tourism", body));
        var highlight = new HighlightSettings { SnippetLength = afterEmoji };

        var lead = Assert.Single(SingleHit("tourism", highlight).Snippets);

        Assert.Equal(body[..afterEmoji] + "…", lead);
        AssertIsLeadOf(body, lead, highlight.SnippetLength);
    }

    [Fact]
    public void A_short_body_is_the_whole_lead_without_an_ellipsis()
    {
        test.Add(Make("a", "Guizhou pitches big data", "Short & sweet."));

        Assert.Equal(["Short &amp; sweet."], SingleHit("Guizhou").Snippets);
    }

    [Fact]
    public void A_chinese_lead_ends_at_a_sentence_or_clause_end_when_one_is_near_the_limit()
    {
        var body = "贵州省今年大力发展数字经济。各地加快建设数据中心，吸引企业入驻并带动就业增长，效果明显";
        test.Add(Make("a", "Guizhou", body));
        var highlight = new HighlightSettings { SnippetLength = 30 };

        var lead = Assert.Single(SingleHit("Guizhou", highlight).Snippets);

        // The limit falls inside 吸引企业入驻: the lead stops at the full stop or the comma before it.
        AssertIsLeadOf(body, lead, highlight.SnippetLength);
        Assert.Contains(lead.TrimEnd('…')[^1], "。，");
        Assert.StartsWith("贵州省今年大力发展数字经济。", lead, StringComparison.Ordinal);
    }

    [Fact]
    public void An_english_lead_never_ends_inside_a_word_whatever_the_limit()
    {
        var body = "Officials in Guizhou said on Monday that the province would expand its computing centres, "
            + "adding servers for cloud customers across the region over the next five years.";
        test.Add(Make("a", "Guizhou pitches big data", body));

        for (var length = HighlightSettings.MinSnippetLength; length < body.Length + 5; length += 7)
        {
            var lead = Assert.Single(SingleHit("pitches", new HighlightSettings { SnippetLength = length }).Snippets);
            AssertIsLeadOf(body, lead, length);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(10, 4)]
    public void Returns_at_most_the_requested_number_of_snippets_each_about_the_snippet_length(int requested, int expected)
    {
        // Four matches, each far enough from the others to need its own snippet.
        string[] colours = ["red", "green", "blue", "gold"];
        var body = string.Concat(colours.Select(colour => $"Match {colour} data{Filler(3)}"));
        test.Add(Make("a", "Title", body));
        var highlight = new HighlightSettings { SnippetCount = requested, SnippetLength = 40 };

        var snippets = SingleHit("data", highlight).Snippets;

        Assert.Equal(expected, snippets.Count);
        Assert.Equal(expected, snippets.Distinct().Count());
        Assert.All(snippets, snippet => Assert.Single(EmMarks().Matches(snippet)));
        Assert.All(snippets, snippet => Assert.InRange(snippet.Length, 10, 2 * highlight.SnippetLength));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(HighlightSettings.MaxSnippetCount)]
    public void A_single_match_near_the_start_gives_one_snippet_of_about_the_snippet_length(int requested)
    {
        // Asking for more snippets than the body has matches must not pad the one snippet with
        // the unmatched text around it.
        var body = Filler(1) + " The bureau published the data on Monday." + Filler(20);
        test.Add(Make("a", "Title", body));
        var highlight = new HighlightSettings { SnippetLength = 50, SnippetCount = requested };

        var snippet = Assert.Single(SingleHit("data", highlight).Snippets);

        Assert.Contains("<em>data</em>", snippet);
        Assert.InRange(snippet.Length, 10, 2 * highlight.SnippetLength);
    }

    /// <summary>
    /// The lead is the unmarked start of the body, at most the snippet length, ending at the end of
    /// the body, after a sentence, or with an ellipsis at a word or clause boundary; never after
    /// half a surrogate pair.
    /// </summary>
    private static void AssertIsLeadOf(string body, string lead, int snippetLength)
    {
        Assert.DoesNotContain("<em>", lead);
        var cut = lead.EndsWith('…') ? lead[..^1] : lead;
        Assert.StartsWith(cut, body, StringComparison.Ordinal);
        Assert.InRange(cut.Length, 1, snippetLength);
        Assert.False(char.IsHighSurrogate(cut[^1]), "the lead ends with half an emoji");
        if (cut.Length < body.Length)
        {
            // A cut inside a sentence is shown; one after a whole sentence may go without.
            if (!"。！？.!?".Contains(cut[^1]))
            {
                Assert.EndsWith("…", lead);
            }
            var next = body[cut.Length];
            Assert.False(char.IsLetterOrDigit(cut[^1]) && char.IsLetterOrDigit(next) && next < '\u2E80',
                $"the lead \"{lead}\" ends inside a word");
        }
        else
        {
            Assert.Equal(body, lead);
        }
    }

    private static string Filler(int sentences) =>
        string.Concat(Enumerable.Repeat(" Nothing of interest happens in this part of the article at all.", sentences));

    [GeneratedRegex("<em>[^<]*</em>")]
    private static partial Regex EmMarks();

    private SearchHit SingleHit(string text, HighlightSettings? highlight = null) =>
        Assert.Single(test.Search(new SearchQuery { Text = text, Highlight = highlight ?? new HighlightSettings() }).Hits);
}
