using System.Text;

namespace SearchEngine.Testing;

/// <summary>A fresh folder under the system temp folder, deleted with its contents on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("searchengine-tests-").FullName;

    /// <summary>Writes a file at a path relative to the folder, creating subfolders, and returns its full path.</summary>
    public string WriteBytes(string relativePath, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Writes UTF-8 text (no byte-order mark) and returns the file's full path.</summary>
    public string WriteText(string relativePath, string content) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(content));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
