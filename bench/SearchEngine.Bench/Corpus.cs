using SearchEngine.Core.Import;
using SearchEngine.Core.Schema;

namespace SearchEngine.Bench;

/// <summary>Articles read into memory with the engine's own JSONL reader.</summary>
internal static class Corpus
{
    public static List<Article> Load(IEnumerable<string> files)
    {
        var articles = new List<Article>();
        foreach (var file in files)
        {
            foreach (var record in JsonlArticleReader.Read(file))
            {
                articles.Add(record.Article ?? throw new BenchException($"{record.File}:{record.Line}: {record.Error}"));
            }
        }
        return articles;
    }

    public static double InputMb(IEnumerable<string> files) => files.Sum(file => new FileInfo(file).Length) / 1e6;
}
