namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>Places in and beside the checkout, found by walking up from the test binaries to SearchEngine.sln.</summary>
internal static class RepositoryPaths
{
    private const string SolutionFile = "SearchEngine.sln";

    public static string Root { get; } = FindRoot();

    /// <summary>The sample articles the project ships and the server loads into an empty index.</summary>
    public static string SampleData => Path.Combine(Root, "index-data", "sample");

    /// <summary>The shared corpora in canonical JSONL; never part of the checkout.</summary>
    public static string SharedCorporaJsonl => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpora", "jsonl"));

    /// <summary>Where the buf CLI is installed with npm, outside version control.</summary>
    public static string Tools => Path.Combine(Root, ".tools");

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
