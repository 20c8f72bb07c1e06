using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Util;

namespace SearchEngine.Core.Analysis;

/// <summary>The one analysis chain of the engine, used for indexing, query parsing and highlighting.</summary>
public static class NewsAnalyzer
{
    /// <summary>The Lucene compatibility version every component is pinned to.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// SmartCn segments Chinese into words and lower-cases and Porter-stems Latin text, so one
    /// analyzer serves Chinese, English and mixed text. Analyzers are thread-safe (per-thread
    /// token stream reuse): create one per index and share it.
    /// </summary>
    public static Analyzer Create() => new SmartChineseAnalyzer(Version);
}
