using System.Globalization;
using SearchEngine.Core.Indexing;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Search;

/// <summary>
/// Page tokens as cursors into one point-in-time view: signed, bound to their query, stable
/// while the index changes, released after their keep-alive or beyond the capacity, and cheap
/// at any depth.
/// </summary>
public sealed class PageWalkTests : IDisposable
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromMinutes(5);

    private readonly ManualClock clock = new();
    private readonly TestIndex test;

    public PageWalkTests() => test = new TestIndex(configure: settings => settings with { PageSnapshotKeepAlive = KeepAlive, MaxPageSnapshots = 3 }, clock: clock);

    public void Dispose() => test.Dispose();

    [Fact]
    public void Changing_any_byte_of_a_token_makes_it_invalid()
    {
        test.Add(Corpus(20));
        var query = new SearchQuery { Text = "harbour", PageSize = 3 };
        var token = test.Search(query).NextPageToken!;
        var bytes = FromBase64Url(token);

        for (var i = 0; i < bytes.Length; i++)
        {
            var forged = (byte[])bytes.Clone();
            forged[i] ^= 0x10;

            var exception = Assert.Throws<InvalidRequestException>(() => test.Search(query with { PageToken = ToBase64Url(forged) }));

            Assert.Equal("page_token", exception.Field);
            Assert.Contains("not issued by this index or has been altered", exception.Message, StringComparison.Ordinal);
        }
        // Cut short or extended, too.
        Assert.Throws<InvalidRequestException>(() => test.Search(query with { PageToken = ToBase64Url(bytes[..^1]) }));
        Assert.Throws<InvalidRequestException>(() => test.Search(query with { PageToken = ToBase64Url([.. bytes, 0]) }));
        Assert.NotEmpty(test.Search(query with { PageToken = token }).Hits);
    }

    [Fact]
    public void A_token_of_another_index_is_not_accepted()
    {
        using var other = new TestIndex();
        other.Add(Corpus(20));
        test.Add(Corpus(20));
        var query = new SearchQuery { Text = "harbour", PageSize = 3 };
        var foreign = other.Search(query).NextPageToken;

        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(query with { PageToken = foreign }));

        Assert.Contains("not issued by this index", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_is_kept_in_the_index_folder_readable_by_its_owner_only()
    {
        var key = Path.Combine(test.Path, PageTokenSigner.FileName);

        Assert.Equal(32, new FileInfo(key).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
        var before = File.ReadAllBytes(key);
        test.Reopen();
        Assert.Equal(before, File.ReadAllBytes(key));
    }

    [Theory]
    [InlineData(SortOrder.Relevance)]
    [InlineData(SortOrder.Newest)]
    public async Task A_walk_reads_the_index_as_it_was_on_its_first_page_whatever_is_indexed_meanwhile(SortOrder sort)
    {
        var original = Corpus(60);
        test.Add(original);
        var query = new SearchQuery { Text = "harbour", Sort = sort, PageSize = 7 };
        var before = test.Search(query with { PageSize = 1_000 });
        var walked = new List<SearchHit>();
        var page = test.Search(query);
        walked.AddRange(page.Hits);
        var round = 0;
        while (page.NextPageToken is { } token)
        {
            // Between pages: new matching articles (longer and shorter, so idf and the average
            // length move), replaced ones, a deleted one and a merge.
            round++;
            test.Add(Enumerable.Range(0, 15).Select(i => Make($"new-{round}-{i:00}", "harbour news " + new string('x', i), string.Join(' ', Enumerable.Repeat("harbour", 1 + (i % 4))), Utc(2030, 1, 1).AddHours(-round - i))));
            test.Add(original[round] with { Body = "harbour harbour harbour rewritten" });
            if (round == 2)
            {
                await test.Index.DeleteAsync([original[40].Id], TestContext.Current.CancellationToken);
            }
            page = test.Search(query with { PageToken = token });
            Assert.Equal(before.TotalHits, page.TotalHits);
            walked.AddRange(page.Hits);
        }
        var after = test.Search(query with { PageSize = 1_000 });

        Assert.Equal(before.Hits.Select(hit => (hit.Article.Id, hit.Score)), walked.Select(hit => (hit.Article.Id, hit.Score)));
        Assert.True(after.TotalHits > before.TotalHits + 100, $"the index did not grow: {after.TotalHits}");
        if (sort == SortOrder.Relevance)
        {
            // The statistics did move: the same article scores differently now, so a cursor's
            // score would no longer line up with a search of the live index.
            var now = after.Hits.ToDictionary(hit => hit.Article.Id, hit => hit.Score);
            Assert.Contains(before.Hits, hit => now.TryGetValue(hit.Article.Id, out var score) && score != hit.Score);
        }
    }

    [Fact]
    public void A_relevance_walk_idle_beyond_the_keep_alive_must_start_again()
    {
        test.Add(Corpus(30));
        var query = new SearchQuery { Text = "harbour", PageSize = 5 };
        var first = test.Search(query);
        clock.Advance(KeepAlive - TimeSpan.FromSeconds(1));
        var second = test.Search(query with { PageToken = first.NextPageToken });
        // Each page renews the keep-alive.
        clock.Advance(KeepAlive - TimeSpan.FromSeconds(1));
        var third = test.Search(query with { PageToken = second.NextPageToken });
        clock.Advance(KeepAlive);

        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(query with { PageToken = third.NextPageToken }));

        Assert.Equal("page_token", exception.Field);
        Assert.Contains("snapshot of the index it pages through has been released", exception.Message, StringComparison.Ordinal);
        Assert.Contains("5 minutes", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, test.Index.PointsInTime.Count);
    }

    [Fact]
    public void A_date_walk_whose_view_is_gone_goes_on_in_the_current_view_without_repeating_or_skipping()
    {
        var original = Corpus(30);
        test.Add(original);
        var query = new SearchQuery { Text = "harbour", Sort = SortOrder.Oldest, PageSize = 4 };
        var first = test.Search(query);
        clock.Advance(KeepAlive);
        // Newer than everything: they come after the walk's position in the current view.
        test.Add(Make("late-1", "harbour", publishedAt: Utc(2031, 1, 1)), Make("late-2", "harbour", publishedAt: Utc(2031, 1, 2)));

        var walked = first.Hits.Select(hit => hit.Article.Id).ToList();
        for (var token = first.NextPageToken; token is not null;)
        {
            var page = test.Search(query with { PageToken = token });
            walked.AddRange(page.Hits.Select(hit => hit.Article.Id));
            token = page.NextPageToken;
        }

        var expected = original.OrderBy(article => article.PublishedAt).ThenBy(article => article.Id, StringComparer.Ordinal).Select(article => article.Id);
        Assert.Equal([.. expected, "late-1", "late-2"], walked);
    }

    [Fact]
    public void Beyond_the_capacity_the_least_recently_used_view_is_released()
    {
        test.Add(Corpus(30));
        var query = new SearchQuery { Text = "harbour", PageSize = 5 };
        var tokens = new List<string>();
        for (var version = 0; version < 4; version++)
        {
            // Each walk starts on a new view: something changed since the last one.
            test.Add(Make($"extra-{version}", "unrelated"));
            tokens.Add(test.Search(query).NextPageToken!);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, test.Index.PointsInTime.Count);
        Assert.Throws<InvalidRequestException>(() => test.Search(query with { PageToken = tokens[0] }));
        Assert.All(tokens.Skip(1), token => Assert.NotEmpty(test.Search(query with { PageToken = token }).Hits));
    }

    [Fact]
    public void Walks_started_on_the_same_view_share_it_and_a_single_page_keeps_none()
    {
        test.Add(Corpus(30));

        test.Search(new SearchQuery { Text = "harbour", PageSize = 5 });
        test.Search(new SearchQuery { Text = "harbour", PageSize = 5, Sort = SortOrder.Newest });
        test.Search(new SearchQuery { Text = "lighthouse", PageSize = 100 });

        Assert.Equal(1, test.Index.PointsInTime.Count);
        test.Index.PointsInTime.ReleaseExpired();
        Assert.Equal(1, test.Index.PointsInTime.Count);
        clock.Advance(KeepAlive);
        test.Index.PointsInTime.ReleaseExpired();
        Assert.Equal(0, test.Index.PointsInTime.Count);
    }

    [Fact]
    public async Task After_a_restart_a_token_is_still_recognised_a_date_walk_goes_on_and_a_relevance_walk_must_start_again()
    {
        var original = Corpus(30);
        test.Add(original);
        await test.Index.CommitAsync(TestContext.Current.CancellationToken);
        var byDate = new SearchQuery { Text = "harbour", Sort = SortOrder.Newest, PageSize = 10 };
        var byRelevance = byDate with { Sort = SortOrder.Relevance };
        var dateFirst = test.Search(byDate);
        var relevanceFirst = test.Search(byRelevance);

        test.Reopen();
        var dateRest = test.Search(byDate with { PageToken = dateFirst.NextPageToken, PageSize = 100 });
        var exception = Assert.Throws<InvalidRequestException>(() => test.Search(byRelevance with { PageToken = relevanceFirst.NextPageToken }));

        Assert.Equal(
            original.OrderByDescending(article => article.PublishedAt).ThenBy(article => article.Id, StringComparer.Ordinal).Select(article => article.Id),
            dateFirst.Hits.Concat(dateRest.Hits).Select(hit => hit.Article.Id));
        Assert.Contains("has been released", exception.Message, StringComparison.Ordinal);
        Assert.Contains("restart", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SortOrder.Relevance)]
    [InlineData(SortOrder.Oldest)]
    public void Deep_pages_are_search_after_from_the_cursor_and_the_token_does_not_grow(SortOrder sort)
    {
        // 1,500 articles whose scores take only a few values: long runs of ties broken by id.
        test.Add(Enumerable.Range(0, 1_500).Select(i => Make(
            $"deep-{i:0000}", "harbour", string.Join(' ', Enumerable.Repeat("harbour", 1 + (i % 3))), Utc(2020, 1, 1).AddMinutes(i % 700))));
        var query = new SearchQuery { Text = "harbour", Sort = sort, PageSize = 10 };
        var all = test.Search(query with { PageSize = 1_500 }).Hits.Select(hit => hit.Article.Id).ToList();

        var walked = new List<string>();
        var tokenLengths = new HashSet<int>();
        var page = test.Search(query);
        walked.AddRange(page.Hits.Select(hit => hit.Article.Id));
        while (page.NextPageToken is { } token)
        {
            tokenLengths.Add(token.Length);
            page = test.Search(query with { PageToken = token });
            walked.AddRange(page.Hits.Select(hit => hit.Article.Id));
        }

        Assert.Equal(all, walked);
        // A position, not a count of skipped hits: the 150th page's token is as long as the first's.
        Assert.Single(tokenLengths);
    }

    private static List<Article> Corpus(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Make(
            $"doc-{i:000}",
            i % 3 == 0 ? "harbour lighthouse" : "harbour",
            string.Join(' ', Enumerable.Repeat("harbour", 1 + (i % 5))) + " " + new string('y', i % 7),
            Utc(2024, 1, 1).AddHours(i * 7 % 50),
            "Harbour Gazette"))];

    private static byte[] FromBase64Url(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private static string ToBase64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
