using SearchEngine.Core.Import;
using SearchEngine.Core.Schema;

namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>The shipped sample as the engine reads it: the expected answers for queries over <see cref="SampleIndexFixture"/>.</summary>
internal static class SampleArticles
{
    public const int Count = 47;

    public static IReadOnlyList<Article> All { get; } = Load();

    private static List<Article> Load()
    {
        var articles = new List<Article>();
        foreach (var file in ArticleFiles.Expand([RepositoryPaths.SampleData]))
        {
            foreach (var record in JsonlArticleReader.Read(file))
            {
                articles.Add(record.Article ?? throw new InvalidOperationException($"{record.File}:{record.Line}: {record.Error}"));
            }
        }
        return articles;
    }
}
