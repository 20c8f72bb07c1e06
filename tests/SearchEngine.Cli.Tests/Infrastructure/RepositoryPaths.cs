namespace SearchEngine.Cli.Tests.Infrastructure;

/// <summary>Folders of the checkout the tests run from, and of the shared corpora beside it.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "SearchEngine.sln";

    /// <summary>The folder holding SearchEngine.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The sample articles the server ships with.</summary>
    public static string SampleData => Path.Combine(Root, "index-data", "sample");

    /// <summary>The shared corpora and seeds, a sibling of the checkout ("../shared"); it may be absent.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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
