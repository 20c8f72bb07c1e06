using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace SearchEngine.Core.Analysis;

/// <summary>The one analysis chain of the engine, used for indexing, query parsing and highlighting.</summary>
public static class NewsAnalyzer
{
    /// <summary>The Lucene compatibility version every component is pinned to.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// SmartCn's chain (word segmentation for Chinese; lower-cased, Porter-stemmed Latin text),
    /// so one analyzer serves Chinese, English and mixed text, plus one repair: SmartCn emits an
    /// emoji as two lone-surrogate tokens, which Lucene stores as U+FFFD, so every emoji would
    /// match every other. Analyzers are thread-safe: create one per index and share it.
    /// </summary>
    public static Analyzer Create() => new SmartCnWithoutLoneSurrogates();

    private sealed class SmartCnWithoutLoneSurrogates : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new HMMChineseTokenizer(reader);
            TokenStream stream = new LoneSurrogateFilter(tokenizer);
            stream = new PorterStemFilter(stream);
            stream = new StopFilter(Version, stream, SmartChineseAnalyzer.DefaultStopSet);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    private sealed class LoneSurrogateFilter(TokenStream input) : FilteringTokenFilter(Version, input)
    {
        private readonly ICharTermAttribute term = input.AddAttribute<ICharTermAttribute>();

        protected override bool Accept() => !(term.Length == 1 && char.IsSurrogate(term.Buffer[0]));
    }
}
