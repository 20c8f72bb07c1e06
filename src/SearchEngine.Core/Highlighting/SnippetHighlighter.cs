using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// Marks the query's matches in a hit's title and body (phrase queries mark only whole phrase
/// occurrences) and chooses body snippets by sentence. Built once per query and reused for its
/// hits; not thread-safe. Text is HTML-escaped and only the configured tags are inserted.
/// </summary>
public sealed class SnippetHighlighter
{
    // Matches past this many characters of a body are not looked for: bounds the cost of
    // highlighting very long articles.
    private const int MaxCharsToAnalyze = 100_000;

    private readonly Analyzer analyzer;
    private readonly HighlightSettings settings;
    private readonly Highlighter titleHighlighter;
    private readonly Highlighter bodyHighlighter;
    private readonly PassageSelector passages;
    private readonly Dictionary<string, string> termKeys = new(StringComparer.Ordinal);

    public SnippetHighlighter(Query query, IndexReader reader, Analyzer analyzer, HighlightSettings settings)
    {
        this.analyzer = analyzer;
        this.settings = settings;
        titleHighlighter = WholeTextHighlighter(new QueryScorer(query, reader, ArticleFields.Title));
        bodyHighlighter = WholeTextHighlighter(new QueryScorer(query, reader, ArticleFields.Body));
        passages = new PassageSelector(TermKey);
    }

    /// <summary>The whole title, escaped, with its matches marked.</summary>
    public string MarkTitle(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return "";
        }
        var marked = titleHighlighter.GetBestFragment(analyzer, ArticleFields.Title, title) ?? Marks.Strip(title);
        return Marks.Render(marked, settings.PreTag, settings.PostTag);
    }

    /// <summary>The best marked passages of the body; the lead, unmarked, when nothing in the body matched.</summary>
    public IReadOnlyList<string> Snippets(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }
        var marked = bodyHighlighter.GetBestFragment(analyzer, ArticleFields.Body, body);
        IReadOnlyList<string> chosen = marked is null
            ? [passages.Lead(Marks.Strip(body), settings.SnippetLength)]
            : passages.Select(marked, settings.SnippetLength, settings.SnippetCount);
        return [.. chosen.Select(passage => Marks.Render(passage, settings.PreTag, settings.PostTag))];
    }

    /// <summary>A marked surface form as the terms the analyzer makes of it, so "servers" and "server" count as one.</summary>
    private string TermKey(string surface)
    {
        if (!termKeys.TryGetValue(surface, out var key))
        {
            using var tokens = analyzer.GetTokenStream(ArticleFields.Body, Marks.Strip(surface));
            var term = tokens.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            tokens.Reset();
            var keys = new List<string>();
            while (tokens.IncrementToken())
            {
                keys.Add(term.ToString());
            }
            tokens.End();
            key = keys.Count == 0 ? surface : string.Join(' ', keys);
            termKeys[surface] = key;
        }
        return key;
    }

    private static Highlighter WholeTextHighlighter(QueryScorer scorer) =>
        new(new SimpleHTMLFormatter(Marks.Start.ToString(), Marks.End.ToString()), new SentinelStrippingEncoder(), scorer)
        {
            TextFragmenter = new NullFragmenter(),
            MaxDocCharsToAnalyze = MaxCharsToAnalyze,
        };
}
