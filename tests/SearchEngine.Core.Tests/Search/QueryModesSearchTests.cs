using SearchEngine.Core.Analysis;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Search;

/// <summary>Match modes, relaxation, field prefixes, prefixes and filters, searched on a real index.</summary>
public sealed class QueryModesSearchTests : IDisposable
{
    private readonly TestIndex test = new();

    public void Dispose() => test.Dispose();

    private List<string> Ids(SearchQuery query) =>
        [.. test.Search(query with { PageSize = SearchQuery.MaxPageSize }).Hits.Select(hit => hit.Article.Id).Order(StringComparer.Ordinal)];

    private void AddAlphabet() => test.Add(
        Make("ab", "alpha bravo"),
        Make("abc", "alpha bravo charlie"),
        Make("abcd", "alpha bravo charlie delta"),
        Make("c", "charlie"),
        Make("d", "delta echo"));

    [Fact]
    public void Match_any_needs_one_word_and_ranks_articles_with_more_words_higher()
    {
        AddAlphabet();

        var results = test.Search(new SearchQuery { Text = "alpha charlie delta", Match = MatchMode.Any });

        Assert.Equal(["ab", "abc", "abcd", "c", "d"], results.Hits.Select(hit => hit.Article.Id).Order(StringComparer.Ordinal));
        Assert.Equal("abcd", results.Hits[0].Article.Id);
        Assert.False(results.Relaxed);
    }

    [Fact]
    public void Match_all_that_finds_nothing_is_relaxed_to_most_of_the_words_and_says_so()
    {
        AddAlphabet();

        // No article has all five; ⌊5 × 3/4⌋ = 3 of them are required instead.
        var results = test.Search(new SearchQuery { Text = "alpha bravo charlie delta foxtrot" });

        Assert.True(results.Relaxed);
        Assert.Equal(["abc", "abcd"], results.Hits.Select(hit => hit.Article.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, results.TotalHits);
        Assert.Equal("abcd", results.Hits[0].Article.Id);
    }

    [Fact]
    public void Match_all_that_finds_something_is_not_relaxed()
    {
        AddAlphabet();

        var results = test.Search(new SearchQuery { Text = "alpha charlie" });

        Assert.False(results.Relaxed);
        Assert.Equal(["abc", "abcd"], results.Hits.Select(hit => hit.Article.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Relaxing_keeps_exclusions_and_filters()
    {
        AddAlphabet();
        test.Add(Make("ae-dated", "alpha echo", publishedAt: Utc(2024, 1, 1)));

        var excluded = test.Search(new SearchQuery { Text = "alpha echo foxtrot -bravo" });
        var filtered = test.Search(new SearchQuery { Text = "alpha bravo foxtrot", From = Utc(2023, 1, 1) });

        Assert.True(excluded.Relaxed);
        Assert.Equal(["ae-dated"], excluded.Hits.Select(hit => hit.Article.Id));
        Assert.True(filtered.Relaxed);
        Assert.Empty(filtered.Hits);
    }

    [Fact]
    public void Match_any_is_never_relaxed()
    {
        AddAlphabet();

        var results = test.Search(new SearchQuery { Text = "foxtrot golf", Match = MatchMode.Any });

        Assert.False(results.Relaxed);
        Assert.Empty(results.Hits);
    }

    [Fact]
    public void Only_exclusions_keep_every_other_article()
    {
        AddAlphabet();

        Assert.Equal(["c", "d"], Ids(new SearchQuery { Text = "-alpha" }));
        Assert.Equal(["d"], Ids(new SearchQuery { Text = "-alpha -\"charlie\"" }));
    }

    [Fact]
    public void A_strict_hit_in_a_later_segment_is_found_before_relaxing()
    {
        test.Add(Make("first-segment", "alpha"));
        test.Add(Make("second-segment", "bravo"));
        test.Add(Make("third-segment", "alpha bravo"));

        var strict = test.Search(new SearchQuery { Text = "alpha bravo" });
        var relaxed = test.Search(new SearchQuery { Text = "alpha bravo charlie" });

        Assert.False(strict.Relaxed);
        Assert.Equal(["third-segment"], strict.Hits.Select(hit => hit.Article.Id));
        Assert.True(relaxed.Relaxed);
        Assert.Equal(["third-segment"], relaxed.Hits.Select(hit => hit.Article.Id));
    }

    [Fact]
    public void Field_prefixes_search_one_field_exact_fields_whole_and_case_sensitive()
    {
        test.Add(
            Make("tan", "Ferry timetable", "Winter sailings", source: "Harbour Gazette") with { Author = "Mei Ling Tan", Section = "transport", Tags = ["ferries", "winter"] },
            Make("smith", "Tan lines at the beach", "Summer", source: "Harbour") with { Author = "John Smith", Section = "leisure", Tags = ["summer"] },
            Make("wang", "渡轮时刻表调整", "冬季航班", source: "新华社") with { Author = "新华社记者 王小明", Section = "交通", Tags = ["渡轮"] });

        Assert.Equal(["tan"], Ids(new SearchQuery { Text = "author:tan" }));
        // Without a prefix, only title and body are searched.
        Assert.Equal(["smith"], Ids(new SearchQuery { Text = "tan" }));
        Assert.Equal(["tan"], Ids(new SearchQuery { Text = "author:\"Mei Ling Tan\"" }));
        Assert.Empty(Ids(new SearchQuery { Text = "author:\"Tan Mei\"" }));
        Assert.Equal(["wang"], Ids(new SearchQuery { Text = "author:王小明" }));
        Assert.Equal(["smith"], Ids(new SearchQuery { Text = "title:tan" }));
        Assert.Equal(["tan"], Ids(new SearchQuery { Text = "source:\"Harbour Gazette\"" }));
        Assert.Empty(Ids(new SearchQuery { Text = "source:harbour" }));
        Assert.Equal(["smith"], Ids(new SearchQuery { Text = "source:Harbour" }));
        Assert.Equal(["smith", "tan"], Ids(new SearchQuery { Text = "source:Harb*" }));
        Assert.Equal(["tan"], Ids(new SearchQuery { Text = "section:transport" }));
        Assert.Equal(["wang"], Ids(new SearchQuery { Text = "section:交通 tag:渡轮" }));
        Assert.Equal(["smith", "tan"], Ids(new SearchQuery { Text = "tag:winter OR tag:summer" }));
        Assert.Equal(["tan"], Ids(new SearchQuery { Text = "tag:(winter ferries)" }));
    }

    [Fact]
    public void A_prefix_matches_indexed_words_that_start_with_it()
    {
        test.Add(Make("computer", "Computers get faster"), Make("compass", "A compass points north"), Make("other", "Commuters wait"));

        Assert.Equal(["compass", "computer"], Ids(new SearchQuery { Text = "comp*" }));
        Assert.Equal(["computer"], Ids(new SearchQuery { Text = "COMPU*" }));
        Assert.Equal(["compass"], Ids(new SearchQuery { Text = "comp* north" }));
    }

    [Fact]
    public void A_prefix_expands_to_the_most_frequent_words_only()
    {
        // Single-token words that the analyzer keeps unchanged: "zeta" and two letters.
        const string letters = "bcdfgkmnprt";
        var rare = (from first in letters from second in letters select $"zeta{first}{second}").Take(QueryBuilder.MaxPrefixExpansions + 2).ToList();
        using (var analyzer = NewsAnalyzer.Create())
        {
            Assert.All(rare, word => Assert.Equal([word], Analyse(analyzer, word)));
        }
        test.Add(rare.Select(word => Make(word, word)));
        test.Add(Make("frequent-1", "zetazz"), Make("frequent-2", "zetazz"));

        var hits = Ids(new SearchQuery { Text = "zeta*" });

        // The two-article word and, of the one-article words, the alphabetically first 63.
        Assert.Equal(QueryBuilder.MaxPrefixExpansions + 1, hits.Count);
        Assert.Contains("frequent-1", hits);
        Assert.Contains("frequent-2", hits);
        Assert.Equal(rare.Order(StringComparer.Ordinal).Take(QueryBuilder.MaxPrefixExpansions - 1), hits.Where(id => id.StartsWith("zeta", StringComparison.Ordinal)));
    }

    [Fact]
    public void Languages_sections_and_tags_filters_keep_exact_values()
    {
        test.Add(
            Make("en-tech", "chips") with { Language = "en", Section = "technology", Tags = ["ai", "chips"] },
            Make("en-biz", "chips") with { Language = "en", Section = "business", Tags = ["markets"] },
            Make("zh-tech", "chips 芯片") with { Language = "zh", Section = "technology", Tags = ["芯片"] },
            Make("bare", "chips"));

        Assert.Equal(["zh-tech"], Ids(new SearchQuery { Text = "chips", Languages = ["zh"] }));
        Assert.Empty(Ids(new SearchQuery { Text = "chips", Languages = ["ZH"] }));
        Assert.Equal(["en-tech", "zh-tech"], Ids(new SearchQuery { Text = "chips", Sections = ["technology"] }));
        Assert.Equal(["en-biz", "en-tech"], Ids(new SearchQuery { Text = "chips", Tags = ["ai", "markets"] }));
        Assert.Equal(["en-tech"], Ids(new SearchQuery { Text = "chips", Languages = ["en"], Sections = ["technology", "sport"], Tags = ["chips", "芯片"] }));
        Assert.Equal(["en-biz", "en-tech", "zh-tech"], Ids(new SearchQuery { Languages = ["en", "zh"] }));
    }

    private static List<string> Analyse(Lucene.Net.Analysis.Analyzer analyzer, string text)
    {
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        var terms = new List<string>();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }
}
