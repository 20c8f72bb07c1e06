using SearchEngine.Core.Import;

namespace SearchEngine.Core.Tests.Import;

public sealed class ArticleFilesTests
{
    [Fact]
    public void Expands_a_folder_recursively_to_the_importable_files_in_ordinal_order()
    {
        using var folder = new TempFolder();
        var page = folder.WriteText("b-page.txt", "Headline\nStory.");
        var upper = folder.WriteText("Upper.JSONL", "");
        var feed = folder.WriteText("a-feed.jsonl", "");
        var packed = folder.WriteText(Path.Combine("nested", "deeper", "c.jsonl.gz"), "");
        folder.WriteText("readme.md", "");
        folder.WriteText(Path.Combine("nested", "data.json"), "");
        folder.WriteText(Path.Combine("nested", "archive.gz"), "");

        var files = ArticleFiles.Expand([folder.Path]);

        Assert.Equal([upper, feed, page, packed], files);
    }

    [Fact]
    public void Keeps_the_order_of_the_named_paths()
    {
        using var folder = new TempFolder();
        var inFolder = folder.WriteText(Path.Combine("batch", "one.jsonl"), "");
        var named = folder.WriteText("zz.txt", "");

        var files = ArticleFiles.Expand([named, Path.Combine(folder.Path, "batch")]);

        Assert.Equal([named, inFolder], files);
    }

    [Fact]
    public void Rejects_a_path_that_does_not_exist()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "missing.jsonl");

        var exception = Assert.Throws<FileNotFoundException>(() => ArticleFiles.Expand([missing]));

        Assert.Contains(missing, exception.Message);
        Assert.Equal(missing, exception.FileName);
    }

    [Fact]
    public void Rejects_a_named_file_of_another_type()
    {
        using var folder = new TempFolder();
        var csv = folder.WriteText("articles.csv", "");

        var exception = Assert.Throws<ArgumentException>(() => ArticleFiles.Expand([csv]));

        Assert.Contains(csv, exception.Message);
        Assert.Contains("*.jsonl.gz", exception.Message);
    }

    [Fact]
    public void Reads_each_file_with_the_reader_for_its_extension()
    {
        using var folder = new TempFolder();
        var page = folder.WriteText("page.txt", "Headline\nUpdated: 2020-05-06 07:08\nStory.");
        var feed = folder.WriteText("feed.jsonl", "{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var pageRecord = Assert.Single(ArticleFiles.Read(page, shanghai));
        var feedRecords = ArticleFiles.Read(feed, shanghai).ToList();

        Assert.Equal("Headline", pageRecord.Article!.Title);
        Assert.Equal(TimeSpan.FromHours(8), pageRecord.Article.PublishedAt!.Value.Offset);
        Assert.Equal(["a", "b"], feedRecords.Select(record => record.Article!.Id));
        Assert.Throws<ArgumentException>(() => ArticleFiles.Read(Path.Combine(folder.Path, "notes.md"), shanghai));
    }
}
