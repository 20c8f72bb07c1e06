using Lucene.Net.Search;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Search;

namespace SearchEngine.Core.Tests.Search;

/// <summary>The Lucene queries built from query text: their shape, relaxation and proximity clauses.</summary>
public sealed class QueryBuilderTests : IDisposable
{
    private readonly Lucene.Net.Analysis.Analyzer analyzer = NewsAnalyzer.Create();

    public void Dispose() => analyzer.Dispose();

    private BuiltQuery Build(string text, MatchMode match = MatchMode.All, QuerySyntax syntax = QuerySyntax.Simple) =>
        QueryBuilder.Build(new SearchQuery { Text = text, Match = match, Syntax = syntax }, analyzer);

    [Fact]
    public void Every_bare_word_is_required_in_the_title_weighted_double_or_the_body()
    {
        var built = Build("Guizhou pitches");

        Assert.Equal("+(title:guizhou^2.0 body:guizhou) +(title:pitch^2.0 body:pitch)", built.Matching.ToString());
    }

    [Theory]
    [InlineData("贵州大数据", "(title:\"贵州 大 数据\"^2.0 body:\"贵州 大 数据\") (title_bigrams:\"贵州 州大 大数 数据\"^2.0 body_bigrams:\"贵州 州大 大数 数据\")")]
    [InlineData("5G网络", "(title:\"5 g 网络\"^2.0 body:\"5 g 网络\") (title_bigrams:\"5 g 网络\"^2.0 body_bigrams:\"5 g 网络\")")]
    [InlineData("C919客机", "(title:\"c 919 客机\"^2.0 body:\"c 919 客机\") (title_bigrams:\"c 91 19 9客 客机\"^2.0 body_bigrams:\"c 91 19 9客 客机\")")]
    [InlineData("\"big data\"", "title:\"big data\"^2.0 body:\"big data\"")]
    public void A_run_that_analyses_to_several_words_is_a_phrase_of_them_or_of_its_character_pairs(string text, string expected)
    {
        Assert.Equal(expected, Build(text).Matching.ToString());
    }

    [Fact]
    public void Match_any_makes_the_top_level_clauses_optional_but_keeps_exclusions()
    {
        var built = Build("Guizhou pitches -data", MatchMode.Any);

        Assert.Equal("(title:guizhou^2.0 body:guizhou) (title:pitch^2.0 body:pitch) -(title:data^2.0 body:data)", built.Matching.ToString());
        Assert.Null(built.Relaxed);
    }

    [Fact]
    public void Only_exclusions_match_every_article_but_those()
    {
        Assert.Equal("+*:* -(title:data^2.0 body:data)", Build("-data").Matching.ToString());
        Assert.Equal("+*:* -(title:data^2.0 body:data)", Build("-data", MatchMode.Any).Matching.ToString());
        Assert.Equal("(title:big^2.0 body:big) (+*:* -(title:data^2.0 body:data))", Build("big OR -data").Matching.ToString());
    }

    [Fact]
    public void Exact_fields_take_the_value_whole_and_analysed_fields_take_its_words()
    {
        var built = Build("source:\"Xinhua Sample\" section:Tech tag:AI author:\"Mei Ling TAN\" title:Chips body:数据");

        Assert.Equal("+source:Xinhua Sample +section:Tech +tags:AI +author:\"mei ling tan\" +title:chip^2.0 +(body:数据 body_bigrams:数据)", built.Matching.ToString());
    }

    [Fact]
    public void A_prefix_is_lower_cased_for_analysed_fields_only_and_bounded()
    {
        var built = Build("COMP* source:Xin*");

        var clauses = ((BooleanQuery)built.Matching).Clauses;
        var title = (PrefixQuery)((BooleanQuery)clauses[0].Query).Clauses[0].Query;
        Assert.Equal("comp", title.Prefix.Text);
        Assert.Equal("Xin", ((PrefixQuery)clauses[1].Query).Prefix.Text);
        Assert.All([title, (PrefixQuery)clauses[1].Query], prefix => Assert.Equal(QueryBuilder.MaxPrefixExpansions, Assert.IsType<MostFrequentTermsRewrite>(prefix.MultiTermRewriteMethod).MaxTerms));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(8, 6)]
    public void Relaxing_requires_three_quarters_of_the_clauses_rounded_down(int clauses, int required)
    {
        Assert.Equal(required, QueryBuilder.RelaxedMinimum(clauses));
    }

    [Fact]
    public void The_relaxed_query_keeps_groups_whole_and_exclusions_required()
    {
        var built = Build("alpha (bravo OR charlie) \"delta echo\" foxtrot -golf");

        var relaxed = Assert.IsType<BooleanQuery>(built.Relaxed);
        Assert.Equal(3, relaxed.MinimumNumberShouldMatch);
        Assert.Equal(4, relaxed.Clauses.Count(clause => clause.Occur == Occur.SHOULD));
        Assert.Equal(Occur.MUST_NOT, Assert.Single(relaxed.Clauses, clause => clause.Occur != Occur.SHOULD).Occur);
    }

    [Theory]
    [InlineData("alpha", MatchMode.All)]
    [InlineData("贵州大数据", MatchMode.All)]
    [InlineData("alpha -bravo", MatchMode.All)]
    [InlineData("alpha bravo", MatchMode.Any)]
    [InlineData("", MatchMode.All)]
    public void There_is_no_relaxed_query_when_relaxing_would_change_nothing(string text, MatchMode match)
    {
        Assert.Null(Build(text, match).Relaxed);
    }

    [Fact]
    public void Empty_text_matches_everything_and_text_without_words_nothing()
    {
        Assert.IsType<MatchAllDocsQuery>(Build("  ").Matching);
        Assert.Empty(Assert.IsType<BooleanQuery>(Build("!!! ，。").Matching).Clauses);
    }

    [Fact]
    public void Neighbouring_words_get_a_sloppy_phrase_each_pair()
    {
        var built = Build("Guizhou big data");

        Assert.Equal(
            [
                $"title:\"guizhou big\"~{QueryBuilder.ProximitySlop}^2.0 body:\"guizhou big\"~{QueryBuilder.ProximitySlop}",
                $"title:\"big data\"~{QueryBuilder.ProximitySlop}^2.0 body:\"big data\"~{QueryBuilder.ProximitySlop}",
            ],
            built.Proximity.Select(clause => clause.ToString()));
    }

    [Fact]
    public void A_run_pairs_with_its_neighbour_as_a_whole_and_other_items_break_neighbourhood()
    {
        Assert.Equal(["title:\"贵州 大 数据 产业\"~4^2.0 body:\"贵州 大 数据 产业\"~4"], Build("贵州大数据 产业").Proximity.Select(clause => clause.ToString()));
        Assert.Empty(Build("alpha (bravo OR charlie) title:delta -echo comp* foxtrot").Proximity);
        Assert.Single(Build("alpha bravo -charlie delta").Proximity);
    }

    [Fact]
    public void Proximity_pairs_are_bounded()
    {
        var words = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"w{i}x"));

        Assert.Equal(QueryBuilder.MaxProximityPairs, Build(words, MatchMode.Any).Proximity.Count);
    }

    [Fact]
    public void Plain_text_with_match_all_is_words_only_and_operators_are_literal()
    {
        var built = Build("\"big -data\" OR title:x", syntax: QuerySyntax.Plain);

        Assert.Equal("+(title:big^2.0 body:big) +(title:data^2.0 body:data) +(title:\"titl ? x\"^2.0 body:\"titl ? x\")", built.Matching.ToString());
        Assert.NotNull(built.Relaxed);
    }

    [Fact]
    public void Plain_text_with_match_any_is_a_bag_of_words_where_repeats_weigh_more()
    {
        var built = Build("贵州大数据 data data", MatchMode.Any, QuerySyntax.Plain);

        Assert.Equal(
            "(title:贵州^2.0 body:贵州) (title:大^2.0 body:大) (title:数据^2.0 body:数据) ((title:data^2.0 body:data)^2.0)",
            built.Matching.ToString());
        // Pairs of neighbouring words, but not of a word with itself.
        Assert.Equal(3, built.Proximity.Count);
    }

    [Theory]
    [InlineData("\"unclosed")]
    [InlineData("*wild")]
    [InlineData("(")]
    [InlineData("OR")]
    [InlineData("title:")]
    [InlineData("\\")]
    public void Plain_text_is_never_a_syntax_error(string text)
    {
        Assert.NotNull(Build(text, syntax: QuerySyntax.Plain).Matching);
        Assert.NotNull(Build(text, MatchMode.Any, QuerySyntax.Plain).Matching);
    }

    [Theory]
    [InlineData(QuerySyntax.Simple)]
    [InlineData(QuerySyntax.Plain)]
    public void A_query_of_more_words_than_the_clause_limit_is_refused_and_one_at_the_limit_built(QuerySyntax syntax)
    {
        var atLimit = string.Join(' ', Enumerable.Range(0, QueryBuilder.MaxClauses).Select(i => $"w{i}"));
        Assert.NotNull(Build(atLimit, syntax: syntax).Matching);

        var exception = Assert.Throws<InvalidRequestException>(() => Build(atLimit + " extra", syntax: syntax));
        Assert.Equal("query", exception.Field);
        Assert.Equal($"query has {QueryBuilder.MaxClauses + 1} words and phrases; at most {QueryBuilder.MaxClauses} are allowed", exception.Message);
    }

    [Fact]
    public void Words_inside_groups_alternatives_and_exclusions_count_towards_the_clause_limit()
    {
        var nested = string.Join(' ', Enumerable.Range(0, (QueryBuilder.MaxClauses / 4) + 1).Select(_ => "(a OR \"b\") -(c d)"));

        var exception = Assert.Throws<InvalidRequestException>(() => Build(nested));
        Assert.StartsWith($"query has {(QueryBuilder.MaxClauses / 4 * 4) + 4} words and phrases", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_prefixes_than_the_limit_are_refused()
    {
        var atLimit = string.Join(' ', Enumerable.Range(0, QueryBuilder.MaxPrefixes).Select(i => $"p{i}*"));
        Assert.NotNull(Build(atLimit).Matching);

        var exception = Assert.Throws<InvalidRequestException>(() => Build(atLimit + " OR more*"));
        Assert.Equal("query", exception.Field);
        Assert.Contains($"at most {QueryBuilder.MaxPrefixes} are allowed", exception.Message, StringComparison.Ordinal);
    }
}
