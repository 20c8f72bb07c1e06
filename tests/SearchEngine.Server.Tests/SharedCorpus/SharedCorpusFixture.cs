using System.Diagnostics;
using SearchEngine.Contracts.Mapping;
using SearchEngine.Contracts.V1;
using SearchEngine.Core.Import;
using SearchEngine.Server.Tests.Infrastructure;

namespace SearchEngine.Server.Tests.SharedCorpus;

/// <summary>
/// The xinwenlianbo and Reuters corpora streamed through IndexArticles into one empty index, once
/// for the whole test run. Each file goes in its own call, so rejected positions are line numbers.
/// When the corpora are not beside the checkout nothing is started and the tests skip.
/// </summary>
public sealed class SharedCorpusFixture : IAsyncLifetime
{
    public const string XinwenlianboFile = "xinwenlianbo.jsonl";
    public const string ReutersFile = "reuters.jsonl";

    private readonly TempFolder indexFolder = new();
    private readonly Dictionary<string, FileIngest> ingests = [];
    private SearchServer? server;

    private static string Corpus(string fileName) => Path.Combine(RepositoryPaths.Shared, "corpora", "jsonl", fileName);

    public static bool CorporaPresent => File.Exists(Corpus(XinwenlianboFile)) && File.Exists(Corpus(ReutersFile));

    public SearchServer Server => server ?? throw new InvalidOperationException("the corpora were not ingested");

    /// <summary>Wall-clock time of both IndexArticles calls, from the first write to the last response.</summary>
    public TimeSpan IngestDuration { get; private set; }

    public FileIngest Ingest(string fileName) => ingests[fileName];

    /// <summary>Skips the calling test when the corpora are absent, or fails it where CI demands them.</summary>
    public static void RequireCorpora()
    {
        RepositoryPaths.RequireShared("corpora", "jsonl", XinwenlianboFile);
        RepositoryPaths.RequireShared("corpora", "jsonl", ReutersFile);
    }

    public async ValueTask InitializeAsync()
    {
        if (!CorporaPresent)
        {
            return;
        }
        server = await SearchServer.StartAsync(new ServerSettings(indexFolder.Path, SampleData: "", ServerSettings.DefaultRefreshInterval));
        var stopwatch = Stopwatch.StartNew();
        foreach (var file in new[] { XinwenlianboFile, ReutersFile })
        {
            ingests[file] = await IngestAsync(server, Corpus(file));
        }
        IngestDuration = stopwatch.Elapsed;
    }

    private static async Task<FileIngest> IngestAsync(SearchServer target, string path)
    {
        var sent = new List<SentArticle>();
        var unreadable = new List<string>();
        var response = await target.IndexArticlesAsync(ReadAll());
        return new FileIngest(sent, unreadable, response);

        IEnumerable<Article> ReadAll()
        {
            foreach (var record in JsonlArticleReader.Read(path))
            {
                if (record.Article is null)
                {
                    unreadable.Add($"line {record.Line}: {record.Error}");
                    continue;
                }
                var article = ArticleMapping.ToContract(record.Article);
                sent.Add(new SentArticle(record.Line, article.Id, record.Article.PublishedAt));
                yield return article;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        indexFolder.Dispose();
    }
}

/// <summary>What one file's IndexArticles call sent and got back.</summary>
public sealed record FileIngest(IReadOnlyList<SentArticle> Sent, IReadOnlyList<string> Unreadable, IndexArticlesResponse Response);

/// <param name="Line">The article's line in its file.</param>
public sealed record SentArticle(int Line, string Id, DateTimeOffset? PublishedAt);

[CollectionDefinition(Name)]
public sealed class SharedCorpusCollection : ICollectionFixture<SharedCorpusFixture>
{
    public const string Name = "shared corpora";
}
