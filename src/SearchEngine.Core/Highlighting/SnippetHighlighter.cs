using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// Marks the query's matches in a hit's title and body. Built once per query and reused for its
/// hits; not thread-safe. Text is HTML-escaped and only the configured tags are inserted.
/// Matches are first marked with sentinel characters so that adjacent matched tokens (大 数据)
/// become one mark (大数据) before the real tags go in.
/// </summary>
public sealed class SnippetHighlighter
{
    // Matches past this many characters of a body are not looked for: bounds the cost of
    // highlighting very long articles.
    private const int MaxCharsToAnalyze = 100_000;

    private readonly Analyzer analyzer;
    private readonly HighlightSettings settings;
    private readonly HtmlTextEncoder encoder = new();
    private readonly Highlighter titleHighlighter;
    private readonly Highlighter bodyHighlighter;

    public SnippetHighlighter(Query query, IndexReader reader, Analyzer analyzer, HighlightSettings settings)
    {
        this.analyzer = analyzer;
        this.settings = settings;
        var formatter = new SimpleHTMLFormatter(HtmlTextEncoder.MarkStart.ToString(), HtmlTextEncoder.MarkEnd.ToString());
        titleHighlighter = new Highlighter(formatter, encoder, new QueryScorer(query, reader, ArticleFields.Title))
        {
            TextFragmenter = new NullFragmenter(),
            MaxDocCharsToAnalyze = MaxCharsToAnalyze,
        };
        var bodyScorer = new QueryScorer(query, reader, ArticleFields.Body);
        bodyHighlighter = new Highlighter(formatter, encoder, bodyScorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(bodyScorer, settings.SnippetLength),
            MaxDocCharsToAnalyze = MaxCharsToAnalyze,
        };
    }

    /// <summary>The whole title, escaped, with its matches marked.</summary>
    public string MarkTitle(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return "";
        }
        var marked = titleHighlighter.GetBestFragment(analyzer, ArticleFields.Title, title);
        return marked is null ? encoder.EncodeText(title) : ApplyTags(marked);
    }

    /// <summary>The best marked fragments of the body; the lead, unmarked, when nothing in the body matched.</summary>
    public IReadOnlyList<string> Snippets(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }
        var fragments = bodyHighlighter.GetBestFragments(analyzer, ArticleFields.Body, body, settings.SnippetCount)
            .Where(fragment => fragment.Length > 0)
            .Select(ApplyTags)
            .ToArray();
        return fragments.Length > 0 ? fragments : [encoder.EncodeText(Lead(body, settings.SnippetLength))];
    }

    private string ApplyTags(string marked) => marked
        .Replace(string.Concat(HtmlTextEncoder.MarkEnd, HtmlTextEncoder.MarkStart), "", StringComparison.Ordinal)
        .Replace(HtmlTextEncoder.MarkStart.ToString(), settings.PreTag, StringComparison.Ordinal)
        .Replace(HtmlTextEncoder.MarkEnd.ToString(), settings.PostTag, StringComparison.Ordinal);

    /// <summary>The start of the body, cut at a space or sentence end near the limit rather than inside a word.</summary>
    private static string Lead(string body, int length)
    {
        if (body.Length <= length)
        {
            return body;
        }
        var cut = length;
        if (char.IsLowSurrogate(body[cut]))
        {
            cut--;
        }
        var lastBreak = body.AsSpan(0, cut).LastIndexOfAny(" \n。！？；，");
        if (lastBreak >= length / 2)
        {
            cut = body[lastBreak] is ' ' or '\n' ? lastBreak : lastBreak + 1;
        }
        return body[..cut].TrimEnd() + "…";
    }
}
