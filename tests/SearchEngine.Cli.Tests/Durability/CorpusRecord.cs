using System.Text.Json;

namespace SearchEngine.Cli.Tests.Durability;

/// <summary>One line of a canonical article JSONL file, as the test expects to find it in the index.</summary>
public sealed record CorpusRecord(string File, int Line, string Id, string? Title, string? Body)
{
    /// <summary>False for a record with neither title nor body: the server rejects it by design.</summary>
    public bool Indexable => !string.IsNullOrWhiteSpace(Title) || !string.IsNullOrWhiteSpace(Body);

    /// <summary>Every record of the files, in file and line order.</summary>
    public static List<CorpusRecord> ReadAll(params string[] files)
    {
        var records = new List<CorpusRecord>();
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in System.IO.File.ReadLines(file))
            {
                lineNumber++;
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                records.Add(new CorpusRecord(file, lineNumber, root.GetProperty("id").GetString()!, Text(root, "title"), Text(root, "body")));
            }
        }
        return records;
    }

    private static string? Text(JsonElement record, string property) =>
        record.TryGetProperty(property, out var value) ? value.GetString() : null;
}
