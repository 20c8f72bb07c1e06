namespace SearchEngine.Core.Tests.Import;

/// <summary>
/// The shared corpora live beside the repository (../shared) and are never copied into it, because
/// their text is not ours to redistribute; tests that need them skip when they are absent.
/// </summary>
internal static class SharedCorpora
{
    /// <summary>The full path of a file under ../shared, or a skipped test when it is not there.</summary>
    public static string RequireFile(string folder, string fileName)
    {
        var path = RepositoryRoot() is { } root ? Path.Combine(root, "..", "shared", folder, fileName) : null;
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"needs ../shared/{folder} (the shared corpora are not beside this checkout)");
        }
        return Path.GetFullPath(path);
    }

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SearchEngine.sln")))
            {
                return folder.FullName;
            }
        }
        return null;
    }
}
