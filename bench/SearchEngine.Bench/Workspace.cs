namespace SearchEngine.Bench;

/// <summary>Where the checkout, the shared corpora and peer, the Release builds and the scratch space are.</summary>
internal sealed record Workspace(string RepoRoot, string SharedRoot, string ServerDll, string CliDll, string ScratchRoot)
{
    public IReadOnlyList<string> CorpusFiles { get; } =
        [Path.Combine(SharedRoot, "corpora/jsonl/xinwenlianbo.jsonl"), Path.Combine(SharedRoot, "corpora/jsonl/reuters.jsonl")];

    public string PeerScript => Path.Combine(SharedRoot, "peers/lucene-java/run.sh");

    public string QueriesFile => Path.Combine(SharedRoot, "bench/queries/mixed.txt");

    /// <summary>The bench's own dll, to run analysis passes in fresh processes.</summary>
    public static string BenchDll => typeof(Workspace).Assembly.Location;

    public static Workspace Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SearchEngine.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            throw new BenchException($"no SearchEngine.sln above {AppContext.BaseDirectory}");
        }
        var root = directory.FullName;
        // The server and CLI are built next to the bench by its project references, in its configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Release";
        var workspace = new Workspace(
            root,
            Path.GetFullPath(Path.Combine(root, "../shared")),
            Path.Combine(root, $"src/SearchEngine.Server/bin/{configuration}/net10.0/SearchEngine.Server.dll"),
            Path.Combine(root, $"src/SearchEngine.Cli/bin/{configuration}/net10.0/searchengine.dll"),
            Path.Combine(Path.GetTempPath(), "searchengine-bench"));
        foreach (var file in new[] { workspace.ServerDll, workspace.CliDll }.Concat(workspace.CorpusFiles))
        {
            if (!File.Exists(file))
            {
                throw new BenchException($"{file} is missing (build with `dotnet build -c Release bench/SearchEngine.Bench`; the corpora are in ../shared)");
            }
        }
        if (configuration != "Release")
        {
            Console.Error.WriteLine($"bench: warning: running the {configuration} build; measure with -c Release");
        }
        Directory.CreateDirectory(workspace.ScratchRoot);
        return workspace;
    }

    /// <summary>A fresh, empty folder under the scratch root.</summary>
    public string NewScratchFolder(string prefix)
    {
        var path = Path.Combine(ScratchRoot, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
