using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Search;

/// <summary>BM25 parameters, proximity and freshness, on real indexes.</summary>
public sealed class RankingTests
{
    private static readonly string[] Filler =
        ["officials", "said", "the", "province", "would", "expand", "its", "industry", "with", "new", "centres", "and", "training", "for", "local", "engineers", "over", "coming", "years", "ahead"];

    /// <summary>
    /// The same words in two orders: together, and with seven words between each. Ids sort the
    /// scattered one first, so only proximity can put the other above it.
    /// </summary>
    private static IReadOnlyList<Schema.Article> TogetherAndScattered() =>
    [
        Make("a-scattered", "Provincial report", string.Join(' ', ["Guizhou", .. Filler[..7], "big", .. Filler[7..14], "data", .. Filler[14..]])),
        Make("b-together", "Provincial report", string.Join(' ', ["Guizhou", "big", "data", .. Filler])),
    ];

    [Fact]
    public void Words_standing_together_rank_above_the_same_words_scattered()
    {
        using var test = new TestIndex();
        test.Add(TogetherAndScattered());

        var results = test.Search(new SearchQuery { Text = "Guizhou big data" });

        Assert.Equal(["b-together", "a-scattered"], results.Hits.Select(hit => hit.Article.Id));
        Assert.True(results.Hits[0].Score > results.Hits[1].Score, $"{results.Hits[0].Score} <= {results.Hits[1].Score}");
    }

    [Fact]
    public void Without_proximity_the_two_score_the_same()
    {
        using var test = new TestIndex(new RankingSettings { ProximityWeight = 0 });
        test.Add(TogetherAndScattered());

        var results = test.Search(new SearchQuery { Text = "Guizhou big data" });

        Assert.Equal(["a-scattered", "b-together"], results.Hits.Select(hit => hit.Article.Id));
        Assert.Equal(results.Hits[0].Score, results.Hits[1].Score);
    }

    [Fact]
    public void Proximity_also_ranks_plain_text_with_match_any()
    {
        using var test = new TestIndex();
        test.Add(TogetherAndScattered());

        var results = test.Search(new SearchQuery { Text = "guizhou big data", Syntax = QuerySyntax.Plain, Match = MatchMode.Any });

        Assert.Equal(["b-together", "a-scattered"], results.Hits.Select(hit => hit.Article.Id));
    }

    [Fact]
    public void Bm25_b_decides_whether_a_long_article_pays_for_its_length()
    {
        // One mention in three words against two mentions in forty-two.
        Schema.Article[] articles =
        [
            Make("short", body: "alpha gamma delta"),
            Make("long", body: string.Join(' ', ["alpha", "alpha", .. Filler, .. Filler])),
        ];
        using var fullNormalisation = new TestIndex(new RankingSettings { B = 1f });
        using var noNormalisation = new TestIndex(new RankingSettings { B = 0f });
        fullNormalisation.Add(articles);
        noNormalisation.Add(articles);

        Assert.Equal(["short", "long"], fullNormalisation.Ids("alpha"));
        Assert.Equal(["long", "short"], noNormalisation.Ids("alpha"));
    }

    [Fact]
    public void Freshness_multiplies_relevance_by_one_plus_weight_times_half_per_half_life()
    {
        var now = Utc(2024, 6, 1);
        using var test = new TestIndex(new RankingSettings { FreshnessHalfLife = TimeSpan.FromDays(10), FreshnessWeight = 3f });
        test.Add(
            Make("today", "harbour news", publishedAt: now),
            Make("ten-days", "harbour news", publishedAt: now.AddDays(-10)),
            Make("thirty-days", "harbour news", publishedAt: now.AddDays(-30)),
            Make("tomorrow", "harbour news", publishedAt: now.AddDays(1)),
            Make("undated", "harbour news"));

        var plain = Scores(test.Search(new SearchQuery { Text = "harbour", Now = now }));
        var fresh = Scores(test.Search(new SearchQuery { Text = "harbour", Now = now, Ranking = RankingMode.RelevanceWithFreshness }));

        Assert.Single(plain.Values.Distinct());
        var relevance = plain["today"];
        Assert.Equal(relevance * 4, fresh["today"], 4);
        Assert.Equal(relevance * 2.5f, fresh["ten-days"], 4);
        Assert.Equal(relevance * 1.375f, fresh["thirty-days"], 4);
        // Dated after `now` counts as age 0; no date, no bonus.
        Assert.Equal(relevance * 4, fresh["tomorrow"], 4);
        Assert.Equal(relevance, fresh["undated"]);
    }

    [Fact]
    public void A_pinned_now_gives_the_same_order_and_scores_every_time_and_moving_it_changes_the_order()
    {
        using var test = new TestIndex();
        test.Add(
            Make("older-but-closer", "harbour harbour news", publishedAt: Utc(2020, 1, 1)),
            Make("newer", "harbour news", publishedAt: Utc(2024, 1, 1)));

        SearchResults At(DateTimeOffset now) => test.Search(new SearchQuery { Text = "harbour", Ranking = RankingMode.RelevanceWithFreshness, Now = now });

        var early = At(Utc(2020, 1, 2));
        var late = At(Utc(2024, 1, 2));

        Assert.Equal(["older-but-closer", "newer"], early.Hits.Select(hit => hit.Article.Id));
        Assert.Equal(["newer", "older-but-closer"], late.Hits.Select(hit => hit.Article.Id));
        Assert.Equal(late.Hits.Select(hit => (hit.Article.Id, hit.Score)), At(Utc(2024, 1, 2)).Hits.Select(hit => (hit.Article.Id, hit.Score)));
        Assert.Equal(["older-but-closer", "newer"], test.Search(new SearchQuery { Text = "harbour", Now = Utc(2024, 1, 2) }).Hits.Select(hit => hit.Article.Id));
    }

    [Fact]
    public void Freshness_without_a_pinned_now_uses_the_searchers_clock()
    {
        using var test = new TestIndex();
        test.Add(
            Make("older-but-closer", "harbour harbour news", publishedAt: Utc(2020, 1, 1)),
            Make("newer", "harbour news", publishedAt: Utc(2024, 1, 1)));
        var clock = new FixedClock(Utc(2024, 1, 2));

        var results = new ArticleSearcher(test.Index, clock).Search(new SearchQuery { Text = "harbour", Ranking = RankingMode.RelevanceWithFreshness }, TestContext.Current.CancellationToken);

        Assert.Equal(["newer", "older-but-closer"], results.Hits.Select(hit => hit.Article.Id));
    }

    [Fact]
    public void Invalid_ranking_settings_are_refused_naming_the_setting()
    {
        using var folder = new TempFolder();

        var exception = Assert.Throws<ArgumentException>(() => TestIndex.Open(folder.Path, new RankingSettings { B = 1.5f }));

        Assert.StartsWith("Ranking:B is 1.5", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1f, 0.75f, 1f, 30, 1f, "Ranking:K1")]
    [InlineData(1.2f, -0.1f, 1f, 30, 1f, "Ranking:B")]
    [InlineData(1.2f, 0.75f, -1f, 30, 1f, "Ranking:ProximityWeight")]
    [InlineData(1.2f, 0.75f, 1f, 0, 1f, "Ranking:FreshnessHalfLife")]
    [InlineData(1.2f, 0.75f, 1f, 30, float.NaN, "Ranking:FreshnessWeight")]
    [InlineData(1.2f, 0.75f, 1f, 30, 1f, null)]
    public void Ranking_settings_name_the_first_problem(float k1, float b, float proximity, int halfLifeDays, float freshness, string? problem)
    {
        var settings = new RankingSettings { K1 = k1, B = b, ProximityWeight = proximity, FreshnessHalfLife = TimeSpan.FromDays(halfLifeDays), FreshnessWeight = freshness };

        if (problem is null)
        {
            Assert.Null(settings.Problem());
        }
        else
        {
            Assert.StartsWith(problem + " is", settings.Problem(), StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, float> Scores(SearchResults results) =>
        results.Hits.ToDictionary(hit => hit.Article.Id, hit => hit.Score);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
