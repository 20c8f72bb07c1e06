using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Analysis;

/// <summary>The one analysis chain of the engine, used for indexing, query parsing and highlighting.</summary>
public static class NewsAnalyzer
{
    /// <summary>The Lucene compatibility version every component is pinned to.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// SmartCn's word segmentation for Chinese with English treated as English: Latin words are
    /// lower-cased, lose Lucene's 33 English stop words (and the "s" SmartCn splits off a
    /// possessive), then are Porter-stemmed. Chinese words pass through as SmartCn segments them.
    /// One repair: SmartCn emits an emoji as two lone-surrogate tokens, which Lucene stores as
    /// U+FFFD, so every emoji would match every other. Analyzers are thread-safe: create one
    /// per index and share it.
    /// </summary>
    public static Analyzer Create() => new PerFieldAnalyzerWrapper(new NewsAnalysisChain(), new Dictionary<string, Analyzer>
    {
        [ArticleFields.TitleBigrams] = new CharacterBigramAnalyzer(),
        [ArticleFields.BodyBigrams] = new CharacterBigramAnalyzer(),
    });

    /// <summary>SmartCn's punctuation stop words, Lucene's English ones, and the possessive "s".</summary>
    internal static CharArraySet StopWords { get; } = CreateStopWords();

    private static CharArraySet CreateStopWords()
    {
        var stopWords = new CharArraySet(Version, SmartChineseAnalyzer.DefaultStopSet.Count + EnglishAnalyzer.DefaultStopSet.Count + 1, ignoreCase: false);
        stopWords.UnionWith(SmartChineseAnalyzer.DefaultStopSet);
        stopWords.UnionWith(EnglishAnalyzer.DefaultStopSet);
        stopWords.Add("s");
        return stopWords.AsReadOnly();
    }

    private sealed class NewsAnalysisChain : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new HMMChineseTokenizer(reader);
            TokenStream stream = new LoneSurrogateFilter(tokenizer);
            // Stop words go before stemming, as in Lucene's EnglishAnalyzer: the list holds unstemmed words.
            stream = new StopFilter(Version, stream, StopWords);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    private sealed class CharacterBigramAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
            new(new CharacterBigramTokenizer(reader));
    }

    private sealed class LoneSurrogateFilter(TokenStream input) : FilteringTokenFilter(Version, input)
    {
        private readonly ICharTermAttribute term = input.AddAttribute<ICharTermAttribute>();

        protected override bool Accept() => !(term.Length == 1 && char.IsSurrogate(term.Buffer[0]));
    }
}
