using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using SearchEngine.Core.Highlighting;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Highlighting;

/// <summary>Which parts of a query may mark text, read from the query's structure.</summary>
public sealed class QueryPatternsTests : IDisposable
{
    private readonly TestIndex test = new();

    public QueryPatternsTests() =>
        test.Add(Make("a", "Chipsets", "chips chipset microchip chipmakers"), Make("b", body: "chipping"));

    public void Dispose() => test.Dispose();

    [Fact]
    public void Excluded_clauses_give_no_pattern()
    {
        var query = Boolean((Term("data"), Occur.MUST), (Term("weather"), Occur.MUST_NOT), (Phrase(0, "big", "data"), Occur.MUST_NOT));

        Assert.Equal(["body:data"], Describe(query));
    }

    [Fact]
    public void A_phrase_keeps_its_position_gaps()
    {
        // F-35: the hyphen is dropped but still takes a position.
        var phrase = new PhraseQuery { { new Term("body", "f"), 0 }, { new Term("body", "35"), 2 } };

        Assert.Equal(["body:\"f@0 35@2\""], Describe(phrase));
    }

    [Fact]
    public void An_optional_proximity_clause_beside_required_ones_only_ranks()
    {
        var query = Boolean(
            (Phrase(0, "big", "data"), Occur.MUST),
            (Term("guizhou"), Occur.MUST),
            (Phrase(8, "big", "data", "guizhou"), Occur.SHOULD));

        Assert.Equal(["body:\"big@0 data@1\"", "body:guizhou"], Describe(query));
    }

    [Fact]
    public void Among_optional_clauses_a_wider_phrase_whose_words_narrower_ones_ask_for_only_ranks()
    {
        // Match ANY with a proximity boost: "big data" OR guizhou OR "big data guizhou"~8.
        var query = Boolean(
            (Phrase(0, "big", "data"), Occur.SHOULD),
            (Term("guizhou"), Occur.SHOULD),
            (Phrase(8, "big", "data", "guizhou"), Occur.SHOULD));

        Assert.Equal(["body:\"big@0 data@1\"", "body:guizhou"], Describe(query));
    }

    [Fact]
    public void An_optional_phrase_with_words_of_its_own_is_a_match_not_a_ranking_aid()
    {
        var query = Boolean((Phrase(3, "big", "data"), Occur.SHOULD), (Term("guizhou"), Occur.SHOULD));

        Assert.Equal(["body:\"big@0 data@1\"~3", "body:guizhou"], Describe(query));
    }

    [Fact]
    public void Optional_single_words_beside_required_ones_still_mark()
    {
        // The classic parser reads "big data OR guizhou" as +big data guizhou.
        var query = Boolean((Term("big"), Occur.MUST), (Term("data"), Occur.SHOULD), (Term("guizhou"), Occur.SHOULD));

        Assert.Equal(["body:big", "body:data", "body:guizhou"], Describe(query));
    }

    [Fact]
    public void Wrappers_are_looked_through()
    {
        var inner = Boolean((Term("data"), Occur.MUST));
        Query[] wrapped =
        [
            new ConstantScoreQuery(inner),
            new FilteredQuery(inner, new QueryWrapperFilter(new TermQuery(new Term("source", "x")))),
            new DisjunctionMaxQuery(0.1f) { inner },
            new CustomScoreQuery(inner),
        ];

        Assert.All(wrapped, query => Assert.Equal(["body:data"], Describe(query)));
    }

    [Fact]
    public void A_prefix_gives_one_pattern_of_the_indexed_words_it_expands_to()
    {
        var pattern = Assert.Single(Extract(new PrefixQuery(new Term("body", "chip"))));

        var part = Assert.Single(pattern.Parts);
        Assert.Equal(["chip", "chipmak", "chipset"], part.Terms.Order(StringComparer.Ordinal));
        Assert.Equal(["chi"], part.Needles);
    }

    [Fact]
    public void A_prefix_over_a_bounded_rewrite_gives_only_the_words_the_rewrite_kept()
    {
        var prefix = new PrefixQuery(new Term("body", "chip")) { MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(2) };

        var pattern = Assert.Single(Extract(prefix));

        Assert.Equal(2, Assert.Single(pattern.Parts).Terms.Count);
    }

    private IReadOnlyList<MatchPattern> Extract(Query query)
    {
        using var lease = test.Index.AcquireSearcher();
        return QueryPatterns.Extract(query, lease.Searcher.IndexReader);
    }

    private List<string> Describe(Query query) =>
        [.. Extract(query).Select(pattern => pattern.IsPhrase
            ? $"{pattern.Field}:\"{string.Join(' ', pattern.Parts.Select(part => $"{part.Terms.Single()}@{part.Offset}"))}\"{(pattern.Slop > 0 ? $"~{pattern.Slop}" : "")}"
            : $"{pattern.Field}:{pattern.Parts[0].Terms.Single()}")];

    private static TermQuery Term(string text) => new(new Term("body", text));

    private static PhraseQuery Phrase(int slop, params string[] words)
    {
        var phrase = new PhraseQuery { Slop = slop };
        foreach (var word in words)
        {
            phrase.Add(new Term("body", word));
        }
        return phrase;
    }

    private static BooleanQuery Boolean(params (Query Query, Occur Occur)[] clauses)
    {
        var query = new BooleanQuery();
        foreach (var (clause, occur) in clauses)
        {
            query.Add(clause, occur);
        }
        return query;
    }
}
