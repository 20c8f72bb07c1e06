using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using SearchEngine.Core.Analysis;
using SearchEngine.Core.Facets;
using SearchEngine.Core.Indexing;
using SearchEngine.Core.Schema;
using SearchEngine.Core.Search;
using SearchEngine.Core.Tests.Support;
using static SearchEngine.Core.Tests.Support.Articles;

namespace SearchEngine.Core.Tests.Facets;

/// <summary>An index written before term facets: its articles count as missing until re-indexed, and opening it says so.</summary>
public sealed class TermFacetUpgradeTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Articles_indexed_without_facet_doc_values_are_counted_as_missing_and_reported_at_open()
    {
        // The document shape of the previous version: source as an indexed, stored term only.
        using (var directory = FSDirectory.Open(folder.Path))
        using (var analyzer = NewsAnalyzer.Create())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(NewsAnalyzer.Version, analyzer)))
        {
            foreach (var id in new[] { "old-1", "old-2" })
            {
                writer.AddDocument(new Document
                {
                    new StringField(ArticleFields.Id, id, Field.Store.YES),
                    new SortedDocValuesField(ArticleFields.Id, new BytesRef(id)),
                    new TextField(ArticleFields.Body, "harbour", Field.Store.YES),
                    new StringField(ArticleFields.Source, "Old Wire", Field.Store.YES),
                });
            }
            writer.Commit();
        }
        var logger = new RecordingLogger();

        using var index = ArticleIndex.Open(new IndexSettings { Path = folder.Path }, logger);
        index.Upsert(Make("new-1", "harbour", source: "Old Wire"));
        index.Refresh();
        var facet = new ArticleSearcher(index).Search(new SearchQuery
        {
            Text = "harbour",
            TermFacets = new TermFacetRequest { Fields = [TermFacetField.Source] },
        }, TestContext.Current.CancellationToken).TermFacets[0];

        Assert.Equal([new FacetValue("Old Wire", 1)], facet.Values);
        Assert.Equal(2, facet.MissingCount);
        var warning = Assert.Single(logger.Messages, message => message.Level == LogLevel.Warning);
        Assert.Equal("2 articles were indexed before term facets existed and count as missing in them; import them again to count them", warning.Text);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception)));
    }
}
