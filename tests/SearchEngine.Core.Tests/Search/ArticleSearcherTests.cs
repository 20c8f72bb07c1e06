using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Search;

public sealed class ArticleSearcherTests : IDisposable
{
    private readonly TestIndex test = new();

    public void Dispose() => test.Dispose();

    [Fact]
    public void Ranks_a_title_match_above_a_body_only_match()
    {
        test.Add(
            Make("body-only", "City news roundup", "The tango festival opens today with dancers from abroad."),
            Make("title", "Tango festival opens", "Dancers from abroad arrived in the city today for the event."),
            Make("neither", "Weather", "Rain today."));

        var results = test.Search(new SearchQuery { Text = "tango" });

        Assert.Equal(["title", "body-only"], results.Hits.Select(hit => hit.Article.Id));
        Assert.True(results.Hits[0].Score > results.Hits[1].Score, $"{results.Hits[0].Score} <= {results.Hits[1].Score}");
        Assert.True(results.Hits[1].Score > 0);
    }

    [Fact]
    public void Requires_every_term_in_the_title_or_the_body()
    {
        test.Add(
            Make("both-in-body", "News", "alpha and bravo together"),
            Make("split-across-fields", "Alpha headline", "bravo in the body"),
            Make("alpha-only", "Alpha", "alpha alone"),
            Make("bravo-only", "Bravo", "bravo alone"));

        Assert.Equal(["both-in-body", "split-across-fields"], test.Ids("alpha bravo").Order(StringComparer.Ordinal));
        Assert.Equal(2, test.Search(new SearchQuery { Text = "alpha bravo" }).TotalHits);
    }

    [Fact]
    public void Applies_english_stemming_to_queries_as_to_articles()
    {
        test.Add(Make("a", "Guizhou pitches big data"), Make("b", "Pitching wedge"));

        Assert.Equal(["a"], test.Ids("pitch data"));
        Assert.Equal(["a", "b"], test.Ids("PITCHED").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_chinese_run_matches_its_words_only_where_they_stand_together()
    {
        test.Add(
            Make("contiguous", "贵州大数据产业发展迅速"),
            Make("contiguous-in-body", "新闻", "本报讯 贵州大数据博览会开幕"),
            Make("scattered", "贵州的旅游业很大，数据显示游客增加"),
            Make("word-between", "贵州发布大数据报告"),
            Make("reversed", "大数据在贵州"),
            Make("apart", "贵州发展很快", "大家都关注数据中心"));

        Assert.Equal(["contiguous", "contiguous-in-body"], test.Ids("贵州大数据").Order(StringComparer.Ordinal));
        // The separate words are all present in the others: only adjacency excludes them.
        Assert.Equal(["contiguous", "contiguous-in-body", "reversed", "scattered", "word-between"], test.Ids("贵州 大 数据").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_chinese_run_that_cuts_words_matches_where_its_characters_stand_together()
    {
        test.Add(
            Make("meeting", "习近平会见冰岛总统"),
            Make("commentary", "【央视快评】携手同行现代化之路"),
            Make("measures", "我国出台24项举措全面推进江河保护治理"),
            Make("scattered", "总统在冰岛会见记者", "携手，同行，评论，4项，24个举措"));

        Assert.Equal(["meeting"], test.Ids("见冰岛总统"));
        Assert.Equal("习近平会<em>见冰岛总统</em>", Assert.Single(test.Search(new SearchQuery { Text = "见冰岛总统" }).Hits).MarkedTitle);
        // The query cuts 快评 and 携手 beside the bracket: the lone characters still match there.
        Assert.Equal(["commentary"], test.Ids("评】携手同行"));
        Assert.Equal("【央视快<em>评】携手同行</em>现代化之路", Assert.Single(test.Search(new SearchQuery { Text = "评】携手同行" }).Hits).MarkedTitle);
        Assert.Equal(["measures"], test.Ids("4项举措"));
        // Whole words still rank first: the article matching as SmartCn reads it scores both ways.
        test.Add(Make("whole-words", "冰岛总统访华"));
        Assert.Equal(["whole-words", "meeting"], test.Ids("冰岛总统"));
    }

    [Fact]
    public void A_single_chinese_character_typed_as_a_word_matches_only_that_word()
    {
        test.Add(Make("word", "大 雪"), Make("inside-a-word", "大家都关注"));

        Assert.Equal(["word"], test.Ids("大"));
    }

    [Fact]
    public void A_mixed_latin_and_chinese_run_matches_the_same_run()
    {
        test.Add(
            Make("5g", "5G网络建设加快"),
            Make("5g-spaced", "5G 网络 建设"),
            Make("4g", "4G网络"),
            Make("qualcomm", "高通发布5G芯片"),
            Make("c919", "中国商飞C919客机首飞"));

        Assert.Equal(["5g", "5g-spaced"], test.Ids("5G网络").Order(StringComparer.Ordinal));
        Assert.Equal(["5g", "5g-spaced", "qualcomm"], test.Ids("5G").Order(StringComparer.Ordinal));
        Assert.Equal(["qualcomm"], test.Ids("高通"));
        Assert.Equal(["c919"], test.Ids("C919客机"));
    }

    [Fact]
    public void A_query_for_one_emoji_does_not_match_articles_with_another_emoji()
    {
        test.Add(Make("smile", "Festival 😀"), Make("party", "Festival 🎉"), Make("plain", "Festival"));

        Assert.DoesNotContain("smile", test.Ids("🎉"));
        Assert.DoesNotContain("plain", test.Ids("🎉"));
        Assert.Equal(["party", "plain", "smile"], test.Ids("festival").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_quoted_phrase_needs_its_words_in_order_and_adjacent()
    {
        test.Add(
            Make("phrase", "Guizhou pitches big data"),
            Make("reversed", "data is big"),
            Make("apart", "big old data"));

        Assert.Equal(["phrase"], test.Ids("\"big data\""));
        Assert.Equal(["phrase"], test.Ids("\"pitching big data\""));
        Assert.Equal(["apart", "phrase", "reversed"], test.Ids("big data").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Excludes_articles_with_a_negated_term_in_either_field()
    {
        test.Add(
            Make("data", "Data centres", "Servers and storage"),
            Make("big-in-body", "Data centres", "Big servers"),
            Make("big-in-title", "Big data", "Servers"));

        Assert.Equal(["data"], test.Ids("data -big"));
        Assert.Equal(["data"], test.Ids("data NOT big"));
        Assert.Equal(["big-in-body", "big-in-title"], test.Ids("data -storage").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Boolean_or_and_grouping_are_understood()
    {
        test.Add(Make("a", "alpha zulu"), Make("b", "bravo zulu"), Make("c", "charlie zulu"), Make("d", "alpha"));

        Assert.Equal(["a", "b"], test.Ids("(alpha OR bravo) zulu").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_date_range_includes_from_and_excludes_to()
    {
        var from = Utc(2024, 3, 10);
        var to = Utc(2024, 3, 11);
        test.Add(
            Make("before", "news", publishedAt: from.AddMilliseconds(-1)),
            Make("at-from", "news", publishedAt: from),
            Make("inside", "news", publishedAt: from.AddHours(12)),
            Make("last-inside", "news", publishedAt: to.AddMilliseconds(-1)),
            Make("at-to", "news", publishedAt: to),
            Make("undated", "news"));

        Assert.Equal(["at-from", "inside", "last-inside"], IdsIn(from, to));
        Assert.Equal(["at-from", "at-to", "inside", "last-inside"], IdsIn(from, null));
        Assert.Equal(["at-from", "before", "inside", "last-inside"], IdsIn(null, to));
        // Bounds are instants: the same instant written with another offset selects the same articles.
        Assert.Equal(["at-from", "inside", "last-inside"], IdsIn(from.ToOffset(TimeSpan.FromHours(8)), to.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Empty(IdsIn(to, to));
        Assert.Equal(6, test.Search(new SearchQuery { Text = "news" }).TotalHits);

        List<string> IdsIn(DateTimeOffset? start, DateTimeOffset? end) =>
            [.. test.Search(new SearchQuery { Text = "news", From = start, To = end, PageSize = 100 }).Hits.Select(hit => hit.Article.Id).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void The_sources_filter_keeps_articles_from_any_listed_source()
    {
        test.Add(
            Make("xinhua", "news", publishedAt: Utc(2024, 1, 1), source: "Xinhua"),
            Make("reuters", "news", publishedAt: Utc(2024, 1, 2), source: "Reuters"),
            Make("ap", "news", publishedAt: Utc(2024, 1, 3), source: "AP"),
            Make("no-source", "news", publishedAt: Utc(2024, 1, 4)),
            Make("xinhua-other-topic", "sport", source: "Xinhua"));

        Assert.Equal(["ap", "xinhua"], IdsFrom("news", "Xinhua", "AP"));
        Assert.Equal(["xinhua", "xinhua-other-topic"], IdsFrom("", "Xinhua"));
        Assert.Empty(IdsFrom("news", "Nobody"));
        Assert.Equal(["xinhua"], [.. test.Search(new SearchQuery { Text = "news", Sources = ["Xinhua", "AP"], To = Utc(2024, 1, 2) }).Hits.Select(hit => hit.Article.Id)]);

        List<string> IdsFrom(string text, params string[] sources) =>
            [.. test.Search(new SearchQuery { Text = text, Sources = sources }).Hits.Select(hit => hit.Article.Id).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Newest_and_oldest_sort_by_date_with_undated_articles_last_and_ties_by_id()
    {
        test.Add(
            Make("m", "news", publishedAt: Utc(2024, 1, 1)),
            Make("b", "news", publishedAt: Utc(2024, 1, 1)),
            Make("z-undated", "news"),
            Make("a-undated", "news"),
            Make("old", "news", publishedAt: Utc(1850, 6, 1)),
            Make("new", "news", publishedAt: Utc(2025, 12, 31, 23, 59, 59, 999)));

        var newest = test.Search(new SearchQuery { Text = "news", Sort = SortOrder.Newest });
        var oldest = test.Search(new SearchQuery { Text = "news", Sort = SortOrder.Oldest });

        Assert.Equal(["new", "b", "m", "old", "a-undated", "z-undated"], newest.Hits.Select(hit => hit.Article.Id));
        Assert.Equal(["old", "b", "m", "new", "a-undated", "z-undated"], oldest.Hits.Select(hit => hit.Article.Id));
        Assert.All(newest.Hits.Concat(oldest.Hits), hit => Assert.Equal(0f, hit.Score));
    }

    [Fact]
    public void Relevance_ties_are_broken_by_id()
    {
        test.Add(Make("c", "same text"), Make("a", "same text"), Make("b", "same text"));

        var results = test.Search(new SearchQuery { Text = "text" });

        Assert.Equal(["a", "b", "c"], results.Hits.Select(hit => hit.Article.Id));
        Assert.Single(results.Hits.Select(hit => hit.Score).Distinct());
    }

    public static TheoryData<SortOrder, int, string> PagingCases()
    {
        var cases = new TheoryData<SortOrder, int, string>();
        foreach (var sort in Enum.GetValues<SortOrder>())
        {
            foreach (var pageSize in new[] { 1, 3, 7, 10, 41, 100 })
            {
                foreach (var text in new[] { "", "alpha" })
                {
                    cases.Add(sort, pageSize, text);
                }
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(PagingCases))]
    public void Page_tokens_walk_every_hit_exactly_once_in_order_with_exact_totals(SortOrder sort, int pageSize, string text)
    {
        var corpus = PagingCorpus();
        test.Add(corpus);
        var expectedCount = corpus.Count(article => text.Length == 0 || article.Body!.Contains(text, StringComparison.Ordinal));
        var allAtOnce = test.Search(new SearchQuery { Text = text, Sort = sort, PageSize = SearchQuery.MaxPageSize });
        Assert.Equal(expectedCount, allAtOnce.TotalHits);
        Assert.Equal(expectedCount, allAtOnce.Hits.Count);
        Assert.Null(allAtOnce.NextPageToken);
        AssertOrdered(allAtOnce.Hits, sort);

        var walked = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = test.Search(new SearchQuery { Text = text, Sort = sort, PageSize = pageSize, PageToken = token });
            pages++;
            Assert.Equal(expectedCount, page.TotalHits);
            Assert.InRange(page.Hits.Count, 1, pageSize);
            walked.AddRange(page.Hits.Select(hit => hit.Article.Id));
            token = page.NextPageToken;
            Assert.True(token is null == (walked.Count == expectedCount), $"page {pages}: token {token ?? "null"} after {walked.Count} of {expectedCount} hits");
        }
        while (token is not null && pages <= expectedCount);

        Assert.Equal(allAtOnce.Hits.Select(hit => hit.Article.Id), walked);
        Assert.Equal((expectedCount + pageSize - 1) / pageSize, pages);
    }

    [Fact]
    public void A_page_size_may_change_between_pages()
    {
        var corpus = PagingCorpus();
        test.Add(corpus);
        var first = test.Search(new SearchQuery { Sort = SortOrder.Newest, PageSize = 5 });
        var second = test.Search(new SearchQuery { Sort = SortOrder.Newest, PageSize = 20, PageToken = first.NextPageToken });
        var all = test.Search(new SearchQuery { Sort = SortOrder.Newest, PageSize = 100 });

        Assert.Equal(all.Hits.Take(25).Select(hit => hit.Article.Id), first.Hits.Concat(second.Hits).Select(hit => hit.Article.Id));
    }

    [Fact]
    public void A_page_token_is_rejected_for_a_different_query_filter_or_sort()
    {
        test.Add(PagingCorpus());
        var query = new SearchQuery { Text = "alpha", Sort = SortOrder.Newest, PageSize = 2, Sources = ["Xinhua", "AP"], From = Utc(2000, 1, 1) };
        var token = test.Search(query).NextPageToken;
        Assert.NotNull(token);

        // The same request in another spelling of the source list is the same query.
        Assert.NotEmpty(test.Search(query with { PageToken = token, Sources = ["AP", "Xinhua"] }).Hits);
        foreach (var other in new[]
        {
            query with { Text = "bravo" },
            query with { Sort = SortOrder.Oldest },
            query with { Sort = SortOrder.Relevance },
            query with { Sources = ["Xinhua"] },
            query with { From = Utc(2000, 1, 2) },
            query with { To = Utc(2030, 1, 1) },
        })
        {
            var exception = Assert.Throws<InvalidRequestException>(() => test.Search(other with { PageToken = token }));
            Assert.Equal("page_token", exception.Field);
            Assert.Contains("different query", exception.Message);
        }
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("AAAA")]
    [InlineData("AQ")]
    [InlineData("%%%%")]
    [InlineData("AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_garbage_page_token_is_an_invalid_request(string token)
    {
        test.Add(Make("a", "alpha"));

        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(new SearchQuery { Text = "alpha", PageToken = token }));

        Assert.Equal("page_token", exception.Field);
    }

    [Theory]
    [InlineData("\"big data", "position 1")]
    [InlineData("big \"data", "position 5")]
    [InlineData("big (data", "position 5")]
    [InlineData("(big \"data)\"", "position 1")]
    [InlineData("big data)", "position 9")]
    [InlineData("贵州 (大数据 OR 5G", "position 4")]
    public void An_unbalanced_quote_or_parenthesis_is_an_invalid_request_naming_its_position(string text, string position)
    {
        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(new SearchQuery { Text = text }));

        Assert.Equal("query", exception.Field);
        Assert.Contains(position, exception.Message);
    }

    [Fact]
    public void An_escaped_quote_does_not_need_a_partner()
    {
        test.Add(Make("a", "big data"));

        Assert.Equal(["a"], test.Ids("big \\\"data"));
    }

    [Theory]
    [InlineData("alpha AND")]
    [InlineData("*pha")]
    [InlineData("title:")]
    public void A_query_lucene_cannot_parse_is_an_invalid_request(string text)
    {
        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(new SearchQuery { Text = text }));

        Assert.Equal("query", exception.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_query_matches_every_article(string text)
    {
        test.Add(Make("a", "alpha", publishedAt: Utc(2024, 1, 1), source: "AP"), Make("b", body: "bravo"), Make("c", "贵州"));

        var results = test.Search(new SearchQuery { Text = text });

        Assert.Equal(3, results.TotalHits);
        Assert.Equal(["a", "b", "c"], results.Hits.Select(hit => hit.Article.Id));
    }

    [Fact]
    public void A_query_longer_than_the_limit_is_rejected_and_one_at_the_limit_accepted()
    {
        test.Add(Make("a", "alpha zulu"));
        var atLimit = string.Join(' ', Enumerable.Repeat("alpha", 166)) + " zulu";
        Assert.Equal(SearchQuery.MaxQueryLength, atLimit.Length);

        Assert.Equal(["a"], test.Ids(atLimit));
        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(new SearchQuery { Text = atLimit + "a" }));
        Assert.Equal("query", exception.Field);
        Assert.Contains("1000", exception.Message);
    }

    [Fact]
    public void The_page_holds_the_stored_article()
    {
        var article = Make("a", "Guizhou pitches big data", "贵州大数据", Utc(2024, 3, 10, 8, 0), "Xinhua") with { Tags = ["tech"], Language = "en" };
        test.Add(article);

        var hit = Assert.Single(test.Search(new SearchQuery { Text = "Guizhou" }).Hits);

        Assert.Equal(article with { Tags = [] }, hit.Article with { Tags = [] });
        Assert.Equal(["tech"], hit.Article.Tags);
    }

    /// <summary>
    /// 41 articles: repeated dates (ties), undated ones, and repeated bodies (equal scores), so
    /// every sort has ties that only the id breaks.
    /// </summary>
    private static List<Article> PagingCorpus()
    {
        string[] sources = ["Xinhua", "AP", "Reuters"];
        return [.. Enumerable.Range(0, 41).Select(i => Make(
            $"id-{(i * 17) % 41:00}",
            $"headline {i % 4}",
            (i % 3) switch { 0 => "alpha", 1 => "alpha alpha bravo", _ => "bravo" } + $" filler{i % 5}",
            i % 6 == 0 ? null : Utc(2020, 1, 1).AddDays(i % 9),
            sources[i % 3]))];
    }

    private static void AssertOrdered(IReadOnlyList<SearchHit> hits, SortOrder sort)
    {
        for (var i = 1; i < hits.Count; i++)
        {
            var (previous, current) = (hits[i - 1], hits[i]);
            var primary = sort switch
            {
                SortOrder.Relevance => current.Score.CompareTo(previous.Score),
                _ => Compare(current.Article.PublishedAt, previous.Article.PublishedAt),
            };
            Assert.True(primary < 0 || (primary == 0 && string.CompareOrdinal(previous.Article.Id, current.Article.Id) < 0),
                $"{sort}: {previous.Article.Id} ({previous.Article.PublishedAt}, {previous.Score}) comes before {current.Article.Id} ({current.Article.PublishedAt}, {current.Score})");
        }

        // Negative when the date of "current" belongs after the date of "previous" in this sort,
        // zero when they are equal (the id decides).
        // Undated articles come last in both directions.
        int Compare(DateTimeOffset? current, DateTimeOffset? previous) => (current, previous) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => sort == SortOrder.Newest ? current.Value.CompareTo(previous.Value) : previous.Value.CompareTo(current.Value),
        };
    }
}
