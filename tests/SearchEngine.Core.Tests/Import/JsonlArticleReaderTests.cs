using System.IO.Compression;
using System.Text;
using SearchEngine.Core.Import;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Tests.Import;

public sealed class JsonlArticleReaderTests
{
    private static List<ImportRecord> ReadText(string jsonl) =>
        [.. JsonlArticleReader.Read(new StringReader(jsonl), "feed.jsonl")];

    [Fact]
    public void Reads_every_field_of_a_complete_record()
    {
        const string line = """
            {"id":"feed-1","title":"Port reopens","body":"First paragraph.\nSecond paragraph.","published_at":"2024-01-01T19:00:00+08:00","source":"Coast Daily","url":"https://example.org/port","language":"en","author":"A. Writer","section":"business","tags":["ports","trade"]}
            """;

        var record = Assert.Single(ReadText(line));

        Assert.Equal("feed.jsonl", record.File);
        Assert.Equal(1, record.Line);
        Assert.Null(record.Error);
        var article = Assert.IsType<Article>(record.Article);
        Assert.Equal("feed-1", article.Id);
        Assert.Equal("Port reopens", article.Title);
        Assert.Equal("First paragraph.\nSecond paragraph.", article.Body);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 19, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(8), article.PublishedAt!.Value.Offset);
        Assert.Equal("Coast Daily", article.Source);
        Assert.Equal("https://example.org/port", article.Url);
        Assert.Equal("en", article.Language);
        Assert.Equal("A. Writer", article.Author);
        Assert.Equal("business", article.Section);
        Assert.Equal(["ports", "trade"], article.Tags);
    }

    [Theory]
    [InlineData("1987-02-26T15:02:20Z", "1987-02-26T15:02:20.0000000+00:00")]
    [InlineData("2024-01-01T19:00:00-05:30", "2024-01-01T19:00:00.0000000-05:30")]
    [InlineData("2024-01-01T19:00:00.25+01:00", "2024-01-01T19:00:00.2500000+01:00")]
    [InlineData("2024-01-01 19:00:00Z", "2024-01-01T19:00:00.0000000+00:00")]
    [InlineData("2024-01-01T19:00:00", "2024-01-01T19:00:00.0000000+00:00")]
    [InlineData("2024-01-01", "2024-01-01T00:00:00.0000000+00:00")]
    public void Parses_published_at_as_RFC_3339_taking_a_missing_offset_as_UTC(string value, string expectedRoundTrip)
    {
        var record = Assert.Single(ReadText($$"""{"id":"a","published_at":"{{value}}"}"""));

        Assert.Null(record.Error);
        Assert.Equal(expectedRoundTrip, record.Article!.PublishedAt!.Value.ToString("O"));
    }

    [Fact]
    public void Reports_each_bad_line_with_its_number_and_keeps_reading()
    {
        const string jsonl = """
            {"id":"ok-1","title":"First"}
            {"id":"broken","title":}
            ["not","an","object"]
            {"id":"bad-tags","tags":"markets"}
            {"id":"bad-date","published_at":"2019-13-45"}
            {"id":42}
            {"id":"ok-2","title":"Last"}
            """;

        var records = ReadText(jsonl);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], records.Select(record => record.Line));
        Assert.Equal("ok-1", records[0].Article!.Id);
        Assert.Equal("malformed JSON: '}' is an invalid start of a value (at byte 24)", records[1].Error);
        Assert.Equal("line is not a JSON object", records[2].Error);
        Assert.Equal("\"tags\" must be an array of strings", records[3].Error);
        Assert.Equal("published_at \"2019-13-45\" is not an RFC 3339 date", records[4].Error);
        Assert.Equal("\"id\" must be a string", records[5].Error);
        Assert.Equal("ok-2", records[6].Article!.Id);
        Assert.All(records.Where(record => record.Error is not null), record => Assert.Null(record.Article));
    }

    [Fact]
    public void Reports_a_truncated_line_as_malformed_JSON()
    {
        var record = Assert.Single(ReadText("""{"id":"cut-off","title":"Half"""));

        Assert.StartsWith("malformed JSON: ", record.Error);
        Assert.Null(record.Article);
    }

    [Fact]
    public void Rejects_tags_holding_anything_but_strings()
    {
        var record = Assert.Single(ReadText("""{"id":"a","tags":["ok",7]}"""));

        Assert.Equal("\"tags\" must be an array of strings", record.Error);
    }

    [Fact]
    public void Skips_blank_lines_but_keeps_counting_them()
    {
        var records = ReadText("\n{\"id\":\"a\"}\n   \n\t\n{\"id\":\"b\"}\n\n");

        Assert.Equal([("a", 2), ("b", 5)], records.Select(record => (record.Article!.Id, record.Line)));
    }

    [Fact]
    public void Leaves_a_missing_id_and_an_empty_article_for_the_server_to_judge()
    {
        var records = ReadText("""
            {"title":"No id here"}
            {}
            """);

        Assert.All(records, record => Assert.Null(record.Error));
        Assert.Equal("", records[0].Article!.Id);
        Assert.Equal("No id here", records[0].Article!.Title);
        Assert.Equal("", records[1].Article!.Id);
        Assert.Null(records[1].Article!.Title);
        Assert.Null(records[1].Article!.Body);
        Assert.Empty(records[1].Article!.Tags);
    }

    [Fact]
    public void Ignores_unknown_keys_and_treats_null_as_absent()
    {
        var record = Assert.Single(ReadText("""{"id":"a","title":null,"tags":null,"score":0.5,"extra":{"nested":[1]}}"""));

        Assert.Null(record.Error);
        Assert.Null(record.Article!.Title);
        Assert.Empty(record.Article.Tags);
    }

    [Fact]
    public void Decompresses_a_gzipped_file_on_the_fly()
    {
        using var folder = new TempFolder();
        var path = folder.WriteBytes("feed.jsonl.gz", Gzip("""
            {"id":"gz-1","title":"Packed"}

            {"id":"gz-2","tags":["x"]}
            """));

        var records = JsonlArticleReader.Read(path).ToList();

        Assert.Equal([("gz-1", 1), ("gz-2", 3)], records.Select(record => (record.Article!.Id, record.Line)));
        Assert.Equal("Packed", records[0].Article!.Title);
        Assert.All(records, record => Assert.Equal(path, record.File));
    }

    [Fact]
    public void Reports_invalid_UTF8_on_its_line_and_reads_the_lines_around_it()
    {
        using var folder = new TempFolder();
        byte[] content =
        [
            .. "{\"id\":\"before\"}\n{\"id\":\"bad\",\"title\":\""u8,
            0xC3, 0x28,
            .. "\"}\n{\"id\":\"after\",\"title\":\"caf\u00e9\"}\n"u8,
        ];
        var path = folder.WriteBytes("mixed.jsonl", content);

        var records = JsonlArticleReader.Read(path).ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal("before", records[0].Article!.Id);
        Assert.Equal((2, "line is not valid UTF-8"), (records[1].Line, records[1].Error));
        Assert.Null(records[1].Article);
        Assert.Equal("café", records[2].Article!.Title);
    }

    [Fact]
    public void Handles_a_byte_order_mark_CRLF_line_ends_and_a_missing_final_newline()
    {
        using var folder = new TempFolder();
        var path = folder.WriteBytes("windows.jsonl", [.. Encoding.UTF8.Preamble, .. "{\"id\":\"a\"}\r\n{\"id\":\"b\"}"u8]);

        var records = JsonlArticleReader.Read(path).ToList();

        Assert.Equal([("a", 1), ("b", 2)], records.Select(record => (record.Article!.Id, record.Line)));
    }

    [Fact]
    public void Reads_lines_longer_than_the_read_buffer()
    {
        using var folder = new TempFolder();
        var longBody = string.Concat(Enumerable.Repeat("Zhōngguó 中国 news. ", 20_000));
        var path = folder.WriteText("long.jsonl", $$"""
            {"id":"short-1"}
            {"id":"long","body":"{{longBody}}"}
            {"id":"short-2"}
            """);

        var records = JsonlArticleReader.Read(path).ToList();

        Assert.Equal(["short-1", "long", "short-2"], records.Select(record => record.Article!.Id));
        Assert.Equal(longBody, records[1].Article!.Body);
        Assert.Equal(3, records[2].Line);
    }

    private static byte[] Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return compressed.ToArray();
    }
}
