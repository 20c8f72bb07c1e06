namespace SearchEngine.Cli.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp folder, deleted with its content on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("searchengine-cli-tests-").FullName;

    /// <summary>Writes a file (UTF-8, no BOM) into the folder and returns its full path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
