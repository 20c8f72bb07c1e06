using System.Text.RegularExpressions;
using SearchEngine.Contracts.V1;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests;

/// <summary>Escaping and marking of titles and snippets, over <see cref="CuratedArticles"/>.</summary>
public sealed class HighlightTests(CuratedIndexFixture fixture) : IClassFixture<CuratedIndexFixture>
{
    private SearchServer Server => fixture.Server;

    [Fact]
    public async Task MarkupInTitleAndBodyIsEscaped()
    {
        var response = await Server.SearchAsync(new SearchRequest { Query = "guestbook", Highlight = new HighlightOptions { SnippetCount = 10 } });

        var hit = Assert.Single(response.Hits);
        Assert.Equal(CuratedArticles.Markup.Id, hit.Id);
        Assert.Equal("<em>Guestbook</em> &lt;b&gt;flaw&lt;/b&gt; let visitors post markup", hit.Highlight.Title);
        Assert.Equal(CuratedArticles.Markup.Title, hit.Title);
        var snippets = string.Join("\n", hit.Highlight.Snippets);
        Assert.Contains("&lt;script&gt;alert(", snippets, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", snippets, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", snippets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnmatchedBodyGivesItsEscapedLeadUnmarked()
    {
        // "flaw" occurs only in the title, so the snippet is the start of the body.
        var response = await Server.SearchAsync("flaw");

        var hit = Assert.Single(response.Hits);
        var snippet = Assert.Single(hit.Highlight.Snippets);
        Assert.StartsWith("The guestbook on the harbour office site echoed &lt;script&gt;", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", snippet, StringComparison.Ordinal);
        Assert.Contains("<em>flaw</em>", hit.Highlight.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagsAreInsertedRawButTextAroundThemIsEscaped()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "alert",
            Highlight = new HighlightOptions { PreTag = "<mark class=\"hit\">", PostTag = "</mark>" },
        });

        var hit = Assert.Single(response.Hits);
        Assert.Contains(hit.Highlight.Snippets, snippet => snippet.Contains("&lt;script&gt;<mark class=\"hit\">alert</mark>(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SnippetCountAndLengthAreHonoured()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "lighthouse",
            Sort = SortOrder.Oldest,
            Highlight = new HighlightOptions { SnippetLength = 20, SnippetCount = 1 },
        });

        Assert.All(response.Hits, hit =>
        {
            var snippet = Assert.Single(hit.Highlight.Snippets);
            Assert.InRange(snippet.Replace("<em>", "", StringComparison.Ordinal).Replace("</em>", "", StringComparison.Ordinal).Length, 1, 40);
        });
    }

    [Fact]
    public async Task PhraseIsMarkedWholeEvenAtAFragmentEdge()
    {
        var response = await Server.SearchAsync(new SearchRequest
        {
            Query = "数字经济",
            Highlight = new HighlightOptions { SnippetLength = 20, SnippetCount = 1 },
        });

        Assert.Equal(CuratedArticles.PhraseAtFragmentEdge.Select(article => article.Id).Order(), response.Hits.Select(hit => hit.Id).Order());
        Assert.All(response.Hits, hit =>
        {
            var snippet = Assert.Single(hit.Highlight.Snippets);
            var marks = Regex.Matches(snippet, "<em>(.*?)</em>").Select(match => match.Groups[1].Value);
            Assert.All(marks, mark => Assert.Equal("数字经济", mark));
        });
    }
}
