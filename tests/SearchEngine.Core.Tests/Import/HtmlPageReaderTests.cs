using System.Security.Cryptography;
using System.Text;
using SearchEngine.Core.Import;

namespace SearchEngine.Core.Tests.Import;

public sealed class HtmlPageReaderTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures");
    private static readonly string TideBarrierPath = Path.Combine(Fixtures, "tide-barrier-en.html");
    private static readonly string NightMarketPath = Path.Combine(Fixtures, "night-market-en.html");
    private static readonly string TeaTerracesPath = Path.Combine(Fixtures, "tea-terraces-zh.html");

    private const string StoryParagraph =
        "The parish council voted on Tuesday to reopen the footpath along the old canal towpath, closed since a bank collapse two winters ago.";

    private const string SecondStoryParagraph =
        "Volunteers have already cleared the brambles between the lock and the mill, and the council will pay for new fencing beside the deepest stretch.";

    [Fact]
    public void Reads_an_english_page_from_its_metadata_and_keeps_only_the_story()
    {
        var record = HtmlPageReader.Read(TideBarrierPath);

        Assert.Null(record.Error);
        Assert.Equal((TideBarrierPath, 1), (record.File, record.Line));
        var article = record.Article!;
        // og:title wins over the <title>, which carries the site suffix.
        Assert.Equal("Tide barrier shuts for its first full spring-tide trial", article.Title);
        // article:published_time wins over the article's <time>, an update time on this page.
        Assert.Equal(new DateTimeOffset(2024, 3, 14, 9, 30, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(8), article.PublishedAt!.Value.Offset);
        Assert.Equal("Maya Okafor", article.Author);
        Assert.Equal("Eastbank Courier", article.Source);
        // The canonical link wins over og:url, which carries a tracking parameter.
        Assert.Equal("https://eastbank-courier.example/news/2024/03/14/tide-barrier-trial", article.Url);
        Assert.Equal("en", article.Language);
        Assert.Null(article.Section);
        Assert.Empty(article.Tags);
        Assert.Equal(
            string.Join('\n',
                "Engineers closed all six gates of the new estuary barrier on Thursday morning and held them shut through a complete spring tide, the first time the structure has been tested against the highest water of the month.",
                "The gates swung up from their sills at 6.40am, forty minutes before the flood tide was due to peak, and were lowered again shortly after dusk once the river level on the landward side had fallen below the old quay wall.",
                "\"Everything moved the way the models said it would,\" said project engineer Dev Raman, who watched the trial from the control tower on the north bank. \"The seals held, the pumps kept up, and nobody downstream got wet feet.\"",
                "Around 340 homes and the whole of the Salt Lane trading estate sit below the level of the highest recorded tide, and insurers have asked for a full season of trials before they lower flood premiums for the area.",
                "Further closures are planned for the April and May spring tides, with the barrier due to enter regular service before the autumn storm season."),
            article.Body);
    }

    [Theory]
    [InlineData("tide-barrier-en.html", "Subscribe today")]
    [InlineData("tide-barrier-en.html", "We use cookies")]
    [InlineData("tide-barrier-en.html", "Quay wall repairs")]
    [InlineData("tide-barrier-en.html", "How the barrier was paid for")]
    [InlineData("tide-barrier-en.html", "Copyright")]
    [InlineData("tide-barrier-en.html", "SCRIPT-TEXT")]
    [InlineData("tide-barrier-en.html", "STYLE-RULE-TEXT")]
    [InlineData("tide-barrier-en.html", "six gates stood closed")]
    [InlineData("night-market-en.html", "This site uses cookies")]
    [InlineData("night-market-en.html", "Newsletter sign-up")]
    [InlineData("night-market-en.html", "A short history of the tram depot")]
    [InlineData("night-market-en.html", "Dumpling contest")]
    [InlineData("night-market-en.html", "independent local publisher")]
    [InlineData("night-market-en.html", "SCRIPT-TEXT")]
    [InlineData("night-market-en.html", "By Tomas Reyes")]
    [InlineData("night-market-en.html", "4 November 2023, 7pm")]
    [InlineData("tea-terraces-zh.html", "Cookie")]
    [InlineData("tea-terraces-zh.html", "下载客户端")]
    [InlineData("tea-terraces-zh.html", "当前位置")]
    [InlineData("tea-terraces-zh.html", "相关阅读")]
    [InlineData("tea-terraces-zh.html", "明前茶价格")]
    [InlineData("tea-terraces-zh.html", "地铁六号线")]
    [InlineData("tea-terraces-zh.html", "版权所有")]
    [InlineData("tea-terraces-zh.html", "SCRIPT-TEXT")]
    public void Leaves_page_furniture_out_of_the_body(string fixture, string furniture)
    {
        var page = Path.Combine(Fixtures, fixture);
        Assert.Contains(furniture, File.ReadAllText(page));

        var article = HtmlPageReader.Read(page).Article!;

        Assert.DoesNotContain(furniture, article.Body);
    }

    [Fact]
    public void Takes_the_date_from_the_article_time_and_the_author_from_a_by_line_element()
    {
        var article = HtmlPageReader.Read(NightMarketPath).Article!;

        // No og:title: SmartReader's title, which it took from the <title> and the site's name.
        Assert.Equal("Night market returns to the old tram depot", article.Title);
        Assert.Equal(new DateTimeOffset(2023, 11, 4, 19, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("Tomas Reyes", article.Author);
        Assert.Equal("Lantern Street News", article.Source);
        Assert.Null(article.Url);
        Assert.Equal("en", article.Language);
        Assert.StartsWith("After a three-year absence, the Saturday night market reopened", article.Body);
        Assert.EndsWith("chosen by lottery each month.", article.Body);
        Assert.Equal(4, article.Body!.Split('\n').Length);
    }

    [Fact]
    public void Reads_a_chinese_page()
    {
        var article = HtmlPageReader.Read(TeaTerracesPath).Article!;

        Assert.Equal("云雾山茶园试用无人机运送春茶鲜叶", article.Title);
        // <meta name="publishdate"> has no offset, so it is UTC; it wins over the page's <time>.
        Assert.Equal(new DateTimeOffset(2024, 4, 20, 8, 15, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("林晓雨", article.Author);
        Assert.Equal("山城晚报", article.Source);
        Assert.Equal("https://shancheng-evening.example/news/20240420/tea-drones.html", article.Url);
        Assert.Equal("zh", article.Language);
        var paragraphs = article.Body!.Split('\n');
        Assert.Equal(5, paragraphs.Length);
        Assert.Equal("今年春茶采摘季，云雾山茶园第一次用无人机把刚采下的鲜叶从山顶茶垄直接运到山脚的加工厂。过去这段山路要靠人力背篓走上四十多分钟，现在无人机往返一趟只需六分钟。", paragraphs[0]);
        Assert.Equal("据了解，当地农业部门正在评估这种运输方式的成本，计划明年在另外四个山地茶园推广。", paragraphs[^1]);
        Assert.DoesNotContain("责任编辑", article.Body);
    }

    [Fact]
    public void Decodes_a_page_in_the_charset_its_meta_tag_names()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var folder = new TempFolder();
        var utf8Page = File.ReadAllText(TeaTerracesPath);
        var gbkPage = folder.WriteBytes("gbk.html", Encoding.GetEncoding("GBK").GetBytes(utf8Page.Replace("charset=\"utf-8\"", "charset=\"gbk\"")));

        var fromGbk = HtmlPageReader.Read(gbkPage).Article!;
        var fromUtf8 = HtmlPageReader.Read(TeaTerracesPath).Article!;

        Assert.Equal("云雾山茶园试用无人机运送春茶鲜叶", fromGbk.Title);
        Assert.Equal((fromUtf8.Id, fromUtf8.Author, fromUtf8.Source, fromUtf8.Body), (fromGbk.Id, fromGbk.Author, fromGbk.Source, fromGbk.Body));
    }

    [Fact]
    public void Falls_back_to_og_published_time_and_og_url()
    {
        var article = Parse(
            """
            <meta property="og:published_time" content="2022-07-08T06:05:04-04:00">
            <meta property="og:url" content="https://towpath-gazette.example/2022/07/footpath">
            <link rel="canonical" href="/2022/07/footpath">
            """,
            $"<time datetime=\"2022-07-01T00:00:00Z\">1 July</time><p>{StoryParagraph}</p>").Article!;

        Assert.Equal(new DateTimeOffset(2022, 7, 8, 6, 5, 4, TimeSpan.FromHours(-4)), article.PublishedAt);
        // A relative canonical link cannot be resolved from a saved file.
        Assert.Equal("https://towpath-gazette.example/2022/07/footpath", article.Url);
    }

    [Theory]
    [InlineData("name=\"pubdate\"")]
    [InlineData("name=\"publishdate\"")]
    [InlineData("name=\"date\"")]
    [InlineData("name=\"DC.date.issued\"")]
    [InlineData("property=\"article:published_time\"")]
    public void Reads_the_date_from_each_date_meta_tag(string attribute)
    {
        var article = Parse($"<meta {attribute} content=\"2021-02-03T04:05:06+01:00\">").Article!;

        Assert.Equal(new DateTimeOffset(2021, 2, 3, 4, 5, 6, TimeSpan.FromHours(1)), article.PublishedAt);
    }

    [Fact]
    public void Skips_a_date_meta_tag_that_does_not_parse()
    {
        var article = Parse("""<meta property="article:published_time" content="last Tuesday"><meta name="date" content="2021-02-03">""").Article!;

        Assert.Equal(new DateTimeOffset(2021, 2, 3, 0, 0, 0, TimeSpan.Zero), article.PublishedAt);
    }

    [Fact]
    public void Takes_the_date_from_a_time_inside_the_story_when_the_page_has_no_article_element()
    {
        var record = HtmlPageReader.Parse(
            $"""
            <html><head><title>Towpath reopens</title></head><body>
            <div class="sidebar"><ul><li><a href="/a">Older story</a> <time datetime="2019-01-01T00:00:00Z">2019</time></li></ul></div>
            <div class="story"><p>{StoryParagraph} <time datetime="2022-05-06T07:08:09+02:00">6 May</time></p><p>{SecondStoryParagraph}</p></div>
            </body></html>
            """,
            "page.html");

        Assert.Equal(new DateTimeOffset(2022, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)), record.Article!.PublishedAt);
    }

    [Fact]
    public void Takes_the_time_from_the_story_rather_than_from_teaser_cards_marked_up_as_articles()
    {
        var record = HtmlPageReader.Parse(
            $$"""
            <html><head><title>Towpath reopens</title></head><body>
            <div class="trending"><article class="card"><a href="/a">Lock keeper retires</a> <time datetime="2018-03-04T05:06:07Z">2018</time></article></div>
            <article><p><time datetime="2022-05-06T07:08:09Z">6 May 2022</time></p><p>{{StoryParagraph}}</p><p>{{SecondStoryParagraph}}</p></article>
            </body></html>
            """,
            "page.html");

        Assert.Equal(new DateTimeOffset(2022, 5, 6, 7, 8, 9, TimeSpan.Zero), record.Article!.PublishedAt);
    }

    [Theory]
    [InlineData("2022-05-06", "2022-05-06T00:00:00.0000000+00:00")]
    [InlineData("2022-05-06T10:00:00+08:00", "2022-05-06T02:00:00.0000000+00:00")]
    public void Falls_back_to_the_date_smart_reader_finds_in_utc(string datePublished, string expected)
    {
        var article = Parse($"<meta itemprop=\"datePublished\" content=\"{datePublished}\">").Article!;

        Assert.Equal(expected, article.PublishedAt!.Value.ToString("O"));
    }

    [Fact]
    public void Has_no_date_when_the_page_gives_none()
    {
        Assert.Null(Parse("").Article!.PublishedAt);
    }

    [Fact]
    public void Prefers_the_meta_title_to_the_page_title()
    {
        var article = Parse("""<meta name="title" content="Canal footpath to reopen after bank repairs">""").Article!;

        Assert.Equal("Canal footpath to reopen after bank repairs", article.Title);
    }

    [Theory]
    [InlineData("Footpath reopens | Towpath Gazette", "Towpath Gazette", "Footpath reopens")]
    [InlineData("Footpath reopens - Towpath Gazette", "Towpath Gazette", "Footpath reopens")]
    [InlineData("Footpath reopens - Towpath Gazette", "Canal Weekly", "Footpath reopens - Towpath Gazette")]
    [InlineData("Reading - Writing - Arithmetic", "", "Reading - Writing - Arithmetic")]
    [InlineData("云雾山茶园试用无人机_山城晚报", "山城晚报", "云雾山茶园试用无人机")]
    public void Strips_the_site_name_suffix_only_when_it_is_the_pages_site_name(string ogTitle, string siteName, string expected)
    {
        var siteMeta = siteName.Length > 0 ? $"<meta property=\"og:site_name\" content=\"{siteName}\">" : "";

        var article = Parse($"<meta property=\"og:title\" content=\"{ogTitle}\">{siteMeta}").Article!;

        Assert.Equal(expected, article.Title);
    }

    [Fact]
    public void Takes_article_author_when_it_is_a_name_but_not_when_it_is_a_profile_address()
    {
        var named = Parse("""<meta property="article:author" content="Ruth Abara">""").Article!;
        var linked = Parse("""<meta property="article:author" content="https://towpath-gazette.example/staff/ruth-abara">""").Article!;

        Assert.Equal("Ruth Abara", named.Author);
        Assert.Null(linked.Author);
    }

    [Fact]
    public void Strips_by_from_the_meta_author()
    {
        Assert.Equal("Ruth Abara", Parse("""<meta name="author" content="By  Ruth   Abara">""").Article!.Author);
    }

    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("EN-gb", "en")]
    [InlineData("fr", "fr")]
    [InlineData("", null)]
    public void Takes_the_primary_language_subtag(string lang, string? expected)
    {
        var record = HtmlPageReader.Parse($"<html lang=\"{lang}\"><body><p>{StoryParagraph}</p></body></html>", "page.html");

        Assert.Equal(expected, record.Article!.Language);
    }

    [Fact]
    public void Has_no_language_when_the_html_element_names_none()
    {
        Assert.Null(Parse("").Article!.Language);
    }

    [Fact]
    public void Derives_the_id_from_the_canonical_url_so_an_edited_page_replaces_the_old_copy()
    {
        var page = File.ReadAllText(TideBarrierPath);
        var edited = page
            .Replace("held them shut through a complete spring tide", "kept them closed for a whole spring tide")
            .Replace("<meta property=\"og:title\" content=\"Tide barrier shuts", "<meta property=\"og:title\" content=\"Estuary barrier shuts");
        var moved = page.Replace("/news/2024/03/14/tide-barrier-trial\">", "/news/2024/03/14/tide-barrier-trial-2\">");

        var original = HtmlPageReader.Parse(page, "a.html").Article!;
        var reimported = HtmlPageReader.Parse(edited, "elsewhere/b.html").Article!;
        var elsewhere = HtmlPageReader.Parse(moved, "a.html").Article!;

        var expected = "html-" + Convert.ToHexStringLower(SHA256.HashData("https://eastbank-courier.example/news/2024/03/14/tide-barrier-trial"u8))[..16];
        Assert.Equal(expected, original.Id);
        Assert.NotEqual(original.Body, reimported.Body);
        Assert.NotEqual(original.Title, reimported.Title);
        Assert.Equal(original.Id, reimported.Id);
        Assert.NotEqual(original.Id, elsewhere.Id);
    }

    [Fact]
    public void Derives_the_id_from_title_and_date_when_the_page_has_no_canonical_url()
    {
        var page = File.ReadAllText(NightMarketPath);

        var article = HtmlPageReader.Parse(page, "a.html").Article!;
        var rewritten = HtmlPageReader.Parse(page.Replace("ninety stalls", "eighty stalls"), "b.html").Article!;
        var redated = HtmlPageReader.Parse(page.Replace("2023-11-04T19:00:00Z", "2023-11-11T19:00:00Z"), "a.html").Article!;

        var key = "Night market returns to the old tram depot\n2023-11-04T19:00:00.0000000+00:00";
        Assert.Equal("html-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16], article.Id);
        Assert.Equal(article.Id, rewritten.Id);
        Assert.NotEqual(article.Id, redated.Id);
    }

    [Theory]
    [InlineData("", "file is empty")]
    [InlineData(" \n\t\n", "file is empty")]
    [InlineData("just some words typed into a file", "not an HTML page: no markup found")]
    [InlineData("<<<>>> %%% ~~~", "not an HTML page: no markup found")]
    [InlineData("<!-- saved page --><!DOCTYPE html>", "not an HTML page: no markup found")]
    [InlineData("<html><head></head><body></body></html>", "no article text found")]
    [InlineData("<html><head><title>Only a title</title></head><body></body></html>", "no article text found")]
    [InlineData("<html><body><script>var story = 'not this';</script><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>", "no article text found")]
    [InlineData("<html><body><footer><p>Copyright the Towpath Gazette, all rights reserved.</p></footer></body></html>", "no article text found")]
    [InlineData("<html><body><h2>Latest</h2><ul><li><a href='/a'>Footpath to reopen next spring</a></li><li><a href='/b'>Lock keeper retires after forty years</a></li></ul></body></html>", "no article text found")]
    public void Reports_a_page_without_article_text(string html, string error)
    {
        var record = HtmlPageReader.Parse(html, "empty.html");

        Assert.Null(record.Article);
        Assert.Equal(("empty.html", 1, error), (record.File, record.Line, record.Error));
    }

    [Fact]
    public void Reports_a_binary_file()
    {
        using var folder = new TempFolder();
        byte[] pngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x3C, 0x70, 0x3E];
        var path = folder.WriteBytes("photo.html", pngHeader);

        var record = HtmlPageReader.Read(path);

        Assert.Null(record.Article);
        Assert.Equal((path, 1, "not an HTML page: the file is binary"), (record.File, record.Line, record.Error));
    }

    [Fact]
    public void Reads_a_utf16_page_that_has_a_byte_order_mark()
    {
        using var folder = new TempFolder();
        var html = $"<html><head><title>Towpath</title></head><body><p>{StoryParagraph}</p></body></html>";
        var path = folder.WriteBytes("utf16.html", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(html)]);

        var record = HtmlPageReader.Read(path);

        Assert.Null(record.Error);
        Assert.Equal(StoryParagraph, record.Article!.Body);
    }

    [Fact]
    public void Expands_folders_to_html_and_htm_pages_and_reads_them_as_web_pages()
    {
        using var folder = new TempFolder();
        var page = File.ReadAllText(TideBarrierPath);
        var html = folder.WriteText("a.html", page);
        var upper = folder.WriteText(Path.Combine("nested", "B.HTM"), page);
        var htm = folder.WriteText(Path.Combine("nested", "c.htm"), page);
        folder.WriteText("d.xhtml", page);
        folder.WriteText("e.html.bak", page);

        var files = ArticleFiles.Expand([folder.Path]);
        var records = files.SelectMany(file => ArticleFiles.Read(file, TimeZoneInfo.Utc)).ToList();

        Assert.Equal([html, upper, htm], files);
        Assert.Equal(files, records.Select(record => record.File));
        Assert.All(records, record => Assert.Equal("Tide barrier shuts for its first full spring-tide trial", record.Article!.Title));
        Assert.Contains("*.html", Assert.Throws<ArgumentException>(() => ArticleFiles.Expand([Path.Combine(folder.Path, "d.xhtml")])).Message);
    }

    /// <summary>A page with the given head markup and a two-paragraph story (or <paramref name="story"/>) in an article element.</summary>
    private static ImportRecord Parse(string head, string? story = null)
    {
        var html = $"""
            <!DOCTYPE html>
            <html>
            <head><title>Canal footpath to reopen</title>{head}</head>
            <body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article>{story ?? $"<p>{StoryParagraph}</p><p>{SecondStoryParagraph}</p>"}</article>
            <footer><p>Towpath Gazette</p></footer>
            </body>
            </html>
            """;
        var record = HtmlPageReader.Parse(html, "page.html");
        Assert.Null(record.Error);
        return record;
    }
}
