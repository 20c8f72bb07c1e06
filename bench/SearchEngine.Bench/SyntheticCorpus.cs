using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SearchEngine.Core.Schema;

namespace SearchEngine.Bench;

/// <summary>
/// A larger corpus made from the real one, deterministically: generation g (= record number /
/// real count) visits the real articles in an order shuffled with seed + g, gives each a new id
/// <c>syn{g}-{id}</c>, moves its date g years and g days back and shuffles its body's paragraphs.
/// The first N records of the corpus for one seed are the same for every N.
/// </summary>
internal static class SyntheticCorpus
{
    public const int DefaultSeed = 20261128;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="size"/> articles as canonical JSONL; returns the bytes written.</summary>
    public static long Write(IReadOnlyList<Article> real, int size, int seed, string path)
    {
        var temporary = path + ".partial";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            using var writer = new Utf8JsonWriter(file, WriterOptions);
            int[] order = [];
            for (var i = 0; i < size; i++)
            {
                var generation = i / real.Count;
                if (i % real.Count == 0)
                {
                    order = [.. Enumerable.Range(0, real.Count)];
                    new Random(seed + generation).Shuffle(order);
                }
                WriteArticle(writer, Derive(real[order[i % real.Count]], generation, new Random(seed ^ i)));
                writer.Flush();
                writer.Reset();
                file.WriteByte((byte)'\n');
            }
        }
        File.Move(temporary, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    private static Article Derive(Article article, int generation, Random random)
    {
        string? body = null;
        if (article.Body is { } text)
        {
            var paragraphs = text.Split('\n');
            random.Shuffle(paragraphs);
            body = string.Join('\n', paragraphs);
        }
        return article with
        {
            Id = $"syn{generation}-{article.Id}",
            Body = body,
            PublishedAt = article.PublishedAt?.AddYears(-generation).AddDays(-generation),
        };
    }

    private static void WriteArticle(Utf8JsonWriter writer, Article article)
    {
        writer.WriteStartObject();
        writer.WriteString("id", article.Id);
        WriteOptional(writer, "title", article.Title);
        WriteOptional(writer, "body", article.Body);
        WriteOptional(writer, "published_at", article.PublishedAt?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        WriteOptional(writer, "source", article.Source);
        WriteOptional(writer, "url", article.Url);
        WriteOptional(writer, "language", article.Language);
        WriteOptional(writer, "author", article.Author);
        WriteOptional(writer, "section", article.Section);
        if (article.Tags.Count > 0)
        {
            writer.WriteStartArray("tags");
            foreach (var tag in article.Tags)
            {
                writer.WriteStringValue(tag);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
