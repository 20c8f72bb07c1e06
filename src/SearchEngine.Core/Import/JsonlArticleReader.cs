using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using SearchEngine.Core.Schema;

namespace SearchEngine.Core.Import;

/// <summary>
/// Reads the canonical article JSONL format (one JSON object per line) as a stream: a bad line
/// becomes an error record and reading goes on with the next one.
/// </summary>
public static class JsonlArticleReader
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>Reads a .jsonl file, or a .jsonl.gz file decompressed on the fly.</summary>
    public static IEnumerable<ImportRecord> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var content = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : (Stream)file;
        foreach (var (lineNumber, utf8) in ReadLines(content))
        {
            if (!IsBlank(utf8.Span))
            {
                yield return ParseLine(path, lineNumber, utf8);
            }
        }
    }

    /// <summary>Reads JSONL text that is already decoded; <paramref name="fileName"/> labels the records.</summary>
    public static IEnumerable<ImportRecord> Read(TextReader reader, string fileName)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ParseLine(fileName, lineNumber, Encoding.UTF8.GetBytes(line));
            }
        }
    }

    /// <summary>
    /// Splits a stream into LF-terminated lines without decoding them, so that invalid UTF-8 can be
    /// reported per line. Each line is a view of a shared buffer, valid until the next one is read.
    /// </summary>
    private static IEnumerable<(int LineNumber, ReadOnlyMemory<byte> Utf8)> ReadLines(Stream stream)
    {
        var buffer = new byte[InitialBufferSize];
        var start = 0;
        var end = 0;
        var scanned = 0;
        var lineNumber = 0;
        var endOfStream = false;
        while (true)
        {
            var newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanned + newline;
                lineNumber++;
                yield return (lineNumber, TrimLine(buffer.AsMemory(start..lineEnd), lineNumber));
                start = scanned = lineEnd + 1;
                continue;
            }
            scanned = end;
            if (endOfStream)
            {
                if (end > start)
                {
                    lineNumber++;
                    yield return (lineNumber, TrimLine(buffer.AsMemory(start..end), lineNumber));
                }
                yield break;
            }
            if (start > 0)
            {
                buffer.AsSpan(start..end).CopyTo(buffer);
                end -= start;
                scanned -= start;
                start = 0;
            }
            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = stream.Read(buffer, end, buffer.Length - end);
            endOfStream = read == 0;
            end += read;
        }
    }

    /// <summary>Drops a CR of a CRLF line end, and the byte order mark on the first line.</summary>
    private static ReadOnlyMemory<byte> TrimLine(ReadOnlyMemory<byte> line, int lineNumber)
    {
        if (lineNumber == 1 && line.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            line = line[Encoding.UTF8.Preamble.Length..];
        }
        return line.Span.EndsWith((byte)'\r') ? line[..^1] : line;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) =>
        line.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0;

    private static ImportRecord ParseLine(string fileName, int lineNumber, ReadOnlyMemory<byte> utf8)
    {
        if (!Utf8.IsValid(utf8.Span))
        {
            return Failure("line is not valid UTF-8");
        }
        try
        {
            using var document = JsonDocument.Parse(utf8);
            return new ImportRecord(fileName, lineNumber, ToArticle(document.RootElement), null);
        }
        catch (JsonException exception)
        {
            return Failure($"malformed JSON: {ShortDetail(exception)}");
        }
        catch (InvalidRecordException exception)
        {
            return Failure(exception.Message);
        }

        ImportRecord Failure(string error) => new(fileName, lineNumber, null, error);
    }

    /// <summary>
    /// The first sentence of the parser's message and the 1-based byte column; the parser's own
    /// position suffix counts lines from 0 within the single line it saw and would mislead here.
    /// </summary>
    private static string ShortDetail(JsonException exception)
    {
        var message = exception.Message;
        var sentenceEnd = message.IndexOf(". ", StringComparison.Ordinal);
        var detail = (sentenceEnd >= 0 ? message[..sentenceEnd] : message).TrimEnd('.');
        return exception.BytePositionInLine is { } column ? $"{detail} (at byte {column + 1})" : detail;
    }

    private static Article ToArticle(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRecordException("line is not a JSON object");
        }
        // A missing id is left for the server's validation to reject, with its own message.
        return new Article
        {
            Id = GetString(root, "id") ?? "",
            Title = GetString(root, "title"),
            Body = GetString(root, "body"),
            PublishedAt = GetPublishedAt(root),
            Source = GetString(root, "source"),
            Url = GetString(root, "url"),
            Language = GetString(root, "language"),
            Author = GetString(root, "author"),
            Section = GetString(root, "section"),
            Tags = GetTags(root),
        };
    }

    /// <summary>The string value of a key; an absent key or a JSON null gives null.</summary>
    private static string? GetString(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidRecordException($"\"{key}\" must be a string");
    }

    private static DateTimeOffset? GetPublishedAt(JsonElement root)
    {
        if (GetString(root, "published_at") is not { } text)
        {
            return null;
        }
        return Rfc3339.TryParse(text, out var publishedAt)
            ? publishedAt
            : throw new InvalidRecordException($"published_at \"{text}\" is not an RFC 3339 date");
    }

    private static IReadOnlyList<string> GetTags(JsonElement root)
    {
        if (!root.TryGetProperty("tags", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(tag => tag.ValueKind != JsonValueKind.String))
        {
            throw new InvalidRecordException("\"tags\" must be an array of strings");
        }
        return [.. value.EnumerateArray().Select(tag => tag.GetString()!)];
    }

    /// <summary>A well-formed JSON line that does not describe an article.</summary>
    private sealed class InvalidRecordException(string message) : Exception(message);
}
