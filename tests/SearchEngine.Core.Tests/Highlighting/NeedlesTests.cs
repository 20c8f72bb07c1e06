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

        Assert.StartsWith(Needles.For(term), Needles.Fold(word), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "贵州", "大", "数据" }, new[] { 0, 1, 2 }, "贵州大数据")]
    [InlineData(new[] { "big", "data" }, new[] { 0, 1 }, "bi|dat")]
    [InlineData(new[] { "f", "35" }, new[] { 0, 2 }, "f|3")]
    [InlineData(new[] { "网络", "5", "g" }, new[] { 0, 1, 2 }, "网络5|g")]
    [InlineData(new[] { "c", "919", "客机" }, new[] { 0, 1, 2 }, "c|91|客机")]
    [InlineData(new[] { "全面", "实施" }, new[] { 0, 2 }, "全面|实施")]
    public void Adjacent_chinese_words_of_a_phrase_are_looked_for_together(string[] terms, int[] offsets, string expected)
    {
        var parts = terms.Select((term, i) => new PatternPart(offsets[i], new HashSet<string> { term }, [Needles.For(term)])).ToList();

        var groups = Needles.GroupsFor(new MatchPattern("body", parts, Slop: 0));

        Assert.Equal(expected, string.Join('|', groups.Select(group => Assert.Single(group))));
    }

    [Fact]
    public void Compacting_drops_whitespace_and_folds_and_keeps_an_index_of_every_position()
    {
        var (text, index) = Needles.Compact("贵州 大数据\tＧＤＰ");

        Assert.Equal("贵州大数据gdp", text);
        Assert.Equal([0, 1, 2, 2, 3, 4, 5, 5, 6, 7, 8], index);
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
            .Where(token => !Needles.Fold(token.Surface).StartsWith(Needles.For(token.Term), StringComparison.Ordinal))
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
