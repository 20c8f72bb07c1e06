using System.Text;
using SearchEngine.Contracts.V1;
using SearchEngine.Core.Analysis;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests.SharedCorpus;

/// <summary>
/// Every bench query (../shared/bench/queries) through the Search RPC over the real corpora,
/// its top 10 hits checked against NewsAnalyzer's analysis of the stored article: marks cover
/// whole occurrences of query words or phrases and nothing else, every occurrence inside a shown
/// stretch is marked, a body that matches gets a marked snippet, and snippets are found in the
/// body, begin and end at sentence boundaries or at cuts that split no word, Chinese word or
/// surrogate pair, and keep to the snippet length.
/// </summary>
[Collection(SharedCorpusCollection.Name)]
public sealed class CorpusHighlightTests(SharedCorpusFixture fixture)
{
    private const char Ellipsis = '…';
    private const char FirstWide = '\u2E80';
    private const string Terminators = "。！？；….!?";
    private const string Closers = "”’\"')）」』】》]";

    private readonly Lucene.Net.Analysis.Analyzer analyzer = NewsAnalyzer.Create();
    // Hits recur across queries: each article is fetched and analysed once.
    private readonly Dictionary<string, (Article Article, List<ReferenceToken> Title, List<ReferenceToken> Body)> articles = [];

    [Theory]
    [InlineData("zh.txt")]
    [InlineData("en.txt")]
    public async Task MarksAndSnippetsOfEveryBenchQueryAgreeWithTheAnalyzer(string queryFile)
    {
        SharedCorpusFixture.RequireCorpora();
        var queries = File.ReadAllLines(RepositoryPaths.RequireShared("bench", "queries", queryFile)).Where(line => line.Length > 0).ToList();
        var tally = new Tally();
        foreach (var query in queries)
        {
            var reference = ReferenceQuery.Parse(query, analyzer);
            var response = await fixture.Server.SearchAsync(new SearchRequest { Query = query });
            tally.Queries++;
            foreach (var hit in response.Hits)
            {
                if (!articles.TryGetValue(hit.Id, out var analysed))
                {
                    var article = await fixture.Server.GetArticleAsync(hit.Id);
                    analysed = (article, ReferenceQuery.Analyse(analyzer, article.Title), ReferenceQuery.Analyse(analyzer, article.Body));
                    articles[hit.Id] = analysed;
                }
                var where = $"query \"{query}\", hit {hit.Id}";
                CheckTitle(reference, analysed.Article.Title, analysed.Title, hit.Highlight.Title, where, tally);
                CheckBody(reference, analysed.Article.Body, analysed.Body, hit.Highlight.Snippets, where, tally);
                tally.Hits++;
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{queryFile}: {tally.Queries} queries, {tally.Hits} hits ({tally.BodyMatches} with a body match), " +
            $"{tally.Snippets} snippets, {tally.Marks} marks checked ({tally.CharacterMarks} of Chinese text); {tally.Failures.Count} failures");
        Assert.True(tally.Failures.Count == 0, string.Join("\n", tally.Failures.Take(30)));
        Assert.Equal(queries.Count, tally.Queries);
        Assert.True(tally.Marks > tally.Hits, $"only {tally.Marks} marks in {tally.Hits} hits");
    }

    private void CheckTitle(ReferenceQuery reference, string title, List<ReferenceToken> tokens, string markedTitle, string where, Tally tally)
    {
        var marked = MarkedString.Parse(markedTitle);
        if (!marked.WellFormed || marked.Text != title)
        {
            tally.Fail($"{where}: title \"{markedTitle}\" is not the escaped title \"{title}\" with balanced marks");
            return;
        }
        CheckMarks(reference, title, tokens, marked.Marks, 0, title.Length, $"{where}, title", tally);
    }

    private void CheckBody(ReferenceQuery reference, string body, List<ReferenceToken> tokens, IReadOnlyList<string> snippets, string where, Tally tally)
    {
        var bodyMatches = reference.Units.Any(unit => unit.Occurrences(tokens).Any()) || reference.MatchesByCharacters(body);
        tally.BodyMatches += bodyMatches ? 1 : 0;
        if (body.Length > 0 && snippets.Count == 0)
        {
            tally.Fail($"{where}: no snippet");
        }
        var (collapsed, sourceIndex) = Collapse(body);
        var anyMark = false;
        foreach (var snippet in snippets)
        {
            tally.Snippets++;
            var marked = MarkedString.Parse(snippet);
            if (!marked.WellFormed)
            {
                tally.Fail($"{where}: snippet \"{snippet}\" is not escaped text with balanced marks");
                continue;
            }
            var cutBefore = marked.Text.StartsWith(Ellipsis);
            var cutAfter = marked.Text.EndsWith(Ellipsis) && marked.Text.Length > 1;
            var text = marked.Text[(cutBefore ? 1 : 0)..(marked.Text.Length - (cutAfter ? 1 : 0))];
            var at = text.Length == 0 ? -1 : collapsed.IndexOf(text, StringComparison.Ordinal);
            if (at < 0)
            {
                tally.Fail($"{where}: snippet \"{snippet}\" is not in the body");
                continue;
            }
            var start = sourceIndex[at];
            var end = sourceIndex[at + text.Length - 1] + 1;
            var shift = cutBefore ? 1 : 0;
            var marks = marked.Marks
                .Select(mark => (Start: sourceIndex[at + Math.Max(mark.Start - shift, 0)], End: sourceIndex[at + Math.Min(mark.End - shift, text.Length) - 1] + 1))
                .ToList();
            anyMark |= marks.Count > 0;
            CheckMarks(reference, body, tokens, marks, start, end, $"{where}, snippet \"{snippet}\"", tally);
            CheckEdges(body, tokens, start, end, cutBefore, cutAfter, $"{where}, snippet \"{snippet}\"", tally);
            if (text.Length > Core.Search.HighlightSettings.DefaultSnippetLength)
            {
                tally.Fail($"{where}: snippet \"{snippet}\" has {text.Length} characters, over the snippet length");
            }
        }
        if (bodyMatches && !anyMark)
        {
            tally.Fail($"{where}: the body matches but no snippet is marked: {string.Join(" | ", snippets)}");
        }
        if (!bodyMatches && anyMark)
        {
            tally.Fail($"{where}: the body does not match but a snippet is marked: {string.Join(" | ", snippets)}");
        }
    }

    /// <summary>
    /// Each mark, analysed on its own, gives query terms only. A mark of Latin text covers whole
    /// tokens that make up whole query units and nothing else. A mark of Chinese text may also
    /// be a character match that SmartCn segments differently in the article (大会 inside
    /// 人民大会堂, 新加坡总统 where the article reads 新加坡总统府): the query's characters stand
    /// there together, which is what the character-pair fields match. Every unit occurring
    /// inside [start, end) is inside a mark.
    /// </summary>
    private void CheckMarks(ReferenceQuery reference, string text, List<ReferenceToken> tokens,
        IReadOnlyList<(int Start, int End)> marks, int start, int end, string where, Tally tally)
    {
        foreach (var (markStart, markEnd) in marks)
        {
            tally.Marks++;
            var first = tokens.FindIndex(token => token.End > markStart);
            var last = tokens.FindLastIndex(token => token.Start < markEnd);
            var markText = text[markStart..markEnd];
            if (CharacterBigramTokenizer.ContainsCjk(markText))
            {
                tally.CharacterMarks++;
            }
            else if (first < 0 || last < first || tokens[first].Start != markStart || tokens[last].End != markEnd)
            {
                tally.Fail($"{where}: mark \"{markText}\" does not begin and end with a whole token");
            }
            else if (!reference.IsMadeOfUnits(tokens, first, last))
            {
                tally.Fail($"{where}: mark \"{markText}\" ({string.Join(' ', tokens[first..(last + 1)].Select(token => token.Term))}) is not made of query units");
            }
            var alone = ReferenceQuery.Analyse(analyzer, markText);
            var characterMatch = CharacterBigramTokenizer.ContainsCjk(markText) && reference.IsMadeOfCharacterUnits(markText);
            if (!characterMatch && (alone.Count == 0 || alone.Any(token => !reference.Terms.Contains(token.Term))))
            {
                tally.Fail($"{where}: mark \"{markText}\" analyses to {string.Join(' ', alone.Select(token => token.Term))}, not to query terms");
            }
        }
        foreach (var unit in reference.Units)
        {
            foreach (var (first, last) in unit.Occurrences(tokens))
            {
                var (occurrenceStart, occurrenceEnd) = (tokens[first].Start, tokens[last].End);
                if (occurrenceStart >= start && occurrenceEnd <= end && !marks.Any(mark => mark.Start <= occurrenceStart && occurrenceEnd <= mark.End))
                {
                    tally.Fail($"{where}: \"{text[occurrenceStart..occurrenceEnd]}\" matches the query but is not marked");
                }
            }
        }
    }

    /// <summary>
    /// A snippet begins after a sentence end (or the start of a line) unless it shows an
    /// ellipsis, and likewise ends; a cut never splits a Latin word, a token or a surrogate pair.
    /// </summary>
    private static void CheckEdges(string body, List<ReferenceToken> tokens, int start, int end, bool cutBefore, bool cutAfter, string where, Tally tally)
    {
        foreach (var (edge, side) in new[] { (start, "begins"), (end, "ends") })
        {
            if (edge > 0 && edge < body.Length && char.IsHighSurrogate(body[edge - 1]) && char.IsLowSurrogate(body[edge]))
            {
                tally.Fail($"{where}: {side} inside a surrogate pair");
            }
            if (edge > 0 && edge < body.Length && IsLatinWordChar(body[edge - 1]) && IsLatinWordChar(body[edge]))
            {
                tally.Fail($"{where}: {side} inside the word around \"{body[Math.Max(0, edge - 10)..Math.Min(body.Length, edge + 10)]}\"");
            }
            if (tokens.Any(token => token.Start < edge && edge < token.End))
            {
                tally.Fail($"{where}: {side} inside a token of \"{body[Math.Max(0, edge - 10)..Math.Min(body.Length, edge + 10)]}\"");
            }
        }
        if (!cutBefore && !StartsSentence(body, start))
        {
            tally.Fail($"{where}: begins inside a sentence without an ellipsis");
        }
        if (!cutAfter && !EndsSentence(body, end))
        {
            tally.Fail($"{where}: ends inside a sentence without an ellipsis");
        }
    }

    private static bool StartsSentence(string body, int start)
    {
        var before = start;
        while (before > 0 && char.IsWhiteSpace(body[before - 1]) && body[before - 1] != '\n')
        {
            before--;
        }
        return before == 0 || body[before - 1] == '\n' || Terminators.Contains(body[before - 1]) || Closers.Contains(body[before - 1]);
    }

    private static bool EndsSentence(string body, int end)
    {
        var after = end;
        while (after < body.Length && char.IsWhiteSpace(body[after]) && body[after] != '\n')
        {
            after++;
        }
        return after == body.Length || body[after] == '\n' || Terminators.Contains(body[end - 1]) || Closers.Contains(body[end - 1]);
    }

    private static bool IsLatinWordChar(char c) => c < FirstWide && char.IsLetterOrDigit(c);

    /// <summary>
    /// The body as snippets show it: every run of whitespace one space, or nothing where a line
    /// break stands between two Chinese characters; with the body index of each character.
    /// </summary>
    private static (string Text, int[] SourceIndex) Collapse(string body)
    {
        var text = new StringBuilder(body.Length);
        var sourceIndex = new List<int>(body.Length);
        for (var i = 0; i < body.Length;)
        {
            if (!char.IsWhiteSpace(body[i]))
            {
                text.Append(body[i]);
                sourceIndex.Add(i);
                i++;
                continue;
            }
            var runEnd = i;
            while (runEnd < body.Length && char.IsWhiteSpace(body[runEnd]))
            {
                runEnd++;
            }
            var lineBreak = body.AsSpan(i, runEnd - i).IndexOfAny('\n', '\r') >= 0;
            if (!(lineBreak && i > 0 && runEnd < body.Length && body[i - 1] >= FirstWide && body[runEnd] >= FirstWide))
            {
                text.Append(' ');
                sourceIndex.Add(i);
            }
            i = runEnd;
        }
        return (text.ToString(), [.. sourceIndex]);
    }

    private sealed class Tally
    {
        public int Queries { get; set; }
        public int Hits { get; set; }
        public int BodyMatches { get; set; }
        public int Snippets { get; set; }
        public int Marks { get; set; }
        /// <summary>Marks of Chinese characters that stand together where the article's words do not line up with the query's.</summary>
        public int CharacterMarks { get; set; }
        public List<string> Failures { get; } = [];

        public void Fail(string failure) => Failures.Add(failure);
    }
}
