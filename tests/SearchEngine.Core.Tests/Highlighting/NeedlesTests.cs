using Lucene.Net.Analysis.TokenAttributes;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Highlighting;
using SearchEngine.Core.Import;

namespace SearchEngine.Core.Tests.Highlighting;

/// <summary>
/// The highlighter analyses only sentences that contain a needle of a query term, so a needle
/// must be found in every text that analyses to its term; otherwise a match would go unmarked.
/// </summary>
public sealed class NeedlesTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer = NewsAnalyzer.Create();

    [Theory]
    [InlineData("hoping", "hope")]
    [InlineData("happy", "happi")]
    [InlineData("Relational", "relat")]
    [InlineData("sensibility", "sensibl")]
    [InlineData("ＧＤＰ", "gdp")]
    [InlineData("Treasury", "treasuri")]
    [InlineData("数据", "数据")]
    public void A_word_holds_the_needle_of_the_term_it_analyses_to(string word, string term)
    {
        Assert.Equal(term, Assert.Single(Analyse(word)).Term);

        Assert.Contains(Needles.For(term), Needles.Fold(word), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_latin_word_of_the_shared_corpora_holds_the_needle_of_its_term()
    {
        // Each distinct run of Latin letters and digits (half or full width), analysed on its own:
        // every word the stemmer sees in the corpora. Chinese needs no such check, as SmartCn
        // leaves Chinese characters as written and a Chinese term is its own needle.
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "reuters.jsonl", "xinwenlianbo.jsonl" })
        {
            var path = RepositoryPaths.RequireShared("corpora", "jsonl", file);
            foreach (var article in JsonlArticleReader.Read(path).Select(record => record.Article).OfType<Schema.Article>())
            {
                AddLatinWords(article.Title, words);
                AddLatinWords(article.Body, words);
            }
        }

        // One word a line: SmartCn segments each line on its own, so this is each word alone.
        var tokens = Analyse(string.Join('\n', words));
        var misses = tokens
            .Where(token => !Needles.Fold(token.Surface).Contains(Needles.For(token.Term), StringComparison.Ordinal))
            .Select(token => $"{token.Surface} -> {token.Term}")
            .ToList();

        TestContext.Current.TestOutputHelper?.WriteLine($"{words.Count:N0} distinct words, {tokens.Count:N0} tokens checked");
        Assert.True(words.Count > 30_000, $"only {words.Count} distinct words");
        Assert.Empty(misses.Take(20));
    }

    private static List<(string Surface, string Term)> Analyse(string text)
    {
        var tokens = new List<(string, string)>();
        using var stream = Analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((text[offset.StartOffset..offset.EndOffset], term.ToString()));
        }
        stream.End();
        return tokens;
    }

    private static void AddLatinWords(string? text, HashSet<string> words)
    {
        for (var i = 0; text is not null && i < text.Length;)
        {
            var end = i;
            while (end < text.Length && IsLatinLetterOrDigit(text[end]))
            {
                end++;
            }
            if (end > i)
            {
                words.Add(text[i..end]);
            }
            i = end + 1;
        }
    }

    private static bool IsLatinLetterOrDigit(char c) => char.IsLetterOrDigit(c) && (c < '\u2E80' || c is >= '\uFF10' and <= '\uFF5A');
}
