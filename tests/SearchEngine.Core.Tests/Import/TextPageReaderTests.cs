using System.Security.Cryptography;
using System.Text;
using SearchEngine.Core.Import;

namespace SearchEngine.Core.Tests.Import;

public sealed class TextPageReaderTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", "floating-library-page.txt");
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Reads_title_date_byline_and_story_and_stops_at_the_page_furniture()
    {
        var record = TextPageReader.Read(FixturePath, Shanghai);

        Assert.Null(record.Error);
        Assert.Equal((FixturePath, 1), (record.File, record.Line));
        var article = record.Article!;
        Assert.Equal("Harbour town launches floating library for island pupils", article.Title);
        Assert.Equal(new DateTimeOffset(2021, 3, 14, 18, 5, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(8), article.PublishedAt!.Value.Offset);
        Assert.Equal("LI MEI", article.Author);
        Assert.Equal(
            string.Join('\n',
                "A converted ferry stocked with 12,000 books began weekly visits to seven outlying islands on Sunday, giving pupils there their first school library.",
                "The vessel docks for one day at each island, and teachers can reserve reading corners for whole classes.",
                "By contrast, the mainland schools share a single bus that visits once a month, the education bureau said.",
                "\"Children who wait for the boat now ask what it will bring next week,\" said head teacher Zhao Lin.",
                "The bureau plans to add a second boat before the summer typhoon season."),
            article.Body);
        Assert.DoesNotContain("seaweed", article.Body);
        Assert.DoesNotContain("Photo by", article.Body);
        Assert.Null(article.Source);
        Assert.Null(article.Language);
    }

    [Fact]
    public void Interprets_the_page_date_in_the_given_time_zone()
    {
        var inShanghai = TextPageReader.Read(FixturePath, Shanghai).Article!.PublishedAt!.Value;
        var inUtc = TextPageReader.Read(FixturePath, TimeZoneInfo.Utc).Article!.PublishedAt!.Value;

        Assert.Equal(TimeSpan.FromHours(8), inUtc - inShanghai);
        Assert.Equal(new DateTime(2021, 3, 14, 18, 5, 0), inUtc.DateTime);
        Assert.Equal(TimeSpan.Zero, inUtc.Offset);
    }

    [Fact]
    public void Derives_a_stable_id_from_title_and_date()
    {
        var page = File.ReadAllText(FixturePath);

        var first = TextPageReader.Parse(page, "a.txt", Shanghai).Article!.Id;
        var again = TextPageReader.Parse(page, "copy-elsewhere.txt", Shanghai).Article!.Id;
        var retitled = TextPageReader.Parse("Another headline" + page[page.IndexOf('\n')..], "a.txt", Shanghai).Article!.Id;
        var otherZone = TextPageReader.Parse(page, "a.txt", TimeZoneInfo.Utc).Article!.Id;

        var key = "Harbour town launches floating library for island pupils\n2021-03-14T18:05:00.0000000+08:00";
        Assert.Equal("page-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16], first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, retitled);
        Assert.NotEqual(first, otherZone);
    }

    [Fact]
    public void Hashes_an_empty_date_when_the_page_has_none()
    {
        var article = TextPageReader.Parse("Undated headline\nOnly paragraph.\n", "a.txt", TimeZoneInfo.Utc).Article!;

        Assert.Null(article.PublishedAt);
        Assert.Equal("Only paragraph.", article.Body);
        Assert.Equal("page-" + Convert.ToHexStringLower(SHA256.HashData("Undated headline\n"u8))[..16], article.Id);
    }

    [Theory]
    [InlineData("Updated: 2020-05-06 07:08", "2020-05-06T07:08:00.0000000+00:00")]
    [InlineData("Published: 2020-05-06 07:08:09", "2020-05-06T07:08:09.0000000+00:00")]
    [InlineData("Published: 2020-05-06", "2020-05-06T00:00:00.0000000+00:00")]
    public void Accepts_the_date_line_formats(string dateLine, string expected)
    {
        var article = TextPageReader.Parse($"Headline\n{dateLine}\nStory.", "a.txt", TimeZoneInfo.Utc).Article!;

        Assert.Equal(expected, article.PublishedAt!.Value.ToString("O"));
        Assert.Equal("Story.", article.Body);
    }

    [Theory]
    [InlineData("By ANNA KOWALSKI in Warsaw", "ANNA KOWALSKI")]
    [InlineData("By Tom Reed (Wire)", "Tom Reed")]
    [InlineData("By Sara Lind, science editor", "Sara Lind")]
    [InlineData("By Ola Berg", "Ola Berg")]
    public void Takes_the_author_name_from_the_byline(string byline, string expected)
    {
        var article = TextPageReader.Parse($"Headline\n{byline}\nStory.", "a.txt", TimeZoneInfo.Utc).Article!;

        Assert.Equal(expected, article.Author);
        Assert.Equal("Story.", article.Body);
    }

    [Theory]
    [InlineData("Most Viewed")]
    [InlineData("EDITOR'S PICKS")]
    [InlineData("Top News")]
    [InlineData("related stories")]
    [InlineData("Latest News")]
    [InlineData("- Another headline")]
    public void Ends_the_story_at_the_page_furniture(string furniture)
    {
        var article = TextPageReader.Parse($"Headline\nStory.\n{furniture}\nNot the story.", "a.txt", TimeZoneInfo.Utc).Article!;

        Assert.Equal("Story.", article.Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    [InlineData("Headline only\nUpdated: 2020-05-06 07:08\nBy Someone\n|||\n")]
    [InlineData("Headline\nMost Viewed\nA headline list, not a story")]
    public void Reports_a_page_without_story_text(string page)
    {
        var record = TextPageReader.Parse(page, "empty.txt", TimeZoneInfo.Utc);

        Assert.Null(record.Article);
        Assert.Equal(("empty.txt", 1, "no story text found"), (record.File, record.Line, record.Error));
    }
}
