using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;

namespace SearchEngine.Core.Highlighting;

/// <summary>
/// Marks the query's matches in a hit's title and body and chooses body snippets by sentence.
/// What counts as a match is read from the query itself: phrases mark only their whole
/// occurrences, excluded words and ranking-only proximity clauses mark nothing, prefixes mark the
/// words they expanded to. Built once per query and reused for its hits; not thread-safe. Text
/// is HTML-escaped and only the configured tags are inserted.
/// </summary>
public sealed class SnippetHighlighter
{
    private const string Ellipsis = "…";

    private readonly HighlightSettings settings;
    private readonly TextMarker titleMarker;
    private readonly TextMarker bodyMarker;
    private readonly TextMarker? titleCharacterMarker;
    private readonly TextMarker? bodyCharacterMarker;

    public SnippetHighlighter(Query query, IndexReader reader, Analyzer analyzer, HighlightSettings settings)
    {
        this.settings = settings;
        var patterns = QueryPatterns.Extract(query, reader);
        titleMarker = new TextMarker(analyzer, ArticleFields.Title, [.. patterns.Where(pattern => pattern.Field == ArticleFields.Title)]);
        bodyMarker = new TextMarker(analyzer, ArticleFields.Body, [.. patterns.Where(pattern => pattern.Field == ArticleFields.Body)]);
        // A Chinese run may match as characters where its words do not (见冰岛总统 in 会见冰岛总统):
        // those matches are found in the character-pair analysis of the same text.
        titleCharacterMarker = CharacterMarker(analyzer, ArticleFields.TitleBigrams, patterns);
        bodyCharacterMarker = CharacterMarker(analyzer, ArticleFields.BodyBigrams, patterns);
    }

    private static TextMarker? CharacterMarker(Analyzer analyzer, string field, IReadOnlyList<MatchPattern> patterns) =>
        patterns.Where(pattern => pattern.Field == field).ToList() is { Count: > 0 } fieldPatterns ? new TextMarker(analyzer, field, fieldPatterns) : null;

    /// <summary>The word matches of the text, joined by its character matches where a character marker exists.</summary>
    private static MarkedText Mark(string text, TextMarker words, TextMarker? characters)
    {
        var marked = words.Mark(text);
        if (characters?.Mark(text).Marks is { Count: > 0 } characterMarks)
        {
            marked.SetMarks([.. marked.Marks, .. characterMarks]);
        }
        return marked;
    }

    /// <summary>The whole title, escaped, with its matches marked.</summary>
    public string MarkTitle(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return "";
        }
        return Mark(title, titleMarker, titleCharacterMarker).Render(0, title.Length, settings.PreTag, settings.PostTag, collapseWhitespace: false);
    }

    /// <summary>The best marked passages of the body; its lead, unmarked, when nothing in the body matched.</summary>
    public IReadOnlyList<string> Snippets(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }
        var marked = Mark(body, bodyMarker, bodyCharacterMarker);
        IEnumerable<Passage> passages = marked.Marks.Count > 0
            ? PassageSelector.Select(marked, settings.SnippetLength, settings.SnippetCount)
            : PassageSelector.Lead(marked, settings.SnippetLength) is { } lead ? [lead] : [];
        return [.. passages.Select(passage => Render(marked, passage))];
    }

    private string Render(MarkedText marked, Passage passage) =>
        (passage.CutBefore ? Ellipsis : "")
        + marked.Render(passage.Start, passage.End, settings.PreTag, settings.PostTag, collapseWhitespace: true)
        + (passage.CutAfter ? Ellipsis : "");
}
