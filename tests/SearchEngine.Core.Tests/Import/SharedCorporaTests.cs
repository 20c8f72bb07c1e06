using SearchEngine.Core.Import;

namespace SearchEngine.Core.Tests.Import;

/// <summary>Reads the real shared files, whose documented facts pin the readers down.</summary>
public sealed class SharedCorporaTests
{
    [Fact]
    public void Reads_the_China_Daily_seed_page()
    {
        var path = RepositoryPaths.RequireShared("seeds", "000_27802ad57b1ff9a1.txt");

        var record = TextPageReader.Read(path, TimeZoneInfo.Utc);

        Assert.Null(record.Error);
        var article = record.Article!;
        Assert.Equal("Guizhou pitches big data to Silicon Valley", article.Title);
        Assert.Equal(new DateTimeOffset(2016, 9, 29, 9, 23, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("CHANG JUN", article.Author);
        Assert.Contains("Qualcomm", article.Body);
        Assert.Contains("server chips", article.Body);
        Assert.DoesNotContain("cupping", article.Body);
        Assert.DoesNotContain("|", article.Body);
        Assert.DoesNotContain("Most Viewed", article.Body);
        Assert.StartsWith("page-", article.Id);
    }

    [Fact]
    public void Reads_every_xinwenlianbo_record()
    {
        var path = RepositoryPaths.RequireShared("corpora", "jsonl", "xinwenlianbo.jsonl");

        var records = JsonlArticleReader.Read(path).ToList();

        Assert.Empty(records.Select(record => record.Error).OfType<string>());
        var articles = records.Select(record => record.Article!).ToList();
        Assert.Equal(19_876, articles.Count);
        Assert.Equal(19_870, articles.Count(article => article.Title is not null));
        Assert.Equal(19_541, articles.Count(article => article.Body is not null));
        Assert.Equal(19_861, articles.Count(article => article.Url is not null));
        Assert.All(articles, article => Assert.Equal(TimeSpan.FromHours(8), article.PublishedAt!.Value.Offset));
        Assert.Equal(articles.Count, articles.Select(article => article.Id).Distinct().Count());
        var undefinedItem = articles.Single(article => article.Id == "xwlb-20220925-10");
        Assert.Null(undefinedItem.Title);
        Assert.Null(undefinedItem.Body);
        Assert.Equal("zh", undefinedItem.Language);
    }

    [Fact]
    public void Reads_every_reuters_record()
    {
        var path = RepositoryPaths.RequireShared("corpora", "jsonl", "reuters.jsonl");

        var records = JsonlArticleReader.Read(path).ToList();

        Assert.Empty(records.Select(record => record.Error).OfType<string>());
        var articles = records.Select(record => record.Article!).ToList();
        Assert.Equal(21_578, articles.Count);
        Assert.Equal(21_577, articles.Count(article => article.Title is not null));
        Assert.Equal(19_771, articles.Count(article => article.Body is not null));
        Assert.Equal(19_569, articles.Count(article => article.Tags.Count > 0));
        var emptyText = articles.Single(article => article.Id == "reuters-12793");
        Assert.Null(emptyText.Title);
        Assert.Null(emptyText.Body);
        var overflowedHour = articles.Single(article => article.Id == "reuters-17192");
        Assert.Equal(new DateTimeOffset(1987, 4, 25, 5, 12, 19, TimeSpan.Zero), overflowedHour.PublishedAt);
    }
}
