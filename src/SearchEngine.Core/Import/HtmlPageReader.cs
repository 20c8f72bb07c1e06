using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Import;

/// <summary>
/// Reads a saved news web page into one article: SmartReader (a port of Mozilla's Readability)
/// finds the story, and the page's own metadata (Open Graph, article:*, canonical link) names it.
/// </summary>
public static partial class HtmlPageReader
{
    private const string NoArticleError = "no article text found";
    private const string EmptyFileError = "file is empty";
    private const string BinaryFileError = "not an HTML page: the file is binary";
    private const string NoMarkupError = "not an HTML page: no markup found";
    private const string BylinePrefix = "By ";

    private static readonly string[] DateMetaNames =
        ["article:published_time", "og:published_time", "pubdate", "publishdate", "date", "dc.date.issued"];

    private static readonly string[] TitleSeparators = [" - ", " – ", " | ", "_"];

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    };

    // Page furniture that Readability can leave in when the story is short, or keep renamed when
    // it finds no story and falls back to the whole body; captions go too, as they describe
    // pictures the index does not keep. Scripts stay for SmartReader, which reads JSON-LD and then
    // drops them itself.
    private const string NonStorySelector = "nav, aside, footer, form, button, noscript, figcaption";

    private static readonly HashSet<string> Headings = new(StringComparer.OrdinalIgnoreCase) { "h1", "h2", "h3", "h4", "h5", "h6" };

    private static readonly byte[][] Utf16ByteOrderMarks = [[0xFF, 0xFE], [0xFE, 0xFF]];

    /// <summary>
    /// Reads the page at <paramref name="path"/>, decoding it as its byte order mark or
    /// &lt;meta charset&gt; says (UTF-8 when neither does), so GBK pages read as well as UTF-8 ones.
    /// </summary>
    public static ImportRecord Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (IsBinary(bytes))
        {
            return Failure(path, BinaryFileError);
        }
        using var stream = new MemoryStream(bytes, writable: false);
        return Parse(new HtmlParser().ParseDocument(stream), path);
    }

    /// <summary>Parses a page's HTML; <paramref name="fileName"/> labels the record and forms the page's file:// address.</summary>
    public static ImportRecord Parse(string html, string fileName) =>
        html.Contains('\0') ? Failure(fileName, BinaryFileError) : Parse(new HtmlParser().ParseDocument(html), fileName);

    private static ImportRecord Parse(IHtmlDocument document, string fileName)
    {
        // The decoded text of the file, which the parser wraps in html, head and body whatever it is.
        var source = document.Source.Text;
        if (source.AsSpan().Trim().IsEmpty)
        {
            return Failure(fileName, EmptyFileError);
        }
        if (!StartTag().IsMatch(source))
        {
            return Failure(fileName, NoMarkupError);
        }

        // Read before anything is removed: SmartReader strips the document it is given, head and all.
        var meta = MetaValues(document);
        var url = CanonicalUrl(document) ?? AbsoluteWebUrl(meta.GetValueOrDefault("og:url"));
        var language = PrimaryLanguage(document);
        foreach (var element in document.QuerySelectorAll(NonStorySelector).ToList())
        {
            element.Remove();
        }
        // Card lists are marked up as <article>s too; the story is the one with the most text.
        var articleTime = document.QuerySelectorAll("article").MaxBy(element => element.TextContent.Length) is { } story
            ? FirstTime(story)
            : null;

        // A file:// address keeps SmartReader from resolving anything to a web address, and the
        // document constructor (unlike ParseArticle(string, string), whose second string is a
        // user agent) never fetches; images are only downloaded on request, which we never make.
        var extracted = new SmartReader.Reader(new Uri(Path.GetFullPath(fileName)).AbsoluteUri, document).GetArticle();

        // IsReadable is not consulted: it is false for genuine Chinese stories, whose paragraphs
        // are short in characters, and the paragraph filter below catches a whole-body fallback.
        var content = new HtmlParser().ParseDocument(extracted.Content ?? "").Body!;
        var paragraphs = StoryParagraphs(content);
        if (paragraphs.Count == 0)
        {
            return Failure(fileName, NoArticleError);
        }

        var siteName = meta.GetValueOrDefault("og:site_name");
        var title = FirstPresent(meta.GetValueOrDefault("og:title"), meta.GetValueOrDefault("title"), extracted.Title) is { } rawTitle
            ? WithoutSiteSuffix(rawTitle, siteName)
            : null;
        var publishedAt = PublishedAt(meta, articleTime ?? FirstTime(content), extracted.PublicationDate);
        var article = new Article
        {
            Id = StableId(url, title, publishedAt),
            Title = title,
            Body = string.Join('\n', paragraphs),
            PublishedAt = publishedAt,
            Source = siteName,
            Url = url,
            Language = language,
            Author = Author(meta, extracted),
        };
        return new ImportRecord(fileName, 1, article, null);
    }

    private static ImportRecord Failure(string fileName, string error) => new(fileName, 1, null, error);

    /// <summary>NUL bytes mean a binary file, unless the page is UTF-16 and says so with a byte order mark.</summary>
    private static bool IsBinary(byte[] bytes) =>
        bytes.AsSpan().Contains((byte)0) && !Utf16ByteOrderMarks.Any(mark => bytes.AsSpan().StartsWith(mark));

    /// <summary>
    /// The first non-blank content of each &lt;meta&gt;, keyed by its property, name or itemprop in
    /// lower case: sites put Open Graph keys in name= as often as in property=.
    /// </summary>
    private static Dictionary<string, string> MetaValues(IHtmlDocument document)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in document.QuerySelectorAll("meta[content]"))
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name") ?? element.GetAttribute("itemprop");
            if (key is not null && Collapse(element.GetAttribute("content")!) is { Length: > 0 } content)
            {
                values.TryAdd(key.Trim().ToLowerInvariant(), content);
            }
        }
        return values;
    }

    private static string? FirstTime(IElement scope) =>
        scope.QuerySelectorAll("time[datetime]")
            .Select(time => time.GetAttribute("datetime")!.Trim())
            .FirstOrDefault(value => value.Length > 0);

    /// <summary>
    /// The first of the date metadata, the article's first &lt;time&gt;, and SmartReader's date
    /// that parses; an offset-less value is UTC.
    /// </summary>
    private static DateTimeOffset? PublishedAt(Dictionary<string, string> meta, string? articleTime, DateTime? extractedDate)
    {
        foreach (var text in DateMetaNames.Select(meta.GetValueOrDefault).Append(articleTime))
        {
            if (text is not null && Rfc3339.TryParse(text, out var publishedAt))
            {
                return publishedAt;
            }
        }
        // SmartReader turns a date with an offset into machine-local time and leaves one
        // without as it is; either way the instant is kept by going to UTC.
        return extractedDate switch
        {
            null => null,
            { Kind: DateTimeKind.Unspecified } date => new DateTimeOffset(date, TimeSpan.Zero),
            { } date => new DateTimeOffset(date.ToUniversalTime(), TimeSpan.Zero),
        };
    }

    private static string? Author(Dictionary<string, string> meta, SmartReader.Article extracted)
    {
        var articleAuthor = meta.GetValueOrDefault("article:author");
        var name = FirstPresent(
            meta.GetValueOrDefault("author"),
            AbsoluteWebUrl(articleAuthor) is null ? articleAuthor : null,
            extracted.Byline,
            extracted.Author);
        if (name is not null && name.StartsWith(BylinePrefix, StringComparison.OrdinalIgnoreCase))
        {
            name = name[BylinePrefix.Length..].TrimStart();
        }
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>"Headline | Site" gives "Headline", but only when Site is the page's own og:site_name.</summary>
    private static string WithoutSiteSuffix(string title, string? siteName)
    {
        if (siteName is null)
        {
            return title;
        }
        foreach (var separator in TitleSeparators)
        {
            var suffix = separator + siteName;
            if (title.Length > suffix.Length && title.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return title[..^suffix.Length].TrimEnd();
            }
        }
        return title;
    }

    private static string? CanonicalUrl(IHtmlDocument document) =>
        document.QuerySelectorAll<IHtmlLinkElement>("link[href]")
            .Where(link => link.RelationList.Contains("canonical", StringComparer.OrdinalIgnoreCase))
            .Select(link => AbsoluteWebUrl(link.GetAttribute("href")))
            .FirstOrDefault(url => url is not null);

    /// <summary>The value if it is an absolute http(s) address; a relative one cannot be resolved from a saved file.</summary>
    private static string? AbsoluteWebUrl(string? value) =>
        value is not null
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value.Trim()
            : null;

    /// <summary>The primary subtag of &lt;html lang&gt;: "zh-CN" gives "zh".</summary>
    private static string? PrimaryLanguage(IHtmlDocument document)
    {
        var tag = document.DocumentElement.GetAttribute("lang")?.Trim();
        if (string.IsNullOrEmpty(tag))
        {
            return null;
        }
        var end = tag.IndexOfAny(['-', '_']);
        return (end >= 0 ? tag[..end] : tag).ToLowerInvariant();
    }

    private static string? FirstPresent(params string?[] values) =>
        values.Select(value => value is null ? "" : Collapse(value)).FirstOrDefault(value => value.Length > 0);

    /// <summary>
    /// One paragraph per block element, whitespace collapsed, leaving out blocks with no story
    /// text; none at all when every block left is a heading, as on a section's front page.
    /// </summary>
    private static List<string> StoryParagraphs(IElement content)
    {
        var paragraphs = new List<string>();
        var text = new StringBuilder();
        var hasStoryText = false;
        var isHeading = false;
        var hasProse = false;
        Walk(content, insideLinkOrTime: false);
        Flush();
        return hasProse ? paragraphs : [];

        void Walk(INode node, bool insideLinkOrTime)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText textNode)
                {
                    text.Append(textNode.Data);
                    hasStoryText |= !insideLinkOrTime && !string.IsNullOrWhiteSpace(textNode.Data);
                }
                else if (child is IElement element)
                {
                    var isBreak = element.LocalName is "br" || BlockElements.Contains(element.LocalName);
                    if (isBreak)
                    {
                        Flush();
                    }
                    isHeading |= Headings.Contains(element.LocalName);
                    Walk(element, insideLinkOrTime || element.LocalName is "a" or "time");
                    if (isBreak)
                    {
                        Flush();
                    }
                }
            }
        }

        // A block made only of links or timestamps is a headline list, a share bar or a dateline.
        void Flush()
        {
            var paragraph = Collapse(text.ToString());
            if (hasStoryText && paragraph.Length > 0)
            {
                paragraphs.Add(paragraph);
                hasProse |= !isHeading;
            }
            text.Clear();
            hasStoryText = false;
            isHeading = false;
        }
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>
    /// Derived from the page's canonical address when it has one, so a re-import of an edited page
    /// replaces the earlier copy; otherwise from the title and date, as for a text page.
    /// </summary>
    private static string StableId(string? url, string? title, DateTimeOffset? publishedAt) =>
        StableIds.From("html-", url ?? StableIds.TitleAndDate(title, publishedAt));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<[A-Za-z]")]
    private static partial Regex StartTag();
}
