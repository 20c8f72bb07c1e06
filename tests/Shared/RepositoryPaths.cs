namespace SearchEngine.Testing;

/// <summary>Places in and beside the checkout, found by walking up from the test binaries to SearchEngine.sln.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "SearchEngine.sln";
    private const string RequireSharedVariable = "SEARCHENGINE_REQUIRE_SHARED";

    /// <summary>The folder holding SearchEngine.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The sample articles the project ships and the server loads into an empty index.</summary>
    public static string SampleData => Path.Combine(Root, "index-data", "sample");

    /// <summary>Where tools installed with npm (buf) live, outside version control.</summary>
    public static string Tools => Path.Combine(Root, ".tools");

    /// <summary>The shared corpora and seeds beside the checkout ("../shared"); never part of it.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>
    /// The full path of a file under ../shared. When it is absent the calling test is skipped,
    /// saying so, or fails where CI demands the shared corpora (SEARCHENGINE_REQUIRE_SHARED=1).
    /// </summary>
    public static string RequireShared(params string[] relativePath)
    {
        var path = Path.Combine([Shared, .. relativePath]);
        if (!File.Exists(path))
        {
            var reason = $"needs ../shared/{string.Join('/', relativePath)}: the shared corpora are not beside this checkout";
            if (Environment.GetEnvironmentVariable(RequireSharedVariable) == "1")
            {
                Assert.Fail(reason + $" ({RequireSharedVariable}=1)");
            }
            Assert.Skip(reason);
        }
        return path;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }
}
