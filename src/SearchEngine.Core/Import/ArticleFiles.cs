namespace SearchEngine.Core.Import;

/// <summary>Finds the importable files under the paths a user names and reads each with the right reader.</summary>
public static class ArticleFiles
{
    private const string JsonlExtension = ".jsonl";
    private const string GzippedJsonlExtension = ".jsonl.gz";
    private const string TextPageExtension = ".txt";
    private const string HtmlPageExtension = ".html";
    private const string ShortHtmlPageExtension = ".htm";

    /// <summary>
    /// Expands files and folders to the importable files (*.jsonl, *.jsonl.gz, *.txt, *.html, *.htm), in the order
    /// the paths are given; a folder is walked recursively and its files sorted ordinally by path.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    /// <exception cref="ArgumentException">A named file is not of an importable type.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsImportable)
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                if (!IsImportable(path))
                {
                    throw new ArgumentException(UnsupportedFileMessage(path), nameof(paths));
                }
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"\"{path}\" is neither a file nor a folder", path);
            }
        }
        return files;
    }

    /// <summary>
    /// Reads one file lazily, choosing the reader by extension: JSONL (optionally gzipped) is
    /// streamed line by line, a .txt file is one scraped news page whose local times are in
    /// <paramref name="textPageTimeZone"/>, and a .html or .htm file is one saved news web page.
    /// </summary>
    /// <exception cref="ArgumentException">The file is not of an importable type.</exception>
    public static IEnumerable<ImportRecord> Read(string path, TimeZoneInfo textPageTimeZone)
    {
        if (HasExtension(path, TextPageExtension))
        {
            return ReadTextPage(path, textPageTimeZone);
        }
        if (HasExtension(path, JsonlExtension) || HasExtension(path, GzippedJsonlExtension))
        {
            return JsonlArticleReader.Read(path);
        }
        if (IsHtmlPage(path))
        {
            return ReadHtmlPage(path);
        }
        throw new ArgumentException(UnsupportedFileMessage(path), nameof(path));
    }

    private static IEnumerable<ImportRecord> ReadTextPage(string path, TimeZoneInfo timeZone)
    {
        yield return TextPageReader.Read(path, timeZone);
    }

    private static IEnumerable<ImportRecord> ReadHtmlPage(string path)
    {
        yield return HtmlPageReader.Read(path);
    }

    private static bool IsImportable(string path) =>
        HasExtension(path, JsonlExtension) || HasExtension(path, GzippedJsonlExtension) || HasExtension(path, TextPageExtension)
        || IsHtmlPage(path);

    private static bool IsHtmlPage(string path) =>
        HasExtension(path, HtmlPageExtension) || HasExtension(path, ShortHtmlPageExtension);

    private static bool HasExtension(string path, string extension) =>
        path.EndsWith(extension, StringComparison.OrdinalIgnoreCase);

    private static string UnsupportedFileMessage(string path) =>
        $"\"{path}\" is not an importable file: expected *{JsonlExtension}, *{GzippedJsonlExtension}, *{TextPageExtension}, *{HtmlPageExtension} or *{ShortHtmlPageExtension}";
}
