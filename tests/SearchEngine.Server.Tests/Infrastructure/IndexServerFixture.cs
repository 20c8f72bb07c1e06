namespace SearchEngine.Server.Tests.Infrastructure;

/// <summary>A server over a fresh temporary index, started once for a test class and deleted with it.</summary>
public abstract class IndexServerFixture : IAsyncLifetime
{
    private readonly TempFolder indexFolder = new();
    private SearchServer? server;

    public SearchServer Server => server ?? throw new InvalidOperationException("the fixture has not been initialised");

    protected abstract ServerSettings SettingsFor(string indexPath);

    /// <summary>Puts the fixture's own articles into the started server.</summary>
    protected virtual Task SeedAsync(SearchServer started) => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        server = await SearchServer.StartAsync(SettingsFor(indexFolder.Path));
        await SeedAsync(server);
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        indexFolder.Dispose();
    }
}

/// <summary>The shipped sample articles, loaded by the server itself into the empty index.</summary>
public sealed class SampleIndexFixture : IndexServerFixture
{
    protected override ServerSettings SettingsFor(string indexPath) =>
        new(indexPath, RepositoryPaths.SampleData, ServerSettings.DefaultRefreshInterval);
}

/// <summary>The shipped sample served on a real Kestrel socket, for clients outside the process.</summary>
public sealed class SocketSampleIndexFixture : IndexServerFixture
{
    protected override ServerSettings SettingsFor(string indexPath) =>
        new(indexPath, RepositoryPaths.SampleData, ServerSettings.DefaultRefreshInterval, OverSocket: true);
}

/// <summary>No sample, only <see cref="CuratedArticles.All"/>, indexed through IndexArticles.</summary>
public sealed class CuratedIndexFixture : IndexServerFixture
{
    protected override ServerSettings SettingsFor(string indexPath) =>
        new(indexPath, SampleData: "", ServerSettings.DefaultRefreshInterval);

    protected override async Task SeedAsync(SearchServer started)
    {
        var response = await started.IndexArticlesAsync(CuratedArticles.All);
        if (response.Rejected.Count > 0 || response.Indexed != CuratedArticles.All.Count)
        {
            throw new InvalidOperationException($"curated articles were not all indexed: {response}");
        }
    }
}

/// <summary>
/// An index that starts empty and whose background refresh is too slow to matter: an article is
/// searchable right after a write only if the write committed and refreshed before answering.
/// </summary>
public sealed class WritableIndexFixture : IndexServerFixture
{
    protected override ServerSettings SettingsFor(string indexPath) =>
        new(indexPath, SampleData: "", RefreshInterval: TimeSpan.FromHours(1));
}
